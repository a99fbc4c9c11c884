"""Norfolk CCSP, Q2 2013/14 performance (issue 18): the YAML holds what the source holds.

The source is the covering report's Appendix 2 (L442-741 of shared/sources/
004_a5ecdc33d2645170.txt); the expected counts are the worksheet's
(docs/transcription/norfolk-ccsp-2013-14.md, section 6.2), each taken as it says there:
19 measures (A 3, B 3, C 2, D 7, E 2, F 2); 26 results and 6 baselines in the table cells,
of which 5 rates with a count, 1 percentage with attempts and 6 monthly values; 6 rolling
12-month windows; 5 unreadable cells (no figure transcribed); 10 quarterly profiled
targets and 2 printed year-to-date targets; 10 comparators with a figure and 4 without;
6 published RAGs (A green, B amber, C amber, D amber, E green, F green); 4 answers per
priority, A's and E's summary narrative empty.

The counts read the files as plain YAML (what is written, key by key);
`test_the_figures_load_through_the_model` holds them to the model as well, and
test_shipped_plans.py to validation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

NORFOLK = Path(__file__).resolve().parents[1] / "plans" / "norfolk-ccsp"
YEAR = NORFOLK / "2013-14"
PRIORITIES = ("a", "b", "c", "d", "e", "f")
MEASURES_PER_PRIORITY = {"a": 3, "b": 3, "c": 2, "d": 7, "e": 2, "f": 2}
NUMERALS = ("(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)")


# -- readers ---------------------------------------------------------------------------------


def _read(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


@cache
def _indicators() -> dict[str, dict[str, Any]]:
    """Indicator id → its file's content."""
    return {path.stem: _read(path) for path in sorted((NORFOLK / "indicators").glob("*.yaml"))}


@cache
def _measures() -> dict[str, list[dict[str, Any]]]:
    """Priority letter → its measures, in printed order (the themes' `indicators:`)."""
    return {p: _read(YEAR / "themes" / f"priority-{p}.yaml")["indicators"] for p in PRIORITIES}


@cache
def _progress() -> dict[str, Any]:
    return _read(YEAR / "progress" / "2013-14-q2.yaml")


# -- helpers --------------------------------------------------------------------------------


def _all_measures() -> list[tuple[str, dict[str, Any]]]:
    return [(p, m) for p in PRIORITIES for m in _measures()[p]]


