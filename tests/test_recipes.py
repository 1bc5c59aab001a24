"""The recipes in docs/content.md, followed step by step on a copy of the shipped content: the
YAML each step adds is taken from the docs, the edits are the ones the steps describe, and after
each step we look where the docs say to look (check, the terminal chat, the bot)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from bot.checking.check import CheckReport, check_content
from bot.cli import main, run_check
from bot.conversation.guide import Guide
from bot.conversation.render import written_date
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage
from bot.editorial.records import confirm_translations, record_review
from bot.editorial.where import find_page, print_where
from bot.export_html import export_site
from bot.reporting.tally import Tally
from bot.runtime.reloading import ContentReloader
from bot.telegram.callbacks import encode_action
from bot.terminal import DRAFT_BANNER, TerminalChat
from tests.docs_examples import DOCS, blocks, recipe_block
from tests.telegram.inprocess import InProcessBot, press_update, shown

TODAY = max(dt.date.today(), dt.date(2026, 11, 29))
TEXT_FILES = [f"content/text/{locale}/bladder.yaml" for locale in ("en", "zh-Hans", "zh-Hant")]
# Every fragment of a recipe in the docs, as (file, where it goes); the docs test checks that this
# is all of them.
RECIPE_BLOCKS_FOLLOWED = {
    ("content/pages/bladder.yaml", "pages"),
    *((file, "pages") for file in TEXT_FILES),
    ("content/pages/bladder.yaml", "- id: bladder_gp"),
    ("content/pages/what.yaml", "- id: what"),
}


@pytest.fixture
def copy(shipped_site: Path) -> Path:
    return shipped_site


def load(root: Path, *, drafts: bool = False) -> ScreenBuilder:
    return ScreenBuilder.load(root / "content", root / "locales", drafts=drafts)


def check(root: Path) -> CheckReport:
    report = check_content(load(root, drafts=True), today=TODAY, encode_action=encode_action)
    assert [str(p) for p in report.errors] == []
    return report


def put_under(root: Path, file: str, under: str) -> None:
    """Step: put the docs' fragment for ``file`` right under the line ``under``."""
    path = root / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    anchor = "pages:\n" if under == "pages" else f"  {under}\n"
    lines.insert(lines.index(anchor) + 1, recipe_block(file, under))
    path.write_text("".join(lines), encoding="utf-8")


