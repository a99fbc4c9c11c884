"""The real plans in plans/: they validate, and they hold what the source documents hold.

How the expected counts were taken from the sources (shared/sources/ in the brief):

- Safer Cornwall 2018/19 (001_4963d0e953232b77.txt, Markdown tables): themes are the section
  headings in the contents list (12, counting the four under "Other areas of work");
  actions are the data rows of each section's "Project/activity" tables; measures are the
  data rows of each "Performance measure" table, plus the 2 headline indicators.
- Safer Cornwall 2017/18 (000_2a68fdf3520f03b9.txt, lines 1-73, a flattened scrape): themes
  are the contents entries (10, "Hate crime and preventing violent extremism" being one);
  actions are the "Lead:" cells (35 in the text, one of them printed twice for the complex
  offenders review, so 34); measures are the status words (GREEN/AMBER/RED/NEW: 42, one
  per indicator row, the 2 headline rows included).
- City of London (002_cd0ea3543b656873.txt, lines 1-61): the five "Priority N:" headings
  plus the cross-cutting vulnerability theme; actions are the headed items under each
  priority's "What we are going to do" (3, 7, 7, 3, 4), counting the untitled Operation
  Broadway paragraph under the second acquisitive-crime objective.
- Norfolk CCSP 2013/14 (004_a5ecdc33d2645170.txt, via docs/transcription/
  norfolk-ccsp-2013-14.md): themes are the priorities A-F; actions are the rows of each
  priority's Appendix 3 action-plan table, one per objective (6, 0, 4, 3, 10, 4: B points
  at the Youth Offending Team's plan instead); measures are the numbered rows (i), (ii), …
  of each priority's "Performance data" table in the Q2 2013/14 Appendix 2 (3, 3, 2, 7, 2,
  2). test_norfolk_plan.py and test_norfolk_figures.py count the rest.
"""

from __future__ import annotations

import pytest
from tests.conftest import SHIPPED, codes, run_validate

import cspplan
from cspplan.model.plan import Direction

EXPECTED = {
    ("safer-cornwall", "2018/19"): {
        "partnership-development": (4, 0),
        "safer-towns": (1, 0),
        "domestic-abuse-and-sexual-violence": (7, 8),
        "alcohol-related-harm": (8, 4),
        "drug-related-harm": (3, 4),
        "anti-social-behaviour": (4, 4),
        "reoffending": (1, 8),
        "serious-and-organised-crime": (4, 6),
        "complex-needs": (3, 0),
        "preventing-violent-extremism": (1, 0),
        "hate-crime": (1, 0),
        "road-casualty-reduction": (1, 3),
    },
    ("safer-cornwall", "2017/18"): {
        "partnership-development": (8, 0),
        "domestic-abuse-and-sexual-violence": (3, 9),
        "alcohol-related-harm": (7, 4),
        "reoffending": (3, 10),
        "anti-social-behaviour": (4, 4),
        "drug-related-harm": (4, 4),
        "serious-and-organised-crime": (1, 6),
        "complex-needs": (1, 0),
        "hate-crime-and-preventing-violent-extremism": (2, 0),
        "road-casualty-reduction": (1, 3),
    },
    ("city-of-london", "2017/18"): {
        "prevent": (3, 0),
        "violence-against-the-person": (7, 0),
        "acquisitive-crime": (7, 0),
        "night-time-economy": (3, 0),
        "anti-social-behaviour": (4, 0),
        "vulnerability": (0, 0),
    },
    ("norfolk-ccsp", "2013/14"): {
        "priority-a": (6, 3),
        "priority-b": (0, 3),
        "priority-c": (4, 2),
        "priority-d": (3, 7),
        "priority-e": (10, 2),
        "priority-f": (4, 2),
    },
}
HEADLINE = {
    ("safer-cornwall", "2018/19"): 2,
    ("safer-cornwall", "2017/18"): 2,
    ("city-of-london", "2017/18"): 0,
    ("norfolk-ccsp", "2013/14"): 0,
}

