"""Every problem an editor is shown carries a line to open (issue #12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.check import check_content
from bot.core.problems import ContentError
from bot.core.screen_builder import ScreenBuilder
from tests.conftest import TreeBuilder


def test_a_missing_ui_string_points_where_it_belongs(site: Path) -> None:
    path = site / "locales" / "zh-Hant.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    removed = next(i for i, line in enumerate(lines) if line.startswith("back:"))
    previous = lines[removed - 1].split(":")[0]
    del lines[removed]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check_content(ScreenBuilder.load(site / "content", site / "locales"))
    [problem] = [p for p in report.problems if "UI string 'back'" in p.message]
    assert problem.file == "locales/zh-Hant.yaml"
    assert problem.line == removed + 1  # the line 'back' was on, after its English neighbour
    assert f"add it after '{previous}'" in problem.message


def test_a_region_naming_a_missing_page_points_at_that_line(make_tree: TreeBuilder) -> None:
    services = """\
        regions:
          hk:
            name: {en: Hong Kong}
            emergency: "999"
            countries: [HK]
            page: no_such_page
        services: []
        """
    site = make_tree(extra_files={"content/services.yaml": services})
    with pytest.raises(ContentError) as caught:
        ScreenBuilder.load(site / "content", site / "locales")
    found = [p for p in caught.value.problems if "no_such_page" in p.message]
    assert len(found) == 1, caught.value.problems
    problem = found[0]
    assert (problem.file, problem.line) == ("content/services.yaml", 6)
