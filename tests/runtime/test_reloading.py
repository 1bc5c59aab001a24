"""The content reloader, in-process: validate first, swap in one step, and a watcher that never
misses an edit made once the bot serves."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.conversation.guide import Guide
from bot.conversation.screen_builder import ScreenBuilder
from bot.reporting.tally import Tally
from bot.runtime.reloading import ContentReloader


def _retitle(site: Path, old: str, new: str) -> None:
    path = site / "content" / "text" / "en" / "main.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _reloader(site: Path) -> ContentReloader:
    guide = Guide(ScreenBuilder.load(site / "content", site / "locales"), Tally())
    return ContentReloader(guide, site / "content", site / "locales")


def _bladder_title(reloader: ContentReloader) -> str:
    return reloader.guide.builder.content.text("bladder", "en").title


async def test_an_edit_right_after_the_baseline_is_reloaded(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline is taken before serving; an edit made at once (before the watcher's first
    look) is still a change. Taking the baseline inside the watch task lost such edits."""
    reloader = _reloader(site)
    swapped = asyncio.Event()
    replace = reloader.guide.replace_builder

    def replace_and_tell(builder: ScreenBuilder) -> None:
        replace(builder)
        swapped.set()

    monkeypatch.setattr(reloader.guide, "replace_builder", replace_and_tell)
    await reloader.take_baseline()
    _retitle(site, "title: Bladder\n", "title: Watched bladder\n")
    watcher = asyncio.create_task(reloader.watch(0.01))
    try:
        async with asyncio.timeout(10):
            await swapped.wait()
    finally:
        watcher.cancel()
    assert _bladder_title(reloader) == "Watched bladder"


async def test_broken_content_is_refused_and_the_old_kept(site: Path) -> None:
    reloader = _reloader(site)
    _retitle(site, "body: Call <b>999</b> now.", "body: Call <br> now.")
    result = await reloader.reload()
    assert not result.ok
    assert any("<br>" in str(problem) for problem in result.problems)
    assert _bladder_title(reloader) == "Bladder"


def test_start_up_reload_and_check_accept_content_the_same_way(site: Path) -> None:
    """A javascript: link loads but fails the check: start-up refuses it like reload and check
    do (the e2e test in tests/e2e/test_editor_tools.py shows start-up falling back)."""
    from bot.checking.check import check_content
    from bot.runtime.reloading import load_checked
    from bot.telegram.callbacks import encode_action

    _retitle(site, "body: Call <b>999</b> now.",
             'body: Call <a href="javascript:alert(1)">999</a> now.')
    loaded = ScreenBuilder.load(site / "content", site / "locales")  # loading alone lets it through
    errors = check_content(loaded, encode_action=encode_action).errors
    assert errors
    builder, problems = load_checked(site / "content", site / "locales", encode_action)
    assert builder is None and problems == errors
    reloaded = asyncio.run(_reloader(site).reload())
    assert not reloaded.ok and reloaded.problems == errors


def test_served_content_keeps_no_editor_line_maps_and_shows_the_same_screens(site: Path) -> None:
    """What start-up and reload serve holds none of the line maps only editors' messages use
    (over a megabyte in a bot that runs for weeks), and shows what the checked content shows."""
    from bot.model.model import LOCALES
    from bot.runtime.reloading import load_checked
    from bot.telegram.callbacks import encode_action

    checked = ScreenBuilder.load(site / "content", site / "locales")
    assert checked.content.origins.fields and checked.content.origins.specs
    served, problems = load_checked(site / "content", site / "locales", encode_action)
    assert served is not None and not problems
    content = served.content
    assert not (content.origins.fields or content.origins.specs or content.origins.sources
                or content.origins.snippets)
    assert served.renderer.content is content  # no second copy kept alive by the renderer
    assert content.origins.pages == checked.content.origins.pages  # render errors still have lines
    for page_id in checked.content.pages:
        for locale in LOCALES:
            assert served.page(page_id, locale) == checked.page(page_id, locale), page_id


def test_start_up_freezes_its_imports_and_replaced_content_is_still_freed(site: Path) -> None:
    """``imports_done`` (python -m bot run/webhook) freezes what the imports made and turns the
    collector on before the content is loaded: content a reload replaces is collected."""
    import gc
    import weakref

    from bot.cli import imports_done

    gc.disable()
    try:
        imports_done()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        reloader = _reloader(site)
        replaced = weakref.ref(reloader.guide.builder)
        assert asyncio.run(reloader.reload()).ok
        gc.collect()
        assert replaced() is None
    finally:
        gc.unfreeze()
        gc.enable()


def test_content_checked_for_serving_leaves_the_search_index_for_later(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up and reload serve on errors alone: the vocabulary's warnings, which need the
    search index, are left to `python -m bot check`, and the index is built once the bot polls
    (``ScreenBuilder.warm``), not before (cold start, issue #23's budget)."""
    from bot.conversation.search.index import SearchIndex
    from bot.runtime.reloading import load_checked

    built: list[bool] = []
    build = SearchIndex.build.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(SearchIndex, "build",
                        classmethod(lambda cls, *a: built.append(True) or build(cls, *a)))
    root = Path(__file__).resolve().parents[2]
    builder, problems = load_checked(root / "content", root / "locales")
    assert builder is not None and problems == []
    assert built == []
    assert builder.search_index is not None and built == [True]