def edit(root: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def page_block(text: str, page: str) -> tuple[int, int]:
    """Where a page's entry in a structure file starts and ends (up to the next page)."""
    start = text.index(f"  - id: {page}\n")
    following = re.compile(r"^  - id: |^  #|^\S", re.MULTILINE).search(text, start + 1)
    return start, following.start() if following else len(text)


def edit_page(root: Path, file: str, page: str, old: str, new: str) -> None:
    """Change ``old`` to ``new`` in one page's entry of a structure file."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    start, end = page_block(text, page)
    assert text[start:end].count(old) == 1, (page, old)
    path.write_text(text[:start] + text[start:end].replace(old, new) + text[end:],
                    encoding="utf-8")


def text_block(text: str, page: str) -> tuple[int, int]:
    """Where a page's text starts and ends (up to the next key at its level or above)."""
    start = text.index(f"\n  {page}:\n") + 1
    following = re.compile(r"^ {0,2}\S", re.MULTILINE).search(text, start + 1)
    return start, following.start() if following else len(text)


def open_start(builder: ScreenBuilder, payload: str) -> str | None:
    return Guide(builder, Tally()).start(1, "en", payload).page


# -- Find which file holds a page ----------------------------------------------------------------


def test_find_which_file_holds_a_page(copy: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(copy / "content"))
    monkeypatch.setenv("LOCALES_DIR", str(copy / "locales"))
    assert main(["where", "bladder_signs"]) == 0
    printed = capsys.readouterr().out.splitlines()
    sample = next(block for block in blocks() if block.text.startswith("Page 'bladder_signs':"))
    for line in sample.text.splitlines():  # the docs' sample, whatever the line numbers are now
        pattern = re.sub(r"\\:\d+", r":\\d+", re.escape(line))
        assert any(re.fullmatch(pattern, p) for p in printed), (line, printed)
    for place in find_page(copy / "content", "bladder_signs").places:
        if "starts here" not in place.what:  # each other line names the page
            line = (copy / place.file).read_text(encoding="utf-8").splitlines()[place.line - 1]
            assert "bladder_signs" in line, place
    assert main(["where", "Early signs"]) == 0
    assert capsys.readouterr().out.startswith("'Early signs' is on page 'bladder_signs'.\n")


# -- Add a page ----------------------------------------------------------------------------------


def add_the_draft(root: Path) -> None:
    """Steps 1 and 2: the structure and the three texts, taken from the docs."""
    put_under(root, "content/pages/bladder.yaml", "pages")
    for file in TEXT_FILES:
        put_under(root, file, "pages")


def test_add_a_page(copy: Path) -> None:
    add_the_draft(copy)
    # Step 3: check lists it as a draft; people cannot open it; the preview shows it, marked.
    report = check(copy)
    assert report.drafts == ["bladder_questions"]
    assert "bladder_questions" not in report.awaiting_review
    out = io.StringIO()
    run_check(load(copy, drafts=True), out)
    assert "1 draft(s), not shown to people: bladder_questions" in out.getvalue()
    assert open_start(load(copy), "bladder_questions") != "bladder_questions"
    preview = TerminalChat(load(copy, drafts=True), "en")
    preview.enter("/start bladder_questions")
    assert preview.show().startswith(DRAFT_BANNER + "\nQuestions for your doctor")
    # Step 4: into its menu, out of draft.
    start, end = page_block((copy / "content/pages/bladder.yaml").read_text(), "bladder")
    bladder = (copy / "content/pages/bladder.yaml").read_text()[start:end]
    children = re.search(r"children: \[[^\]]*\]", bladder)
    assert children is not None, "bladder's children are a [list]"
    edit(copy, "content/pages/bladder.yaml", children[0], children[0][:-1] + ", bladder_questions]")
    edit_page(copy, "content/pages/bladder.yaml", "bladder_questions", "    status: draft\n",
              "    status: awaiting_review\n")
    report = check(copy)
    assert report.drafts == [] and "bladder_questions" in report.awaiting_review
    public = load(copy)
    menu = public.page("bladder", "en")
    assert menu is not None and "Questions for your doctor" in [b.label for b in menu.buttons()]
    assert open_start(public, "bladder_questions") == "bladder_questions"
    for locale, title in (("zh-Hans", "要问医生的问题"), ("zh-Hant", "要問醫生的問題")):
        screen = public.page("bladder_questions", locale)
        assert screen is not None and screen.text.startswith(f"<b>{title}</b>")
    # Step 5: its translations are made from today's English; a review is recorded as it
    # happens (the commands write the records); the About page follows.
    assert any("'bladder_questions' has no record of the English" in p.message
               for p in report.problems)
    for locale in ("zh-Hans", "zh-Hant"):
        confirm_translations(copy / "content", locale, ["bladder_questions"])
    day = dt.date.today()
    record_review(copy / "content", "bladder_questions", "clinical", day=day)
    report = check(copy)
    assert not any("bladder_questions" in p.message and ("translat" in p.message
                                                         or "review" in p.message)
                   for p in report.problems)
    about = load(copy).page("about_reviewed", "en")
    assert about is not None and f"<b>{written_date(day, 'en')}</b>" in about.text


# -- Rename and remove ---------------------------------------------------------------------------


async def test_rename_a_page_without_breaking_printed_qr_codes(copy: Path) -> None:
    # Steps 1-2: every line `where` lists, changed to the new id.
    for place in find_page(copy / "content", "bladder_doctor").places:
        path = copy / place.file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[place.line - 1] = re.sub(r"\bbladder_doctor\b", "bladder_gp", lines[place.line - 1])
        path.write_text("".join(lines), encoding="utf-8")
    put_under(copy, "content/pages/bladder.yaml", "- id: bladder_gp")  # step 3
    check(copy)  # step 4
    public = load(copy)
    assert "bladder_doctor" not in public.content.pages
    assert open_start(public, "bladder_doctor") == "bladder_gp"  # a printed QR code
    assert open_start(public, "bladder_doctor-festival") == "bladder_gp"
    title = public.content.text("bladder_gp", "en").title
    telegram = InProcessBot(Guide(public, Tally()))
    requests = await telegram.feed(press_update(encode_action(OpenPage("bladder_doctor"))))
    assert shown(requests[-1])[0].startswith(f"<b>{title}</b>")  # a button in an old message
    out = io.StringIO()
    print_where(copy / "content", "bladder_doctor", out)
    assert "old id of page 'bladder_gp'" in out.getvalue()


def test_remove_a_page_without_breaking_printed_qr_codes(copy: Path) -> None:
    places = find_page(copy / "content", "what_origin").places  # step 1
    # Step 2: its entry and its three texts.
    structure = copy / "content/pages/what.yaml"
    text = structure.read_text(encoding="utf-8")
    start, end = page_block(text, "what_origin")
    structure.write_text(text[:start] + text[end:], encoding="utf-8")
    for locale in ("en", "zh-Hans", "zh-Hant"):
        path = copy / f"content/text/{locale}/what.yaml"
        text = path.read_text(encoding="utf-8")
        start, end = text_block(text, "what_origin")
        path.write_text(text[:start] + text[end:], encoding="utf-8")
    # Step 3: out of every children: and buttons: that listed it.
    links = [place for place in places if place.what.startswith("a button to it")]
    assert links
    for file in {place.file for place in links}:
        path = copy / file
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\{to: what_origin\}(, )?|, what_origin\b|\bwhat_origin, ", "", text)
        path.write_text(text, encoding="utf-8")
    put_under(copy, "content/pages/what.yaml", "- id: what")  # step 4
    check(copy)  # step 5
    public = load(copy)
    assert "what_origin" not in public.content.pages
    assert open_start(public, "what_origin") == "what"
    assert Guide(public, Tally()).act(1, "en", OpenPage("what_origin")).page == "what"


# -- Preview Chinese -----------------------------------------------------------------------------


def test_preview_the_chinese_pages(copy: Path, tmp_path: Path) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert "sudo apt install fonts-noto-cjk" in docs
    builder = load(copy)
    for locale in ("zh-Hans", "zh-Hant"):
        chat = TerminalChat(builder, locale)
        chat.enter("/start bladder_signs")
        assert builder.content.text("bladder_signs", locale).title in chat.show()
    export_site(builder, tmp_path / "preview")
    for locale, family in (("zh-Hans", "Noto Sans CJK SC"), ("zh-Hant", "Noto Sans CJK TC")):
        index = (tmp_path / "preview" / locale / "index.html").read_text(encoding="utf-8")
        assert f'lang="{locale}"' in index
        styles = "".join(path.read_text(encoding="utf-8")
                         for path in (tmp_path / "preview").rglob("*.css"))
        assert f'"{family}"' in styles and f'"{family}"' in docs  # what fonts-noto-cjk provides
    assert (tmp_path / "preview" / "index.html").exists()


# -- How changes reach the live bot --------------------------------------------------------------


async def test_how_changes_reach_the_live_bot(copy: Path) -> None:
    guide = Guide(load(copy), Tally())
    reloader = ContentReloader(guide, copy / "content", copy / "locales", encode_action)
    title = guide.builder.content.text("bladder_signs", "en").title
    edit(copy, "content/text/en/bladder.yaml", f"    title: {title}\n",
         "    title: Early signs of bladder damage\n")
    result = await reloader.reload()
    assert result.ok
    assert guide.start(1, "en", "bladder_signs").text.startswith(
        "<b>Early signs of bladder damage</b>")
    add_the_draft(copy)  # a draft merged with the change stays private after the reload
    assert (await reloader.reload()).ok
    assert guide.start(1, "en", "bladder_questions").page != "bladder_questions"
    # A change with an error is refused; people keep the content the bot had.
    edit(copy, "content/text/en/bladder.yaml", "    title: Early signs of bladder damage\n",
         "\ttitle: Broken\n")
    result = await reloader.reload()
    assert not result.ok
    assert [(p.file, p.severity) for p in result.problems] == [
        ("content/text/en/bladder.yaml", "error")]
    assert "tab" in result.problems[0].message
    assert guide.start(1, "en", "bladder_signs").text.startswith(
        "<b>Early signs of bladder damage</b>")
