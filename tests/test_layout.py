"""The house keeps its shape (issue #25): the rooms that make screens never import aiogram or
anything that runs the bot, modules import no circle, and no function in bot/ is over 150 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"
PLAIN = ("model", "conversation", "checking", "reporting", "editorial")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_rooms_that_make_screens_know_nothing_of_telegram_or_the_running_bot() -> None:
    for room in PLAIN:
        for path in (BOT / room).rglob("*.py"):
            for name in imports(path):
                assert not name.startswith(("aiogram", "aiohttp", "bot.telegram", "bot.runtime",
                                            "bot.cli")), (path, name)


def test_no_import_circles() -> None:
    modules = {module_name(path): path for path in BOT.rglob("*.py")}
    graph = {name: {dep for dep in imports(path) if dep in modules and dep != name}
             for name, path in modules.items()}
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in done:
            return
        assert name not in visiting, " -> ".join([*trail, name])
        visiting.add(name)
        for dep in graph[name]:
            visit(dep, [*trail, name])
        visiting.discard(name)
        done.add(name)

    for name in graph:
        visit(name, [])


def test_no_function_is_over_150_lines() -> None:
    long = [(path.relative_to(ROOT), node.name, node.end_lineno - node.lineno + 1)
            for path in BOT.rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > 150]
    assert long == []
