"""The crisis phrases are content: they come from the content folder the bot serves (not from
wherever the code is), and a reload brings an editor's change to them."""

from __future__ import annotations

from pathlib import Path

from bot.conversation.guide import Guide
from bot.reporting.tally import Tally
from bot.runtime.reloading import ContentReloader, load_checked
from bot.telegram.callbacks import encode_action

NEW_SIGNAL = """
  - name: a test phrase an editor added
    answer: route
    kind: suicide
    source: C1
    phrases: [purple lighthouse tonight]
"""


def add_signal(site: Path) -> None:
    path = site / "content" / "crisis" / "signals" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8") + NEW_SIGNAL, encoding="utf-8")


async def test_an_editors_new_crisis_phrase_is_read_from_the_served_folder_and_reloaded(
        shipped_site: Path) -> None:
    builder, problems = load_checked(shipped_site / "content", shipped_site / "locales",
                                     encode_action)
    assert builder is not None, problems
    guide = Guide(builder, Tally())
    assert not guide.urgent("i will go to the purple lighthouse tonight")
    add_signal(shipped_site)
    reloader = ContentReloader(guide, shipped_site / "content", shipped_site / "locales",
                               encode_action)
    result = await reloader.reload()
    assert result.ok, result.problems
    assert guide.urgent("i will go to the purple lighthouse tonight")
    screen = guide.message(None, "en", "i will go to the purple lighthouse tonight").screen
    assert screen.page == "mental_crisis"


async def test_a_broken_crisis_file_keeps_the_last_good_content(shipped_site: Path) -> None:
    builder, _ = load_checked(shipped_site / "content", shipped_site / "locales", encode_action)
    assert builder is not None
    guide = Guide(builder, Tally())
    path = shipped_site / "content" / "crisis" / "signals" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - name: [broken\n", encoding="utf-8")
    reloader = ContentReloader(guide, shipped_site / "content", shipped_site / "locales",
                               encode_action)
    result = await reloader.reload()
    assert not result.ok
    assert any("content/crisis/signals/en.yaml" in p.file for p in result.problems)
    assert guide.builder is builder  # still serving what it served
    assert guide.urgent("my friend is not breathing")
