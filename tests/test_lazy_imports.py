"""The running bot does not pay for the charting library: matplotlib loads only for a chart."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

HEAVY = ("matplotlib", "numpy", "PIL", "bot.charts", "bot.report")


def loaded_after(code: str) -> list[str]:
    """The heavy modules in sys.modules after running ``code`` in a fresh interpreter."""
    probe = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        heavy = {HEAVY!r}
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy
                                or m in heavy)))
    """)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    found: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.slow
def test_the_bot_and_every_other_module_import_without_matplotlib() -> None:
    found = loaded_after("""
        import importlib, pkgutil
        import bot
        import bot.cli, bot.telegram.app, bot.telegram.admin, bot.telegram.stats_chart
        from bot.reporting import figures
        for info in pkgutil.walk_packages(bot.__path__, "bot."):
            if info.name not in ("bot.__main__", "bot.charts", "bot.report"):
                importlib.import_module(info.name)
    """)
    assert found == []


def test_the_probe_sees_matplotlib_when_a_chart_module_is_imported() -> None:
    found = loaded_after("import bot.charts")
    assert "matplotlib" in found and "bot.charts" in found
