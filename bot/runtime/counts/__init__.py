"""Anonymous usage counts on disk: aggregates per day, event, page, language and campaign tag
(counted in memory by :class:`bot.reporting.tally.Tally`).

There is deliberately no column for a person: nothing here can tell who did what. Counting is a
dictionary increment on the reply path; a background task writes batches to the store: SQLite
(:class:`SqliteCounts`, the default) or PostgreSQL
(:class:`bot.runtime.counts.postgres.PostgresCounts`
when ``DATABASE_URL`` is set), behind one interface, :class:`CountsBackend`.

Every batch is written in one transaction that adds to the stored counts and records the batch's
random id, so several processes can write at once, and a batch whose commit was interrupted can
be sent again without counting twice.

The package: ``store`` (the interface and what both backends share), ``sqlite``, ``postgres``
(asyncpg is imported only when it is used) and ``flusher``; this module chooses a backend.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from bot.runtime.counts.flusher import CountFlusher
from bot.runtime.counts.sqlite import (
    SCHEMA_VERSION,
    SQLITE_BUSY_TIMEOUT,
    SQLITE_MIGRATIONS,
    SqliteCounts,
    is_busy,
)
from bot.runtime.counts.store import (
    BATCH_ID_DAYS,
    COLUMNS,
    CountsBackend,
    CountsSchemaError,
    ImportResult,
    batch_rows,
    describe_url,
    import_plan,
    oldest_batch_day,
    pending_migrations,
    query_sql,
    url_secrets,
    utc_today,
)

__all__ = [
    "BATCH_ID_DAYS", "COLUMNS", "SCHEMA_VERSION", "SQLITE_BUSY_TIMEOUT", "SQLITE_MIGRATIONS",
    "CountFlusher", "CountsBackend", "CountsSchemaError", "ImportResult", "SqliteCounts",
    "batch_rows", "counts_backend", "describe_url", "import_plan", "is_busy",
    "oldest_batch_day", "pending_migrations", "query_sql", "url_secrets", "utc_today",
]


def counts_backend(database_url: SecretStr | None, database_path: Path, *,
                   must_connect: bool = False) -> CountsBackend:
    """PostgreSQL when ``DATABASE_URL`` is set, otherwise the SQLite file at ``DATABASE_PATH``.

    ``must_connect``: opening fails if PostgreSQL cannot be reached (for commands), instead of
    carrying on with counts waiting in memory (for the running bot).
    """
    if database_url is None:
        return SqliteCounts(database_path)
    from bot.runtime.counts.postgres import PostgresCounts  # asyncpg is loaded only when used

    return PostgresCounts(database_url.get_secret_value(), must_connect=must_connect)


