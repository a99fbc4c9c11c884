"""The diff engine on the real pair of Safer Cornwall years, matching, and symmetry."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SHIPPED, examples

import cspplan
from cspplan.diff.changes import Area, Change
from cspplan.diff.compare import Side, compare
from cspplan.diff.matching import _similarity, alike, match, similarity, wording_similarity


@pytest.fixture(scope="module")
def cornwall():
    plans = cspplan.load(SHIPPED / "safer-cornwall").partnerships[0]
    old, new = (Side(plans, year, year.label) for year in plans.years)
    return compare(old, new), compare(new, old)


def _find(changes, area, field=None, label=None):
    return [
        c
        for c in changes
        if c.area is area and c.field == field and (label is None or c.label == label)
    ]


def test_the_changes_a_reader_of_the_two_documents_finds(cornwall):
    forward, _ = cornwall
    changes = forward.changes
    (towns,) = _find(changes, Area.THEME, None, "Safer towns")
    assert towns.kind == "added"
    split = {
        c.new
        for c in _find(changes, Area.THEME, "title")
        if c.old == "Hate crime and preventing violent extremism"
    }
    assert split == {"Hate crime", "Preventing violent extremism"}
    assert all("split from" in c.note for c in _find(changes, Area.THEME, "title"))
    (justice,) = [
        c
        for c in _find(changes, Area.ACTION)
        if c.old_label and "Restorative Justice" in c.old_label
    ]
    assert justice.kind == "removed" and justice.note.startswith("listed as dropped")
    marac = _find(
        changes, Area.MEASURE, "target", "Repeat incidents of domestic abuse (cases at MARAC)"
    )
    assert [(c.old, c.new) for c in marac] == [("at most 40%", "between 28% and 40%")]
    (restated,) = _find(changes, Area.MEASURE, "figure for 2014/15 (restated)")
    assert (restated.old, restated.new) == ("725 per 100,000", "724 per 100,000")
    redefined = _find(changes, Area.MEASURE, "indicator")
    assert any(
        c.old_id == "da-crimes-charged" and c.new_id == "da-crimes-offender-outcome"
        for c in redefined
    )


def test_empowerment_star_target_is_80_percent_in_both_years(cornwall):
    """The 2017/18 scrape runs three table rows together; read cell by cell (see the
    transcription note and the README) its target is 80%, as in 2018/19, so the diff reports
    the new wording and baseline but no target change. Pinned so that a reading of 40% is
    made on evidence, not by editing the data to fit."""
    forward, _ = cornwall
    star = [c for c in forward.changes if c.new_id == "empowerment-star-increase"]
    assert {c.field for c in star} == {
        "wording",
        "baseline period",
        "latest period printed",
        "published status",
    }
    assert not any(c.field == "target" for c in star)


def test_lead_not_printed_is_not_stated_not_removed(cornwall):
    forward, _ = cornwall
    leads = _find(forward.changes, Area.ACTION, "lead")
    assert leads and all(c.kind == "changed" for c in leads)
    assert any(c.new is None for c in leads)  # shown as "not stated"


def test_diff_is_symmetric_on_the_real_pair(cornwall):
    forward, backward = cornwall
    assert Counter(c.inverse() for c in forward.changes) == Counter(backward.changes)


def test_similar_titles_are_matched_and_say_so():
    result = match(
        {"a": "Naloxone programme", "b": "Urban street games"},
        {"x": "Naloxone programme roll-out", "y": "Community Trigger"},
        set(),
    )
    assert result.pairs == [
        (
            "a",
            "x",
            f"{alike(similarity('Naloxone programme', 'Naloxone programme roll-out'))} similar titles",
        )
    ]
    assert result.removed == ["b"] and result.added == ["y"]


titles = st.dictionaries(
    st.sampled_from(list("abcdef")),
    st.sampled_from(["Alcohol plan", "Alcohol plans", "Drug plan", "ASB strategy", "Hate crime"]),
    max_size=5,
)


@settings(max_examples=examples(200))
@given(titles, titles)
def test_matching_is_symmetric(old, new):
    forward, backward = match(old, new, set()), match(new, old, set())
    assert sorted((a, b) for a, b, _ in forward.pairs) == sorted(
        (b, a) for a, b, _ in backward.pairs
    )
    assert sorted(forward.added) == sorted(backward.removed)


WORDS = st.text(alphabet="abcde fgh", max_size=60) | st.sampled_from(
    ["reduce alcohol harm", "reducing alcohol related harm", "hate crime", "community safety"]
)


@settings(max_examples=examples(300))
@given(WORDS, WORDS, st.sampled_from([0.3, 0.5, 0.6, 0.8]))
def test_the_quick_bound_never_drops_a_pair_that_is_similar_enough(x, y, threshold):
    """Pruning is only a shortcut: a pair it skips really is below the threshold, and a pair
    it keeps gets the full score."""
    full = _similarity(x, y)
    pruned = _similarity(x, y, threshold)
    if full >= threshold:
        assert pruned == full
    else:
        assert pruned in (0.0, full)


PARAGRAPH = (
    "Safer Cornwall is the statutory Community Safety Partnership for Cornwall. We work "
    "together to reduce crime, anti-social behaviour and substance misuse, and to keep people "
    "safe. This plan sets out our priorities for the year ahead and how we will measure "
    "progress against them, working with communities and partners across the county."
)


def test_a_phrase_edited_in_a_paragraph_reads_as_nearly_alike():
    edited = PARAGRAPH.replace("the year ahead", "the next twelve months")
    assert wording_similarity(PARAGRAPH, edited) > 0.9
    assert similarity(PARAGRAPH, edited) < 0.85  # letter by letter, difflib undersells it


def test_a_rewritten_paragraph_reads_as_little_alike():
    rewrite = (
        "All recorded crime is monitored as a barometer for the level of crime experienced "
        "by residents, and lets us compare Cornwall with similar areas nationally."
    )
    assert wording_similarity(PARAGRAPH, rewrite) < 0.3
    assert wording_similarity(PARAGRAPH, rewrite) == wording_similarity(rewrite, PARAGRAPH)


def test_change_inverse_round_trips():
    change = Change(Area.ACTION, "timescale", "x", "y", "March 2018", None, "Old", "New")
    assert change.inverse().inverse() == change
    assert change.inverse().old is None and change.inverse().new == "March 2018"
    assert Change(Area.THEME, None, None, "t", None, "Safer towns").inverse().kind == "removed"
