"""The static site: what it holds, that it is the same every build, and where it may write."""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import run

from cspplan.exceptions import OutputError
from cspplan.site import urls
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


# -- what a reader checks on the pages -------------------------------------------------------


class Outline(HTMLParser):
    """The parts of a page the tests read: headings in order, tables with their captions
    and header cells, every link and source, and the text of each table row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.links: list[tuple[str, dict]] = []
        self.rows: list[str] = []
        self.wraps: list[dict] = []
        self._row: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables.append({"caption": "", "th": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "th":
            self.tables[-1]["th"].append(attributes.get("scope"))
        elif tag == "tr":
            self._row = []
        elif tag == "div" and "table-wrap" in (attributes.get("class") or ""):
            self.wraps.append(attributes)
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.links.append((attributes[name], attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(" ".join(" ".join(self._row).split()))
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)
        if self._row is not None:
            self._row.append(data)


def outline(built, path: str) -> Outline:
    parser = Outline()
    parser.feed(built.files[path].decode())
    return parser


def text(built, path: str) -> str:
    """The page's words, tags taken out, spaces made single."""
    words = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(built.files[path].decode())).split())
    return re.sub(r" ([,.;:])", r"\1", words)


@pytest.fixture(scope="module")
def workspace():
    return open_plans([PLANS])


def partnership(workspace, partnership_id: str):
    return next(csp for csp in workspace.partnerships if csp.id == partnership_id)


def test_the_dashboard_names_every_theme_with_its_status_words(built, workspace):
    cornwall = partnership(workspace, "safer-cornwall")
    year = next(y for y in cornwall.years if y.label == "2018/19")
    page = "safer-cornwall/2018-19/index.html"
    words = text(built, page)
    assert "Statuses as at 2018/19" in words
    rows = outline(built, page).rows
    for theme in year.themes:
        assert any(row.startswith(theme.title) for row in rows), theme.title
        assert urls.theme("safer-cornwall", "2018-19", theme.id) in built.pages
    # the partnership's own words head the status columns, and each status shows as words
    header = rows[0]
    for word in ("Needs improving", "Close to target", "Successful", "Needs attention"):
        assert word in header
    assert "Green" not in header
    # what needs attention names a measure and says why
    attention = next(t for t in outline(built, page).tables if "need attention" in t["caption"])
    assert attention["caption"] == "Measures that need attention, as at 2018/19"
    assert "against a target of at least 65%: 12 points short" in words


def test_the_dashboard_links_to_theme_indicator_and_optional_pages(built):
    hrefs = [href for href, _ in outline(built, "safer-cornwall/2018-19/index.html").links]
    assert "themes/complex-needs.html" in hrefs
    assert any(href.startswith("../indicators/") for href in hrefs)
    assert "changes.html" in hrefs  # 2017/18 came before
    assert "../downloads/safer-cornwall-figures.xlsx" in hrefs
    first = [href for href, _ in outline(built, "safer-cornwall/2017-18/index.html").links]
    assert "changes.html" not in first  # the first plan year has nothing to compare with
    assert "progress.html" not in first
    norfolk = [href for href, _ in outline(built, "norfolk-ccsp/2013-14/index.html").links]
    for page in ("progress.html", "funding.html", "alignment.html"):
        assert page in norfolk
    assert any(href.startswith("../reviews/") for href in norfolk)


def test_a_theme_page_lists_its_actions_with_leads_and_timescales(built):
    rows = outline(built, "safer-cornwall/2018-19/themes/complex-needs.html").rows
    meam = next(row for row in rows if row.startswith("Multiple needs – Making Every Adult"))
    assert "By March 2019" in meam
    assert meam.endswith("The Partnership Lead for this will be Melanie Brain, CC Housing")
    assert rows[0].endswith("Timescale Lead")
    norfolk = outline(built, "norfolk-ccsp/2013-14/themes/priority-a.html")
    row = next(r for r in norfolk.rows if r.startswith("Develop a performance management"))
    assert "Norfolk Constabulary" in row
    assert "Establish benchmark for performance management" in row


def test_a_theme_page_gives_each_measure_its_status_and_reason_and_links_it(built):
    page = "safer-cornwall/2018-19/themes/alcohol-related-harm.html"
    words = text(built, page)
    assert "How will we know we've made a difference?" in words
    assert "Needs improving" in words
    hrefs = [href for href, _ in outline(built, page).links]
    assert "../../indicators/alcohol-related-violence-rate.html" in hrefs
    assert "no increase on" in words


