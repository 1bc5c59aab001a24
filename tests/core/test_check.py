from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.checking.check import SCREEN_COLUMNS_LIMIT, check_content, phone_columns
from bot.conversation.screen_builder import ScreenBuilder
from bot.conversation.telegram_html import visible_text
from bot.telegram.callbacks import encode_action
from tests.conftest import STRUCTURE, TreeBuilder, english_text, translated


def load(root: Path) -> ScreenBuilder:
    return ScreenBuilder.load(root / "content", root / "locales")


def messages(builder: ScreenBuilder, **kwargs: object) -> list[str]:
    """The errors check reports (the small trees here have short pages with no onward buttons,
    which are only warnings)."""
    report = check_content(builder, encode_action=encode_action, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in report.errors]


def test_clean_tree_has_no_errors_and_full_coverage(builder: ScreenBuilder) -> None:
    report = check_content(builder, encode_action=encode_action)
    assert report.errors == []
    assert report.coverage == {"en": 100.0, "zh-Hans": 100.0, "zh-Hant": 100.0}
    assert "bladder" in report.awaiting_review


def test_unreachable_page_is_an_error(make_tree: TreeBuilder) -> None:
    texts = {"pages": {**english_text(), "orphan": {"title": "Orphan"}}}
    root = make_tree(structure=STRUCTURE + "  - id: orphan\n    factual: false\n",
                     texts={"en": texts,
                            "zh-Hans": {"pages": {**translated("简"), "orphan": {"title": "孤"}}},
                            "zh-Hant": {"pages": {**translated("繁"), "orphan": {"title": "孤"}}}})
    found = messages(load(root))
    assert found == ["content/pages/main.yaml:32: page 'orphan' cannot be reached from 'home'; "
                     "list it in some page's children or buttons"]


def test_missing_translation_is_reported_with_coverage(make_tree: TreeBuilder) -> None:
    texts = translated("繁")
    del texts["bladder"], texts["selfcheck"]
    builder = load(make_tree(texts={"zh-Hant": {"pages": texts}}))
    report = check_content(builder)
    assert report.coverage["zh-Hant"] == 75.0
    assert any("'bladder' has no zh-Hant text" in str(p) for p in report.errors)


