"""Reviews by role and translations that know when the English moved on, on copies of the shipped
content: recorded by the commands (never a typed fingerprint), shown by `review` and `check`."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest

from bot.checking.check import check_content
from bot.cli import main, run_check
from bot.conversation.screen_builder import ScreenBuilder
from bot.editorial.records import (
    RecordError,
    add_review,
    confirm_translations,
    record_review,
)
from bot.editors import print_review
from bot.model.loader import load_content
from bot.model.model import LOCALES, Review
from bot.model.problems import ContentError
from bot.model.reviews import (
    HISTORY,
    is_reviewed,
    months_before,
    page_version,
    read_snapshot,
    role_states,
    stale_translations,
    version_fingerprint,
)
from bot.model.yamlfile import parse_yaml
from tests.conftest import ROOT, no_earlier_than_the_shipped_dates

TODAY = no_earlier_than_the_shipped_dates()


def review_every_page(content_dir: Path, roles: list[str], day: dt.date) -> None:
    """Record ``roles`` for every page at once (as many `review record` runs would)."""
    from bot.model.reviews import role_locale, save_snapshot, tidy_history

    content = load_content(content_dir)
    by_file: dict[str, list[str]] = {}
    for page_id, origin in content.origins.pages.items():
        by_file.setdefault(origin.file, []).append(page_id)
    for name, pages in by_file.items():
        path = content_dir.parent / name
        text = path.read_text(encoding="utf-8")
        for page_id in pages:
            for role in roles:
                version = page_version(content, page_id, role_locale(role))
                assert version is not None
                text = add_review(text, page_id, Review(
                    role=role, date=day,
                    text=save_snapshot(content_dir, content, page_id, version)))
        path.write_text(text, encoding="utf-8")
    tidy_history(content_dir, load_content(content_dir))


@pytest.fixture
def site(shipped_site: Path) -> Path:
    return shipped_site


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def check(root: Path, today: dt.date = TODAY) -> list[str]:
    report = check_content(ScreenBuilder.load(root / "content", root / "locales", drafts=True),
                           today=today)
    assert report.ok, [p.labelled() for p in report.errors]
    return [p.labelled() for p in report.problems]


def run(root: Path, *argv: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setenv("CONTENT_DIR", str(root / "content"))
    monkeypatch.setenv("LOCALES_DIR", str(root / "locales"))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_shipped_content_waits_for_every_role_and_check_says_so_in_one_line() -> None:
    content = load_content(ROOT / "content")
    assert content.review_rules.required == ["clinical", "lived_experience",
                                             "translation_zh-Hans", "translation_zh-Hant"]
    assert content.review_rules.overdue_after_months == 12
    builder = ScreenBuilder.load(ROOT / "content", ROOT / "locales", drafts=True)
    report = check_content(builder, today=TODAY)
    assert not any("wait for a" in p.message for p in report.problems)
    live = len(report.awaiting_review)
    assert report.review_backlog == {role: live for role in content.review_rules.required}
    # a clean tree: no warning line, and the review backlog is one summary line
    out = io.StringIO()
    assert run_check(builder, out, ROOT / "content", today=TODAY) == 0
    lines = out.getvalue().splitlines()
    assert [line for line in lines if ": warning: " in line or ": error: " in line] == []
    assert [line for line in lines if "review" in line.lower()] == [
        f"Review backlog: {live} of {live} live page(s) wait for a review of their current "
        f"text (clinical {live}, lived-experience {live}, zh-Hans translation {live}, zh-Hant "
        "translation " f"{live}); python -m bot review lists them"]
    assert lines[-1] == "OK: no errors, 0 warning(s)."
    # every shipped translation has a record of the English it was made from
    for locale in LOCALES[1:]:
        assert set(content.translated_from[locale]) == set(content.texts[locale])


def test_a_reviewed_page_that_changes_waits_again_in_every_count(site: Path) -> None:
    content_dir = site / "content"
    edit(content_dir / "review.yaml",
         "required: [clinical, lived_experience, translation_zh-Hans, translation_zh-Hant]",
         "required: [clinical]")
    review_every_page(content_dir, ["clinical"], dt.date(2026, 11, 28))
    builder = ScreenBuilder.load(content_dir, site / "locales", drafts=True)
    assert check_content(builder, today=TODAY).review_backlog == {"clinical": 0}
    edit(content_dir / "text" / "en" / "what.yaml", "title: What ketamine is",
         "title: What is ketamine")
    builder = ScreenBuilder.load(content_dir, site / "locales", drafts=True)
    report = check_content(builder, today=TODAY)
    assert report.review_backlog == {"clinical": 1} and report.awaiting_review == ["what"]
    out = io.StringIO()
    print_review(content_dir, builder.content, out, today=TODAY)
    text = out.getvalue()
    assert "Waiting for a clinical review (en): 1 page(s)\n  what (changed)\n" in text
    pages = len(builder.content.pages)
    assert f"{pages - 1} of {pages} page(s) have every review of their current text." in text


def test_a_recorded_review_covers_the_text_as_it_is_then(site: Path) -> None:
    content_dir = site / "content"
    structure = content_dir / "pages" / "bladder.yaml"
    before = structure.read_text(encoding="utf-8")
    review = record_review(content_dir, "bladder_signs", "clinical", by="A. B.",
                           day=dt.date(2026, 11, 28))
    after = structure.read_text(encoding="utf-8")
    # one line added under the page (and a reviews: key); every comment and line kept
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        "    reviews:",
        f'      - {{role: clinical, date: 2026-11-28, by: "A. B.", text: "{review.text}"}}']
    content = load_content(content_dir)
    assert review.text == version_fingerprint(content, "bladder_signs", "en")
    assert read_snapshot(content_dir, content, "bladder_signs", review.text) == \
        page_version(content, "bladder_signs", "en")
    states = {s.role: s for s in role_states(content, "bladder_signs", TODAY)}
    assert states["clinical"].done and states["clinical"].latest == review
    assert states["lived_experience"].state == "waiting"
    assert not is_reviewed(content, "bladder_signs")
    # a second review appends under the same key
    second = record_review(content_dir, "bladder_signs", "lived_experience")
    assert second.by is None
    content = load_content(content_dir)
    assert [r.role for r in content.pages["bladder_signs"].reviews] == ["clinical",
                                                                         "lived_experience"]


def test_a_change_to_the_text_shows_in_review_with_a_diff_and_check_warns(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    content_dir = site / "content"
    record_review(content_dir, "bladder_signs", "clinical", day=dt.date(2026, 11, 28))
    edit(content_dir / "text" / "en" / "bladder.yaml", "Early signs can include:",
         "Early signs include:")
    content = load_content(content_dir)
    state = role_states(content, "bladder_signs", TODAY, ["clinical"])[0]
    assert state.state == "changed"
    out = io.StringIO()
    print_review(content_dir, content, out, today=TODAY)
    text = out.getvalue()
    assert "bladder_signs, clinical review of 2026-11-28:" in text
    assert "-Early signs can include:" in text and "+Early signs include:" in text
    problems = check(site)
    assert any("'bladder_signs' changed since its clinical review on 2026-11-28" in p
               and ": warning: " in p for p in problems)
    # the English moved on, so both translations lag behind, with the English diff
    assert {(s.page, s.locale) for s in stale_translations(content)} == {
        ("bladder_signs", "zh-Hans"), ("bladder_signs", "zh-Hant")}
    assert any("content/text/zh-Hans/bladder.yaml" in p and "older English text" in p
               for p in problems)
    code, out_text, _ = run(site, "check", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    assert "bladder_signs (zh-Hant): update the translation" in out_text
    assert "+Early signs include:" in out_text
    # the translator confirms one language: it is no longer listed, the other still is
    code, out_text, _ = run(site, "translations", "confirm", "bladder_signs", "--locale",
                            "zh-Hans", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0, out_text
    assert [(s.page, s.locale) for s in stale_translations(load_content(content_dir))] == [
        ("bladder_signs", "zh-Hant")]


def test_review_lists_waiting_per_role_and_language_and_records_from_the_command_line(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(site, "review", "record", "bladder", "--role", "translation_zh-Hant",
                         "--by", "KL", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0, err
    assert "translation_zh-Hant" in out and "by: \"KL\"" in out
    code, out, _ = run(site, "review", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    count = len(load_content(site / "content").pages)
    assert f"Waiting for a clinical review (en): {count} page(s)" in out
    assert f"Waiting for a zh-Hant translation review (zh-Hant): {count - 1} page(s)" in out
    assert f"Waiting for a zh-Hans translation review (zh-Hans): {count} page(s)" in out
    assert "Translations behind the English: 0" in out
    code, out, err = run(site, "review", "record", "nosuch", "--role", "clinical",
                         monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1 and "there is no page 'nosuch'" in err
    with pytest.raises(SystemExit):
        run(site, "review", "record", "bladder", "--role", "doctor", monkeypatch=monkeypatch,
            capsys=capsys)
    assert "'doctor' is not a review role" in capsys.readouterr().err


def test_overdue_reviews_warn_after_the_configured_period(site: Path) -> None:
    content_dir = site / "content"
    record_review(content_dir, "home", "clinical", day=dt.date(2025, 11, 1))
    assert any("'home': its clinical review of 2025-11-01 is more than 12 months old" in p
               for p in check(site))
    edit(content_dir / "review.yaml", "overdue_after_months: 12", "overdue_after_months: 24")
    assert not any("months old" in p for p in check(site))


def test_the_required_roles_are_set_in_one_place(site: Path) -> None:
    content_dir = site / "content"
    edit(content_dir / "review.yaml",
         "required: [clinical, lived_experience, translation_zh-Hans, translation_zh-Hant]",
         "required: [clinical]")
    record_review(content_dir, "what", "clinical", today=TODAY)
    content = load_content(content_dir)
    assert is_reviewed(content, "what") and not is_reviewed(content, "home")
    report = check_content(ScreenBuilder.load(site / "content", site / "locales", drafts=True),
                           today=TODAY)
    assert report.review_backlog == {"clinical": len(content.pages) - 1}


def test_status_reviewed_without_the_reviews_is_a_warning(site: Path) -> None:
    edit(site / "content" / "pages" / "what.yaml",
         "[S35, S36, S57, S69, S76]\n    reviewed: 2026-11-21\n    status: awaiting_review",
         "[S35, S36, S57, S69, S76]\n    reviewed: 2026-11-21\n    status: reviewed")
    problems = check(site)
    assert any("'what_law' says status: reviewed, but it still needs: clinical" in p
               and ": warning: " in p for p in problems)


@pytest.mark.parametrize(("line", "message"), [
    ("{role: doctor, date: 2026-11-01, text: \"0123456789ab\"}",
     "'doctor' is not a review role; use one of clinical, lived_experience"),
    ("{role: clinical, date: 2026-11-01, text: \"looks fine\"}",
     "'looks fine' is not a text fingerprint; do not type it"),
    ("{role: clinical, date: 2026-11-31, text: \"0123456789ab\"}",
     "write dates as YYYY-MM-DD"),
    ("{role: clinical, date: 2026-11-01}", "'text' is missing"),
])
def test_a_wrong_review_record_is_an_error_at_its_line(site: Path, line: str,
                                                        message: str) -> None:
    path = site / "content" / "pages" / "what.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - id: what_law\n", f"  - id: what_law\n    reviews:\n      - {line}\n",
                        1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(site / "content")
    expected_line = text.splitlines().index(f"      - {line}") + 1
    assert any(p.file == "content/pages/what.yaml" and p.line == expected_line
               and message in p.message for p in caught.value.problems), caught.value.problems


def test_a_review_dated_in_the_future_is_an_error(site: Path) -> None:
    record_review(site / "content", "what", "clinical", day=dt.date(2026, 11, 1))
    report = check_content(ScreenBuilder.load(site / "content", site / "locales", drafts=True),
                           today=dt.date(2026, 10, 1))
    assert any("clinical review dated 2026-11-01, which is in the future" in p.message
               for p in report.errors)
    with pytest.raises(RecordError, match="in the future"):
        record_review(site / "content", "what", "clinical", day=dt.date(2026, 10, 2),
                      today=dt.date(2026, 10, 1))


def test_a_translation_without_a_record_is_listed_until_confirmed(site: Path) -> None:
    content_dir = site / "content"
    records = content_dir / "records" / "translated-from" / "zh-Hant.yaml"
    text = records.read_text(encoding="utf-8")
    records.write_text(re.sub(r"^  what_law: .*\n", "", text, flags=re.MULTILINE),
                       encoding="utf-8")
    assert any("'what_law' has no record of the English it was translated from" in p
               for p in check(site))
    confirm_translations(content_dir, "zh-Hant", ["what_law"])
    assert not stale_translations(load_content(content_dir))


def test_snapshots_no_record_names_are_removed(site: Path) -> None:
    content_dir = site / "content"
    edit(content_dir / "text" / "en" / "what.yaml", "title: What ketamine is",
         "title: What is ketamine")
    old = load_content(content_dir).translated_from["zh-Hans"]["what"]
    confirm_translations(content_dir, "zh-Hans", ["what"])
    assert old in kept(content_dir)  # zh-Hant still names it
    confirm_translations(content_dir, "zh-Hant", ["what"])
    assert old not in kept(content_dir)


def kept(content_dir: Path) -> str:
    return "".join(path.read_text(encoding="utf-8")
                   for path in sorted((content_dir / HISTORY).glob("*.yaml")))


def git(root: Path, *argv: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org",
                           "-c", "commit.gpgsign=false", *argv], cwd=root, check=True,
                          capture_output=True, text=True).stdout


def test_review_history_survives_git_commit_a(site: Path, tmp_path: Path) -> None:
    """Recording reviews and translations only rewrites files git already tracks, so an editor's
    `git commit -a` keeps what `review` needs to show what changed since."""
    content_dir = site / "content"
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "content")
    record_review(content_dir, "bladder_signs", "clinical", day=dt.date(2026, 11, 28),
                  today=TODAY)
    edit(content_dir / "text" / "en" / "what.yaml", "title: What ketamine is",
         "title: What is ketamine")
    confirm_translations(content_dir, "zh-Hans", ["what"])
    confirm_translations(content_dir, "zh-Hant", ["what"])
    assert [line for line in git(site, "status", "--porcelain").splitlines()
            if not line.startswith(" M ")] == []  # nothing new, nothing deleted
    git(site, "commit", "-qam", "reviewed")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(site), str(clone)], check=True)
    edit(clone / "content" / "text" / "en" / "bladder.yaml", "Early signs can include:",
         "Early signs include:")
    out = io.StringIO()
    print_review(clone / "content", load_content(clone / "content"), out, today=TODAY)
    assert "-Early signs can include:" in out.getvalue()
    assert "not kept" not in out.getvalue()


def test_check_notices_a_missing_snapshot(site: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    content_dir = site / "content"
    record_review(content_dir, "bladder_signs", "clinical", day=dt.date(2026, 11, 28),
                  today=TODAY)
    builder = ScreenBuilder.load(content_dir, site / "locales", drafts=True)
    out = io.StringIO()
    assert run_check(builder, out, content_dir, today=TODAY) == 0
    assert ": warning: " not in out.getvalue()
    history = content_dir / HISTORY / "bladder.yaml"
    history.unlink()
    out = io.StringIO()
    assert run_check(builder, out, content_dir, today=TODAY) == 0
    warnings = [line for line in out.getvalue().splitlines() if ": warning: " in line]
    assert warnings and all("content/records/history/bladder.yaml" in line for line in warnings)
    assert any(line.startswith("content/pages/bladder.yaml:") and "'bladder_signs'" in line
               and "clinical review" in line and "git" in line for line in warnings), warnings
    assert any(line.startswith("content/records/translated-from/zh-Hant.yaml:")
               and "'bladder_signs'" in line for line in warnings), warnings


def test_adding_a_review_to_any_shipped_page_changes_nothing_else() -> None:
    review = Review(role="clinical", date=dt.date(2026, 11, 1), by='Dr "Q"', text="0123456789ab")
    for path in sorted((ROOT / "content" / "pages").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = parse_yaml(text).data
        for index, item in enumerate(data["pages"]):
            changed = add_review(text, item["id"], review)
            new = parse_yaml(changed).data
            expected = [*item.get("reviews", []), {"role": "clinical", "date": "2026-11-01",
                                                   "by": 'Dr "Q"', "text": "0123456789ab"}]
            assert new["pages"][index]["reviews"] == expected
            assert [p for i, p in enumerate(new["pages"]) if i != index] == \
                [p for i, p in enumerate(data["pages"]) if i != index]
            comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
            assert [line for line in changed.splitlines()
                    if line.lstrip().startswith("#")] == comments


def test_a_flow_style_reviews_list_is_rewritten_as_a_block() -> None:
    text = "pages:\n  - id: a\n    reviews: []  # none yet\n  - id: b\n"
    review = Review(role="clinical", date=dt.date(2026, 1, 2), text="0123456789ab")
    changed = add_review(text, "a", review)
    assert changed == ("pages:\n  - id: a\n    reviews:\n"
                       '      - {role: clinical, date: 2026-01-02, text: "0123456789ab"}\n'
                       "  - id: b\n")
    last = add_review("pages:\n  - id: a\n    factual: false", "a", review)
    assert last.endswith('factual: false\n    reviews:\n      - {role: clinical, date: '
                         '2026-01-02, text: "0123456789ab"}\n')


def test_months_before() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 12) == dt.date(2025, 1, 15)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_the_fingerprint_covers_included_snippets_and_english_sources(site: Path) -> None:
    content_dir = site / "content"
    before = load_content(content_dir)
    assert "snippet bladder_today:" in (page_version(before, "bladder_signs", "en") or "")
    text = (content_dir / "text" / "en" / "bladder.yaml").read_text(encoding="utf-8")
    snippet_body = re.search(r"^  bladder_today: \|\n {4}(.+)$", text, re.MULTILINE)
    assert snippet_body is not None
    edit(content_dir / "text" / "en" / "bladder.yaml", snippet_body[1], snippet_body[1] + " X")
    edit(content_dir / "pages" / "what.yaml", "[S35, S36, S57, S69, S76]", "[S35, S36, S57, S69]")
    after = load_content(content_dir)
    assert version_fingerprint(after, "what_law", "en") != \
        version_fingerprint(before, "what_law", "en")
    assert version_fingerprint(after, "what_law", "zh-Hant") == \
        version_fingerprint(before, "what_law", "zh-Hant")
    assert version_fingerprint(after, "bladder_signs", "en") != \
        version_fingerprint(before, "bladder_signs", "en")
    assert version_fingerprint(after, "bladder_signs", "zh-Hans") == \
        version_fingerprint(before, "bladder_signs", "zh-Hans")


def test_a_page_written_in_flow_style_gets_a_clear_message_not_a_crash() -> None:
    review = Review(role="clinical", date=dt.date(2026, 1, 2), text="0123456789ab")
    with pytest.raises(RecordError, match="add it by hand under reviews:"):
        add_review("pages:\n  - {id: a, factual: false}\n  - id: b\n", "a", review)
