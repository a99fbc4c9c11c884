"""`cspplan lsp` in a real editor: Neovim's own LSP client, run headless on a copy of the
shipped plans (tests/editors/neovim_session.lua). Skips where Neovim is not installed
(Debian: apt-get install neovim)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import SHIPPED

SESSION = Path(__file__).parent / "editors" / "neovim_session.lua"
THEME = Path("safer-cornwall/2018-19/themes/anti-social-behaviour.yaml")


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_neovim_shows_the_diagnostic_completes_ids_and_hovers(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(SHIPPED, plans)
    before = (plans / THEME).read_bytes()
    environment = os.environ | {
        "CSPPLAN": str(Path(sys.executable).parent / "cspplan"),
        "PLANFILE": str(plans / THEME),
        "ROOT": str(tmp_path),
    }
    session = subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {SESSION}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
    )
    lines = session.stdout.splitlines()
    assert "initialized true" in lines, session.stdout + session.stderr
    assert "on opening 0" in lines
    (diagnostic,) = [line for line in lines if line.startswith("diagnostic ")]
    assert diagnostic.startswith("diagnostic 65:16 R003 ")
    assert "no indicator 'asb-incidnets'" in diagnostic
    completions = [
        line.removeprefix("completion ") for line in lines if line.startswith("completion ")
    ]
    assert "asb-no-further-asb" in completions
    assert "all-recorded-crime-rate" in completions  # ids, which the editor filters as you type
    (hover,) = [line for line in lines if line.startswith("hover ")]
    assert "Anti-social behaviour cases that do not commit further ASB" in hover
    assert "Latest figure: 88% (Q3 2017/18)" in hover
    assert "after undoing 0" in lines
    assert (plans / THEME).read_bytes() == before  # the editor's buffer, never the file
