"""Status words are data: a partnership's own words reach its reports, Green / Amber / Red
when it names none, words that could not be reported are refused where they are written,
and the sets cspplan ships to copy are the words the engine and the shipped plans use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import SHIPPED
from tests.test_cli import run

from cspplan.loading.reader import plain_data
from cspplan.model.schemas import build_schemas
from cspplan.model.status_words import BANDS, EXAMPLES, StatusWords, examples
from cspplan.status.bands import RAG, Band

OWN = {"name": "on_track", "green": "Achieved", "amber": "Close", "red": "Missed"}


def _words_of(partnership_yaml: Path) -> StatusWords:
    data = plain_data(partnership_yaml.read_text(encoding="utf-8"))
    return StatusWords.model_validate(data["status_rules"]["labels"])


def _example(name: str) -> StatusWords:
    return StatusWords.model_validate(plain_data((EXAMPLES / name).read_text(encoding="utf-8")))


def test_every_band_the_engine_computes_has_a_word_and_no_more():
    assert set(BANDS) == {band.value for band in Band}
    assert set(RAG.words()) == set(BANDS)
    own = StatusWords.model_validate(OWN)
    assert own.word(Band.AMBER) == "Close"
    assert own.word(Band.MONITORING) == RAG.word(Band.MONITORING) == "Monitoring"  # left out
    assert StatusWords.model_validate({"green": "Achieved"}).called == "partnership"


def test_the_shipped_sets_are_the_default_and_safer_cornwalls_words():
    assert _example("rag.yaml").words() == RAG.words()
    assert _example("rag.yaml").called == RAG.called == "rag"
    cornwall = _words_of(SHIPPED / "safer-cornwall" / "partnership.yaml")
    assert _example("safer-cornwall.yaml") == cornwall
    assert cornwall.called == "safer_cornwall"
    assert cornwall.word(Band.AMBER) == "Close to target"


def test_the_schema_offers_the_shipped_sets_as_examples():
    schema = json.loads(build_schemas()["partnership.schema.json"])
    offered = schema["$defs"]["StatusWords"]["examples"]
    assert offered == examples()
    assert [example["name"] for example in offered] == ["rag", "safer_cornwall"]
    assert {"green": "Successful", "red": "Needs improving"}.items() <= offered[1].items()


def test_a_partnership_that_names_no_words_is_reported_in_green_amber_red(tree):
    folder = tree.write()
    text = run("status", str(folder / "2018-19"))
    assert text.returncode == 0, text.stderr
    assert "Amber" in text.stdout
    (plan,) = json.loads(run("status", str(folder / "2018-19"), "--format", "json").stdout)["plans"]
    assert plan["labels"] == "rag"
    assert [m["status_label"] for m in plan["measures"]] == ["Amber"]


@pytest.mark.parametrize("output_format", ["text", "markdown"])
def test_a_partnership_with_its_own_words_gets_them_in_its_report(tree, output_format):
    tree["partnership.yaml"]["status_rules"] = {"labels": OWN}
    folder = tree.write()
    result = run("status", str(folder), "--format", output_format)
    assert result.returncode == 0, result.stderr
    for word in ("Close", "Achieved", "Missed"):  # amber in the table, all in the summary
        assert word in result.stdout
    assert "Amber" not in result.stdout and "Green" not in result.stdout


def test_labels_chooses_between_the_partnerships_words_and_the_default(tree):
    tree["partnership.yaml"]["status_rules"] = {"labels": OWN}
    folder = tree.write()

    def labels(*options: str) -> tuple[str, list[str]]:
        result = run("status", str(folder / "2018-19"), "--format", "json", *options)
        assert result.returncode == 0, result.stderr
        (plan,) = json.loads(result.stdout)["plans"]
        return plan["labels"], [m["status_label"] for m in plan["measures"]]

    assert labels() == labels("--labels", "partnership") == ("on_track", ["Close"])
    assert labels("--labels", "on_track") == ("on_track", ["Close"])
    assert labels("--labels", "rag") == ("rag", ["Amber"])
    refused = run("status", str(folder), "--labels", "safer_cornwall")
    assert refused.returncode == 2
    assert "'--labels'" in refused.stderr and "'safer_cornwall'" in refused.stderr
    assert "choose from rag, partnership, on_track" in refused.stderr


def test_a_named_set_applies_to_every_partnership_in_the_run():
    result = run("status", str(SHIPPED), "--labels", "safer_cornwall", "--format", "json")
    assert result.returncode == 0, result.stderr
    plans = json.loads(result.stdout)["plans"]
    assert {plan["labels"] for plan in plans} == {"safer_cornwall"}
    assert {plan["partnership"] for plan in plans} == {
        "safer-cornwall",
        "city-of-london",
        "norfolk-ccsp",
    }


@pytest.mark.parametrize(
    ("labels", "field", "says"),
    [
        ({"purple": "Urgent"}, "status_rules.labels.purple", "allowed here: amber, cannot_assess"),
        ({"gren": "Good"}, "status_rules.labels.gren", "did you mean 'green'?"),
        ({"amber": ""}, "status_rules.labels.amber", "at least 1 character"),
        ({"red": "   "}, "status_rules.labels.red", "a status word cannot be blank"),
        (
            {"green": "Good", "amber": "good"},
            "status_rules.labels",
            "green and amber have the same word 'Good'",
        ),
        ("safer_cornwall", "status_rules.labels", "'safer_cornwall' is not a set of status words"),
        ({"name": "Safer Cornwall"}, "status_rules.labels.name", "is not a name for a set"),
    ],
)
def test_words_that_could_not_be_reported_are_refused_where_they_are_written(
    tree, labels, field, says
):
    tree["partnership.yaml"]["status_rules"] = {"labels": labels}
    folder = tree.write()
    result = run("validate", str(folder))
    assert result.returncode == 1
    output = result.stdout + result.stderr
    located = [
        line for line in output.splitlines() if "partnership.yaml:" in line and field in line
    ]
    assert located, output
    assert says in output, output
    assert "Traceback" not in output


def test_labels_rag_in_a_file_is_the_default_set(tree):
    tree["partnership.yaml"]["status_rules"] = {"labels": "rag"}
    folder = tree.write()
    assert run("validate", str(folder)).returncode == 0
    (plan,) = json.loads(run("status", str(folder / "2018-19"), "--format", "json").stdout)["plans"]
    assert (plan["labels"], plan["measures"][0]["status_label"]) == ("rag", "Amber")


def test_init_shows_the_shipped_sets_and_one_uncommented_is_used(tmp_path):
    made = run("init", "testshire", "--partnership", "Safer Testshire", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    (partnership,) = (tmp_path / "testshire" / "plans").glob("*/partnership.yaml")
    text = partnership.read_text(encoding="utf-8")
    assert "#     name: rag" in text and "#     name: safer_cornwall" in text
    lines = text.splitlines()
    start = lines.index("#     name: safer_cornwall") - 2  # status_rules: and labels: above
    block = [line.removeprefix("# ") for line in lines[start : start + 9]]
    partnership.write_text(text + "\n".join(block) + "\n", encoding="utf-8")
    assert _words_of(partnership) == _example("safer-cornwall.yaml")
    assert run("validate", str(partnership.parent)).returncode == 0
