"""Draft pages never reach people: not in menus, deep links, search, inline results, links or QR
codes. Editors see them only when they ask (chat --drafts, export-html --drafts), marked."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from bot.checking.check import check_content
from bot.cli import print_links, run_check
from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.screens import OpenPage, OpenSearchResult, ShowSources
from bot.export_html import export_site
from bot.qr import write_qr_codes
from bot.reporting.tally import Tally
from bot.telegram.callbacks import encode_action
from bot.terminal import DRAFT_BANNER, DRAFT_MARK, TerminalChat
from tests.conftest import STRUCTURE, TreeBuilder, english_text, translated

DRAFT = "  - id: quokka\n    status: draft\n    sources: [S1]\n    children: [selfcheck]\n"
TITLE = "Quokka notes"


def texts(extra_en: dict[str, object] | None = None) -> dict[str, object]:
    draft = {"title": TITLE, "summary": "Quokkas in the draft.", "keywords": ["quokka"],
             "body": "A draft about quokkas."}
    return {
        "en": {"pages": {**english_text(), "quokka": draft, **(extra_en or {})}},
        "zh-Hans": {"pages": {**translated("简 "), "quokka": {**draft, "title": "简 " + TITLE}}},
        "zh-Hant": {"pages": {**translated("繁 "), "quokka": {**draft, "title": "繁 " + TITLE}}},
    }


def draft_tree(make_tree: TreeBuilder, structure: str = STRUCTURE + DRAFT,
               extra_en: dict[str, object] | None = None) -> Path:
    return make_tree(structure=structure, texts=texts(extra_en))


def load(root: Path, *, drafts: bool = False) -> ScreenBuilder:
    return ScreenBuilder.load(root / "content", root / "locales", drafts=drafts)


def test_a_draft_is_not_in_the_content_people_get(make_tree: TreeBuilder) -> None:
    builder = load(draft_tree(make_tree))
    guide = Guide(builder, Tally())
    assert not builder.content.has_page("quokka")
    assert builder.page("quokka", "en") is None
    assert guide.start(1, "en", "quokka").page != "quokka"  # a deep link: the welcome
    assert guide.start(1, "en", "quokka-festival").page != "quokka"
    for action in (OpenPage("quokka"), OpenSearchResult("quokka"), ShowSources("quokka")):
        assert "That button" in guide.act(1, "en", action).text  # stale data: the menu
    assert builder.search_index.search("quokka", "en") == []
    assert guide.inline_cards(1, "en", "quokka") == []
    assert "quokka" not in [card.page for card in guide.inline_cards(1, "en", "")]
    assert "quokka" not in builder.content.link_order()
    for locale in ("en", "zh-Hans", "zh-Hant"):
        for page_id in builder.content.pages:
            for part in range(len(builder.parts(page_id, locale))):
                screen = builder.page(page_id, locale, part)
                assert screen is not None and "uokka" not in screen.text
                assert all("quokka" not in str(button.action) for button in screen.buttons())


def test_links_and_qr_codes_leave_drafts_out_even_in_a_preview(make_tree: TreeBuilder,
                                                               tmp_path: Path) -> None:
    full = load(draft_tree(make_tree), drafts=True)
    out = io.StringIO()
    print_links(full, "k_safer_bot", None, out)
    assert "quokka" not in out.getvalue() and "bladder_signs" in out.getvalue()
    sheet = write_qr_codes(full, "k_safer_bot", None, tmp_path / "qr")
    assert not (tmp_path / "qr" / "quokka.png").exists()
    assert (tmp_path / "qr" / "bladder_signs.png").exists()
    assert TITLE not in sheet.read_text(encoding="utf-8")


def test_check_lists_drafts_apart_from_pages_awaiting_review(make_tree: TreeBuilder) -> None:
    full = load(draft_tree(make_tree), drafts=True)
    report = check_content(full, encode_action=encode_action)
    assert report.errors == []  # a draft needs no way in from the menu
    assert report.drafts == ["quokka"]
    assert "quokka" not in report.awaiting_review and "bladder" in report.awaiting_review
    out = io.StringIO()
    assert run_check(full, out) == 0
    lines = out.getvalue().splitlines()
    assert "1 draft(s), not shown to people: quokka" in lines
    assert any(line.startswith("Review backlog: 8 of 8 live page(s) wait") for line in lines)


def test_a_button_on_a_live_page_to_a_draft_is_a_warning(make_tree: TreeBuilder) -> None:
    structure = (STRUCTURE + DRAFT).replace("children: [bladder_signs, selfcheck]",
                                            "children: [bladder_signs, selfcheck, quokka]")
    root = draft_tree(make_tree, structure)
    report = check_content(load(root, drafts=True), encode_action=encode_action)
    assert report.errors == []  # the button is hidden anyway: nothing wrong reaches people
    assert [str(p) for p in report.problems if "button to 'quokka'" in p.message] == [
        "content/pages/main.yaml:11: warning: page 'bladder' has a button to 'quokka', which is "
        "a draft, so people do not see that button (it is hidden until 'quokka' is live); when "
        "'quokka' is ready, change its status to awaiting_review"]
    public = load(root).page("bladder", "en")
    assert public is not None and OpenPage("quokka") not in [b.action for b in public.buttons()]


def test_previews_with_drafts_start_with_checks_problems(make_tree: TreeBuilder,
                                                        tmp_path: Path) -> None:
    from tests.cli import run
    from tests.test_cli import site_env

    structure = (STRUCTURE + DRAFT).replace("children: [bladder_signs, selfcheck]",
                                            "children: [bladder_signs, selfcheck, quokka]")
    root = draft_tree(make_tree, structure)
    warning = "content/pages/main.yaml:11: warning: page 'bladder' has a button to 'quokka'"
    chat = run(["chat", "--drafts"], site_env(root), stdin="")
    export = run(["export-html", str(tmp_path / "out"), "--drafts"], site_env(root))
    for result, first_own_line in ((chat, "If someone is in danger"), (export, "Wrote")):
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("python -m bot check: 0 error(s), ")
        top = result.stdout.split("\n\n", 1)[0].splitlines()
        assert warning in "\n".join(top[1:]) and all(": warning: " in line for line in top[1:])
        assert first_own_line not in result.stdout.split("\n\n", 1)[0]
    plain = run(["chat"], site_env(root), stdin="")
    assert "python -m bot check" not in plain.stdout  # only the editors' previews with drafts


def test_a_live_page_that_names_a_draft_in_its_text_is_an_error(make_tree: TreeBuilder) -> None:
    extra = {"bladder": {"title": "Bladder", "body": 'See {{ title_of("quokka") }}.'}}
    root = draft_tree(make_tree, extra_en=extra)
    report = check_content(load(root, drafts=True), encode_action=encode_action)
    assert len(report.errors) == 1, report.errors
    assert report.errors[0].file == "content/text/en/main.yaml"
    assert "no page 'quokka'" in report.errors[0].message
    assert "a draft page is not shown to people" in report.errors[0].message


def test_an_old_id_of_a_draft_and_a_draft_main_menu_are_errors(make_tree: TreeBuilder) -> None:
    structure = (STRUCTURE + DRAFT + "    aliases: [old_quokka]\n").replace(
        "  - id: home\n", "  - id: home\n    status: draft\n")
    report = check_content(load(draft_tree(make_tree, structure), drafts=True),
                           encode_action=encode_action)
    found = [p.message for p in report.errors]
    assert len(found) == 2, found
    assert found[0].startswith("page 'home' is always shown, so it cannot be a draft")
    assert found[1].startswith("old id 'old_quokka' belongs to 'quokka', which is a draft")


def test_a_review_date_in_the_future_is_an_error(make_tree: TreeBuilder) -> None:
    builder = load(make_tree())
    report = check_content(builder, today=dt.date(2026, 10, 31), encode_action=encode_action)
    assert [str(p) for p in report.errors] == [
        "content/pages/main.yaml:10: page 'bladder' says it was reviewed on 2026-11-01, which is "
        "in the future; write the day the review happened"]
    assert check_content(builder, today=dt.date(2026, 11, 1), encode_action=encode_action).ok


def test_the_terminal_shows_drafts_only_when_asked_and_marks_them(
        make_tree: TreeBuilder) -> None:
    root = draft_tree(make_tree)
    public = TerminalChat(load(root), "en")
    public.enter("/start quokka")
    assert public.screen.page is None or public.screen.page != "quokka"
    assert DRAFT_BANNER not in public.show()
    preview = TerminalChat(load(root, drafts=True), "en")
    preview.enter("/start quokka")
    assert preview.screen.page == "quokka"
    shown = preview.show()
    assert shown.startswith(DRAFT_BANNER + "\n") and TITLE in shown
    preview.enter("quokka")  # search finds the draft in a preview, and marks its button
    assert f"{TITLE}{DRAFT_MARK}" in preview.show()


def test_the_html_export_has_drafts_only_when_asked(make_tree: TreeBuilder,
                                                    tmp_path: Path) -> None:
    root = draft_tree(make_tree)
    export_site(load(root), tmp_path / "public")
    assert not (tmp_path / "public" / "en" / "quokka.html").exists()
    assert TITLE not in (tmp_path / "public" / "en" / "index.html").read_text(encoding="utf-8")
    full = load(root, drafts=True)
    export_site(full, tmp_path / "drafts")
    page = (tmp_path / "drafts" / "en" / "quokka.html").read_text(encoding="utf-8")
    assert full.ui.get("en", "status_draft") in page
    assert "people using the bot do not see this page" in full.ui.get("en", "status_draft")
