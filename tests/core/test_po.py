"""Translators' PO files: export, translate in a tool, import; nothing lost on the way and a
translation that breaks a placeholder or a tag is refused whole."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.editorial.po import PoError, export_po, import_po, page_block
from bot.editorial.records import confirm_translations
from bot.model.loader import load_content
from bot.model.model import PageText
from bot.model.reviews import stale_translations
from bot.model.yamlfile import parse_yaml
from tests.conftest import ROOT


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def entry(po: polib.POFile, context: str) -> polib.POEntry:
    found = [e for e in po if e.msgctxt == context]
    assert len(found) == 1, context
    return found[0]


def test_export_names_page_field_and_english_source(content_dir: Path, tmp_path: Path) -> None:
    count = export_po(content_dir, "zh-Hant", tmp_path / "zh-Hant.po")
    po = polib.pofile(str(tmp_path / "zh-Hant.po"))
    assert len(po) == count.entries and po.metadata["Language"] == "zh_Hant"
    assert count.to_translate == 0
    content = load_content(content_dir)
    body = entry(po, "about_reviewed.body")
    assert body.msgid == content.texts["en"]["about_reviewed"].body
    assert body.msgstr == content.texts["zh-Hant"]["about_reviewed"].body
    assert "page about_reviewed (Last reviewed), body." in body.comment
    assert "Keep {{ … }}" in body.comment
    assert body.occurrences == [("content/text/en/about.yaml",
                                 str(content.origins.bodies[("en", "about_reviewed")].line))]
    assert entry(po, "bladder_signs.keywords").msgid.startswith("signs, symptoms, pee")
    assert entry(po, "snippet:bladder_today").msgstr
    assert not any(e.fuzzy for e in po)  # the shipped translations are up to date


def test_an_untouched_round_trip_changes_nothing(content_dir: Path, tmp_path: Path) -> None:
    export_po(content_dir, "zh-Hans", tmp_path / "first.po")
    before = snapshot(content_dir)
    assert import_po(content_dir, tmp_path / "first.po") == ["nothing changed"]
    assert snapshot(content_dir) == before
    export_po(content_dir, "zh-Hans", tmp_path / "second.po")
    assert (tmp_path / "first.po").read_bytes() == (tmp_path / "second.po").read_bytes()


def test_translations_and_translator_comments_come_back(content_dir: Path,
                                                        tmp_path: Path) -> None:
    export_po(content_dir, "zh-Hans", tmp_path / "out.po")
    po = polib.pofile(str(tmp_path / "out.po"))
    entry(po, "home.title").msgstr = "主菜单（目录）"
    entry(po, "home.title").tcomment = "术语表：菜单"
    keywords = entry(po, "bladder_signs.keywords")
    keywords.msgstr += "，尿痛难忍"
    po.save(str(tmp_path / "in.po"))
    messages = import_po(content_dir, tmp_path / "in.po", "zh-Hans")
    assert "zh-Hans text of 'home' updated in home.yaml" in messages
    content = load_content(content_dir)
    assert content.texts["zh-Hans"]["home"].title == "主菜单（目录）"
    assert content.texts["zh-Hans"]["bladder_signs"].keywords[-1] == "尿痛难忍"
    # only the changed line of the file changed; the other pages' entries are as they were
    home = (content_dir / "text" / "zh-Hans" / "home.yaml").read_text(encoding="utf-8")
    original = (ROOT / "content" / "text" / "zh-Hans" / "home.yaml").read_text(encoding="utf-8")
    assert [line for line in home.splitlines() if line not in original.splitlines()] == [
        "    title: 主菜单（目录）"]
    export_po(content_dir, "zh-Hans", tmp_path / "again.po")
    again = polib.pofile(str(tmp_path / "again.po"))
    assert entry(again, "home.title").tcomment == "术语表：菜单"
    assert entry(again, "home.title").msgstr == "主菜单（目录）"
    assert not stale_translations(content)


@pytest.mark.parametrize(("broken", "message"), [
    (lambda s: s.replace("{{ review.last }}", "{{ review.lst }}"),
     "about_reviewed.body: the translation drops {{ review.last }}"),
    (lambda s: s.replace("<b>", "<i>", 1), "about_reviewed.body: the translation drops <b>"),
    (lambda s: s.replace("{% endif %}", "", 1),
     "about_reviewed.body: the translation drops {% endif %}"),
    (lambda s: s + "<script>", "the translation has <script>, which the English does not"),
])
def test_a_translation_that_breaks_a_placeholder_or_tag_is_refused(
        content_dir: Path, tmp_path: Path, broken: object, message: str) -> None:
    export_po(content_dir, "zh-Hans", tmp_path / "out.po")
    po = polib.pofile(str(tmp_path / "out.po"))
    body = entry(po, "about_reviewed.body")
    assert callable(broken)
    body.msgstr = broken(body.msgstr)
    entry(po, "home.title").msgstr = "别的"  # a good change in the same file is not imported
    po.save(str(tmp_path / "in.po"))
    before = snapshot(content_dir)
    with pytest.raises(PoError) as caught:
        import_po(content_dir, tmp_path / "in.po")
    assert message in str(caught.value)
    assert str(caught.value).startswith("Nothing was imported")
    assert snapshot(content_dir) == before


def test_a_stale_translation_exports_fuzzy_and_import_confirms_it(content_dir: Path,
                                                                  tmp_path: Path) -> None:
    path = content_dir / "text" / "en" / "what.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: What ketamine is", "title: What is ketamine"), encoding="utf-8")
    export_po(content_dir, "zh-Hans", tmp_path / "out.po")
    po = polib.pofile(str(tmp_path / "out.po"))
    assert entry(po, "what.title").fuzzy and not entry(po, "what.body").fuzzy
    assert entry(po, "what.title").previous_msgid == "What ketamine is"
    assert not entry(po, "home.title").fuzzy
    # importing it as it is keeps the fuzzy page behind the English
    import_po(content_dir, tmp_path / "out.po")
    assert [(s.page, s.locale) for s in stale_translations(load_content(content_dir))
            if s.locale == "zh-Hans"] == [("what", "zh-Hans")]
    # the translator checks it and clears fuzzy: then it is current
    for item in po:
        if item.msgctxt.startswith("what.") and item.fuzzy:
            item.flags.remove("fuzzy")
    po.save(str(tmp_path / "in.po"))
    messages = import_po(content_dir, tmp_path / "in.po")
    assert any("now marked as translated from the current English: what" in m for m in messages)
    assert [s for s in stale_translations(load_content(content_dir)) if s.locale == "zh-Hans"] \
        == []
    # the English it was made from before is kept only while a record names it (zh-Hant)
    old = load_content(ROOT / "content").translated_from["zh-Hans"]["what"]
    history = content_dir / "records" / "history" / "what.yaml"
    assert old in history.read_text(encoding="utf-8")
    confirm_translations(content_dir, "zh-Hant", ["what"])
    assert old not in history.read_text(encoding="utf-8")


def test_only_the_fields_whose_english_changed_are_fuzzy_with_the_previous_english(
        content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    content = load_content(content_dir)
    old_body = content.texts["en"]["what"].body
    sentence = old_body.split("\n")[0]
    path = content_dir / "text" / "en" / "what.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(sentence) == 1
    path.write_text(text.replace(sentence, sentence + " More."), encoding="utf-8")
    monkeypatch.setenv("CONTENT_DIR", str(content_dir))
    out = tmp_path / "zh-Hans.po"
    assert main(["translations", "export", "--locale", "zh-Hans", str(out)]) == 0
    po = polib.pofile(str(out))
    assert [e.msgctxt for e in po if e.fuzzy] == ["what.body"]  # one body edit, one entry
    body = entry(po, "what.body")
    assert body.previous_msgid == old_body  # `#| msgid`: tools show what changed
    assert "#| msgid" in out.read_text(encoding="utf-8")
    said = capsys.readouterr().out
    assert f"{out}: {len(po)} entries; 1 to translate into zh-Hans (1 fuzzy, 0 untranslated)" \
        in said, said


def test_import_messages_say_what_to_do(content_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(PoError) as caught:
        import_po(content_dir, tmp_path / "missing.po", "zh-Hans")
    assert str(caught.value) == f"{tmp_path / 'missing.po'}: no such file"
    export_po(content_dir, "zh-Hans", tmp_path / "out.po")
    po = polib.pofile(str(tmp_path / "out.po"))
    entry(po, "about_reviewed.body").msgstr = "没有日期"
    po.save(str(tmp_path / "out.po"))
    with pytest.raises(PoError) as caught:
        import_po(content_dir, tmp_path / "out.po")
    assert "import the PO file again" in str(caught.value)
    assert "export" not in str(caught.value)


def test_a_page_without_a_translation_gets_one_from_the_po_file(content_dir: Path,
                                                                tmp_path: Path) -> None:
    path = content_dir / "text" / "zh-Hant" / "what.yaml"
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text).data
    law = PageText.model_validate(data["pages"]["what_law"])
    start = text.index("  what_law:\n")
    end = text.find("\n  what_", start + 1)
    path.write_text(text[:start] + (text[end + 1:] if end != -1 else ""), encoding="utf-8")
    assert "what_law" not in load_content(content_dir).texts["zh-Hant"]
    export_po(content_dir, "zh-Hant", tmp_path / "out.po")
    po = polib.pofile(str(tmp_path / "out.po"))
    assert entry(po, "what_law.title").msgstr == ""
    entry(po, "what_law.title").msgstr = law.title
    entry(po, "what_law.body").msgstr = law.body
    po.save(str(tmp_path / "in.po"))
    import_po(content_dir, tmp_path / "in.po")
    content = load_content(content_dir)
    assert content.texts["zh-Hant"]["what_law"].title == law.title
    assert content.texts["zh-Hant"]["what_law"].body == law.body
    # not every field is translated yet, so it is not marked as current
    assert ("what_law", "zh-Hant") in {(s.page, s.locale) for s in stale_translations(content)}
    confirm_translations(content_dir, "zh-Hant", ["what_law"])


def test_every_shipped_translation_reads_back_from_its_written_entry() -> None:
    content = load_content(ROOT / "content")
    for locale in ("zh-Hans", "zh-Hant"):
        for page_id, text in content.texts[locale].items():
            written = parse_yaml("pages:\n" + page_block(page_id, text)).data["pages"][page_id]
            assert PageText.model_validate(written) == text, (locale, page_id)


def test_a_file_in_another_language_or_unreadable_is_refused(content_dir: Path,
                                                             tmp_path: Path) -> None:
    export_po(content_dir, "zh-Hans", tmp_path / "out.po")
    with pytest.raises(PoError, match="is a zh-Hans file, not zh-Hant"):
        import_po(content_dir, tmp_path / "out.po", "zh-Hant")
    (tmp_path / "bad.po").write_text('msgid "a\nmsgstr', encoding="utf-8")
    with pytest.raises(PoError, match="cannot read this PO file"):
        import_po(content_dir, tmp_path / "bad.po", "zh-Hans")


def test_the_commands(content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    monkeypatch.setenv("CONTENT_DIR", str(content_dir))
    out = tmp_path / "zh-Hant.po"
    assert main(["translations", "export", "--locale", "zh-Hant", str(out)]) == 0
    assert "0 to translate into zh-Hant" in capsys.readouterr().out
    assert main(["translations", "import", str(out)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    po = polib.pofile(str(out))
    entry(po, "home.body").msgstr = entry(po, "home.body").msgstr.replace("🆘", "")
    entry(po, "about_reviewed.body").msgstr = "沒有日期"
    po.save(str(out))
    assert main(["translations", "import", str(out)]) == 1
    assert "about_reviewed.body: the translation drops <b>" in capsys.readouterr().err


# Whatever a translator types comes back exactly: titles and labels (one line, no surrounding
# spaces), keywords, bodies (any text, any characters).
_one_line = st.text(min_size=1).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(title=_one_line, body=st.text(), keywords=st.lists(_one_line, max_size=4),
       label=_one_line)
def test_any_translation_is_written_so_it_reads_back_the_same(title: str, body: str,
                                                              keywords: list[str],
                                                              label: str) -> None:
    try:
        text = PageText(title=title, summary=title, body=body, keywords=keywords,
                        labels={"yes": label})
    except ValidationError:
        assume(False)
        return
    written = "pages:\n" + page_block("a_page", text) + "  next_page:\n    title: x\n"
    data = parse_yaml(written).data
    assert PageText.model_validate(data["pages"]["a_page"]) == text
    assert data["pages"]["next_page"] == {"title": "x"}
