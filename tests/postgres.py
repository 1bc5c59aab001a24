"""A throwaway PostgreSQL server for the tests: ``initdb`` + ``pg_ctl`` on a temporary folder and a
free port, started once per test session, each test in a database of its own.

Debian's ``postgresql`` package provides the programs (``.ci/run`` installs it). Where it is not
installed the PostgreSQL tests are left out with one line in the summary, except in CI
(``CI=true``), where they must run, and fail. PostgreSQL refuses to run as root, so as root the
server runs as the ``postgres`` user the package creates (or ``nobody``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.runtime.counts import CountsBackend, SqliteCounts

USER = "ksafer_test"
DATABASE = "ksafer"
MISSING = ("PostgreSQL is not installed (Debian: apt-get install postgresql), "
           "so the PostgreSQL counts tests are skipped")


def find_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin, or wherever pg_ctl is on PATH."""
    def version(path: Path) -> int:
        return int(path.parent.name) if path.parent.name.isdigit() else 0

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        found.append(Path(on_path).resolve().parent)
    for folder in found:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder; the password is random for each session."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="k-safer-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.password = "pw-" + secrets.token_hex(12)
        self._run_as: dict[str, Any] = {}
        if os.geteuid() == 0:
            account = _unprivileged_account()
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._run_as = {"user": account.pw_uid, "group": account.pw_gid,
                            "extra_groups": []}

    def _run(self, *args: str) -> None:
        result = subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root,
                                capture_output=True, text=True, timeout=60, check=False,
                                **self._run_as)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stdout}{result.stderr}{tail}")

    def init(self) -> None:
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self._run_as:
            os.chown(pwfile, self._run_as["user"], self._run_as["group"])
        self._run("initdb", "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
                  "--auth=scram-sha-256", "--no-sync", "-E", "UTF8", "--no-locale",
                  "--no-instructions")
        pwfile.unlink()

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=60")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> None:
        result = subprocess.run(
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER,
             "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
            env={**os.environ, "PGPASSWORD": self.password}, capture_output=True, text=True,
            timeout=30, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr}")

    def create_database(self) -> None:
        """The tests' database, with ICU en-US collation (as on most hosts) where available:
        rows must still sort byte by byte, as in SQLite."""
        try:
            self.psql(f"CREATE DATABASE {DATABASE} TEMPLATE template0 LOCALE_PROVIDER icu "
                      "ICU_LOCALE 'en-US' LOCALE 'C'")
        except RuntimeError:
            self.psql(f"CREATE DATABASE {DATABASE}")

    def new_schema(self) -> str:
        """A URL to an empty schema of its own (much faster than a database per test)."""
        name = "t_" + secrets.token_hex(6)
        self.psql(f"CREATE SCHEMA {name}", DATABASE)
        return f"{self.url(DATABASE)}?search_path={name}"

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _unprivileged_account() -> pwd.struct_passwd:
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and there is no 'postgres' or 'nobody' user to run "
                       "PostgreSQL as")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def needs_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return ("postgres" in getattr(item, "fixturenames", ())
            or (callspec is not None and callspec.params.get("new_store") == "postgresql"))


LEFT_OUT = pytest.StashKey[int]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without PostgreSQL, leave its tests out (one summary line, not one per test)."""
    if in_ci() or find_bindir() is not None:
        return
    left_out = [item for item in items if needs_postgres(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not needs_postgres(item)]
        config.stash[LEFT_OUT] = len(left_out)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> None:
    if config.stash.get(LEFT_OUT, 0):
        terminalreporter.write_line(f"SKIPPED {config.stash[LEFT_OUT]} tests: {MISSING}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The session's server; fails in CI where PostgreSQL is not installed."""
    bindir = find_bindir()
    if bindir is None:
        if in_ci():
            pytest.fail(MISSING.replace("are skipped", "cannot run, and CI must run them"))
        pytest.skip(MISSING)
    server = PostgresServer(bindir)
    try:
        server.init()
        server.start()
        server.create_database()
        yield server
    finally:
        server.remove()


@pytest.fixture
def postgres_url(postgres: PostgresServer) -> str:
    """A URL (with password) to an empty database (schema) of this test's own."""
    return postgres.new_schema()


class StoreMaker:
    """Makes (unopened) stores of one backend, all on one database; ``sql`` reads or changes that
    database behind the store's back, to set up or check what the store cannot show."""

    def __init__(self, kind: str, target: str) -> None:
        self.kind, self.target = kind, target

    def __call__(self) -> CountsBackend:
        if self.kind == "sqlite":
            return SqliteCounts(Path(self.target))
        from bot.runtime.counts.postgres import PostgresCounts

        return PostgresCounts(self.target)

    async def sql(self, statement: str) -> list[tuple[Any, ...]]:
        if self.kind == "sqlite":
            with contextlib.closing(sqlite3.connect(self.target)) as db, db:
                return [tuple(row) for row in db.execute(statement)]
        import asyncpg

        conn = await asyncpg.connect(self.target)
        try:
            return [tuple(record) for record in await conn.fetch(statement)]
        finally:
            await conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> StoreMaker:
    """Parametrises a test over both backends."""
    if request.param == "sqlite":
        return StoreMaker("sqlite", str(tmp_path / "counts.sqlite3"))
    return StoreMaker("postgresql", request.getfixturevalue("postgres_url"))
