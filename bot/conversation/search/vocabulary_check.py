"""``check``'s rules for content/vocabulary.yaml: warn about entries that can never change an
answer, so an editor who adds "loo" learns at once whether it does anything.

Kept apart from bot/checking/check.py's other rules; it needs the search index (built from the
content being checked) to know which words the pages use.
"""

from __future__ import annotations

import re

from bot.conversation.search.index import SearchIndex
from bot.conversation.search.vocab import phrase_keys
from bot.model.model import Content
from bot.model.problems import Problem, Severity

_HAS_CJK = re.compile("[\u3400-\u9fff]")


def check_vocabulary(content: Content, index: SearchIndex) -> list[Problem]:
    """Problems, each at its line. Warnings: a word search cannot read (only small words it
    leaves out), a word listed as both topic and generic. Notices: a group none of whose words
    any page uses, a topic or generic word no page uses (they may wait for a page)."""
    problems: list[Problem] = []
    lines = content.vocabulary_lines

    def warn(path: tuple[str | int, ...], message: str, severity: Severity = "warning") -> None:
        line = lines.get(path) or lines.get(path[:-1]) or lines.get(path[:1], 0)
        problems.append(Problem(content.vocabulary_file, line, message, severity))

    for name, section in content.vocabulary.sections().items():
        for number, group in enumerate(section.same):
            if all(_HAS_CJK.search(member) and not phrase_keys(member) for member in group):
                continue  # 冇/没有, 唔/不: they change the pairs they stand in (冇尿 -> 有尿)
            for member in group:
                if not phrase_keys(member) and not _HAS_CJK.search(member):
                    warn((name, "same", number),
                         f"'{member}' is only small words search leaves out (like 'the' or "
                         "的), so it can never match; write the words that carry the meaning")
            if not any(index.uses(member) for member in group):
                shown = ", ".join(group)
                # A notice, not a warning: words kept ready for pages still being written.
                warn((name, "same", number),
                     f"no page uses any of [{shown}], so this group changes no answer yet; "
                     "add one of them as a keyword of the page it belongs to", "notice")
        for kind in ("topic", "generic"):
            for number, word in enumerate(getattr(section, kind)):
                if not index.uses(word):
                    warn((name, kind, number),
                         f"no page uses '{word}', so listing it as {kind} changes no answer "
                         "yet", "notice")
        for word in sorted(set(section.topic) & set(section.generic)):
            warn((name, "generic"), f"'{word}' is listed as both topic and generic; keep one")
    return problems
