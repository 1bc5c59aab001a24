"""Every example in docs/content.md works as written: each YAML example loads and passes check in
a content tree, each template an editor is shown renders, each command parses, and each recipe
fragment is used by the test that follows that recipe."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.checking.check import check_content
from bot.cli import build_parser
from bot.conversation.screen_builder import ScreenBuilder
from bot.model.model import BUILTIN_SCREENS, LOCALES
from bot.telegram.callbacks import encode_action
from tests.conftest import ROOT
from tests.docs_examples import Block, blocks, inline_code
from tests.test_recipes import RECIPE_BLOCKS_FOLLOWED

EXAMPLES = [block for block in blocks() if block.language == "yaml" and block.recipe is None]
# Placeholders the docs use in templates and commands, and what stands for them here.
PLACEHOLDERS = {'"page_id"': '"bladder_signs"', '"name"': '"see_a_doctor"', "PAGE": "bladder",
                "OUT_DIR": "out", "DIR": "cards", "NAME": "KSaferBot", "TAG": "festival",
                "<page_id>": "bladder_signs", "SQLITE_FILE": "counts.sqlite3"}


def kind(block: Block) -> str:
    data = yaml.safe_load(block.text)
    if "regions" in data or "services" in data:
        return "services"
    return "structure" if isinstance(data.get("pages"), list) else "text"


def example(which: str) -> Block:
    found = [block for block in EXAMPLES if kind(block) == which]
    assert len(found) == 1, (which, found)
    return found[0]


def templates() -> list[str]:
    """The template snippets the text shows editors (`{{ ... }}`, `{% ... %}`)."""
    spans = [span for span in inline_code() if "{{" in span or "{%" in span or "{#" in span]
    assert len(spans) >= 6, spans
    out = []
    for span in spans:
        for placeholder, value in PLACEHOLDERS.items():
            span = span.replace(placeholder, value)
        out.append(span)
    return out


def build_tree(root: Path) -> Path:
    """A content tree made of the docs' own examples, plus only what they leave out: a main
    menu listing every page, and short texts for pages no example writes."""
    structure = example("structure").text
    text = example("text").text
    services = example("services").text
    declared: dict[str, Any] = {item["id"]: item for item in yaml.safe_load(structure)["pages"]}
    wanted = set(declared)
    for item in declared.values():
        wanted.update(item.get("children", []))
        wanted.update(button["to"] for button in item.get("buttons", []))
    wanted.update(region["page"] for region in yaml.safe_load(services)["regions"].values())
    extra = [*sorted(wanted - set(declared) - BUILTIN_SCREENS), "docs_templates"]
    menu = "pages:\n  - id: home\n    factual: false\n    children: [" + ", ".join(
        [*declared, *extra]) + "]\n" + "".join(
        f"  - id: {page}\n    factual: false\n" for page in extra)
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "example.yaml").write_text(structure, encoding="utf-8")
    (content / "pages" / "menu.yaml").write_text(menu, encoding="utf-8")
    written = set(yaml.safe_load(text)["pages"])
    for locale in LOCALES:
        folder = content / "text" / locale
        folder.mkdir(parents=True)
        if locale == "en":
            (folder / "example.yaml").write_text(text, encoding="utf-8")
        unwritten = {"home", *declared, *extra} - (written if locale == "en" else set())
        # labels are per language: a language's text gives every label the English gives
        labels = {key: f"{locale} {words}" for item in yaml.safe_load(text)["pages"].values()
                  for key, words in item.get("labels", {}).items()}
        stubs: dict[str, Any] = {
            page: {"title": f"{locale} {page}", "labels": labels} for page in sorted(unwritten)}
        if locale == "en":
            body = "\n\n".join(templates())
            stubs["docs_templates"] = {"title": "Templates", "body": body}
        (folder / "stubs.yaml").write_text(yaml.safe_dump({"pages": stubs}, allow_unicode=True),
                                           encoding="utf-8")
    (content / "services.yaml").write_text(services, encoding="utf-8")
    shutil.copy(ROOT / "content" / "sources.yaml", content / "sources.yaml")
    shutil.copytree(ROOT / "locales", root / "locales")
    return root


def test_the_docs_show_each_kind_of_file_once() -> None:
    assert sorted(kind(block) for block in EXAMPLES) == ["services", "structure", "text"]


def test_every_yaml_example_loads_and_passes_check(tmp_path: Path) -> None:
    root = build_tree(tmp_path)
    builder = ScreenBuilder.load(root / "content", root / "locales", drafts=True)
    report = check_content(builder, today=max(dt.date.today(), dt.date(2026, 11, 21)),
                           encode_action=encode_action)
    assert [str(p) for p in report.errors] == []
    # the examples are in the content as written
    assert builder.content.text("selfcheck_q1", "en").labels == {"frank_site": "FRANK website"}
    assert builder.content.pages["selfcheck_q1"].buttons[0].label == "yes"
    screen = builder.page("selfcheck_q1", "zh-Hant")  # 是/否 for Chinese readers, not Yes/No
    assert screen is not None
    assert [b.label for b in screen.buttons()][:3] == ["是", "否", "zh-Hant FRANK website"]
    assert [s.id for s in builder.content.services] == ["hk_186186"]


def test_the_templates_the_docs_show_render(tmp_path: Path) -> None:
    root = build_tree(tmp_path)
    builder = ScreenBuilder.load(root / "content", root / "locales", drafts=True)
    rendered = builder.renderer.body("docs_templates", "en", strict=True)
    assert "{{" not in rendered and "{%" not in rendered
    assert "Tell your doctor you use ketamine." in rendered  # the include
    assert "999" in rendered  # region("hk").emergency


def test_the_example_mistakes_the_docs_warn_about_are_problems(tmp_path: Path) -> None:
    """The docs say unquoted yes/no and other date formats fail: they do, with those words."""
    root = build_tree(tmp_path)
    structure = root / "content" / "pages" / "example.yaml"
    written = structure.read_text(encoding="utf-8")
    structure.write_text(written.replace('label: "yes"', "label: yes")
                         .replace("reviewed: 2026-11-21", "reviewed: 21/11/2026"),
                         encoding="utf-8")
    with pytest.raises(Exception) as caught:
        ScreenBuilder.load(root / "content", root / "locales", drafts=True)
    said = str(caught.value)
    assert "write yes and no in quotes" in said and "write dates as YYYY-MM-DD" in said


def commands() -> list[str]:
    found = [line for block in blocks() if block.language == ""
             for line in block.text.splitlines() if line.startswith("python -m bot")]
    found += [span for span in inline_code() if span.startswith("python -m bot")]
    return found


def test_every_command_in_the_docs_is_one_the_bot_takes() -> None:
    listed = commands()
    assert len(listed) >= 10, listed
    parser = build_parser()
    for command in listed:
        words = shlex.split(command.split("#")[0])[3:]
        words = [PLACEHOLDERS.get(word, word) for word in words]
        try:
            parser.parse_args(words)
        except SystemExit:
            pytest.fail(f"docs/content.md: `{command}` is not a command the bot takes")


def test_every_recipe_fragment_is_followed_by_a_recipe_test() -> None:
    fragments = {(m["file"], m["under"]) for block in blocks() if (m := block.recipe)}
    assert fragments == RECIPE_BLOCKS_FOLLOWED


def test_the_docs_point_only_at_files_in_the_repository() -> None:
    text = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    for path in re.findall(r"`((?:content|locales|docs|tests|bot)/[\w./<>-]+)`", text):
        if "<" in path or "*" in path:
            continue
        assert (ROOT / path).exists(), path
    assert "shared/" not in text
