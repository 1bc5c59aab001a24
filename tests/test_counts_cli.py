"""`stats` and `migrate-counts` against either backend, and the database password kept secret."""

from __future__ import annotations

import asyncio
import io
import logging
from collections import Counter
from pathlib import Path

import pytest

from bot.cli import counts_store, migrate_counts, print_stats
from bot.logs import RedactSecrets
from bot.reporting.tally import CountKey
from bot.runtime.counts import SqliteCounts, describe_url, url_secrets
from bot.settings import SettingsError, load_settings
from tests.cli import run
from tests.postgres import free_port
from tests.test_cli import site_env

BATCH = Counter({
    CountKey("2026-11-01", "page_view", "bladder", "en"): 12,
    CountKey("2026-11-02", "page_view", "bladder", "zh-Hant", "festival"): 2,
    CountKey("2026-11-02", "useful_no", "bladder", "zh-Hant"): 1,
    CountKey("2026-11-03", "start", "", "en"): 7,
})


def fill(path: Path, batch: Counter[CountKey]) -> None:
    async def write() -> None:
        async with SqliteCounts(path) as store:
            await store.write(batch)

    asyncio.run(write())


def stats_output(settings_url: str | None, path: Path, *args: object) -> str:
    settings = load_settings(database_url=settings_url, database_path=path)
    out = io.StringIO()
    assert print_stats(counts_store(settings), *args, out) == 0  # type: ignore[arg-type]
    return out.getvalue()


def test_migrate_counts_copies_once_and_stats_read_the_same(
        tmp_path: Path, postgres_url: str) -> None:
    sqlite = tmp_path / "counts.sqlite3"
    fill(sqlite, BATCH)
    settings = load_settings(database_url=postgres_url, database_path=tmp_path / "unused.db")
    out = io.StringIO()
    assert migrate_counts(settings, sqlite, out) == 0
    assert out.getvalue().startswith("Copied 22 counts in 4 row(s) from ")
    assert "PostgreSQL at 127.0.0.1:" in out.getvalue()

    out = io.StringIO()
    assert migrate_counts(settings, sqlite, out) == 0  # again: nothing added
    assert out.getvalue() == "4 row(s) had been copied before; nothing added for them.\n"

    for fmt, args in (("csv", (None, None, 0)), ("json", ("2026-11-02", None, 2)),
                      ("table", (None, "2026-11-02", 0))):
        from_postgres = stats_output(postgres_url, sqlite, fmt, *args)
        assert from_postgres == stats_output(None, sqlite, fmt, *args)
    lines = stats_output(postgres_url, sqlite, "csv", None, None, 0).splitlines()
    assert lines[1] == "2026-11-01,page_view,bladder,en,,12"

    fill(sqlite, Counter({CountKey("2026-11-03", "start", "", "en"): 3}))  # the old bot ran on
    out = io.StringIO()
    assert migrate_counts(settings, sqlite, out) == 0
    assert out.getvalue().startswith("Copied 3 counts in 1 row(s)")
    assert stats_output(postgres_url, sqlite, "csv", None, None, 0) == stats_output(
        None, sqlite, "csv", None, None, 0)
    assert not (tmp_path / "unused.db").exists()


def test_migrate_counts_explains_what_it_needs(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    sqlite = tmp_path / "counts.sqlite3"
    assert migrate_counts(load_settings(database_url=None), sqlite, io.StringIO()) == 2
    assert "DATABASE_URL is not set" in capsys.readouterr().err
    url = "postgresql://bot:pw@127.0.0.1:1/db"
    assert migrate_counts(load_settings(database_url=url), sqlite, io.StringIO()) == 2
    assert "is not a file" in capsys.readouterr().err


def test_unreachable_database_is_one_line_without_the_password(site: Path) -> None:
    password = "hunter2-s3cr3t"
    url = f"postgresql://ksafer:{password}@127.0.0.1:{free_port()}/counts"
    result = run(["stats"], {**site_env(site), "DATABASE_URL": url, "LOG_LEVEL": "DEBUG"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(
        "Could not read the counts from PostgreSQL at 127.0.0.1:")
    assert password not in result.stdout + result.stderr


def test_a_bad_database_url_names_the_setting_not_the_value() -> None:
    for value in ("mysql://bot:hunter2@db/counts", "postgresql://", "hunter2"):
        with pytest.raises(SettingsError) as caught:
            load_settings(database_url=value)
        assert str(caught.value).startswith("Invalid setting DATABASE_URL: expected a URL like")
        assert "hunter2" not in str(caught.value)
    settings = load_settings(database_url=" postgres://bot:hunter2@db:5432/counts ")
    assert settings.database_url is not None
    assert "hunter2" not in repr(settings) + str(settings.model_dump())


def test_a_database_is_described_without_credentials() -> None:
    assert describe_url("postgresql://bot:p%40ss@db.internal:6543/counts?sslmode=require") == (
        "PostgreSQL at db.internal:6543/counts")
    assert describe_url("postgres://bot@/counts") == "PostgreSQL at localhost/counts"
    assert describe_url("postgresql://[bad") == "PostgreSQL"
    assert set(url_secrets("postgresql://bot:p%40ss@db/counts")) == {
        "postgresql://bot:p%40ss@db/counts", "p%40ss", "p@ss"}


def test_the_password_is_masked_in_messages_and_tracebacks() -> None:
    url = "postgresql://bot:p%40ss@db/counts"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets(url_secrets(url)))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.error("connecting to %s", url)
        try:
            raise ConnectionError("password p@ss was refused")
        except ConnectionError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "connecting to ***" in text
    assert "password *** was refused" in text
    assert "p@ss" not in text and "p%40ss" not in text
