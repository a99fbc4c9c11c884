"""The site's document pages: changes since the previous year, progress reports, funding,
alignment with other plans, and the review trackers, read as a resident would read them."""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from cspplan.site import urls
from cspplan.site.build import build
from cspplan.site.pages import SiteInput
from cspplan.workspace import open_plans

PLANS = Path(__file__).resolve().parents[1] / "plans"
KINDS = ("changes", "progress", "funding", "alignment", "reviews")
NORFOLK, CORNWALL, CITY = "norfolk-ccsp", "safer-cornwall", "city-of-london"


@pytest.fixture(scope="module")
def built():
    return build(SiteInput(open_plans([PLANS])))


class _Reader(HTMLParser):
    """The page's headings in order, its tables, and its text with the tags taken out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.text: list[str] = []
        self._wraps: list[dict[str, str | None]] = []
        self._open: list[str] = []
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._open.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "div":
            self._wraps.append(found)
        if tag == "table":
            wrap = next(
                (w for w in reversed(self._wraps) if "table-wrap" in (w.get("class") or "")), None
            )
            self.tables.append({"wrap": wrap, "caption": None, "th": []})
        if tag == "caption":
            self._caption = []
        if tag == "th":
            self.tables[-1]["th"].append((found.get("scope"), "thead" in self._open))

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        if tag == "div" and self._wraps:
            self._wraps.pop()
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._caption is not None:
            self._caption.append(data)


def read(built, path: str) -> _Reader:
    reader = _Reader()
    reader.feed(built.files[path].decode("utf-8"))
    return reader


def text(built, path: str) -> str:
    return " ".join(" ".join(read(built, path).text).split())


def document_pages(built) -> list[str]:
    return [path for path, kind in built.pages.items() if kind in KINDS]


def test_each_kind_makes_the_pages_the_shipped_data_has(built):
    assert sorted(document_pages(built)) == sorted(
        [
            urls.changes(CORNWALL, "2018-19"),
            urls.progress(NORFOLK, "2013-14"),
            urls.funding(NORFOLK, "2013-14"),
            urls.alignment(NORFOLK, "2013-14"),
            urls.review(NORFOLK, "north-norfolk-dhr-2013"),
        ]
    )


def test_no_page_for_a_year_without_the_data(built):
    """Safer Cornwall's first year has nothing to compare with; the City keeps no
    progress reports, funding, framework links or review trackers."""
    for missing in (
        urls.changes(CORNWALL, "2017-18"),
        urls.changes(NORFOLK, "2013-14"),
        urls.progress(CITY, "2017-18"),
        urls.funding(CITY, "2017-18"),
        urls.alignment(CITY, "2017-18"),
        urls.funding(CORNWALL, "2018-19"),
    ):
        assert missing not in built.files
    assert not any(path.startswith(f"{CITY}/reviews/") for path in built.files)
    assert not any(path.startswith(f"{CORNWALL}/reviews/") for path in built.files)


def test_removing_the_files_removes_the_pages(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    year = plans / NORFOLK / "2013-14"
    (year / "funding.yaml").unlink()
    shutil.rmtree(year / "progress")
    shutil.rmtree(plans / NORFOLK / "reviews")
    files = build(SiteInput(open_plans([plans]))).files
    assert urls.funding(NORFOLK, "2013-14") not in files
    assert urls.progress(NORFOLK, "2013-14") not in files
    assert urls.review(NORFOLK, "north-norfolk-dhr-2013") not in files
    assert urls.alignment(NORFOLK, "2013-14") in files


def test_funding_page_shows_schedule_a_and_the_disagreeing_total(built):
    page = text(built, urls.funding(NORFOLK, "2013-14"))
    reader = read(built, urls.funding(NORFOLK, "2013-14"))
    captions = [table["caption"] for table in reader.tables]
    assert "Schedule A: Revenue Funding, Community Safety Budgeted Spend" in captions
    assert "2012/13 £'000" in page  # the unit, as the schedule's column prints it
    for line, figure in [
        ("Community Safety Fund Grant 2011/12 underspend", "224"),
        ("Community Safety Fund Grant 2012/13", "364"),
        ("LPSA Reward Grant contribution", "79"),
        ("Current Projects funded (Schedule B)", "667"),
    ]:
        assert f"{line} {figure}" in page
    assert (
        "The schedule prints Domestic violence as 240 £'000, but its parts come to "
        "241 £'000 (38 + 203). Both are shown as printed."
    ) in page


def test_review_page_lists_every_recommendation_and_the_one_whose_number_was_lost(built):
    path = urls.review(NORFOLK, "north-norfolk-dhr-2013")
    page = text(built, path)
    html = built.files[path].decode()
    headings = re.findall(r"<h3 id=\"recommendation-\d+\">(.*?)</h3>", html)
    assert len(headings) == 15
    assert [f"Recommendation {n}" for n in range(1, 10)] == headings[:9]
    assert headings[9] == "Recommendation (number lost in the source)"
    assert "Number not printed:" in page
    assert '<span class="status status--red">Overdue</span>' in html
    assert "Recommendation 11: target date ‘no later than October 2013’ passed" in page


def test_changes_page_names_what_was_added_and_removed(built):
    page = text(built, urls.changes(CORNWALL, "2018-19"))
    assert "Added in 2018/19 Safer towns" in page
    assert "Removed since 2017/18 Community safety performance and risk management" in page
    assert "Acute rape cases where the victim is aged 16+ attending the Sexual Assault" in page


def test_alignment_page_names_the_police_and_crime_plan_objectives(built):
    workspace = open_plans([PLANS])
    norfolk = next(csp for csp in workspace.partnerships if csp.id == NORFOLK)
    plan = norfolk.frameworks["norfolk-police-and-crime-plan-2013-17"].framework
    page = unescape(text(built, urls.alignment(NORFOLK, "2013-14")))
    assert plan.items
    for item in plan.items:
        assert " ".join(item.title.split()) in page
    assert "Police & Crime Plan 2013/17: Reduce the number of priority crimes" in page


def test_progress_page_gives_each_theme_its_quarter_and_published_status(built):
    path = urls.progress(NORFOLK, "2013-14")
    page = text(built, path)
    assert (
        "Priority A: Reduce the incidence of crime and ASB Progress report for Q2 2013/14" in page
    )
    assert "GREEN – target on track and likely to be achieved" in page
    assert "Have any milestones on the action plan been missed?" in page


@pytest.mark.parametrize("kind", KINDS)
def test_one_h1_and_no_skipped_heading_level(built, kind):
    paths = [path for path, made_by in built.pages.items() if made_by == kind]
    assert paths
    for path in paths:
        headings = read(built, path).headings
        assert headings.count(1) == 1 and headings[0] == 1, path
        for before, after in pairwise(headings):
            assert after <= before + 1, f"{path}: h{before} then h{after}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_has_a_caption_column_headers_and_a_focusable_wrapper(built, kind):
    for path in (p for p, made_by in built.pages.items() if made_by == kind):
        for table in read(built, path).tables:
            assert table["caption"], path
            wrap = table["wrap"]
            assert wrap is not None, f"{path}: {table['caption']} is not in a table-wrap"
            assert wrap.get("tabindex") == "0" and wrap.get("role") == "region"
            assert wrap.get("aria-label") == table["caption"]
            heads = [scope for scope, in_head in table["th"] if in_head]
            assert heads and all(scope == "col" for scope in heads)
            assert all(scope == "row" for scope, in_head in table["th"] if not in_head)


def test_pages_link_up_to_their_plan_year_and_partnership(built):
    html = built.files[urls.funding(NORFOLK, "2013-14")].decode()
    # the plan year's dashboard, named as every page under the year names it
    assert (
        '<a href="index.html">Norfolk&#39;s County Community Safety Partnership (CCSP) 2013/14</a>'
        in html
    )
    assert '<a href="../index.html">' in html
    review = built.files[urls.review(NORFOLK, "north-norfolk-dhr-2013")].decode()
    assert '<a href="../index.html">' in review


def test_a_tracker_without_a_date_is_judged_at_the_end_of_the_latest_plan_year(tmp_path):
    """Not today: the same plans build the same site on any day."""
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    review = plans / NORFOLK / "reviews" / "north-norfolk-dhr-2013.yaml"
    lines = review.read_text(encoding="utf-8").splitlines(keepends=True)
    review.write_text("".join(x for x in lines if not x.startswith("as_at:")), encoding="utf-8")
    built = build(SiteInput(open_plans([plans])))
    page = text(built, urls.review(NORFOLK, "north-norfolk-dhr-2013"))
    assert "its state is worked out as at 31 March 2014" in page
