"""Hypothesis strategies for plan data, shared by the property tests.

Each strategy draws only what the models accept, cross-field rules included (a cycle's
year within its length, a range's low below its high), so a failing property points at
cspplan rather than at the generator.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from cspplan.model.periods import Period, PeriodKind, coerce_period

# -- text and ids -------------------------------------------------------------------------------

ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"))
    | st.sampled_from("\n\t:#'\"-[]{}&*!|>%@`"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")
ID = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
NUMBER = st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-(10**6), 10**6).map(float)

# -- periods ------------------------------------------------------------------------------------

YEARS = st.integers(min_value=1990, max_value=2060)
PERIODS = st.one_of(
    YEARS.map(lambda y: Period(PeriodKind.FINANCIAL_YEAR, y)),
    st.builds(lambda y, q: Period(PeriodKind.QUARTER, y, q), YEARS, st.integers(1, 4)),
    st.builds(lambda y, q: Period(PeriodKind.YEAR_TO_DATE, y, q), YEARS, st.integers(1, 4)),
    st.builds(lambda y, m: Period(PeriodKind.MONTH, y, m), YEARS, st.integers(1, 12)),
    st.builds(lambda y, m: Period(PeriodKind.ROLLING_12_MONTHS, y, m), YEARS, st.integers(1, 12)),
    YEARS.map(lambda y: Period(PeriodKind.CALENDAR_YEAR, y)),
    YEARS.map(lambda y: Period(PeriodKind.SURVEY_YEAR, y)),
    st.builds(
        lambda y, n, f: Period(PeriodKind.MULTI_YEAR_AVERAGE, y, n, financial=f),
        YEARS,
        st.integers(2, 5),
        st.booleans(),
    ),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)).map(coerce_period),
)
"""Every kind of reporting period cspplan reads."""

DUE_KINDS = (
    PeriodKind.DAY,
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.FINANCIAL_YEAR,
    PeriodKind.CALENDAR_YEAR,
)
PERIOD = PERIODS.map(str)
DUE_PERIODS = PERIODS.filter(lambda period: period.kind in DUE_KINDS)
DUE = DUE_PERIODS.map(str)
FINANCIAL_YEAR = YEARS.map(lambda y: str(Period(PeriodKind.FINANCIAL_YEAR, y)))


def _ordered_dues(pair: tuple[Period, Period]) -> tuple[str, str]:
    first, second = sorted(pair, key=lambda period: period.start)
    return str(first), str(second)


# -- indicators ---------------------------------------------------------------------------------

OBSERVATION = st.fixed_dictionaries(
    {"period": PERIOD, "value": st.floats(0, 1e6, allow_nan=False)},
    optional={
        "text": ANY_TEXT,
        "note": ANY_TEXT,
        "provisional": st.booleans(),
        "reported_in": st.lists(FINANCIAL_YEAR, max_size=2, unique=True),
    },
)
INDICATOR = st.fixed_dictionaries(
    {
        "id": st.just("generated"),
        "name": ANY_TEXT,
        "unit": st.just("score"),
        "polarity": st.sampled_from(["higher_is_better", "lower_is_better", "no_judgement"]),
        "series": st.lists(OBSERVATION, max_size=6),
    },
    optional={"definition": ANY_TEXT, "source": ANY_TEXT},
)

# -- targets and measures -----------------------------------------------------------------------

_PRINTED = {"text": ANY_TEXT}
TARGET = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.sampled_from(["at_least", "at_most"]), "value": NUMBER},
        optional={"strict": st.booleans(), **_PRINTED},
    ),
    st.tuples(NUMBER, NUMBER).map(
        lambda pair: {"kind": "range", "low": min(pair), "high": max(pair)}
    ),
    st.fixed_dictionaries({"kind": st.just("no_increase"), "reference": PERIOD}, optional=_PRINTED),
    st.fixed_dictionaries(
        {
            "kind": st.just("reduction"),
            "percent": st.floats(0, 100, exclude_min=True),
            "baseline": PERIOD,
            "by": DUE,
        },
        optional={"target_value": NUMBER, **_PRINTED},
    ),
    st.fixed_dictionaries(
        {"kind": st.just("long_term"), "value": NUMBER, "by": DUE},
        optional={"baseline": PERIOD, "interim": NUMBER, **_PRINTED},
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("comparator"),
            "group": st.sampled_from(
                ["national", "regional", "family_group", "most_similar_group", "top_quartile"]
            ),
        },
        optional={"relation": st.sampled_from(["in_line", "in_line_or_better", "better"])},
    ),
    st.fixed_dictionaries(
        {"kind": st.just("rank"), "within": st.integers(1, 50), "group": ANY_TEXT},
        optional={"of": st.integers(1, 50)},
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("quarterly_profile"),
            "quarters": st.lists(NUMBER, min_size=4, max_size=4),
        },
        optional={"annual": NUMBER},
    ),
    st.fixed_dictionaries({"kind": st.sampled_from(["tbc", "unknown"])}, optional=_PRINTED),
    st.fixed_dictionaries({"kind": st.just("text"), "text": ANY_TEXT}),
)
"""Every kind of target, with and without its printed wording."""

RATINGS = ["green", "amber", "red", "monitoring", "new", "no_data", "not_applicable"]
PUBLISHED = st.one_of(
    st.fixed_dictionaries(
        {"status": st.sampled_from(RATINGS)},
        optional={"label": ANY_TEXT, "direction": st.sampled_from(["up", "level", "down"])},
    ),
    st.fixed_dictionaries(
        {"direction": st.sampled_from(["up", "level", "down", "not_applicable"])},
        optional={"label": ANY_TEXT},
    ),
)
FOOTNOTE = st.fixed_dictionaries({"text": ANY_TEXT}, optional={"marker": st.sampled_from("*†12")})
MEASURE = st.fixed_dictionaries(
    {"indicator": ID, "wording": ANY_TEXT},
    optional={
        "baseline": PERIOD,
        "latest": PERIOD,
        "target": TARGET,
        "published": PUBLISHED,
        "override": st.fixed_dictionaries(
            {
                "status": st.sampled_from(["green", "amber", "red", "monitoring"]),
                "reason": ANY_TEXT,
            }
        ),
        "part_of": ID,
        "printed": ANY_TEXT,
        "notes": st.lists(ANY_TEXT, max_size=2),
        "transcription_notes": st.lists(ANY_TEXT, max_size=2),
    },
)

# -- themes and actions -------------------------------------------------------------------------

TIMESCALE_PART = st.one_of(
    st.fixed_dictionaries({"kind": st.just("deadline"), "by": DUE}, optional={"label": ANY_TEXT}),
    st.tuples(DUE_PERIODS, DUE_PERIODS)
    .map(_ordered_dues)
    .map(lambda dues: {"kind": "range", "start": dues[0], "end": dues[1]}),
    st.fixed_dictionaries(
        {"kind": st.just("rolling")}, optional={"refresh": ANY_TEXT, "statutory": st.booleans()}
    ),
    st.integers(1, 5).flatmap(  # year N of an M year cycle needs N <= M
        lambda years: st.fixed_dictionaries(
            {"kind": st.just("cycle"), "years": st.just(years), "year": st.integers(1, years)},
            optional={"refresh": ANY_TEXT},
        )
    ),
    st.fixed_dictionaries({"kind": st.just("on_hold")}, optional={"period": PERIOD}),
    st.fixed_dictionaries({"kind": st.just("milestone"), "date": DUE, "label": ANY_TEXT}),
)
TIMESCALE = st.fixed_dictionaries(
    {"text": ANY_TEXT}, optional={"parts": st.lists(TIMESCALE_PART, max_size=2)}
)
EARLIER_ID = ID | st.tuples(FINANCIAL_YEAR, ID).map(lambda pair: f"{pair[0]}:{pair[1]}")
LINEAGE = st.one_of(
    st.fixed_dictionaries({"kind": st.just("new")}, optional={"note": ANY_TEXT}),
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["same_as", "renamed_from"]),
            "from": st.lists(EARLIER_ID, min_size=1, max_size=1),
        },
        optional={"note": ANY_TEXT},
    ),
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["merged_from", "split_from"]),
            "from": st.lists(EARLIER_ID, min_size=1, max_size=3),
        },
        optional={"note": ANY_TEXT},
    ),
)
LEAD = st.fixed_dictionaries(
    {},
    optional={
        "text": ANY_TEXT,
        "organisations": st.lists(ID, max_size=2),
        "groups": st.lists(ID, max_size=2),
        "people": st.lists(ID, max_size=2),
        "supporting": st.lists(ID, max_size=2),
    },
)
ACTION = st.fixed_dictionaries(
    {"id": ID, "title": ANY_TEXT},
    optional={
        "description": ANY_TEXT,
        "focus": st.lists(ANY_TEXT, max_size=3),
        "measures": st.lists(ANY_TEXT, max_size=2),
        "evaluation": ANY_TEXT,
        "timescale": TIMESCALE,
        "lead": LEAD,
        "tags": st.lists(ANY_TEXT, max_size=2),
        "indicators": st.lists(ID, max_size=2),
        "governance": st.lists(ID, max_size=2),
        "lineage": LINEAGE,
        "notes": st.lists(ANY_TEXT, max_size=2),
    },
)
CONTACT = st.fixed_dictionaries(
    {"person": ID},
    optional={"role": ANY_TEXT, "organisation": ID, "email": ANY_TEXT, "phone": ANY_TEXT},
)
THEME = st.fixed_dictionaries(
    {"id": st.just("generated"), "title": ANY_TEXT},
    optional={
        "kind": st.sampled_from(
            ["priority", "focus_area", "other_area", "partnership_development", "cross_cutting"]
        ),
        "group": ANY_TEXT,
        "outcomes": st.lists(ID, max_size=3, unique=True),
        "objectives": st.lists(ANY_TEXT, max_size=3),
        "narrative": ANY_TEXT,
        "areas": st.lists(ANY_TEXT, max_size=2),
        "actions": st.lists(ACTION, max_size=4, unique_by=lambda a: a["id"]),
        "monitoring": ANY_TEXT,
        "indicators": st.lists(MEASURE, max_size=3),
        "contacts": st.lists(CONTACT, max_size=2),
        "governance": st.lists(ID, max_size=2),
        "lineage": LINEAGE,
        "notes": st.lists(FOOTNOTE, max_size=2),
    },
)

# -- the plan year and the partnership ----------------------------------------------------------


def _cycle(start: int, length: int, year: int, name: str) -> dict[str, object]:
    return {
        "name": name,
        "start": str(Period(PeriodKind.FINANCIAL_YEAR, start)),
        "end": str(Period(PeriodKind.FINANCIAL_YEAR, start + length - 1)),
        "year": year,
    }


CYCLE = st.tuples(YEARS, st.integers(1, 5)).flatmap(
    lambda pair: st.builds(
        _cycle, st.just(pair[0]), st.just(pair[1]), st.integers(1, pair[1]), ANY_TEXT
    )
)
PLAN_YEAR = st.fixed_dictionaries(
    {
        "title": ANY_TEXT,
        "period": FINANCIAL_YEAR,
        "themes": st.lists(ID, max_size=5, unique=True),
    },
    optional={
        "period_note": ANY_TEXT,
        "cycle": CYCLE,
        "introduction": ANY_TEXT,
        "achievements": st.lists(ANY_TEXT, max_size=3),
        "outcomes": st.lists(
            st.fixed_dictionaries({"id": ID, "text": ANY_TEXT}),
            max_size=3,
            unique_by=lambda outcome: outcome["id"],
        ),
        "headline": st.fixed_dictionaries(
            {},
            optional={
                "narrative": ANY_TEXT,
                "indicators": st.lists(MEASURE, max_size=4),
                "notes": st.lists(FOOTNOTE, max_size=2),
            },
        ),
        "dropped": st.lists(
            st.fixed_dictionaries({"id": EARLIER_ID}, optional={"note": ANY_TEXT}), max_size=2
        ),
        "notes": st.lists(FOOTNOTE, max_size=2),
        "source": st.fixed_dictionaries(
            {"title": ANY_TEXT},
            optional={"file": ANY_TEXT, "url": ANY_TEXT, "notes": ANY_TEXT},
        ),
        "transcription_notes": st.lists(ANY_TEXT, max_size=2),
    },
)
ORGANISATION = st.fixed_dictionaries(
    {"id": ID, "name": ANY_TEXT},
    optional={
        "short_name": ANY_TEXT,
        "kind": st.sampled_from(["local_authority", "police", "health", "team", "other"]),
        "parent": ID,
        "membership": st.sampled_from(["responsible_authority", "associate", "member"]),
        "description": ANY_TEXT,
    },
)
PERSON = st.fixed_dictionaries(
    {"id": ID, "name": ANY_TEXT},
    optional={
        "role": ANY_TEXT,
        "team": ANY_TEXT,
        "organisation": ID,
        "email": ANY_TEXT,
        "phone": ANY_TEXT,
    },
)
GOVERNANCE_BODY = st.fixed_dictionaries(
    {
        "id": ID,
        "name": ANY_TEXT,
        "kind": st.sampled_from(["board", "thematic_group", "scrutiny_committee", "other"]),
    },
    optional={"short_name": ANY_TEXT, "reports_to": ID, "organisation": ID},
)
SHARE = st.floats(0, 100)
STATUS_RULES = st.fixed_dictionaries(
    {},
    optional={
        "labels": st.sampled_from(
            [
                "rag",
                {},
                {"name": "on_track", "green": "On track", "amber": "At risk", "red": "Off track"},
                {
                    "name": "safer_cornwall",
                    "green": "Successful",
                    "amber": "Close to target",
                    "red": "Needs improving",
                    "monitoring": "Monitoring",
                    "no_data": "No data",
                    "cannot_assess": "Cannot assess",
                },
            ]
        ),
        "tolerance": st.fixed_dictionaries(
            {},
            optional={
                "percentage_points": SHARE,
                "relative_percent": SHARE,
                "rank_places": st.integers(0, 5),
            },
        ),
        "direction": st.fixed_dictionaries(
            {},
            optional={
                "compare_with": st.sampled_from(["previous", "year_earlier"]),
                "stable_percentage_points": SHARE,
                "stable_relative_percent": SHARE,
            },
        ),
        "stale_after": st.one_of(
            st.integers(0, 60), st.sampled_from(["1 year", "18 months", "2 years 6 months"])
        ),
    },
)
PARTNERSHIP = st.fixed_dictionaries(
    {"id": st.just("generated"), "name": ANY_TEXT, "area": ANY_TEXT},
    optional={
        "other_names": st.lists(ANY_TEXT, max_size=2),
        "vision": ANY_TEXT,
        "description": ANY_TEXT,
        "organisations": st.lists(ORGANISATION, max_size=3),
        "people": st.lists(PERSON, max_size=3),
        "governance": st.lists(GOVERNANCE_BODY, max_size=3),
        "status_rules": STATUS_RULES,
        "contact": st.fixed_dictionaries(
            {}, optional={"name": ANY_TEXT, "email": ANY_TEXT, "website": ANY_TEXT}
        ),
        "transcription_notes": st.lists(ANY_TEXT, max_size=2),
    },
)

# -- the deep parts, drawn directly ------------------------------------------------------------
# Whole files rarely reach four levels down in a hundred examples, so every timescale and
# every target kind also gets a file of its own.

TIMESCALED_THEME = st.lists(TIMESCALE_PART, min_size=1, max_size=2).map(
    lambda parts: {
        "id": "generated",
        "title": "Timescales",
        "actions": [{"id": "a", "title": "An action", "timescale": {"text": "-", "parts": parts}}],
    }
)
TARGETED_PLAN_YEAR = st.tuples(TARGET, FINANCIAL_YEAR).map(
    lambda pair: {
        "title": "Targets",
        "period": pair[1],
        "themes": [],
        "headline": {"indicators": [{"indicator": "x", "wording": "X", "target": pair[0]}]},
    }
)