def _observations(*, whole: bool | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(indicator id, observation); whole=True: no area/dimension, False: breakdowns only."""
    found = []
    for indicator_id, indicator in _indicators().items():
        for obs in indicator.get("series", []):
            breakdown = "area" in obs or "dimension" in obs
            if whole is None or whole is not breakdown:
                found.append((indicator_id, obs))
    return found


def _figures(*, whole: bool | None = True) -> list[tuple[str, dict[str, Any]]]:
    return [(i, obs) for i, obs in _observations(whole=whole) if "value" in obs]


def _comparators() -> list[dict[str, Any]]:
    return [c for indicator in _indicators().values() for c in indicator.get("comparators", [])]


# -- the measures ---------------------------------------------------------------------------


def test_nineteen_measures_numbered_as_printed() -> None:
    counts = {p: len(ms) for p, ms in _measures().items()}
    assert counts == MEASURES_PER_PRIORITY
    assert sum(counts.values()) == 19
    for p, measures in _measures().items():
        numbers = [m["wording"].split(" ", 1)[0] for m in measures]
        assert numbers == list(NUMERALS[: len(measures)]), p


def test_each_measure_has_its_own_indicator_file() -> None:
    used = [m["indicator"] for _, m in _all_measures()]
    assert sorted(used) == sorted(_indicators()), "one indicator file per measure, none spare"
    assert all(i.startswith("norfolk-") for i in used)


def test_no_measure_carries_a_published_status() -> None:
    """Norfolk rates priorities, not measures: the RAG lives in the progress report."""
    assert [m["indicator"] for _, m in _all_measures() if "published" in m] == []


def test_wordings_verbatim() -> None:
    wordings = {m["indicator"]: m["wording"] for _, m in _all_measures()}
    assert wordings["norfolk-priority-crime"] == (
        "(i) Maintain Priority Crime levels of 2012/13 (and reduce by 18% over period 2011/16)"
    )
    # split by a page break (L555 + L559), joined; "non- police" as printed
    assert wordings["norfolk-marac-non-police-referrals"] == (
        "(ii) Proportion of non- police referrals to MARACs increased from 10% to 15%"
    )
    assert wordings["norfolk-nte-alcohol-related-crime"].startswith(
        "(i) Reduce Alcohol related crime & disorder ¹ in Norwich, GY & KL centres"
    )


# -- the figures ----------------------------------------------------------------------------


def test_table_and_narrative_figures() -> None:
    """32 table figures (26 results, 6 baselines) and the two year-to-date figures printed only
    in the narrative that are the indicator's own (A(ii) 16498, E(i) 241)."""
    figures = _figures()
    narrative = {text for _, obs in figures if (text := obs["text"]).startswith(("16498", "("))}
    assert narrative == {"16498 incidents were reported YTD 2013/14", "(241/250)"}
    assert len(figures) == 32 + 2
    per_indicator = {i: sum(1 for j, _ in figures if j == i) for i in _indicators()}
    assert per_indicator["norfolk-priority-crime"] == 3
    assert per_indicator["norfolk-180-priority-crime-reduction"] == 6
    assert per_indicator["norfolk-young-people-planned-exits"] == 2


def test_measures_without_any_figure() -> None:
    empty = {i for i in _indicators() if not any(j == i for j, _ in _figures(whole=None))}
    assert empty == {
        "norfolk-asb-targets-under-development",
        "norfolk-carat-cjit-transfer-rate",
        "norfolk-drr-atr-completion-rates",
        "norfolk-other-reoffending-targets",
    }


def test_rates_with_counts_attempts_months_and_windows() -> None:
    figures = _figures()
    with_count = sorted((obs["value"], obs["count"]) for _, obs in figures if "count" in obs)
    assert with_count == [(0.23, 17), (0.45, 34), (34.4, 412), (628, 470), (723, 554)]
    with_attempts = [obs for _, obs in figures if "attempts" in obs]
    assert [(o["text"], o["value"], o["attempts"]) for o in with_attempts] == [
        ("0% (4 attempts)", 0, 4)
    ]
    months = [obs for i, obs in figures if i == "norfolk-180-priority-crime-reduction"]
    assert [o["text"] for o in months] == [
        "April 60%", "May 61%", "June 59%", "July 60%", "Aug 59%", "Sept 60%"
    ]  # fmt: skip
    assert [o["reported_for"] for o in months] == ["Q1 2013/14"] * 3 + ["Q2 2013/14"] * 3
    windows = [obs for _, obs in _observations() if obs["period"].startswith("12 months to")]
    assert len(windows) == 6
    # the window is the period; the column it was printed in is reported_for
    assert {o["reported_for"] for o in windows if "reported_for" in o} == {"Q1 2013/14"}
    baseline_window = next(o for o in windows if o["period"] == "12 months to Sep 2010")
    assert baseline_window["status"] == "unknown" and "value" not in baseline_window


def test_unreadable_cells_give_no_figure_but_stay_in_printed() -> None:
    debris = ["Tanash (2/F0/)", "2010/11", "201071", "20.0", "1" * 39]
    texts = {obs.get("text") for _, obs in _observations()}
    printed = "\t".join(m.get("printed", "") for _, m in _all_measures())
    for cell in debris:
        assert cell not in texts, cell
        assert cell in printed.split("\t"), cell


def test_fte_rate_kept_per_1000_as_printed() -> None:
    """'723 per 1000 (554)' fits per 100,000; the unit is kept as printed, never rescaled."""
    fte = _indicators()["norfolk-youth-first-time-entrants"]
    custody = _indicators()["norfolk-youth-custody"]
    assert fte["rate_per"] == custody["rate_per"] == 1000
    assert fte["population"] == custody["population"]  # so C019 can compare them
    assert fte["series"][0]["text"] == ("Apr 11 to Mar 12 Rate per 1000 (number) 723 (554)")


def test_every_figure_is_in_its_printed_text() -> None:
    """Nothing typed in: each number appears in the text it was read from."""
    words = {"one": 1, "none": 0}
    for indicator_id, obs in _figures(whole=None):
        text, value = obs["text"], obs["value"]
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        in_words = [number for word, number in words.items() if word in text.split()]
        assert shown in text or value in in_words, (indicator_id, obs)
        assert obs["reported_in"] == ["2013/14"], (indicator_id, obs)


def test_breakdowns() -> None:
    breakdowns = _figures(whole=False)
    by_area = sorted((o["area"], o["value"]) for _, o in breakdowns if "area" in o)
    assert by_area == [
        ("broadland", 184),
        ("great-yarmouth", 1),
        ("kings-lynn-and-west-norfolk", 0),
        ("north-norfolk", 195),
        ("norwich", 1),
    ]
    localities = sorted(
        (o["category"], o["value"]) for _, o in breakdowns if o.get("dimension") == "locality"
    )
    assert localities == [("Central", 17), ("East", 16), ("West Norfolk", 10)]


def test_comparators() -> None:
    comparators = _comparators()
    with_figure = [c for c in comparators if "value" in c]
    assert len(with_figure) == 10
    assert len(comparators) - len(with_figure) == 4
    assert sorted(c["value"] for c in with_figure if c["group"] == "national") == [
        8.2, 9, 9.3, 12, 24, 40.2, 79, 80
    ]  # fmt: skip
    local = [(c["label"], c["value"], c["text"]) for c in with_figure if c["group"] == "local"]
    assert local == [
        ("Rest of Norfolk", 18, "18% rate for rest of Norfolk"),
        ("Rest of Norfolk", 16, "Rest of Norfolk 16%"),
    ]


# -- the targets ----------------------------------------------------------------------------


def _target(indicator_id: str) -> dict[str, Any]:
    return next(m for _, m in _all_measures() if m["indicator"] == indicator_id)["target"]


def test_profiles_and_printed_year_to_date_targets() -> None:
    crime = _target("norfolk-priority-crime")
    assert crime["quarters"] == [2274, 2329, 2448, 2343]
    assert sum(crime["quarters"][:2]) == 4603  # the C015 case: the printed 4585 wins
    assert [(y["period"], y["value"]) for y in crime["year_to_date"]] == [("Q2 2013/14", 4585)]
    asb = _target("norfolk-asb-reported-to-police")
    assert asb["quarters"] == [8129, 9754, 6471, 6466]
    assert "year_to_date" not in asb  # the YTD cell is unreadable
    nte = _target("norfolk-nte-alcohol-related-crime")
    assert (nte["quarters"], nte["annual"]) == ([125] * 4, 500)
    assert [(y["value"], y["text"]) for y in nte["year_to_date"]] == [(250, "(241/250)")]


def test_targets_per_measure() -> None:
    measures = [m for _, m in _all_measures()]
    untargeted = {
        m["indicator"] for m in measures if "target" not in m or m["target"]["kind"] == "tbc"
    }
    assert untargeted == {
        "norfolk-asb-targets-under-development",
        "norfolk-cap-test-purchasing",
        "norfolk-drr-atr-completion-rates",
        "norfolk-alcohol-diversion-scheme-referrals",
        "norfolk-other-reoffending-targets",
    }
    this_year = {
        m["indicator"] for m in measures if m.get("target", {}).get("horizon") == "2013/14"
    }
    assert len(this_year) == 12 + 1  # the table's 12, and F(i)'s 40% printed in the narrative
    further = [(m["indicator"], t) for m in measures for t in m.get("further_targets", [])]
    assert [(i, t["text"], t["horizon"], t["owner"]) for i, t in further] == [
        ("norfolk-priority-crime", "(and reduce by 18% over period 2011/16)",
         "2011/12 to 2015/16", "partnership"),
        ("norfolk-asb-reported-to-police", "(by 40% over period 2011/16)",
         "2011/12 to 2015/16", "police_and_crime_plan"),
        ("norfolk-nte-alcohol-related-crime", "no more than 450 crimes per year by 2015/16",
         "2015/16", "partnership"),
        ("norfolk-180-priority-crime-reduction", "by 50%", "2014/15", "partnership"),
    ]  # fmt: skip
    trends = [m["indicator"] for m in measures if m.get("target", {}).get("kind") == "trend"]
    assert len(trends) == 3


# -- the progress report --------------------------------------------------------------------

ANSWERS = ("summary", "milestones_reached", "milestones_missed", "prospects_and_risks")


def test_six_published_rags() -> None:
    reports = _progress()["reports"]
    assert [r["theme"] for r in reports] == [f"priority-{p}" for p in PRIORITIES]
    assert [r["published"]["status"] for r in reports] == [
        "green", "amber", "amber", "amber", "green", "green"
    ]  # fmt: skip
    labels = {r["theme"]: r["published"]["label"] for r in reports}
    assert labels["priority-a"] == "GREEN – target on track and likely to be achieved"
    assert labels["priority-c"] == (
        "AMBER – target causing concern; remedial action taken to address but impact uncertain"
    )
    assert labels["priority-d"].endswith(
        "Proactive contract management will be needed to prevent performance issues from "
        "becoming urgent."
    )
    assert labels["priority-f"] == "GREEN"


def test_four_answers_per_priority() -> None:
    progress = _progress()
    assert str(progress["period"]) == "Q2 2013/14"
    assert set(progress["questions"]) == set(ANSWERS)
    reports = progress["reports"]
    assert all(set(ANSWERS) <= set(r) for r in reports)
    assert sum(len(ANSWERS) for _ in reports) == 24
    empty = [(r["theme"], key) for r in reports for key in ANSWERS if r[key] is None]
    assert empty == [("priority-a", "summary"), ("priority-e", "summary")]


@pytest.mark.parametrize(
    ("theme", "answer", "fragment"),
    [
        ("priority-a", "milestones_reached", "16498 incidents were reported YTD 2013/14, which"),
        ("priority-b", "milestones_missed", "Actions on track"),
        ("priority-b", "summary", "flattening off during 2011/12. Outperforming"),
        ("priority-c", "milestones_reached", "Co-ordinator appointed Cross agency strategy to be"),
        ("priority-c", "prospects_and_risks", "- Amber IDVA team in place"),
        ("priority-d", "summary", "Targets (iv) and (v)"),
        ("priority-e", "milestones_reached", "required reductions (241/250)"),
        ("priority-f", "prospects_and_risks", "may prove problematical."),
    ],
)
def test_answers_verbatim(theme: str, answer: str, fragment: str) -> None:
    report = next(r for r in _progress()["reports"] if r["theme"] == theme)
    assert fragment in report[answer]


def test_the_figures_load_through_the_model():
    import cspplan

    workspace = cspplan.load(NORFOLK)
    assert workspace.exit_code() == 0, [str(issue) for issue in workspace.issues]
    csp = workspace.partnerships[0]
    assert set(csp.indicators) == set(_indicators())
    year = csp.years[0]
    assert [len(theme.indicators) for theme in year.themes] == list(MEASURES_PER_PRIORITY.values())
    (progress,) = year.progress
    assert [report.theme for report in progress.progress.reports] == [
        f"priority-{p}" for p in PRIORITIES
    ]
