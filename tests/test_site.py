"""The static site: what it holds, that it is the same every build, and where it may write."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspplan.exceptions import OutputError
from cspplan.site.build import build, write_site
from cspplan.site.pages import SiteInput
from cspplan.workspace import open_plans

PLANS = Path(__file__).resolve().parents[1] / "plans"


@pytest.fixture(scope="module")
def built():
    return build(SiteInput(open_plans([PLANS])))


def test_every_shipped_partnership_has_a_page(built):
    index = built.files["index.html"].decode()
    for name in ("Safer Cornwall", "Safer City Partnership", "Norfolk"):
        assert name in index
    assert "safer-cornwall/index.html" in built.pages


def test_two_builds_are_byte_identical(built):
    again = build(SiteInput(open_plans([PLANS])))
    assert again.files == built.files


def test_a_folder_cspplan_did_not_build_is_refused(tmp_path, built):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="did not build"):
        write_site(tmp_path, built.files)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_an_earlier_build_is_replaced_whole(tmp_path, built):
    site = tmp_path / "site"
    write_site(site, {**built.files, "stale.html": b"old"})
    write_site(site, built.files)
    assert not (site / "stale.html").exists()
    assert (site / "index.html").read_bytes() == built.files["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
