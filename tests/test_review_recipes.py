"""The review and translation recipes in docs/content.md, followed step by step on a copy of the
shipped content: every command the recipes show is taken from the docs and run as written (but
the interactive chat, which is driven in-process instead), the edits are the ones the steps
describe, and after each step we look where the docs say to look."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import polib
import pytest

from bot.cli import main
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.loader import load_content
from bot.model.reviews import role_states, stale_translations
from bot.terminal import TerminalChat
from tests.docs_examples import DOCS, blocks


def section(title: str) -> tuple[int, int]:
    """The lines (0-based, end exclusive) of the recipe ``### title`` in docs/content.md."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"### {title}")
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("#")),
               len(lines))
    return start, end


def section_text(title: str) -> str:
    start, end = section(title)
    return "\n".join(DOCS.read_text(encoding="utf-8").splitlines()[start:end])


def commands(title: str) -> list[list[str]]:
    """Each command block of the recipe, as its commands (the words after python -m bot)."""
    start, end = section(title)
    found = []
    for block in blocks():
        if block.language == "" and start <= block.line < end:
            found.append([shlex.split(line)[3:] for line in block.text.splitlines()
                          if line.startswith("python -m bot")])
    assert found, title
    return found


@pytest.fixture
def site(shipped_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tmp_path = shipped_site
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path / "content"))
    monkeypatch.setenv("LOCALES_DIR", str(tmp_path / "locales"))
    monkeypatch.chdir(tmp_path)  # files the commands write land here
    return tmp_path


def run(block: list[list[str]], capsys: pytest.CaptureFixture[str]) -> str:
    out = []
    for argv in block:
        assert main(argv) == 0, (argv, capsys.readouterr())
        out.append(capsys.readouterr().out)
    return "\n".join(out)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def change_the_english(site: Path) -> None:
    """Step 1 of "Change what a page says", with the docs' own example."""
    recipe = section_text("Change what a page says")
    old, new = re.search(r'change "([^"]+)" to "([^"]+)"', recipe).groups()  # type: ignore[union-attr]
    assert "`content/text/en/bladder.yaml`" in recipe
    replace(site / "content" / "text" / "en" / "bladder.yaml", old, new)


def behind(site: Path) -> set[tuple[str, str]]:
    return {(s.page, s.locale) for s in stale_translations(load_content(site / "content"))}


def test_change_what_a_page_says(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.editorial.records import record_review

    record_review(site / "content", "bladder_signs", "clinical")  # reviewed before the change
    change_the_english(site)
    [block] = commands("Change what a page says")
    printed = run(block, capsys)
    assert "OK: no errors" in printed
    assert "page 'bladder_signs' changed since its clinical review" in printed
    assert "the zh-Hant text of 'bladder_signs' was translated from an older English" in printed
    assert "-Early signs can include:" in printed and "+Early signs include:" in printed
    assert behind(site) == {("bladder_signs", "zh-Hans"), ("bladder_signs", "zh-Hant")}


def test_translate_a_page(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change_the_english(site)
    direct, tool = commands("Translate a page")
    # By hand: edit the Chinese texts (here, one word each), then confirm them.
    for locale in ("zh-Hans", "zh-Hant"):
        path = site / "content" / "text" / locale / "bladder.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("  bladder_signs:\n")
        title = re.compile(r"^    title: (.+)$", re.MULTILINE).search(text, start)
        assert title is not None
        replace(path, title[0], title[0] + "！")
    run(direct, capsys)
    assert behind(site) == set()
    # In a translation tool: the English changes again, the PO file marks it fuzzy, the
    # translator checks it and clears the mark, and the import brings it back.
    replace(site / "content" / "text" / "en" / "bladder.yaml", "Early signs include:",
            "Early signs may include:")
    export, imp, check = tool
    assert main(export) == 0
    po_path = site / export[-1]
    po = polib.pofile(str(po_path))
    fuzzy = [entry for entry in po if entry.fuzzy]
    assert fuzzy and {entry.msgctxt.split(".")[0] for entry in fuzzy} == {"bladder_signs"}
    for entry in fuzzy:
        entry.flags.remove("fuzzy")
    po.save(str(po_path))
    capsys.readouterr()
    printed = run([imp, check], capsys)
    assert "now marked as translated from the current English: bladder_signs" in printed
    assert behind(site) == {("bladder_signs", "zh-Hans")}  # the other language is still to do


def test_preview_a_page(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [block] = commands("Preview a page")
    chat, export = block
    assert chat[:2] == ["chat", "--locale"]
    terminal = TerminalChat(ScreenBuilder.load(site / "content", site / "locales"), chat[2])
    terminal.enter("/start bladder_signs")
    title = load_content(site / "content").texts[chat[2]]["bladder_signs"].title
    assert title in terminal.show()
    run([export], capsys)
    assert (site / "preview" / "index.html").exists()
    assert (site / "preview" / "zh-Hant" / "bladder_signs.html").exists()


def test_record_a_review(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack, record = commands("Record a review")
    run(pack, capsys)
    for page in re.findall(r"`(pack/[\w-]+/review\.html)`", section_text("Record a review")):
        assert "bladder_signs" in (site / page).read_text(encoding="utf-8")
    printed = run(record, capsys)
    assert 'by: "AB"' in printed
    states = {s.role: s for s in role_states(load_content(site / "content"), "bladder_signs")}
    assert states["clinical"].done and states["translation_zh-Hant"].done
    assert states["clinical"].latest is not None and states["clinical"].latest.by == "AB"
    assert not states["lived_experience"].done  # still waiting: not every role has reviewed
    assert main(["review", "--role", "clinical"]) == 0
    waiting = capsys.readouterr().out
    assert "bladder_signs" not in waiting.split("Overdue")[0]


def test_put_a_page_live(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "OK: no errors" in capsys.readouterr().out
    assert "Add a page" in section_text("Put a page live")
