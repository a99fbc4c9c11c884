"""Fuzzing: mutate the shipped plan files and check that validate never crashes.

Each case copies one shipped file, mutates it (bytes flipped, cut short, lines swapped,
dropped or doubled, values swapped between fields, nesting broken) and validates the
partnership in-process through the real command line, with the json and text output.
A crash is any exception, exit code outside 0-2, or an "internal error" message.

The suite runs a short, fixed set of cases. The long run, with fresh seeds:

    CSPPLAN_FUZZ_CASES=5000 CSPPLAN_FUZZ_SEED=1000 .venv/bin/python -m pytest tests/test_fuzz.py -q

A failure names its seed, the file and the mutation; the mutated file is kept under
pytest's temporary folder to reproduce it with `cspplan validate`.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from tests.conftest import SHIPPED

CASES = int(os.environ.get("CSPPLAN_FUZZ_CASES", "40"))
FIRST_SEED = int(os.environ.get("CSPPLAN_FUZZ_SEED", "0"))
KEY_VALUE = re.compile(rb"^(\s*-?\s*[A-Za-z_]+): (.+)$")


def _flip_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), "bytes flipped"


def _truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    cut = rng.randrange(len(data))
    return data[:cut], f"cut at byte {cut}"


def _shuffle_lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    choice = rng.choice(("swap", "drop", "double"))
    if choice == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif choice == "drop":
        del lines[i]
    else:
        lines.insert(i, lines[i])
    return b"\n".join(lines), f"lines {choice} at {i + 1}"


def _swap_values(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Give one field another field's value (a date where a list goes, text for a number)."""
    lines = data.split(b"\n")
    fields = [(n, m) for n, line in enumerate(lines) if (m := KEY_VALUE.match(line))]
    if len(fields) < 2:
        return _flip_bytes(data, rng)
    (a, first), (b, second) = rng.sample(fields, 2)
    lines[a] = first.group(1) + b": " + second.group(2)
    lines[b] = second.group(1) + b": " + first.group(2)
    return b"\n".join(lines), f"values of lines {a + 1} and {b + 1} swapped"


def _odd_values(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A field's value replaced by something hostile or impossible."""
    lines = data.split(b"\n")
    fields = [(n, m) for n, line in enumerate(lines) if (m := KEY_VALUE.match(line))]
    if not fields:
        return _truncate(data, rng)
    n, match = rng.choice(fields)
    value = rng.choice(
        [
            b".nan",
            b"-.inf",
            b"Q5 2018/19",
            b"2018/17",
            b"-1",
            b"1e400",
            b"!!python/object/apply:os.system [echo pwned]",
            b"&a [*a]",
            b"[[[[[[[[[[",
            b"{",
            b"'" + b"x" * 100_000 + b"'",
            b"2019-02-30",
            b"\xff\xfe",
            b"\x00",
            b"\t- a",
            b"null",
            b"[]",
            b"{}",
            b"true",
            b"99999999999999999999999999",
        ]
    )
    lines[n] = match.group(1) + b": " + value
    return b"\n".join(lines), f"line {n + 1} given {value[:30]!r}"


MUTATIONS = (_flip_bytes, _truncate, _shuffle_lines, _swap_values, _odd_values)
FILES = sorted(SHIPPED.rglob("*.yaml"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "plans"
    shutil.copytree(SHIPPED, folder)
    return folder


def _validate(folder: Path, output_format: str) -> tuple[int, str]:
    from cspplan.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(["validate", str(folder), "--format", output_format])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        else:
            code = 0
    return code, err.getvalue()


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + CASES))
def test_validate_never_crashes_on_a_mutated_plan(seed, workspace, monkeypatch):
    monkeypatch.delenv("CSPPLAN_DEBUG", raising=False)
    rng = random.Random(seed)
    original = rng.choice(FILES)
    target = workspace / original.relative_to(SHIPPED)
    mutate = rng.choice(MUTATIONS)
    mutated, how = mutate(original.read_bytes(), rng)
    target.write_bytes(mutated)
    try:
        for output_format in ("json", "text"):
            code, err = _validate(workspace / target.relative_to(workspace).parts[0], output_format)
            where = f"seed {seed}: {original.relative_to(SHIPPED)}, {how}"
            assert code in (0, 1, 2), f"{where}: exit {code}\n{err}"
            assert "internal error" not in err, f"{where}:\n{err}"
    except AssertionError:
        kept = workspace.parent / f"failing-seed-{seed}-{original.name}"
        kept.write_bytes(mutated)
        raise
    finally:
        target.write_bytes(original.read_bytes())
