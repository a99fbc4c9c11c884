"""C019: a rate printed with its count implies the size of its population (count ×
rate_per ÷ value); a figure twenty or more times off the population's printed size, or
off the other rates per the same population, is a warning that says which rate_per fits."""

from __future__ import annotations

from conftest import codes, expected_position, only, run_validate
from cspplan.issues import Severity


def _rates(tree, *, fte_population="young people aged 10-17", custody_population=None) -> None:
    """Norfolk's pair: first-time entrants printed 'per 1000' (723 with 554 implies 766
    young people: per 100,000 fits) and custody, whose 'per 1000' fits (0.45 with 34
    implies 75,556)."""
    tree.files["indicators/fte.yaml"] = {
        "name": "First time entrants",
        "unit": "rate",
        "rate_per": 1000,
        "population": fte_population,
        "series": [
            {"period": "2011/12", "value": 723, "count": 554, "text": "723 (554)"},
            {"period": "2012/13", "value": 628, "count": 470, "text": "628 (470)"},
        ],
    }
    tree.files["indicators/custody.yaml"] = {
        "name": "Use of custody",
        "unit": "rate",
        "rate_per": 1000,
        "population": custody_population or "Young People  aged 10-17",
        "series": [{"period": "12 months to Jun 2012", "value": 0.45, "count": 34}],
    }


def test_a_rate_that_fits_per_100000_is_warned_where_its_value_is(tree):
    _rates(tree)
    report = run_validate(tree.write())
    found = [issue for issue in report.issues if issue.code == "C019"]
    assert [issue.field_path for issue in found] == ["series[0].value", "series[1].value"]
    first = found[0]
    assert first.severity is Severity.WARNING
    assert report.exit_code() == 0, "a warning: the source's figures are kept"
    assert first.file.name == "fte.yaml"
    assert (first.line, first.column) == expected_position(first.file, first.path)
    assert first.message == (
        "723 per 1,000 with a count of 554 (2011/12) implies a population of 766, but "
        "0.45 per 1,000 with a count of 34 (custody, 12 months to Jun 2012) implies 75,556 "
        "(Young People aged 10-17); per 100,000 would fit"
    )
    assert "keep the figures as printed" in first.hint
    assert "transcription_notes" in first.hint


def test_different_populations_are_not_compared(tree):
    _rates(tree, custody_population="residents aged 18 and over")
    assert "C019" not in codes(run_validate(tree.write()))


def test_a_printed_population_size_is_the_reference(tree):
    _rates(tree)
    tree["indicators/custody.yaml"]["population_size"] = 75000
    tree["indicators/fte.yaml"]["population_size"] = 76000
    issue = only_first(run_validate(tree.write()))
    assert issue.message == (
        "723 per 1,000 with a count of 554 (2011/12) implies a population of 766, but the "
        "indicator's population_size is 76,000; per 100,000 would fit"
    )


def test_another_indicators_population_size_is_used_for_the_same_population(tree):
    _rates(tree)
    del tree["indicators/custody.yaml"]["series"][0]["count"]
    tree["indicators/custody.yaml"]["population_size"] = 75000
    report = run_validate(tree.write())
    assert [i.field_path for i in report.issues if i.code == "C019"] == [
        "series[0].value",
        "series[1].value",
    ]
    assert "but custody's population_size is 75,000" in only_first(report).message


def only_first(report):
    return next(issue for issue in report.issues if issue.code == "C019")


def test_no_rate_per_fitting_is_said(tree):
    _rates(tree, custody_population="adults")
    tree["indicators/fte.yaml"]["population_size"] = 3_000_000
    del tree["indicators/fte.yaml"]["series"][1]
    issue = only(run_validate(tree.write()), "C019")
    assert issue.message.endswith("neither per 1,000 nor per 100,000 would fit")


def test_plausible_rates_are_clean(tree):
    _rates(tree)
    for observation in tree["indicators/fte.yaml"]["series"]:
        observation["value"] = round(observation["value"] / 100, 2)  # 7.23 per 1,000: 76,625
    assert "C019" not in codes(run_validate(tree.write()))


def test_a_bad_population_size_is_a_located_error(tree):
    _rates(tree)
    tree["indicators/fte.yaml"]["population_size"] = "about 75,000"
    report = run_validate(tree.write())
    assert report.exit_code() != 0
    assert any(issue.field_path == "population_size" for issue in report.issues)
