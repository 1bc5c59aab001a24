"""check refuses reader-visible text that names a file or an internal folder, at its line."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.checking.check import check_content
from bot.checking.internal_names import INTERNAL_EXTENSIONS, INTERNAL_FOLDERS, internal_name
from bot.conversation.screen_builder import ScreenBuilder
from tests.conftest import TreeBuilder, english_text

OLD_SOURCES = """\
sources:
  S1:
    title: Bowden-Jones O et al. Addiction 2025 (seed 000, primary source)
  S2:
    title: 'Prescribing guidance. seed 001_f578c5978cf2d220.txt (in seeds/)'
    url: https://example.org/s2
"""


class _Literal(yaml.SafeDumper):
    """Multi-line text as literal blocks (``|``), the way content files write page bodies."""


_Literal.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def errors(root: Path) -> list[str]:
    builder = ScreenBuilder.load(root / "content", root / "locales")
    return [str(p) for p in check_content(builder).errors]


def test_source_titles_with_seed_bookkeeping_are_errors_at_their_line(
        make_tree: TreeBuilder) -> None:
    found = errors(make_tree(extra_files={"content/sources.yaml": OLD_SOURCES}))
    assert [line.split(": ", 1)[0] for line in found] == ["content/sources.yaml:3",
                                                          "content/sources.yaml:5"]
    assert "source S1's title names a file or an internal folder ('seed 000')" in found[0]
    assert "('001_f578c5978cf2d220.txt')" in found[1]


def test_page_text_snippets_ui_strings_and_services_are_checked(make_tree: TreeBuilder,
                                                                tmp_path: Path) -> None:
    texts = english_text()
    texts["bladder"] = {**texts["bladder"], "title": "Bladder (from bladder.yaml)"}
    texts["emergency"] = {"title": "Emergency",
                          "body": "Call <b>999</b> now.\n\nFacts are in content/text/en/.\n"}
    services = """\
        regions:
          uk:
            name: {en: UK}
            emergency: "999"
            countries: [GB]
        services:
          - id: line
            region: uk
            name: {en: Helpline}
            offers: {en: "Advice (see notes.md)"}
            verified: 2026-01-01
        """
    english = {"pages": texts,
               "snippets": {"see_doctor": "See a doctor.\nList: data/doctors.csv\n"}}
    root = make_tree(texts={"en": yaml.dump(english, Dumper=_Literal, allow_unicode=True,
                                            sort_keys=False)},
                     extra_files={"content/services.yaml": services})
    ui = root / "locales" / "zh-Hant.yaml"
    ui.write_text(ui.read_text(encoding="utf-8") + "test_note: 備註（見 notes.txt）\n",
                  encoding="utf-8")
    found = errors(root)
    named = {line.split("('")[1].split("')")[0]: line for line in found}
    assert set(named) == {"bladder.yaml", "content/", "data/", "notes.md", "notes.txt"}, found
    body = (root / "content/text/en/main.yaml").read_text(encoding="utf-8").splitlines()
    where = {name: int(line.split(":")[1]) for name, line in named.items()}
    assert "bladder.yaml" in body[where["bladder.yaml"] - 1]
    assert "content/text/en/" in body[where["content/"] - 1]  # the body's own line
    assert "data/doctors.csv" in body[where["data/"] - 1]
    assert named["notes.txt"].startswith("locales/zh-Hant.yaml:")
    last = ui.read_text(encoding="utf-8").splitlines()
    assert where["notes.txt"] == len(last)
    assert named["notes.md"].startswith("content/services.yaml:")
    assert "service 'line' offers (en)" in named["notes.md"]


def test_web_addresses_and_cited_public_files_are_fine() -> None:
    for text in ("TripSit. combo_definitions.json, github.com/TripSit/drugs",
                 "data github.com/TripSit/drugs drug_files/ketamine.json",
                 "https://example.org/data/readme.txt and www.example.org/content/a.yaml",
                 "sja.org.uk/get-advice/first-aid-advice/unresponsive-casualty/how-to-do-cpr",
                 '<a href="https://example.org/seeds/x.py">a link</a>',
                 "Call 999, e.g. now. Seeds of doubt, 000 problems, and/or K仔.",
                 "HKMJ 2018;24(2):175–81. doi:10.12809/hkmj177086"):
        assert internal_name(text) is None, text


@given(st.sampled_from(INTERNAL_EXTENSIONS), st.from_regex(r"[A-Za-z0-9_]{1,12}", fullmatch=True),
       st.sampled_from(["", "See ", "（", "List: ", "氯胺酮 "]))
def test_any_internal_file_name_is_found(ext: str, stem: str, before: str) -> None:
    assert internal_name(f"{before}{stem}.{ext} here") == (f"{stem}.{ext}", len(before))


@given(st.sampled_from(INTERNAL_FOLDERS), st.sampled_from(["", "in ", "(", "見 "]))
def test_any_internal_folder_is_found(folder: str, before: str) -> None:
    assert internal_name(f"{before}{folder}/x") == (f"{folder}/", len(before))
