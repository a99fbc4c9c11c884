"""Resource bounds on valid but huge plans: time and peak memory per doubling of the input.

    python benchmarks/bounds.py                         # every case at 1x, 2x, 4x, 8x
    python benchmarks/bounds.py --case note --scales 1 2 --commands validate diff

Three cases, each a small but valid partnership ("Safer Bigshire") with two plan years,
grown in one direction only:

- actions: one theme with 1,000 actions a scale step (8,000 at 8x) in each plan year; the
  second year renames one action in ten (half of them recorded in `lineage`, half left for
  `diff` to pair by their titles) and edits the description of another in ten;
- figures: one indicator with 5,000 daily figures a scale step (40,000 at 8x, from 1909),
  ending on the last day of the second plan year and measured with a target in both;
- note: one figure's note of 1.2 MB a scale step (9.6 MB at 8x, the largest that fits
  under the 10,000,000-byte file limit, F013), and an action note of the same size in
  each plan year, one word apart.

Each command (`validate`, `status`, `render` of the plan, `render --document performance`
(report), `diff`, `site`) runs as a user runs it, under
`/usr/bin/time -v`, and the table gives wall-clock seconds, peak resident memory (RSS), and
the ratio of each to the step before: input doubled, so a ratio near 2 (or below, where
start-up still dominates) is linear, and near 4 is quadratic. The plans are made up, for
measurement only; the same scale always writes the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
CSPPLAN = str(BIN / "cspplan")
TIME = "/usr/bin/time"
PARTNERSHIP = "safer-bigshire"
YEARS = ("2017-18", "2018-19")
CASES = ("actions", "figures", "note")
COMMANDS = ("validate", "status", "render", "report", "diff", "site")
ACTIONS_PER_STEP = 1_000
FIGURES_PER_STEP = 5_000
NOTE_BYTES_PER_STEP = 1_200_000
LAST_DAY = date(2019, 3, 31)
"""Daily series end on the last day of the second plan year, so the figures of both plan
years are each judged as at their own day (the export and the site's downloads do that)."""

_VOCABULARY = (
    "partnership community safety victims support reduce harm offenders police council "
    "health services housing young people families treatment recovery alcohol drugs "
    "violence abuse domestic sexual exploitation training awareness referrals outcomes "
    "delivery plan quarterly review board group lead monitor improve confidence local "
    "residents town night economy licensing schools prevention early help the and of to in "
    "for with on by at from a an is are was were be will through across within"
)
_WORDS = tuple(_VOCABULARY.split())


def prose(rng: random.Random, size: int) -> str:
    """About `size` characters of made-up sentences (words repeat, as in real prose)."""
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(_WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def folded(text: str, indent: int, width: int = 88) -> str:
    """`text` as the lines of a YAML folded block scalar (`>-`) indented by `indent`."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width - indent:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return "\n".join(lines)


def _partnership() -> str:
    return (
        "# Made-up plans for measuring cspplan on huge inputs (benchmarks/bounds.py).\n"
        'name: "Safer Bigshire"\narea: "Bigshire"\norganisations:\n'
        "  - id: bigshire-council\n    name: Bigshire Council\n    kind: local_authority\n"
        "people: []\ngovernance: []\n"
    )


def _plan(year: str) -> str:
    start = int(year[:4])
    return (
        f'title: "Safer Bigshire Delivery Plan {start}/{(start + 1) % 100:02d}"\n'
        f"period: {start}/{(start + 1) % 100:02d}\n"
        "outcomes:\n  - id: people-feel-safe\n    text: People feel safe where they live\n"
        "themes: [big-theme]\n"
    )


def _action(number: int, year_index: int, rng: random.Random, note: str | None) -> str:
    renamed = year_index == 1 and number % 10 == 3
    edited = year_index == 1 and number % 10 == 7
    action_id = f"action-{number:05d}{'-renamed' if renamed else ''}"
    title = f"Work with partners to reduce harm in ward {number} through the town plan"
    if renamed:
        title += " and the night economy"
    description = prose(random.Random(f"description:{number}"), 240)
    if edited:
        description += " with schools"
    lines = [
        f"  - id: {action_id}",
        f"    title: {title}",
        "    description: >-",
        folded(description, 6),
        "    timescale:",
        f"      text: By 31 March {2018 + year_index}",
        "      parts:",
        f"        - {{kind: deadline, by: '{2018 + year_index}-03-31'}}",
        "    lead:",
        "      text: Bigshire Council",
        "      organisations: [bigshire-council]",
    ]
    if renamed and number % 20 == 3:  # half the renamed actions record it; diff pairs the rest
        lines.append(f"    lineage: {{kind: renamed_from, from: [action-{number:05d}]}}")
    if note is not None:
        lines += ["    notes:", f"      - {note}"]  # one line: the most a file can hold
    return "\n".join(lines)


def _theme(case: str, scale: int, year_index: int) -> str:
    rng = random.Random(f"theme:{case}:{scale}")
    count = ACTIONS_PER_STEP * scale if case == "actions" else 3
    note = None
    if case == "note":
        note = prose(random.Random(f"note:{scale}"), NOTE_BYTES_PER_STEP * scale)
        if year_index == 1:  # one word changed in the middle
            middle = len(note) // 2
            cut = note.index(" ", middle)
            note = f"{note[:cut]} EDITED{note[cut:]}"
    actions = [_action(n, year_index, rng, note if n == 1 else None) for n in range(1, count + 1)]
    measured = "big-series" if case == "figures" else "small-series"
    return "\n".join(
        [
            "title: The big theme",
            "kind: priority",
            "outcomes: [people-feel-safe]",
            "indicators:",
            f"  - indicator: {measured}",
            "    wording: No more than 120 incidents a day",
            "    target: {kind: at_most, value: 120, text: No more than 120}",
            "actions:",
            *actions,
            "",
        ]
    )


def _indicator(name: str, figures: int, note: str | None) -> str:
    rng = random.Random(f"figures:{figures}")
    lines = [
        f"name: {name}",
        "unit: count",
        "polarity: lower_is_better",
        "frequency: irregular",
        "series:",
    ]
    level = 100.0
    for index in range(figures):
        level = max(level * (1 + rng.gauss(0, 0.03)), 1.0)
        day = (LAST_DAY - timedelta(days=figures - 1 - index)).isoformat()
        lines.append(f"  - {{period: '{day}', value: {round(level)}}}")
    if note is not None:  # the last figure, written as a block, carries the note
        day = (LAST_DAY + timedelta(days=1)).isoformat()
        lines += [f"  - period: '{day}'", "    value: 100", f"    note: {note}"]
    return "\n".join(lines) + "\n"


def write_plans(root: Path, case: str, scale: int) -> Path:
    """Write the partnership for `case` at `scale` under `root`; return its folder."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}: choose from {', '.join(CASES)}")
    folder = root / PARTNERSHIP
    (folder / "indicators").mkdir(parents=True, exist_ok=True)
    (folder / "partnership.yaml").write_text(_partnership(), encoding="utf-8")
    big = FIGURES_PER_STEP * scale if case == "figures" else 0
    if case == "figures":
        (folder / "indicators" / "big-series.yaml").write_text(
            _indicator("Incidents a day", big, None), encoding="utf-8"
        )
    note = prose(random.Random(f"figure note:{scale}"), NOTE_BYTES_PER_STEP * scale)
    (folder / "indicators" / "small-series.yaml").write_text(
        _indicator("Incidents a day (sample)", 8, note if case == "note" else None),
        encoding="utf-8",
    )
    for index, year in enumerate(YEARS):
        (folder / year / "themes").mkdir(parents=True, exist_ok=True)
        (folder / year / "plan.yaml").write_text(_plan(year), encoding="utf-8")
        (folder / year / "themes" / "big-theme.yaml").write_text(
            _theme(case, scale, index), encoding="utf-8"
        )
    return folder


def command_line(command: str, folder: Path, work: Path) -> list[str]:
    """The cspplan command line a user would type for `command` on the partnership."""
    year = folder / YEARS[-1]
    return {
        "validate": [CSPPLAN, "validate", str(folder)],
        "status": [CSPPLAN, "status", str(folder), "--format", "csv"],
        "render": [CSPPLAN, "render", str(year), "-o", str(work / "plan.md")],
        "report": [
            CSPPLAN, "render", str(year), "--document", "performance",
            "-o", str(work / "performance.md"),
        ],
        "diff": [CSPPLAN, "diff", str(folder / YEARS[0]), str(year)],
        "site": [CSPPLAN, "site", str(folder.parent), "-o", str(work / "site")],
    }[command]  # fmt: skip


_ELAPSED = re.compile(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)")
_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def measure(argv: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one run under /usr/bin/time -v."""
    done = subprocess.run([TIME, "-v", *argv], capture_output=True, text=True, check=False)
    elapsed, peak = _ELAPSED.search(done.stderr), _PEAK.search(done.stderr)
    if elapsed is None or peak is None:
        raise SystemExit(f"could not read /usr/bin/time's report:\n{done.stderr[-2000:]}")
    hours, minutes, seconds = elapsed.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    status = done.returncode
    if status not in (0, 1):
        print(f"  ! {' '.join(argv[1:3])} exited {status}: {done.stderr[-600:]}", file=sys.stderr)
    return total, int(peak.group(1)) / 1024, status


def input_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.yaml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=(*CASES, "all"), default="all")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--commands", nargs="+", choices=COMMANDS, default=list(COMMANDS))
    parser.add_argument("--out", type=Path, help="keep the generated plans here")
    args = parser.parse_args(argv)
    if not Path(TIME).exists():
        parser.error(f"{TIME} is needed (Debian: apt-get install time)")
    cases = CASES if args.case == "all" else (args.case,)
    base = args.out or Path(tempfile.mkdtemp(prefix="cspplan-bounds-"))
    print("| case | scale | input MB | command | seconds | × | peak MB | × |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for case in cases:
            before: dict[str, tuple[float, float]] = {}
            for scale in args.scales:
                root = base / f"{case}-{scale}x"
                shutil.rmtree(root, ignore_errors=True)
                folder = write_plans(root / "plans", case, scale)
                size = input_bytes(folder) / 1e6
                for command in args.commands:
                    work = root / "out" / command
                    work.mkdir(parents=True, exist_ok=True)
                    seconds, peak, status = measure(command_line(command, folder, work))
                    flag = "" if status == 0 else f" (exit {status})"
                    last = before.get(command)
                    growth = (
                        (f"{seconds / last[0]:.2f}", f"{peak / last[1]:.2f}") if last else ("", "")
                    )
                    before[command] = (seconds, peak)
                    print(
                        f"| {case} | {scale}x | {size:.1f} | {command}{flag} | {seconds:.2f} | "
                        f"{growth[0]} | {peak:.0f} | {growth[1]} |",
                        flush=True,
                    )
    finally:
        if args.out is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
