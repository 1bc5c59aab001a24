"""The counts store's interface and what both backends share: a batch of counts in, the
same tables and answers out, whichever database holds them."""

from __future__ import annotations

import datetime as dt
import logging
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Self
from urllib.parse import unquote, urlsplit

from bot.reporting.tally import CountKey, CountRow

log = logging.getLogger(__name__)

# How long the ids of written batches are kept: a batch is re-sent within minutes, never later.
BATCH_ID_DAYS = 30

COLUMNS = "day, event, page, locale, campaign"


@dataclass(frozen=True)
class ImportResult:
    """What one ``migrate-counts`` run added; a second run of the same source adds nothing."""

    rows_added: int
    counts_added: int
    rows_already: int


class CountsSchemaError(Exception):
    """The database was written by a newer version of the bot."""


def pending_migrations(current: int, migrations: Sequence[tuple[str, ...]],
                       where: str) -> list[tuple[int, tuple[str, ...]]]:
    """The versions after ``current``; refuses a database from a newer bot rather than guess."""
    if current > len(migrations):
        raise CountsSchemaError(
            f"the counts database ({where}) has schema version {current}, but this version of "
            f"the bot knows only up to {len(migrations)}: update the bot")
    return [(number, migrations[number - 1])
            for number in range(current + 1, len(migrations) + 1)]


def import_plan(ledger: dict[CountKey, int],
                rows: Iterable[CountRow]) -> tuple[Counter[CountKey], dict[CountKey, int]]:
    """What to add for each source row beyond what was copied from that source before."""
    adds: Counter[CountKey] = Counter()
    copied: dict[CountKey, int] = {}
    for row in rows:
        before = ledger.get(row.key, 0)
        if row.count > before:
            adds[row.key] = row.count - before
            copied[row.key] = row.count
    return adds, copied


def batch_rows(batch: Counter[CountKey]) -> list[tuple[str, str, str, str, str, int]]:
    """Rows in key order, so concurrent writers lock rows in the same order (no deadlocks)."""
    return [(k.day, k.event, k.page, k.locale, k.campaign, n) for k, n in sorted(batch.items())]


def utc_today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


class CountsBackend(ABC):
    """Where counts are kept. Both backends have the same tables and give the same answers."""

    description: str  # for log lines and messages: never includes a password

    @abstractmethod
    async def open(self) -> None:
        """Connect and bring the schema up to date."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def write(self, batch: Counter[CountKey], batch_id: str | None = None) -> bool:
        """Add a batch in one transaction: all of it is written or none of it.

        With a ``batch_id``, a batch that was already written (its commit went through, but the
        answer was lost) is not added again; returns False then.
        """

    @abstractmethod
    async def query(self, *, since: str | None = None, until: str | None = None,
                    min_count: int = 0) -> list[CountRow]: ...

    @abstractmethod
    async def schema_version(self) -> int: ...

    @abstractmethod
    async def store_id(self) -> str:
        """A random id made with the schema: names this database as a source for imports."""

    @abstractmethod
    async def import_counts(self, source: str, rows: Sequence[CountRow]) -> ImportResult:
        """Add counts copied from another store, once: only what grew since the last copy."""

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


def query_sql(placeholder: Callable[[int], str], since: str | None,
               until: str | None, min_count: int) -> tuple[str, list[object]]:
    args: list[object] = [min_count]
    sql = f"SELECT {COLUMNS}, count FROM counts WHERE count >= {placeholder(1)}"
    for value, op in ((since, ">="), (until, "<=")):
        if value:
            args.append(value)
            sql += f" AND day {op} {placeholder(len(args))}"
    return sql + f" ORDER BY {COLUMNS}", args


def oldest_batch_day() -> str:
    return (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=BATCH_ID_DAYS)).isoformat()


def url_secrets(url: str) -> list[str]:
    """The parts of a database URL that must never appear in a log line or a message."""
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    found = [url]
    if password:
        found += [password, unquote(password)]
    return found


def describe_url(url: str) -> str:
    """``PostgreSQL at host:port/database``: enough to tell which database, no credentials."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "PostgreSQL"
    return f"PostgreSQL at {host}{port}{parts.path or '/'}"


