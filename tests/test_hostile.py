"""Hostile and broken input through the real command line, and the fidelity of writes.

Every case: a located, readable message; exit 1 or 2; no traceback; done in seconds; no
output file; the input file byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
import tracemalloc
from pathlib import Path

import pytest
from tests.conftest import SHIPPED, run

from cspplan.loading.reader import parse_bytes, read_file

THEME = Path("2018-19/themes/hate-crime.yaml")
INDICATOR = Path("indicators/drug-related-deaths.yaml")
BOMB = (
    b"a: &a [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n".encode()
        for n in range(9)
    )
    + b"title: *j\n"
)

# (name, file, bytes, expected code, line)
CASES = [
    ("syntax error", THEME, b"title: [unclosed\nactions: []\n", "F004", 2),
    ("tab indent", THEME, b"title: A\nactions:\n\t- id: x\n", "F005", 3),
    ("duplicate key", THEME, b"title: A\ntitle: B\n", "F006", 2),
    ("alias bomb", THEME, BOMB, "F013", 1),
    ("deep nesting", THEME, b"title: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "F013", 1),
    ("huge file", THEME, b"title: '" + b"x" * 12_000_000 + b"'\n", "F013", 1),
    ("binary", THEME, bytes(range(256)) * 4, "F002", 2),
    ("not utf-8", THEME, b"title: caf\xe9\n", "F002", 1),
    ("empty", THEME, b"", "F003", 1),
    ("python tag", THEME, b"title: !!python/object/apply:os.system ['touch PWNED']\n", "F007", 1),
    ("unknown tag", THEME, b"title: !include secrets.yaml\n", "F007", 1),
    ("impossible date", THEME, b"title: A\nreview: 2019-02-30\n", "F014", 2),
    ("impossible period", INDICATOR, None, "S005", None),
    ("nan", INDICATOR, None, "S006", None),
    ("infinity", INDICATOR, None, "S006", None),
]
REPLACEMENTS = {
    "impossible period": (b"period: 2015,", b"period: Q5 2015/16,"),
    "nan": (b"value: 24,", b"value: .nan,"),
    "infinity": (b"value: 24,", b"value: -.inf,"),
}


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def partnership(tmp_path) -> Path:
    folder = tmp_path / "safer-cornwall"
    shutil.copytree(SHIPPED / "safer-cornwall", folder)
    return folder


def _break(partnership: Path, name: str, file: Path, data: bytes | None) -> Path:
    target = partnership / file
    if data is None:
        old, new = REPLACEMENTS[name]
        text = target.read_bytes()
        assert old in text, name
        data = text.replace(old, new, 1)
    target.write_bytes(data)
    return target


def _commands(partnership: Path, out: Path) -> dict[str, tuple[list[str], int]]:
    return {
        "validate": (["validate", str(partnership)], 1),
        "status": (["status", str(partnership), "-o", str(out / "status.txt")], 1),
        "render": (["render", str(partnership / "2018-19"), "-o", str(out / "plan.docx")], 1),
        "diff": (["diff", str(partnership), "-o", str(out / "diff.md")], 2),
    }


@pytest.mark.parametrize(("name", "file", "data", "code", "line"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_through_validate(partnership, tmp_path, name, file, data, code, line):
    target = _break(partnership, name, file, data)
    before = _digest(partnership)
    started = time.monotonic()
    result = run("validate", str(partnership), cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    located = [row for row in result.stdout.splitlines() if f" {code} error " in row]
    assert located, result.stdout
    shown = target.relative_to(tmp_path)  # as the user named it, from the working folder
    assert located[0].startswith(f"{shown}:" if line is None else f"{shown}:{line}:")
    assert _digest(partnership) == before
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("name", ["syntax error", "alias bomb", "python tag", "binary"])
@pytest.mark.parametrize("command", ["status", "render", "diff"])
def test_hostile_file_stops_every_command_with_no_output(partnership, tmp_path, name, command):
    file, data = next((c[1], c[2]) for c in CASES if c[0] == name)
    _break(partnership, name, file, data)
    before = _digest(partnership)
    out = tmp_path / "out"
    out.mkdir()
    arguments, exit_code = _commands(partnership, out)[command]
    result = run(*arguments, cwd=tmp_path)
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{(partnership / file).relative_to(tmp_path)}:" in result.stderr
    assert list(out.iterdir()) == []  # no output, not even a temporary file
    assert _digest(partnership) == before


def test_a_bom_and_crlf_line_endings_are_read_as_plain_text(partnership):
    target = partnership / THEME
    target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes().replace(b"\n", b"\r\n"))
    result = run("validate", str(partnership))
    assert result.returncode == 0, result.stdout
    assert "hate-crime.yaml" not in result.stdout


def test_the_alias_bomb_is_refused_with_little_memory():
    tracemalloc.start()
    try:
        started = time.monotonic()
        _, problems = parse_bytes(Path("bomb.yaml"), BOMB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.code for p in problems] == ["F013"]
    assert time.monotonic() - started < 5
    assert peak < 20_000_000  # expanded, it would be 10^10 values


def test_a_huge_file_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as stream:
        stream.truncate(200_000_000)  # sparse: 200 MB of NULs without using the disk
    source, problems = read_file(huge)
    assert source is None and [p.code for p in problems] == ["F013"]
    assert "over 10 MB" in problems[0].message


# -- the file system ---------------------------------------------------------------------------


def test_symlink_loops_and_dangling_links_are_named_not_followed(partnership, tmp_path):
    (partnership / "2018-19" / "loop").symlink_to(partnership / "2018-19")
    (partnership / "indicators" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    started = time.monotonic()
    result = run("validate", str(partnership))
    assert time.monotonic() - started < 30
    assert result.returncode == 2  # a file that cannot be read is an I/O problem
    assert "gone.yaml" in result.stdout and "F001" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ["status", "{plans}", "-o", "{blocked}/status.txt"],
        ["diff", "{plans}", "-o", "{blocked}/diff.md"],
        ["render", "{plans}/2018-19", "-o", "{blocked}/plan.docx"],
        ["render", "{plans}/2018-19", "--document", "performance", "-o", "{blocked}/perf.md"],
        ["schema", "-o", "{blocked}/schemas"],
    ],
    ids=["status", "diff", "render-docx", "render-charts", "schema"],
)
def test_an_output_folder_that_cannot_be_written_is_a_message(partnership, tmp_path, arguments):
    blocked = tmp_path / "a-file"  # a file where a folder is needed: refused even for root
    blocked.write_text("keep me\n")
    filled = [a.format(plans=partnership, blocked=blocked) for a in arguments]
    result = run(*filled, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "cannot" in result.stderr and "Traceback" not in result.stderr
    assert blocked.read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "safer-cornwall"]


def test_a_failed_write_leaves_every_earlier_file_as_it_was(tmp_path, monkeypatch):
    from cspplan import atomic

    first, second = tmp_path / "chart.png", tmp_path / "plan.md"
    first.write_bytes(b"old chart")
    second.write_text("old plan")
    real_replace = os.replace
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(Exception, match="No space left"):
        atomic.write_outputs({first: b"new chart", second: "new plan"})
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert first.read_bytes() == b"old chart" and second.read_text() == "old plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.png", "plan.md"]  # no .tmp


# -- git -----------------------------------------------------------------------------------------


def test_changed_since_in_a_shallow_clone_says_how_to_fetch(tmp_path):
    origin = tmp_path / "origin"
    shutil.copytree(SHIPPED, origin / "plans")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for message in ("first", "second"):
        (origin / "plans" / "note.txt").write_text(message)
        subprocess.run([*git, "-C", str(origin), "init", "-q"], check=True)
        subprocess.run([*git, "-C", str(origin), "add", "-A"], check=True)
        subprocess.run([*git, "-C", str(origin), "commit", "-qm", message], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth=1", f"file://{origin}", str(clone)], check=True)
    result = run("validate", "--changed-since", "HEAD~1", str(clone / "plans"))
    assert result.returncode == 2
    assert "shallow clone" in result.stderr and "git fetch" in result.stderr
    assert "Traceback" not in result.stderr


# -- templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("# {{ title | md }\n", "performance.md.j2:1: template syntax error"),
        (
            "# {{ title }}\n\n{{ no_such_thing }}\n",
            "performance.md.j2:3: undefined in the template",
        ),
        ("{{ cycler.__init__.__globals__.os }}\n", "performance.md.j2:1: refused by the sandbox"),
    ],
    ids=["syntax", "undefined", "sandbox"],
)
def test_template_errors_in_a_word_render_leave_nothing(
    tmp_path, template, message, charts_not_drawn
):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "performance.md.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        "render",
        str(SHIPPED / "safer-cornwall" / "2018-19"),
        "--document",
        "performance",
        "--format",
        "docx",
        "--templates",
        str(templates),
        "-o",
        str(out / "performance.docx"),
    )
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []  # no document, no chart folder


def test_control_characters_from_a_template_do_not_break_the_word_file(tmp_path):
    from docx import Document as WordDocument

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(
        "# {{ title }}\x07\n\nForm\x0cfeed, escape \x1b[31m and NUL \x00 in text.\n\n"
        "| Head\x08 | B |\n|---|---|\n| cell\x0b | x |\n",
        encoding="utf-8",
    )
    target = tmp_path / "plan.docx"
    result = run(
        "render",
        str(SHIPPED / "city-of-london"),
        "--format",
        "docx",
        "--templates",
        str(templates),
        "-o",
        str(target),
    )
    assert result.returncode == 0, result.stderr
    document = WordDocument(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    # control characters dropped; NUL becomes U+FFFD, as CommonMark requires
    assert "Formfeed, escape [31m and NUL \ufffd in text." in text
    assert document.tables and document.tables[0].cell(0, 0).text == "Head"
