"""The site built from the shipped plans once per test session, on disk, and one
Chromium tab that every browser test reuses (starting a browser costs a second)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.browser import chromium
from tests.conftest import SHIPPED

from cspplan.site.build import Built, build, write_site
from cspplan.site.pages import SiteInput
from cspplan.workspace import open_plans


@dataclass(frozen=True)
class SiteOnDisk:
    folder: Path
    built: Built

    def url(self, site_path: str) -> str:
        return chromium.url_of(self.folder, site_path)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> SiteOnDisk:
    built = build(SiteInput(open_plans([SHIPPED])))
    folder = tmp_path_factory.mktemp("shipped") / "site"
    write_site(folder, built.files)
    return SiteOnDisk(folder, built)


@pytest.fixture(scope="session")
def _context() -> Iterator[object]:
    chromium.need_browser()
    with chromium.browser() as context:
        yield context


@pytest.fixture(scope="session")
def visit(_context) -> chromium.Visit:
    """The one tab; `visit.go(url)` loads a page and says what went wrong."""
    return chromium.Visit.open(_context)


@pytest.fixture(scope="session")
def audit(_context) -> chromium.Visit:
    """A second tab whose every page has axe-core in it, for the audits."""
    return chromium.Visit.open(_context, axe=True)