# Warnings that point at real inconsistencies in the sources (listed in the README).
EXPECTED_WARNINGS = [
    ("C001", "safer-cornwall/2017-18/themes/alcohol-related-harm.yaml"),  # LAAA 2: March 2019
    ("C013", "safer-cornwall/2018-19/themes/domestic-abuse-and-sexual-violence.yaml"),  # Year 1
    ("C001", "safer-cornwall/2018-19/themes/alcohol-related-harm.yaml"),  # SIB: March 2023
    ("C009", "safer-cornwall/indicators/alcohol-related-hospital-admissions.yaml"),  # 725, 724
    ("C015", "norfolk-ccsp/2013-14/themes/priority-a.yaml"),  # YTD target 4,585; quarters 4,603
    ("C001", "norfolk-ccsp/2013-14/themes/priority-c.yaml"),  # PCC survey: Sep 2014
    ("C004", "norfolk-ccsp/indicators/norfolk-asb-reported-to-police.yaml"),  # 16,518 vs 16,498
    ("C019", "norfolk-ccsp/indicators/norfolk-youth-first-time-entrants.yaml"),  # per 1000 …
    ("C019", "norfolk-ccsp/indicators/norfolk-youth-first-time-entrants.yaml"),  # … twice
    ("C021", "norfolk-ccsp/reviews/north-norfolk-dhr-2013.yaml"),  # rec 11: October 2013
    ("C023", "norfolk-ccsp/reviews/north-norfolk-dhr-2013.yaml"),  # rec 5: Dec 14 after Sept 14
    ("C023", "norfolk-ccsp/reviews/north-norfolk-dhr-2013.yaml"),  # rec 8: By March 2013
    ("C027", "norfolk-ccsp/2013-14/funding.yaml"),  # Domestic violence 240; items 38 + 203
    ("C028", "norfolk-ccsp/2013-14/funding.yaml"),  # Reward Grant left: 157 and £100k
    ("C028", "norfolk-ccsp/2013-14/funding.yaml"),  # Schedule B: titled 2013/14, 2012/13 figures
]


@pytest.fixture(scope="module")
def shipped():
    return cspplan.load(SHIPPED)


def test_shipped_plans_validate_with_only_the_known_warnings():
    report = run_validate(SHIPPED)
    assert report.errors == 0, [(i.code, str(i.file), i.message) for i in report.issues]
    assert report.exit_code() == 0
    found = [(issue.code, issue.file.relative_to(SHIPPED).as_posix()) for issue in report.issues]
    assert sorted(found) == sorted(EXPECTED_WARNINGS)


@pytest.mark.parametrize(("key"), list(EXPECTED))
def test_counts_match_the_sources(shipped, key):
    partnership_id, period = key
    plans = shipped.partnership(partnership_id)
    (year,) = [y for y in plans.years if y.label == period]
    counted = {theme.id: (len(theme.actions), len(theme.indicators)) for theme in year.themes}
    assert counted == EXPECTED[key]
    assert [theme.id for theme in year.themes] == list(EXPECTED[key])  # printed order
    headline = year.plan.headline.indicators if year.plan.headline else []
    assert len(headline) == HEADLINE[key]


def _measures(year):
    headline = year.plan.headline.indicators if year.plan.headline else []
    return [*headline, *(m for theme in year.themes for m in theme.indicators)]


def test_every_2018_19_measure_carries_its_published_status_and_direction(shipped):
    year = shipped.partnership("safer-cornwall").years[1]
    measures = _measures(year)
    assert len(measures) == 39
    labels = {
        "green": "Successful",
        "amber": "Close to target",
        "red": "Needs improving",
        "monitoring": "Monitoring",
    }
    for measure in measures:
        published = measure.published
        assert published is not None and published.status is not None, measure.wording
        assert published.label == labels[published.status.value], measure.wording
        assert published.direction is not None, measure.wording
    arrows = [m.published.direction for m in measures]
    # counted in the source's "Performance measure" tables (the direction column of each data
    # row): 16 ↑, 15 →, 7 ↓ and one "n/a" (the CSE offender-outcome row)
    assert (
        arrows.count(Direction.UP),
        arrows.count(Direction.LEVEL),
        arrows.count(Direction.DOWN),
    ) == (16, 15, 7)
    assert arrows.count(Direction.NOT_APPLICABLE) == 1


