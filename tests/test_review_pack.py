"""The review pack speaks the language it reviews: a zh-Hant translation reviewer reads its
states, headings and instructions in Traditional Chinese (the review_* UI strings)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from bot.conversation.screen_builder import ScreenBuilder
from bot.editorial.records import record_review
from bot.model.locales import load_ui_strings
from bot.model.model import LOCALES
from bot.review_pack import write_review_pack
from tests.conftest import ROOT

DAY = dt.date(2026, 11, 20)


def reviewed_copy(root: Path) -> tuple[Path, ScreenBuilder]:
    """The shipped content under ``root`` with bladder_signs reviewed clinically and in zh-Hant
    on 2026-11-20, and its English changed since (also used by the Chromium tests)."""
    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, root / folder)
    content_dir = root / "content"
    record_review(content_dir, "bladder_signs", "clinical", by="AB", day=DAY)
    record_review(content_dir, "bladder_signs", "translation_zh-Hant", by="陳", day=DAY)
    path = content_dir / "text" / "en" / "bladder.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Early signs can include:", "Early signs include:"), encoding="utf-8")
    return content_dir, ScreenBuilder.load(content_dir, root / "locales")


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("pack")
    content_dir, builder = reviewed_copy(root)
    write_review_pack(builder, root / "out", content_dir, today=dt.date(2026, 11, 29))
    return {locale: (root / "out" / locale / "review.html").read_text(encoding="utf-8")
            for locale in LOCALES}


def panel(html: str, page: str) -> str:
    """The review panel of one page, as text (tags dropped)."""
    start = html.index(f'id="review-{page}"')
    aside = html[html.index('<aside class="review">', start):html.index("</aside>", start)]
    return re.sub(r"<[^>]+>", "", aside)


def pack_words(html: str) -> str:
    """What the pack itself says: its introduction and every review panel, not the pages."""
    intro = html[html.index('<header class="pack-intro">'):html.index("</header>")]
    asides = re.findall(r'<aside class="review">.*?</aside>', html, re.DOTALL)
    return re.sub(r"<[^>]+>", "", re.sub(r"<code>.*?</code>", "", intro + "".join(asides)))


def test_the_pack_is_written_in_the_language_it_reviews(packs: dict[str, str]) -> None:
    ui = load_ui_strings(ROOT / "locales")
    english = [value for key, value in ui.strings["en"].items()
               if key.startswith("review_") and re.search(r"[A-Za-z]{3}", value)
               and "{" not in value]
    assert len(english) > 20
    for locale in LOCALES:
        words = pack_words(packs[locale])
        for key in ("review_pack_title", "review_notes", "review_col_role", "review_col_state",
                    "review_col_last", "review_record"):
            assert ui.get(locale, key) in words, (locale, key)
        if locale != "en":
            leaked = [value for value in english if value in words]
            assert leaked == [], (locale, leaked)
    assert "<title>審閱材料 (繁體中文) · " in packs["zh-Hant"]
    assert "<h1>审阅材料</h1>" in packs["zh-Hans"]


def test_roles_states_and_changes_read_in_the_packs_language(packs: dict[str, str]) -> None:
    en, hans, hant = (panel(packs[locale], "bladder_signs")
                      for locale in ("en", "zh-Hans", "zh-Hant"))
    assert "clinical review" in en and "Changed since its review" in en
    assert "2026-11-20 by AB" in en
    assert "Changed since the clinical review of 2026-11-20" in en
    assert "lived-experience review" in en and "never" in en

    assert "臨床審閱" in hant and "審閱後有改動" in hant  # the English changed after its review
    assert "zh-Hant 翻譯審閱" in hant and "已審閱：目前的文字" in hant
    assert "2026-11-20，審閱人：陳" in hant and "2026-11-20，審閱人：AB" in hant
    assert "這份翻譯完成後，英文原文有改動" in hant  # and the diff of the English follows
    assert "+Early signs include:" in hant
    assert "python -m bot review record bladder_signs --role translation_zh-Hant" in hant

    assert "zh-Hans 翻译审阅" in hans and "等待审阅" in hans and "从未" in hans
    assert "亲身经历者审阅" in hans


def test_the_summary_names_the_rules_file_and_the_required_reviews(
        packs: dict[str, str]) -> None:
    assert ("set in <code>content/review.yaml</code>" in packs["en"])
    assert "（臨床審閱、親身經歷者審閱、zh-Hans 翻譯審閱、zh-Hant 翻譯審閱；在 <code>" \
        "content/review.yaml</code> 中設定）" in packs["zh-Hant"]
    pages = len(ScreenBuilder.load(ROOT / "content", ROOT / "locales").content.pages)
    assert f"of {pages} pages have every review they need" in packs["en"]


def test_the_export_and_the_pack_show_a_recorded_review(tmp_path: Path) -> None:
    """Once every required role has reviewed a page, the export and the pack say so, with the
    day of the review (not the editors' older `reviewed:` date and 'awaiting review')."""
    from bot.export_html import export_site

    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    content_dir = tmp_path / "content"
    rules = content_dir / "review.yaml"
    rules.write_text(re.sub(r"required: \[[^\]]*\]", "required: [clinical]",
                            rules.read_text(encoding="utf-8")), encoding="utf-8")
    day = dt.date(2026, 11, 28)  # after the editors' own check (reviewed: 2026-11-21)
    record_review(content_dir, "bladder_signs", "clinical", day=day, today=day)
    builder = ScreenBuilder.load(content_dir, tmp_path / "locales")
    ui = load_ui_strings(tmp_path / "locales")
    export_site(builder, tmp_path / "site")
    write_review_pack(builder, tmp_path / "pack", content_dir, today=day)
    for locale in LOCALES:
        reviewed = ui.get(locale, "last_reviewed", date=day.isoformat())
        for html in ((tmp_path / "site" / locale / "bladder_signs.html").read_text("utf-8"),
                     (tmp_path / "pack" / locale / "review.html").read_text("utf-8")):
            start = html.index('id="page-bladder_signs"')
            meta = html[html.index('<p class="meta">', start):html.index("</p>", start)]
            assert reviewed in meta and ui.get(locale, "status_reviewed") in meta, meta
            assert ui.get(locale, "status_awaiting_review") not in meta
        other = (tmp_path / "site" / locale / "bladder_doctor.html").read_text("utf-8")
        assert ui.get(locale, "status_awaiting_review") in other
        sources = builder.sources("bladder_signs", locale)  # the Sources screen in Telegram
        assert sources is not None and reviewed in sources.text
        assert ui.get(locale, "status_reviewed") in sources.text


def test_a_translation_behind_its_english_has_a_banner_in_the_export(tmp_path: Path) -> None:
    from bot.export_html import export_site

    for folder in ("content", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    path = tmp_path / "content" / "text" / "en" / "bladder.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Early signs can include:", "Early signs include:"), encoding="utf-8")
    builder = ScreenBuilder.load(tmp_path / "content", tmp_path / "locales")
    ui = load_ui_strings(tmp_path / "locales")
    export_site(builder, tmp_path / "site")
    for locale in ("zh-Hans", "zh-Hant"):
        behind = (tmp_path / "site" / locale / "bladder_signs.html").read_text("utf-8")
        assert ui.get(locale, "web_behind") in behind
        current = (tmp_path / "site" / locale / "bladder_doctor.html").read_text("utf-8")
        assert ui.get(locale, "web_behind") not in current
    english = (tmp_path / "site" / "en" / "bladder_signs.html").read_text("utf-8")
    assert ui.get("en", "web_behind") not in english
