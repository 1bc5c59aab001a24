from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.core.check import check_content
from bot.core.navigation import Navigator
from bot.telegram.callbacks import encode_action
from tests.conftest import STRUCTURE, TreeBuilder, english_text, translated


def load(root: Path) -> Navigator:
    return Navigator.load(root / "content", root / "locales")


def messages(navigator: Navigator, **kwargs: object) -> list[str]:
    report = check_content(navigator, encode_action=encode_action, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in report.problems]


def test_clean_tree_has_no_errors_and_full_coverage(navigator: Navigator) -> None:
    report = check_content(navigator, encode_action=encode_action)
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
    navigator = load(make_tree(texts={"zh-Hant": {"pages": texts}}))
    report = check_content(navigator)
    assert report.coverage["zh-Hant"] == 75.0
    assert any("'bladder' has no zh-Hant text" in str(p) for p in report.errors)


def test_html_telegram_refuses_is_an_error_with_the_body_line(make_tree: TreeBuilder) -> None:
    texts = english_text()
    texts["emergency"] = {"title": "Emergency", "body": "Call now.<br>Then wait.\n"}
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


def test_callback_data_over_64_bytes_is_an_error(navigator: Navigator) -> None:
    report = check_content(navigator, encode_action=lambda action: "x" * 65)
    assert any("callback data" in p.message for p in report.errors)


def test_old_service_verification_is_a_warning(make_tree: TreeBuilder) -> None:
    services = """\
    regions:
      uk: {name: {en: United Kingdom}, emergency: "999"}
    services:
      - id: helpline
        region: uk
        name: {en: Helpline}
        offers: {en: Advice}
        verified: 2024-01-01
    """
    navigator = load(make_tree(extra_files={"content/services.yaml": services}))
    report = check_content(navigator, today=dt.date(2026, 11, 21))
    assert [p.message for p in report.problems if p.severity == "warning"] == [
        "service 'helpline' was last verified 2024-01-01 (1055 days ago); check its details "
        "and update verified:"]