def test_every_2017_18_measure_carries_its_printed_status(shipped):
    year = shipped.partnership("safer-cornwall").years[0]
    statuses = [m.published.label for m in _measures(year)]
    assert len(statuses) == 42
    assert {s: statuses.count(s) for s in set(statuses)} == {
        "GREEN": 19,
        "AMBER": 5,
        "RED": 8,
        "NEW": 10,
    }
    assert all(m.printed for m in _measures(year)), "every 2017/18 row keeps its printed cells"


def test_every_2017_18_action_is_continued_or_dropped(shipped):
    plans = shipped.partnership("safer-cornwall")
    earlier, later = plans.years
    continued = {
        ref for _, action in later.actions() if action.lineage for ref in action.lineage.from_
    }
    dropped = {item.id for item in later.plan.dropped}
    assert {action.id for _, action in earlier.actions()} == continued | dropped
    assert not continued & dropped
    assert all(action.lineage is not None for _, action in later.actions())


def test_redefined_indicators_say_what_they_replace(shipped):
    indicators = shipped.partnership("safer-cornwall").indicators
    assert indicators["da-crimes-offender-outcome"].replaces == "da-crimes-charged"
    assert indicators["cse-understanding-of-abuse"].replaces == "cse-know-where-to-get-help"


def test_lost_values_are_kept_as_printed_not_filled(shipped):
    plans = shipped.partnership("safer-cornwall")
    # 2017/18 prints "1,566 1,400 GREEN 1,000": two values for three columns, so no reading
    treatment = plans.indicators["alcohol-treatment-numbers"]
    assert not any(plans.years[0].period in o.reported_in for o in treatment.series)
    measure = next(
        m
        for m in plans.years[0].theme("alcohol-related-harm").indicators
        if m.indicator == treatment.id
    )
    assert measure.printed == "1,566 1,400 GREEN 1,000"
    # a target the scrape lost is unknown, not absent
    road = plans.years[0].theme("road-casualty-reduction").indicators[0]
    assert road.target is not None and road.target.kind == "unknown"


def test_city_of_london_actions_have_no_invented_dates_or_leads(shipped):
    year = shipped.partnership("city-of-london").years[0]
    actions = [action for _, action in year.actions()]
    assert len(actions) == 24
    assert all(action.timescale is None and action.lead is None for action in actions)
    assert shipped.partnership("city-of-london").partnership.people == []


def test_validate_names_no_codes_on_the_shipped_plans_that_the_readme_does_not_explain():
    readme = (SHIPPED.parent / "README.md").read_text(encoding="utf-8")
    for code in set(codes(run_validate(SHIPPED))):
        assert code in readme


def test_transcription_commentary_is_kept_apart_from_printed_notes(shipped):
    """`notes` are printed in generated documents; how a source was read goes in
    `transcription_notes`, so a reader never sees our commentary as the partnership's words."""
    words = (
        "scrape",
        "kept as printed",
        "transcrib",
        "cannot be placed",
        "printed as",
        "listed under",
    )
    for plans in shipped.partnerships:
        partnership = plans.partnership
        for item in [partnership, *partnership.organisations, *partnership.governance]:
            assert not any(word in (item.description or "").lower() for word in words), (
                item.description
            )
        for year in plans.years:
            for theme in year.themes:
                for item in [*theme.actions, *theme.indicators]:
                    for note in item.notes:
                        assert not any(word in note.lower() for word in words), note
