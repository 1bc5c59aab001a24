"""Running ``python -m bot ...`` in tests: in this process (fast, the default), or as a real
process where only a process shows what is tested (the module's entry point, exit codes and
streams as a shell sees them)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

# Settings a developer's shell may have that would change what the command does.
CLEARED = ("BOT_TOKEN", "DATABASE_URL")


def _env(env: dict[str, str] | None) -> dict[str, str]:
    full = {k: v for k, v in os.environ.items() if k not in CLEARED}
    full.update(env or {})
    return full


def run_process(args: list[str], env: dict[str, str] | None = None, stdin: str = "",
                cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          input=stdin, env=_env(env), cwd=cwd or ROOT, timeout=timeout,
                          check=False)


@contextlib.contextmanager
def _as_a_process(env: dict[str, str], cwd: Path) -> Iterator[None]:
    """The environment, working folder and logging a new process would have, put back after."""
    saved_env = dict(os.environ)
    saved_cwd = Path.cwd()
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def run(args: list[str], env: dict[str, str] | None = None, stdin: str = "",
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``bot.cli.main(args)`` as ``python -m bot`` runs it, with its exit code and output."""
    from bot.cli import main

    out, err = io.StringIO(), io.StringIO()
    with _as_a_process(_env(env), cwd or ROOT), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        saved_stdin = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            code = main(args)
        except SystemExit as exc:  # argparse: --help, or a usage error
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        finally:
            sys.stdin = saved_stdin
    return subprocess.CompletedProcess(["python", "-m", "bot", *args], code, out.getvalue(),
                                       err.getvalue())
