"""The site built from the shipped plans, opened from disk in headless Chromium, checked
as a person would: each page loads with no error and asks nothing of another host, its
links lead to files of the site, the keyboard alone reaches every link with the focus in
sight, and axe-core finds nothing at WCAG 2.2 AA on any kind of page of any partnership.

Each check is also run on a small broken site, to see that it fails where it should."""

from __future__ import annotations

import pytest
from tests.browser import broken, chromium, site_files


def _report(found: list[str]) -> str:
    return f"{len(found)} problem(s):\n" + "\n".join(found)


def test_every_page_loads_cleanly_from_disk(shipped_site, visit):
    found = []
    for path in shipped_site.built.pages:
        found += [f"{path}: {problem}" for problem in visit.go(shipped_site.url(path))]
        found += chromium.file_problems(
            shipped_site.folder, path, chromium.loaded_addresses(visit.page)
        )
    assert not found, _report(found)


def test_the_keyboard_reaches_every_link_with_the_focus_in_sight(shipped_site, visit):
    found = []
    for path in _sample(shipped_site):
        visit.go(shipped_site.url(path))
        found += chromium.keyboard_problems(visit.page, path)
    assert not found, _report(found)


def test_no_kind_of_page_scrolls_sideways_on_a_small_phone(shipped_site, visit):
    found = []
    for path in _sample(shipped_site):
        visit.go(shipped_site.url(path))
        found += chromium.reflow_problems(visit.page, path)
    assert not found, _report(found)


def test_axe_finds_no_violation_on_any_kind_of_page(shipped_site, audit):
    found = []
    for path in _sample(shipped_site):
        audit.go(shipped_site.url(path))
        found += chromium.axe_violations(audit.page, path)
    assert not found, _report(found)


def _sample(site) -> list[str]:
    return list(site_files.one_page_per_kind(site.built.files, site.built.pages).values())


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    broken.write(folder)
    return folder


def test_a_broken_page_is_caught_loading(broken_site, visit):
    found = visit.go(chromium.url_of(broken_site, "index.html"))
    text = "\n".join(found)
    assert "console error: something broke" in text
    assert "failed request: " + (broken_site / "missing.css").as_uri() in text
    assert "request to http://example.invalid/tracker.png" in text
    dead = chromium.file_problems(broken_site, "index.html", chromium.loaded_addresses(visit.page))
    assert dead == [
        f"index.html: {(broken_site / name).as_uri()} is no file of the site"
        for name in ("missing.css", "gone.html")
    ]


def test_a_broken_page_is_caught_by_the_keyboard(broken_site, visit):
    visit.go(chromium.url_of(broken_site, "index.html"))
    found = chromium.keyboard_problems(visit.page, "index.html")
    assert found == [
        'index.html: no visible focus on <a href="other.html"> A link whose focus cannot be seen',
        'index.html: no visible focus on <a href="other.html"> A link whose focus only changes colour',
        'index.html: Tab never reaches <a href="other.html"> A link the keyboard cannot reach',
    ]


def test_a_broken_page_is_caught_scrolling_sideways(broken_site, visit):
    visit.go(chromium.url_of(broken_site, "index.html"))
    assert chromium.reflow_problems(visit.page, "index.html") == [
        'index.html: scrolls sideways 320 px wide, past <p class="wide"> Too wide for a phone'
    ]


def test_a_broken_page_is_caught_by_axe(broken_site, audit):
    audit.go(chromium.url_of(broken_site, "index.html"))
    rules = {
        line.split(": ")[1].split(" ")[0]
        for line in chromium.axe_violations(audit.page, "index.html")
    }
    assert {"image-alt", "label", "heading-order"} <= rules


def test_a_missing_browser_skips_naming_the_install_command(monkeypatch, tmp_path):
    monkeypatch.setattr(chromium, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CSPPLAN_BROWSER_TESTS", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match="chromium is missing: `apt-get install chromium`"
    ):
        chromium.need_browser()
    monkeypatch.setenv("CSPPLAN_BROWSER_TESTS", "required")
    with pytest.raises(pytest.fail.Exception, match="chromium is missing"):
        chromium.need_browser()
