"""Every internal href and src of every built page names a file the build wrote: checked
by reading the HTML, so it runs without a browser."""

from __future__ import annotations

from tests.browser import broken, site_files


def test_every_address_on_every_page_resolves(shipped_site):
    found = site_files.problems(shipped_site.built.files)
    assert not found, "\n".join(found)


def test_the_check_finds_dead_links_and_loads_from_elsewhere():
    found = site_files.problems(broken.files())
    assert "index.html: <a href='gone.html'> names no built file" in found
    assert "index.html: <link href='missing.css'> names no built file" in found
    assert "index.html: <a href='index.html#nowhere'> names no id on index.html" in found
    assert "index.html: <img src> loads http://example.invalid/tracker.png from elsewhere" in found
    assert len(found) == 4, found


def test_a_link_out_to_another_site_is_no_load():
    page = b'<a href="https://example.org/plan.pdf">The plan</a><a href="#top" id="top">Top</a>'
    assert site_files.problems({"index.html": page}) == []


def test_every_kind_of_page_of_every_partnership_is_sampled(shipped_site):
    sample = site_files.one_page_per_kind(shipped_site.built.files, shipped_site.built.pages)
    kinds = set(shipped_site.built.pages.values())
    assert {kind for _partnership, kind in sample} == kinds
    partnerships = {path.split("/")[0] for path in shipped_site.built.pages if "/" in path}
    assert {partnership for partnership, _kind in sample} == partnerships | {""}
