"""The command line as a user meets it: exit codes, output formats, configuration, start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import REPO, SHIPPED, run, run_process

from cspplan.cli import cli


def test_version_and_help():
    assert run_process("--version").stdout.strip() == "cspplan 0.1.0"
    help_text = run_process("--help").stdout
    for command in ("validate", "schema", "rules", "status", "diff", "render"):
        assert command in help_text


def test_render_writes_its_file_from_a_real_process(tmp_path):
    """The one render through a new Python process, as a user runs it (the rest run the
    command in-process with `run`)."""
    target = tmp_path / "plan.docx"
    result = run_process(
        "render", str(SHIPPED / "city-of-london"), "--format", "docx", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"PK")  # a Word file is a zip package
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx"]
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_shipped_plans_exits_0():
    result = run("validate", str(SHIPPED))
    assert result.returncode == 0
    assert "Found 15 warnings in 113 files in 3 partnerships." in result.stdout
    assert run("validate", str(SHIPPED), "--strict").returncode == 1


def test_validate_without_arguments_uses_the_plans_folder():
    result = run("validate", cwd=REPO)
    assert result.returncode == 0 and "3 partnerships" in result.stdout


def test_text_output_is_plain_when_piped(tree):
    tree["partnership.yaml"]["people"][0]["email"] = "alex.lead"
    result = run_process("validate", str(tree.write()))
    assert result.returncode == 1
    assert "\x1b[" not in result.stdout
    assert "C007 error people[0].email: 'alex.lead' is not a valid email address" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_json_output(tree):
    tree["partnership.yaml"]["people"][0]["email"] = "alex.lead"
    result = run("validate", str(tree.write()), "--format", "json")
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 1 and data["summary"]["exit_code"] == 1
    (issue,) = data["issues"]
    assert issue["code"] == "C007" and issue["path"] == "people[0].email"
    assert issue["file"].endswith("testshire/partnership.yaml")
    assert issue["line"] > 1 and issue["column"] > 1


def test_github_annotations(tree):
    tree["partnership.yaml"]["people"][0]["email"] = "alex.lead"
    tree.files["2018-19/themes/extra.yaml"] = {"title": "Extra"}
    result = run("validate", str(tree.write()), "--format", "github")
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::error file=") and ",title=C007 malformed-email::people[0].email" in line
        for line in lines
    )
    assert any(line.startswith("::warning file=") and "R008" in line for line in lines)


def test_github_escapes_newlines_and_percent():
    from cspplan.rendering.issue_formats import _escape_data, _escape_property

    assert _escape_data("50%\nnext") == "50%25%0Anext"
    assert _escape_property("a:b,c") == "a%3Ab%2Cc"


def test_broken_yaml_in_all_three_formats(tmp_path):
    broken = tmp_path / "plans"
    (broken / "p").mkdir(parents=True)
    (broken / "p" / "partnership.yaml").write_text(
        'name: [unclosed\n  area: "x\n', encoding="utf-8"
    )
    text = run("validate", str(broken))
    assert text.returncode == 1 and "partnership.yaml:2:" in text.stdout and "F004" in text.stdout
    as_json = json.loads(run("validate", str(broken), "--format", "json").stdout)
    assert as_json["issues"][0]["code"] == "F004" and as_json["issues"][0]["line"] == 2
    github = run("validate", str(broken), "--format", "github").stdout
    assert "::error file=" in github and "line=2" in github


def test_missing_path_exits_2():
    result = run("validate", "no/such/folder")
    assert result.returncode == 2
    assert "F001" in result.stdout and "no such file or folder" in result.stdout


def test_unknown_format_is_a_usage_error():
    result = run("validate", "--format", "xml")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_config_file_disables_a_check(tree):
    tree["partnership.yaml"]["people"][0]["email"] = "alex.lead"
    folder = tree.write()
    (folder.parent / "cspplan.toml").write_text(
        '[validate]\ndisable = ["malformed-email"]\n', encoding="utf-8"
    )
    assert run("validate", str(folder)).returncode == 0


def test_config_cannot_disable_schema_problems(tree):
    folder = tree.write()
    (folder.parent / "cspplan.toml").write_text(
        '[validate]\ndisable = ["S001"]\n', encoding="utf-8"
    )
    result = run("validate", str(folder))
    assert result.returncode == 2
    assert "cannot be switched off" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[validate\n", "not valid TOML"),
        ('[validate]\ndisable = ["Z999"]\n', "unknown check 'Z999'"),
        ('[validate]\nignore = ["C001"]\n', "unknown setting(s) ignore"),
        ('[validate.severity]\nC001 = "fatal"\n', 'must be "error" or "warning"'),
    ],
)
def test_bad_config_is_reported_with_its_file(tree, content, message):
    folder = tree.write()
    (folder.parent / "cspplan.toml").write_text(content, encoding="utf-8")
    result = run("validate", str(folder))
    assert result.returncode == 2
    assert "cspplan.toml" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_disable_on_the_command_line(tree):
    tree["partnership.yaml"]["people"][0]["email"] = "alex.lead"
    assert run("validate", str(tree.write()), "--disable", "C007").returncode == 0


def test_rules_list_and_explain():
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"])
    assert (
        listing.exit_code == 0
        and "C009" in listing.output
        and "baseline-restated" in listing.output
    )
    explained = runner.invoke(cli, ["rules", "due-after-plan-year"])
    assert explained.exit_code == 0 and "C001" in explained.output and "warning" in explained.output
    assert runner.invoke(cli, ["rules", "X404"]).exit_code != 0


def test_readme_documents_every_code():
    from cspplan.cli.rules import rules_markdown

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules:start -->\n", 1)[1].split("\n<!-- rules:end -->", 1)[0]
    assert block == rules_markdown(), (
        "README codes table is stale: paste `cspplan rules --format markdown`"
    )


def test_schemas_folder_is_current():
    result = run("schema", "--check", "-o", str(REPO / "schemas"))
    assert result.returncode == 0, result.stderr


def test_schema_check_fails_when_stale(tmp_path):
    assert run("schema", "--check", "-o", str(tmp_path)).returncode == 1
    written = run("schema", "-o", str(tmp_path))
    from cspplan.model.schemas import SCHEMA_FILES

    written_names = {path.name for path in tmp_path.glob("*.schema.json")}
    assert written.returncode == 0 and written_names == set(SCHEMA_FILES)
    assert {"review.schema.json", "framework.schema.json", "funding.schema.json"} <= written_names
    assert run("schema", "--check", "-o", str(tmp_path)).returncode == 0


def test_plan_files_point_editors_at_the_schemas():
    for path in SHIPPED.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), (path, schema)


def test_start_up_imports_stay_light():
    code = (
        "import sys; from cspplan.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'pandas', 'docx', 'jinja2', 'matplotlib', 'rich', 'ruamel') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["cspplan 0.1.0", "HEAVY="]


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate", str(SHIPPED)],
        ["validate", "--changed-since", "HEAD", str(SHIPPED)],
        ["diff", str(SHIPPED / "safer-cornwall"), "--stat"],
        ["status", str(SHIPPED / "safer-cornwall" / "2018-19")],
        ["status", str(SHIPPED), "--format", "json"],
    ],
    ids=["validate", "validate-changed-since", "diff", "status", "status-json"],
)
def test_validate_diff_and_status_never_import_document_libraries(arguments):
    """pandas and the document libraries cost a quarter of a second or more to import: the
    commands run on every save and in every pull request do without them."""
    code = (
        "import sys; from cspplan.cli import main\n"
        f"try:\n    main({arguments!r})\nexcept SystemExit:\n    pass\n"
        "print('HEAVY=' + ','.join(m for m in ('pandas', 'docx', 'jinja2', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY="


def test_an_internal_error_is_reported_without_a_traceback(monkeypatch, capsys):
    import cspplan.workspace as runner
    from cspplan.cli import main

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(runner, "check", explode)
    monkeypatch.delenv("CSPPLAN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(SHIPPED)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err


def _broken_copy(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    import shutil

    root = tmp_path / "plans"
    shutil.copytree(SHIPPED / "safer-cornwall", root / "safer-cornwall")
    for name, replacements in edits.items():
        path = root / "safer-cornwall" / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) >= 1, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (  # schema layer
            {
                "2018-19/themes/hate-crime.yaml": [("    timescale:", "    timescael:")],
                "indicators/marac-repeat-incidents.yaml": [
                    ("period: Q2 2017/18", "period: Q5 2017/18")
                ],
            },
            {
                ("S001", "2018-19/themes/hate-crime.yaml"),
                ("S005", "indicators/marac-repeat-incidents.yaml"),
            },
        ),
        (  # reference and content layers
            {
                "2018-19/themes/hate-crime.yaml": [("person: gail-bishop", "person: gail-bishopp")],
                "indicators/marac-repeat-incidents.yaml": [("value: 30,", "value: 300,")],
                "2018-19/plan.yaml": [("  year: 3", "  year: 2")],
            },
            {
                ("R002", "2018-19/themes/hate-crime.yaml"),
                ("C003", "indicators/marac-repeat-incidents.yaml"),
                ("C005", "2018-19/plan.yaml"),
            },
        ),
    ],
)
def test_a_broken_copy_of_a_shipped_plan_is_located_in_all_three_formats(tmp_path, edits, expected):
    root = _broken_copy(tmp_path, edits)
    base = root / "safer-cornwall"
    data = json.loads(run("validate", str(root), "--format", "json").stdout)
    errors = [i for i in data["issues"] if i["severity"] == "error"]
    assert {
        (i["code"], Path(i["file"]).resolve().relative_to(base.resolve()).as_posix())
        for i in errors
    } == expected
    text = run("validate", str(root)).stdout
    github = run("validate", str(root), "--format", "github").stdout
    for issue in errors:
        where = f"{issue['file']}:{issue['line']}:{issue['column']}: {issue['code']} error {issue['path']}: "
        assert where in text
        assert (
            f"file={issue['file']},line={issue['line']},col={issue['column']},title={issue['code']} "
            in github
        )
        line = (
            (root.parent / issue["file"])
            .read_text(encoding="utf-8")
            .splitlines()[issue["line"] - 1]
        )
        token = {
            "S001": "timescael:",
            "S005": "Q5 2017/18",
            "R002": "gail-bishopp",
            "C003": "300",
            "C005": "2",
        }
        assert line[issue["column"] - 1 :].startswith(token[issue["code"]]), (issue, line)
    assert data["summary"]["exit_code"] == 1


def test_colour_on_a_terminal_and_none_with_no_color(tree):
    tree["partnership.yaml"]["people"][0]["email"] = "alex.lead"
    folder = str(tree.write())
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = subprocess.run(
        [sys.executable, "-m", "cspplan", "validate", folder],
        capture_output=True,
        text=True,
        env={**env, "FORCE_COLOR": "1"},
    )
    assert "\x1b[31m" in coloured.stdout  # red for the error
    plain = run_process("validate", folder, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[31m" not in plain.stdout and "\x1b[1;31m" not in plain.stdout