def test_html_telegram_refuses_is_an_error_with_the_body_line(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["emergency"] = {"title": "Emergency", "body": "Call 999 now.<br>Then wait.\n"}
    found = messages(load(make_tree(texts={"en": {"pages": texts}})))
    assert len(found) == 1
    assert found[0].startswith("content/text/en/main.yaml:")
    assert "'emergency': Telegram has no <br>" in found[0]


def test_missing_button_label_and_sources(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace('label: "yes"', "label: maybe").replace(
        "  - id: long_page\n    sources: [S1]", "  - id: long_page")
    found = messages(load(make_tree(structure=structure)))
    assert any("button label 'maybe'" in p for p in found)
    assert any("factual page 'long_page' lists no sources" in p for p in found)


def test_very_long_page_is_a_warning_not_an_error(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["long_page"] = {"title": "Long", "body": "Words and more words. " * 1000}
    report = check_content(load(make_tree(texts={"en": {"pages": texts}})))
    assert report.errors == []
    assert any("needs" in p.message and p.severity == "warning" for p in report.problems)


def test_callback_data_over_64_bytes_is_an_error(builder: ScreenBuilder) -> None:
    report = check_content(builder, encode_action=lambda action: "x" * 65)
    assert any("callback data" in p.message for p in report.errors)


def test_old_service_verification_is_a_warning(make_tree: TreeBuilder) -> None:
    services = """\
    regions:
      uk: {name: {en: United Kingdom}, emergency: "999", countries: [GB]}
    services:
      - id: helpline
        region: uk
        name: {en: Helpline}
        offers: {en: Advice}
        verified: 2024-01-01
    """
    builder = load(make_tree(extra_files={"content/services.yaml": services}))
    report = check_content(builder, today=dt.date(2026, 11, 21))
    assert [p.message for p in report.problems
            if p.severity == "warning" and p.message.startswith("service ")] == [
        "service 'helpline' was last verified 2024-01-01 (1055 days ago); check its details "
        "and update verified:"]


def test_a_verified_date_in_the_future_is_an_error_at_its_line(make_tree: TreeBuilder) -> None:
    services = """\
    regions:
      uk: {name: {en: United Kingdom}, emergency: "999", countries: [GB]}
    services:
      - id: helpline
        region: uk
        name: {en: Helpline}
        offers: {en: Advice}
        verified: 2026-12-01
    """
    builder = load(make_tree(extra_files={"content/services.yaml": services}))
    report = check_content(builder, today=dt.date(2026, 11, 21))  # today is passed in
    assert [(p.file, p.line, p.message) for p in report.errors] == [
        ("content/services.yaml", 8,
         "service 'helpline' says it was verified on 2026-12-01, which is in the future; write "
         "the day its details were checked")]
    assert check_content(builder, today=dt.date(2026, 12, 1)).errors == []


def _with(structure_line: str, page: str = "bladder_signs") -> str:
    """The small tree's structure with one more line on ``page``."""
    return STRUCTURE.replace(f"  - id: {page}\n", f"  - id: {page}\n    {structure_line}\n")


def test_a_page_telling_people_to_call_with_no_number_on_it_is_an_error(
        make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["bladder_signs"] = {**texts["bladder_signs"],
                              "body": "If it gets worse, call an ambulance."}
    hans = translated("简 ")
    hans["bladder_signs"] = {**hans["bladder_signs"], "body": "如果情况变差，请叫救护车。"}
    found = messages(load(make_tree(texts={"en": {"pages": texts}, "zh-Hans": {"pages": hans}})))
    assert [p.split(": ", 1)[1] for p in found] == [
        "'bladder_signs' (en) says \"call an ambulance\" but shows no number to call; add "
        "show_emergency_number: true to the page in content/pages/",
        "'bladder_signs' (zh-Hans) says \"叫救护车\" but shows no number to call; add "
        "show_emergency_number: true to the page in content/pages/"]
    # The page-level flag puts the person's emergency number on the page: no more error.
    flagged = make_tree(structure=_with("show_emergency_number: true"),
                        texts={"en": {"pages": texts}, "zh-Hans": {"pages": hans}})
    assert messages(load(flagged)) == []
    # So does a number in the text itself; and "call" in other senses is not a call for help.
    texts["bladder_signs"]["body"] = "Doctors call this ketamine bladder. Call 999 if it's bad."
    assert messages(load(make_tree(texts={"en": {"pages": texts}}))) == []


@pytest.mark.parametrize(("locale", "body", "said"), [
    ("en", "<b>Get help straight away</b> if the pain is very bad.", "Get help straight away"),
    ("en", "- <b>Get help fast</b> for chest pain.", "Get help fast"),
    ("en", "If they can't be woken, get help now.", "get help now"),
    ("en", "Get medical help right away if you feel faint.", "Get medical help right away"),
    ("zh-Hans", "如果腹痛非常严重，请马上求助。", "马上求助"),
    ("zh-Hans", "如果出现胸痛，<b>立即求助</b>。", "立即求助"),
    ("zh-Hant", "如果腹痛非常嚴重，請立即求助。", "立即求助"),
    ("zh-Hant", "如果出現胸痛，<b>馬上求助</b>。", "馬上求助"),
])
def test_a_page_saying_get_help_straight_away_with_no_number_is_an_error(
        make_tree: TreeBuilder, locale: str, body: str, said: str) -> None:
    """Issue 22: "get help straight away / fast / now" asks for a number as much as "call"."""
    texts = english_text() if locale == "en" else translated("简 " if locale == "zh-Hans"
                                                              else "繁 ")
    texts["bladder_signs"] = {**texts["bladder_signs"], "body": body}
    found = messages(load(make_tree(texts={locale: {"pages": texts}})))
    assert [p.split(": ", 1)[1] for p in found] == [
        f"'bladder_signs' ({locale}) says \"{said}\" but shows no number to call; add "
        "show_emergency_number: true to the page in content/pages/"]
    flagged = make_tree(structure=_with("show_emergency_number: true"),
                        texts={locale: {"pages": texts}})
    assert messages(load(flagged)) == []


def test_getting_help_in_other_senses_is_not_a_call_for_help(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["bladder_signs"] = {**texts["bladder_signs"],
                              "body": "You can get help to cut down. Getting help now and then "
                                      "with sleep is fine; support services help fast too."}
    assert messages(load(make_tree(texts={"en": {"pages": texts}}))) == []


def test_hiding_the_emergency_button_with_no_way_to_emergency_is_an_error(
        make_tree: TreeBuilder) -> None:
    found = messages(load(make_tree(structure=_with("emergency_button: false"))))
    assert [p.split(": ", 1)[1] for p in found] == [
        "'bladder_signs' hides the 🆘 Emergency button and has no button to 'emergency'; remove "
        "emergency_button: false so help stays one tap away"]
    linked = _with("buttons: [{to: emergency}]", "bladder_signs").replace(
        "    buttons: [{to: emergency}]\n", "    buttons: [{to: emergency}]\n    "
        "emergency_button: false\n")
    assert messages(load(make_tree(structure=linked))) == []


def warnings(builder: ScreenBuilder, text: str) -> list[str]:
    report = check_content(builder, encode_action=encode_action)
    return [p.message for p in report.problems if p.severity == "warning" and text in p.message]


def test_a_content_page_with_nowhere_to_go_is_a_warning(make_tree: TreeBuilder) -> None:
    found = warnings(load(make_tree()), "nowhere to go")
    assert "'selfcheck_urgent' ends with nowhere to go; add buttons: or children: with a next " \
           "step (for example get_help)" in found
    assert not any("'home'" in w or "'bladder'" in w or "'bladder_signs'" in w for w in found)
    onward = _with("buttons: [{to: bladder}]", "selfcheck_urgent")
    assert not any("selfcheck_urgent" in w
                   for w in warnings(load(make_tree(structure=onward)), "nowhere to go"))


def test_a_page_over_the_length_limit_is_a_warning_counted_in_phone_columns(
        make_tree: TreeBuilder) -> None:
    title = "Long"  # the title is part of what people read: 4 columns plus a blank line
    texts = english_text()
    texts["bladder_signs"] = {"title": title, "body": "a" * (SCREEN_COLUMNS_LIMIT - 6)}
    hant = translated("繁 ")
    # A Chinese character is as wide as two letters: half as many fill the same screen.
    hant["bladder_signs"] = {"title": "長", "body": "字" * ((SCREEN_COLUMNS_LIMIT - 4) // 2)}
    fits = load(make_tree(texts={"en": {"pages": texts}, "zh-Hant": {"pages": hant}}))
    assert not any("'bladder_signs'" in w for w in warnings(fits, "phone columns"))
    texts["bladder_signs"]["body"] += "a"
    hant["bladder_signs"]["body"] += "字"
    over = load(make_tree(texts={"en": {"pages": texts}, "zh-Hant": {"pages": hant}}))
    assert sorted(w for w in warnings(over, "phone columns") if "'bladder_signs'" in w) == [
        f"'bladder_signs' (en) is {SCREEN_COLUMNS_LIMIT + 1} phone columns long as shown "
        f"(limit {SCREEN_COLUMNS_LIMIT}); trim it or move a part to a child page",
        f"'bladder_signs' (zh-Hant) is {SCREEN_COLUMNS_LIMIT + 2} phone columns long as shown "
        f"(limit {SCREEN_COLUMNS_LIMIT}); trim it or move a part to a child page"]
    assert phone_columns("ab氯胺酮") == 8


def test_the_length_limit_counts_the_screen_as_shown_numbers_banner_included(
        make_tree: TreeBuilder) -> None:
    """Issue 24: a page that fits alone can pass the limit once its numbers banner is on top."""
    services = """\
    regions:
      hk: {name: {en: Hong Kong}, emergency: "999", countries: [HK]}
      tw: {name: {en: Taiwan}, emergency: "119", countries: [TW]}
    services: []
    """
    texts = english_text()
    texts["bladder_signs"] = {"title": "Long", "body": "a" * (SCREEN_COLUMNS_LIMIT - 6),
                              "labels": {"info_site": "Info website"}}
    files = {"content/services.yaml": services}
    plain = load(make_tree(texts={"en": {"pages": texts}}, extra_files=files))
    assert not any("'bladder_signs' (en)" in w for w in warnings(plain, "phone columns"))
    banner = load(make_tree(texts={"en": {"pages": texts}}, extra_files=files,
                            structure=_with("show_emergency_number: true")))
    shown = banner.page("bladder_signs", "en")
    assert shown is not None and "Hong Kong 999" in shown.text
    columns = phone_columns(visible_text(shown.text))
    assert columns > SCREEN_COLUMNS_LIMIT
    assert f"'bladder_signs' (en) is {columns} phone columns long as shown, numbers banner " \
           f"included (limit {SCREEN_COLUMNS_LIMIT}); trim it or move a part to a child page" \
        in warnings(banner, "phone columns")


def test_labels_are_per_language_and_one_only_in_english_is_an_error(tmp_path: Path) -> None:
    """The documented yes/no example on the shipped self-check: English labels never replace
    what a Chinese reader sees, and a label only in English is an error at the text's line."""
    import shutil

    from tests.conftest import ROOT, no_earlier_than_the_shipped_dates

    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    english = tmp_path / "content" / "text" / "en" / "bladder.yaml"
    text = english.read_text(encoding="utf-8")
    labels = '{"yes": "Yes", "no": "No", frank_site: "FRANK website"}'
    english.write_text(text.replace("  selfcheck_q1:\n",
                                    f"  selfcheck_q1:\n    labels: {labels}\n", 1),
                       encoding="utf-8")
    structure = tmp_path / "content" / "pages" / "bladder.yaml"
    text = structure.read_text(encoding="utf-8")
    structure.write_text(text.replace(
        "  - id: selfcheck_q1\n",
        '  - id: selfcheck_q1\n    urls:\n      - {id: frank_site, url: "https://www.talktofrank.com"}\n',
        1), encoding="utf-8")
    builder = ScreenBuilder.load(tmp_path / "content", tmp_path / "locales", drafts=True)
    for locale in ("zh-Hans", "zh-Hant"):
        screen = builder.page("selfcheck_q1", locale)
        assert screen is not None
        labels = [button.label for button in screen.buttons()]
        assert "是" in labels and "否" in labels
        assert "Yes" not in labels and "No" not in labels
    report = check_content(builder, today=no_earlier_than_the_shipped_dates(),
                           encode_action=encode_action)
    errors = [(p.file, p.line, p.message) for p in report.errors]
    for locale in ("zh-Hans", "zh-Hant"):
        file = f"content/text/{locale}/bladder.yaml"
        line = (tmp_path / file).read_text(encoding="utf-8").splitlines().index(
            "  selfcheck_q1:") + 1
        for key, words in (("frank_site", "FRANK website"), ("no", "No"), ("yes", "Yes")):
            assert (file, line,
                    f"the {locale} text of 'selfcheck_q1' has no label '{key}' (English: "
                    f"\"{words}\"); readers see labels, so add it under labels: in {locale}"
                    ) in errors, errors
        assert report.coverage[locale] < 100
    assert len(errors) == 6