def test_the_front_page_sums_up_each_partnerships_latest_plan_year(built):
    words = text(built, "index.html")
    assert "Latest plan year: 2018/19. 39 measures: 6 Needs improving, 3 Close to target" in words
    assert re.search(r"\d+ measures: \d+ Needs improving, \d+ Close to target", words)
    hrefs = [href for href, _ in outline(built, "index.html").links]
    assert "safer-cornwall/2018-19/index.html" in hrefs
    assert "norfolk-ccsp/2013-14/index.html" in hrefs
    partnership_page = text(built, "norfolk-ccsp/index.html")
    assert "Review trackers" in partnership_page
    assert "North Norfolk DHR" in partnership_page


def test_no_page_points_anywhere_but_the_site(built):
    for path in built.pages:
        for href, _ in outline(built, path).links:
            assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", href, re.I), (path, href)
            assert not href.startswith("/"), (path, href)


def test_headings_start_at_one_h1_and_never_skip_a_level(built):
    for path in built.pages:
        levels = outline(built, path).headings
        assert levels[0] == 1 and levels.count(1) == 1, path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (path, levels)


def test_every_table_has_a_caption_and_scoped_headers_in_a_named_scrolling_region(built):
    tables = 0
    for path in built.pages:
        page = outline(built, path)
        for table in page.tables:
            tables += 1
            assert table["caption"], path
            assert table["th"] and all(scope in ("col", "row") for scope in table["th"]), path
        for wrap in page.wraps:
            assert wrap.get("role") == "region" and wrap.get("tabindex") == "0", path
            assert wrap.get("aria-label"), path
    assert tables > 50


def test_each_status_is_in_words_as_well_as_colour(built):
    page = built.files["norfolk-ccsp/2013-14/index.html"].decode()
    spans = re.findall(r'<span class="status status--([a-z_]+)">([^<]*)</span>', page)
    assert {band for band, _ in spans} >= {"green", "amber"}
    assert all(words.strip() for _, words in spans)
    css = built.files["assets/site.css"].decode()
    for band in ("green", "amber", "red", "monitoring", "no_data", "cannot_assess"):
        assert f".status--{band}" in css


def test_base_url_gives_canonical_links_and_an_absolute_sitemap(tmp_path):
    site = tmp_path / "site"
    done = run("site", str(PLANS), "-o", str(site), "--base-url", "https://example.org/plans")
    assert done.returncode == 0, done.stderr
    page = (site / "safer-cornwall/2018-19/index.html").read_text()
    expected = "https://example.org/plans/safer-cornwall/2018-19/index.html"
    assert f'<link rel="canonical" href="{expected}">' in page
    sitemap = (site / "sitemap.xml").read_text()
    assert f"<loc>{expected}</loc>" in sitemap
    assert "<loc>https://example.org/plans/index.html</loc>" in sitemap
    assert "<loc>safer" not in sitemap
    # links between pages stay relative, so the same build also works from disk
    assert 'href="themes/complex-needs.html"' in page


def test_without_a_base_url_there_is_no_canonical_link(built):
    assert "canonical" not in built.files["index.html"].decode()


@pytest.mark.parametrize("bad", ["example.org/plans", "ftp://example.org/", "https://x.org/?a=1"])
def test_a_base_url_that_is_not_a_web_address_is_refused(tmp_path, bad):
    done = run("site", str(PLANS), "-o", str(tmp_path / "site"), "--base-url", bad)
    assert done.returncode == 2
    assert "--base-url" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_an_output_folder_whose_parent_is_missing_is_refused_before_any_work(tmp_path):
    done = run("site", str(PLANS), "-o", str(tmp_path / "missing" / "site"))
    assert done.returncode == 2
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_plans_with_errors_are_not_published(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS / "city-of-london", plans / "city-of-london")
    plan = plans / "city-of-london" / "2017-18" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\nthemes: [oops\n", encoding="utf-8")
    done = run("site", str(plans), "-o", str(tmp_path / "site"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_building_the_site_imports_no_document_or_data_library(tmp_path):
    """Thousands of pages: the site must not pay for pandas, Word or matplotlib."""
    arguments = ["site", str(PLANS), "-o", str(tmp_path / "site")]
    code = (
        "import sys; from cspplan.cli import main\n"
        f"try:\n    main({arguments!r})\nexcept SystemExit:\n    pass\n"
        "print('HEAVY=' + ','.join(m for m in ('pandas', 'docx', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (tmp_path / "site" / "index.html").is_file()
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_every_page_has_the_language_a_skip_link_and_landmarks(built):
    for path in built.pages:
        page = built.files[path].decode()
        assert '<html lang="en-GB">' in page, path
        assert '<a class="skip-link" href="#main">Skip to main content</a>' in page, path
        assert page.count('<main id="main">') == 1, path
        assert "<header" in page and "<footer" in page, path
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
