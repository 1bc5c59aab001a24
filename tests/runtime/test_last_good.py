from __future__ import annotations

from pathlib import Path

from bot.runtime.last_good import LastGoodContent
from tests.conftest import STRUCTURE, TreeBuilder


def test_save_then_load_and_replace(site: Path, tmp_path: Path, make_tree: TreeBuilder) -> None:
    keeper = LastGoodContent(tmp_path / "data" / "last-good-content")
    assert keeper.load() is None
    keeper.save(site / "content", site / "locales")
    first = keeper.load()
    assert first is not None and "long_page" in first.content.pages
    changed = make_tree(structure=STRUCTURE.replace("  - id: long_page\n    sources: [S1]\n",
                                                    "  - id: long_page\n    sources: [S1]\n"
                                                    "    status: reviewed\n"))
    keeper.save(changed / "content", changed / "locales")
    second = keeper.load()
    assert second is not None and second.content.pages["long_page"].status == "reviewed"
    assert sorted(p.name for p in keeper.folder.parent.iterdir()) == ["last-good-content"]
