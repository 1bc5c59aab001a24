from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.conversation.telegram_html import (
    MarkupError,
    located_problems,
    normalise_checked,
    plain_text,
    split_html,
    tokenize,
    utf16_len,
    visible_length,
    visible_text,
)


def test_bullets_and_stray_characters_are_made_safe() -> None:
    assert normalise_checked("- one\n* two\nA & E < 5 > 3")[0] == (
        "• one\n• two\nA &amp; E &lt; 5 &gt; 3")


def test_entities_are_kept_as_the_characters_they_mean() -> None:
    assert normalise_checked("Tom &amp; Jerry &lt;3")[0] == "Tom &amp; Jerry &lt;3"


@pytest.mark.parametrize(("markup", "hint"), [
    ("a<br>b", "<br>"),
    ("<p>x</p>", "<p>"),
    ("<ul><li>x</li></ul>", "lists"),
    ("<b>open", "never closed"),
    ("<b><i>x</b></i>", "wrong place"),
    ('<a href="javascript:x">x</a>', "href"),
    ("<span>x</span>", "tg-spoiler"),
    ("<!-- hidden -->", "comments"),
])
def test_problems_explain_what_telegram_refuses(markup: str, hint: str) -> None:
    _, problems = normalise_checked(markup)
    assert hint in str(MarkupError(problems))


def test_lenient_mode_drops_unsupported_tags_but_keeps_text() -> None:
    assert normalise_checked("<p>Hello</p>")[0] == "Hello"


def test_supported_tags_pass_in_canonical_form() -> None:
    markup = ('<b>b</b><i>i</i><u>u</u><s>s</s><code>c</code><pre>p</pre>'
              '<a href="https://x.org/?a=1&amp;b=2">l</a><blockquote expandable>q</blockquote>'
              '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>')
    assert normalise_checked(markup) == (markup, [])


def test_visible_length_counts_utf16_units_after_parsing() -> None:
    assert visible_length("<b>ab</b> &amp;") == 4
    assert visible_length("🆘") == 2
    assert visible_length("膀胱") == 2


def test_short_text_is_one_part() -> None:
    assert split_html("<b>x</b>", 10) == ["<b>x</b>"]


def test_split_prefers_paragraphs_and_reopens_tags() -> None:
    markup = "<b>" + "\n\n".join(["word " * 30] * 6) + "</b>"
    parts = split_html(markup, 400)
    assert len(parts) > 1
    for part in parts:
        assert part.startswith("<b>") and part.endswith("</b>")
        assert visible_length(part) <= 400
        assert tokenize(part)[1] == []


def test_split_keeps_every_word() -> None:
    words = [f"w{i}" for i in range(900)]
    parts = split_html(" ".join(words), 300)
    assert " ".join(visible_text(p) for p in parts).split() == words


def test_split_handles_chinese_without_spaces() -> None:
    text = "这是一个很长的句子。" * 200
    parts = split_html(text, 500)
    assert all(visible_length(p) <= 500 for p in parts)
    assert "".join(visible_text(p) for p in parts) == text


_piece = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(["\n\n", "\n", " ", "。", "🆘", "&", "<", ">"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "b", "i", "a", "code"]), _piece), max_size=40),
       st.integers(min_value=20, max_value=400))
def test_split_always_gives_valid_parts_within_the_limit(
        chunks: list[tuple[str, str]], limit: int) -> None:
    pieces = []
    for tag, text in chunks:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if tag == "a":
            pieces.append(f'<a href="https://example.org">{escaped}</a>')
        elif tag:
            pieces.append(f"<{tag}>{escaped}</{tag}>")
        else:
            pieces.append(escaped)
    markup = "".join(pieces)
    parts = split_html(markup, limit)
    assert parts
    for part in parts:
        assert utf16_len(visible_text(part)) <= max(limit, 1)
        assert tokenize(part)[1] == []
    joined = "".join(visible_text(p) for p in parts)
    assert "".join(joined.split()) == "".join(visible_text(markup).split())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_canonical_length_matches_parsing_for_our_own_markup(text: str) -> None:
    from bot.conversation.telegram_html import canonical_visible_length

    markup, _ = normalise_checked(f"<b>{text.replace('<', ' ')}</b> & <i>x</i>")
    assert canonical_visible_length(markup) == visible_length(markup)


def test_plain_text_shows_links_with_their_target_and_drops_the_other_tags() -> None:
    markup = ('<b>Call</b> <a href="https://example.org/?a=1&amp;b=2">the <i>line</i></a> '
              '&amp; <a href="https://example.org">https://example.org</a> <code>x&lt;y</code>')
    assert plain_text(markup) == ("Call the line (https://example.org/?a=1&b=2) "
                                  "& https://example.org x<y")


def test_plain_text_marks_bold_once_even_when_nested() -> None:
    markup = "<b>a <strong>b</strong> c</b> d <strong>e</strong>"
    assert plain_text(markup, bold=("[", "]")) == "[a b c] d [e]"
    assert plain_text(markup) == "a b c d e"


@given(st.lists(st.tuples(st.sampled_from(["", "b", "i", "code", "tg-spoiler"]), _piece),
                max_size=20))
@settings(max_examples=100, deadline=None)
def test_plain_text_without_links_is_the_visible_text(pieces: list[tuple[str, str]]) -> None:
    markup = normalise_checked("".join(f"<{tag}>{text}</{tag}>" if tag else text
                                       for tag, text in pieces))[0]
    assert plain_text(markup) == visible_text(markup)


@pytest.mark.parametrize("markup", ["<![0", "a <![ b", "x\n<![0 y"])
def test_a_malformed_marked_section_is_a_problem_not_a_crash(markup: str) -> None:
    """Python's parser asserts on some "<![" (found by the property test above): an editor
    gets a problem with its line, a reader the text."""
    text, problems = normalise_checked(markup)
    assert any("<![" in problem for problem in problems)
    assert "&lt;![" in text
    assert visible_text(text) == plain_text(text)
    [(line, _raw, _problem), *_] = located_problems(markup)
    assert line == markup[:markup.find("<![")].count("\n") + 1
