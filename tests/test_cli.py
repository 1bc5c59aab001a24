"""The command line as a person uses it: exit codes and output. Most run ``main`` in this process
(tests/cli.py); the few that need it start ``python -m bot`` as a real process."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.reporting.tally import CountKey
from bot.runtime.counts import SqliteCounts
from tests.cli import run, run_process
from tests.conftest import ROOT, STRUCTURE, TreeBuilder

Completed = subprocess.CompletedProcess[str]


def site_env(root: Path) -> dict[str, str]:
    return {"CONTENT_DIR": str(root / "content"), "LOCALES_DIR": str(root / "locales"),
            "DATABASE_PATH": str(root / "data" / "counts.sqlite3")}


# In this process for `make test`; as a real process with the slow tests.
@pytest.mark.parametrize("runner", [run, pytest.param(run_process, marks=pytest.mark.slow)],
                         ids=["in-process", "process"])
def test_check_passes_on_a_clean_tree(site: Path, runner: Callable[..., Completed]) -> None:
    result = runner(["check"], site_env(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "translations: en 100%, zh-Hans 100%, zh-Hant 100%" in result.stdout
    assert "OK: no errors" in result.stdout


def test_check_lists_every_problem_and_exits_1(make_tree: TreeBuilder) -> None:
    structure = STRUCTURE.replace("columns: 2", "columns: 7").replace("sources: [S1]\n    urls",
                                                                       "sources: [S404]\n    urls")
    result = run(["check"], site_env(make_tree(structure=structure)))
    assert result.returncode == 1
    assert "content/pages/main.yaml:4: error: page 'home', columns: 7 is too big; use at most 3" \
        in result.stderr
    assert "error: page 'bladder_signs' cites source 'S404'" in result.stderr
    assert "there must be a page with id 'home'" not in result.stderr  # home has its own error
    assert "nothing was started" not in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_no_token_starts_the_terminal_chat(site: Path) -> None:
    result = run_process([], site_env(site), stdin="1\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("BOT_TOKEN is not set")
    assert "stores nothing about you" in result.stdout
    assert "Call 999 now." in result.stdout


def test_chat_in_traditional_chinese_follows_a_deep_link(site: Path) -> None:
    result = run(["chat", "--locale", "zh-Hant"], site_env(site),
                 stdin="/start bladder_signs-festival\n3\n")
    assert result.returncode == 0, result.stderr
    assert "繁 Early signs" in result.stdout
    assert "[1] Info website → https://example.org/info" in result.stdout


def test_bad_setting_is_one_line_naming_the_variable(site: Path) -> None:
    for name, value in [("DEFAULT_LOCALE", "fr"), ("BOT_TOKEN", "not a token"),
                        ("ADMIN_IDS", "alice"), ("LOG_LEVEL", "LOUD"),
                        ("TELEGRAM_API_URL", "ftp://x")]:
        result = run(["check"], {**site_env(site), name: value})
        assert result.returncode == 2, (name, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Invalid setting {name}:"), lines
        assert "not a token" not in result.stderr


def test_run_without_token_says_so(site: Path) -> None:
    result = run(["run"], site_env(site))
    assert result.returncode == 2
    assert "BOT_TOKEN is not set" in result.stderr
    result = run(["webhook"], {**site_env(site), "BOT_TOKEN": "1:abc"})
    assert result.returncode == 2
    assert "WEBHOOK_URL is not set" in result.stderr


def test_links_prints_one_line_per_page(site: Path) -> None:
    result = run(["links", "--bot", "@ksafer_bot", "--campaign", "festival"], site_env(site))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "home\thttps://t.me/ksafer_bot?start=home-festival"
    assert len(lines) == 8
    assert all("\thttps://t.me/ksafer_bot?start=" in line for line in lines)


def test_links_refuse_an_unlisted_campaign_unless_told(site: Path, tmp_path: Path) -> None:
    for extra in ([], ["--qr", str(tmp_path / "qr")]):
        result = run(["links", "--bot", "ksafer_bot", "--campaign", "clinic", *extra],
                     site_env(site))
        assert result.returncode == 2
        assert result.stdout == ""  # no links and no cards that would lose their counts
        assert not (tmp_path / "qr").exists()
        message = result.stderr
        assert "'clinic' is not listed in content/campaigns.yaml" in message
        assert "festival" in message  # the listed ones
        assert "campaigns:" in message and "--unlisted" in message  # how to add one, or go on
    result = run(["links", "--bot", "ksafer_bot", "--campaign", "clinic", "--unlisted",
                  "--qr", str(tmp_path / "qr")], site_env(site))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 8
    notes = result.stderr.strip().splitlines()
    assert "counted as 'unlisted'" in notes[-1]  # the note comes last, after the output
    assert "counted as 'unlisted'" not in "".join(notes[:-1])
    listed = run(["links", "--bot", "ksafer_bot", "--campaign", "festival", "--unlisted"],
                 site_env(site))
    assert listed.returncode == 0 and listed.stderr == ""
    result = run(["links", "--bot", "ksafer_bot", "--campaign", "bad tag!"], site_env(site))
    assert result.returncode == 2
    assert "campaign tag" in result.stderr


def fill_counts(path: Path) -> None:
    async def write() -> None:
        async with SqliteCounts(path) as store:
            await store.write(Counter({
                CountKey("2026-11-01", "page_view", "bladder", "en"): 12,
                CountKey("2026-11-02", "page_view", "bladder", "zh-Hant", "festival"): 2,
                CountKey("2026-11-03", "start", "", "en"): 7,
            }))

    asyncio.run(write())


def test_stats_csv_has_exactly_the_documented_columns(site: Path) -> None:
    env = site_env(site)
    fill_counts(Path(env["DATABASE_PATH"]))
    result = run(["stats", "--format", "csv"], env)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["day", "event", "page", "locale", "campaign", "count"]
    assert rows[1:] == [["2026-11-01", "page_view", "bladder", "en", "", "12"],
                        ["2026-11-02", "page_view", "bladder", "zh-Hant", "festival", "2"],
                        ["2026-11-03", "start", "", "en", "", "7"]]


def test_stats_filters_and_formats(site: Path) -> None:
    env = site_env(site)
    fill_counts(Path(env["DATABASE_PATH"]))
    result = run(["stats", "--format", "json", "--since", "2026-11-02", "--min-count", "5"], env)
    assert json.loads(result.stdout) == [{"day": "2026-11-03", "event": "start", "page": "",
                                          "locale": "en", "campaign": "", "count": 7}]
    table = run(["stats", "--until", "2026-11-01"], env).stdout.splitlines()
    assert table[0].split() == ["day", "event", "page", "locale", "campaign", "count"]
    assert table[1].split() == ["2026-11-01", "page_view", "bladder", "en", "12"]
    assert run(["stats", "--since", "yesterday"], env).returncode == 2


def test_stats_with_no_database_yet(site: Path) -> None:
    result = run(["stats"], site_env(site))
    assert result.returncode == 0
    assert "(no counts yet)" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["stats", "--help"]])
def test_help_works(args: list[str]) -> None:
    assert run(args).returncode == 0


def test_stats_usefulness_per_page_least_useful_first(site: Path) -> None:
    env = site_env(site)

    async def write() -> None:
        async with SqliteCounts(Path(env["DATABASE_PATH"])) as store:
            await store.write(Counter({
                CountKey("2026-11-01", "useful_yes", "bladder", "en"): 9,
                CountKey("2026-11-01", "useful_no", "bladder", "en"): 1,
                CountKey("2026-11-02", "useful_no", "emergency", "zh-Hans"): 3,
                CountKey("2026-11-02", "useful_yes", "emergency", "en"): 1,
            }))

    asyncio.run(write())
    result = run(["stats", "--usefulness", "--format", "csv"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["page,yes,no,useful_share", "emergency,1,3,0.25",
                                          "bladder,9,1,0.9"]


def test_chat_services_near_a_typed_location_with_shipped_content() -> None:
    result = run(["chat"], stdin="/start get_help\n1\n22.3, 114.17\n")
    assert result.returncode == 0, result.stderr
    assert "Type a location as 'latitude, longitude'" in result.stdout
    assert "You seem to be in: Hong Kong. Emergency: 🚑 999" in result.stdout
    assert "186 186" in result.stdout


def test_chat_gives_the_honest_screen_where_no_region_covers_the_place() -> None:
    """Macau is next to Zhuhai and Hong Kong, but neither's number is Macau's to give."""
    result = run(["chat"], stdin="/start get_help\n1\n22.193, 113.541\n")
    assert result.returncode == 0, result.stderr
    assert "This bot has no local list of services for where you are" in result.stdout
    assert "Emergency: 🚑" not in result.stdout and "22.193" not in result.stdout


def test_env_example_documents_every_setting() -> None:
    from bot.settings import Settings

    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, name
        assert f"`{name.upper()}`" in readme, name


def test_commands_other_than_the_bot_run_with_the_collector_on(site: Path) -> None:
    """``python -m bot`` turns the cyclic collector off for start-up; every command that is not
    the bot itself (a long chat, a report drawing charts) turns it back on at once."""
    import gc

    gc.disable()
    try:
        assert run(["links", "--bot", "ksafer_bot"], site_env(site)).returncode == 0
        assert gc.isenabled()
    finally:
        gc.enable()


def test_links_in_a_language_open_in_it(site: Path) -> None:
    result = run(["links", "--bot", "@ksafer_bot", "--campaign", "festival", "--lang", "zh-hant"],
                 site_env(site))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "home\thttps://t.me/ksafer_bot?start=home-festival--hant"
    assert all(line.endswith("--hant") for line in lines)
