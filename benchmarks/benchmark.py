"""Time cspplan on a national-scale corpus against baselines measured in the same run.

    python benchmarks/benchmark.py                      # 300 partnerships, medians of 3
    python benchmarks/benchmark.py --partnerships 30 --repeat 1     # a quick look
    python benchmarks/benchmark.py --partnerships 2 --repeat 1 --startup-repeat 1 \
        --schema-regex python                           # a smoke test of this script

Every figure is the median wall-clock time of whole commands, as a user or CI runs them,
and every verdict is a ratio against a baseline timed in the same run on the same files,
so the ratios carry across machines where seconds do not. The corpus commands run in
rounds (floor, validate, check-jsonschema, status, diff, fmt --check, site, export;
then again), and each ratio is
the median of the ratios within a round: a shared machine that slows down for a minute
slows both sides of a ratio, not one:

- the floor: one Python process parsing every file with PyYAML's CSafeLoader (libyaml),
  checking nothing;
- check-jsonschema with cspplan's exported schemas (what a team might otherwise wire into
  CI; it checks types and fields only);
- `python -c "import click"`, for start-up (`--version`, and validate of one plan year),
  and that validate for status of the same plan year; these too run in rounds;
- `cspplan validate` of the corpus, for `cspplan fmt --check` of it;
- `cspplan validate` of the same corpus, for `cspplan site` and `cspplan export` (both
  read and assess every plan first, then write pages or tables).

The corpus is written by make_corpus.py (deterministic) under build/ unless --corpus
names another folder; it is made a git repository so that `validate --changed-since` can
be timed with one indicator file edited (and restored afterwards).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CSPPLAN = str(BIN / "cspplan")
SHIPPED_PLAN = REPOSITORY / "plans" / "safer-cornwall" / "2018-19"
SCHEMAS = REPOSITORY / "schemas"

FLOOR = """
import os, sys, yaml
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), "rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)
"""

Command = Sequence[str]


@dataclass
class Timing:
    """One corpus command, timed once per round."""

    name: str
    commands: Sequence[Command]
    cwd: Path | None = None
    seconds: list[float] = field(default_factory=list)

    def once(self) -> float:
        started = time.perf_counter()
        run(self.commands, cwd=self.cwd)
        self.seconds.append(time.perf_counter() - started)
        return self.seconds[-1]


def in_rounds(timings: Sequence[Timing], rounds: int, *, quiet: bool = False) -> None:
    """Each command once per round, in turn, so slow spells of the machine fall on all;
    `quiet` for many short rounds (start-up), which print nothing each."""
    for number in range(1, rounds + 1):
        if not quiet:
            print(f"  round {number}:", end="", flush=True)
        for timing in timings:
            seconds = timing.once()
            if not quiet:
                print(f" {timing.name.split(':')[0]} {seconds:.2f} s;", end="", flush=True)
        if not quiet:
            print(flush=True)


def paired_ratio(result: Timing, base: Timing) -> float:
    return statistics.median(a / b for a, b in zip(result.seconds, base.seconds, strict=True))


@dataclass
class Result:
    name: str
    seconds: float
    baseline: str | None = None
    ratio: float | None = None
    target: float | None = None
    below: bool = False
    """The target is "ratio below target" (strict) rather than "at most"."""

    @property
    def met(self) -> bool | None:
        if self.target is None or self.ratio is None:
            return None
        return self.ratio < self.target if self.below else self.ratio <= self.target


def run(commands: Sequence[Command], *, cwd: Path | None = None) -> None:
    for command in commands:
        finished = subprocess.run(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        if finished.returncode not in (0, 1):  # 1: warnings with --strict, findings
            raise SystemExit(
                f"benchmark: {' '.join(command[:3])} failed ({finished.returncode}): "
                f"{finished.stderr.decode(errors='replace')[-500:]}"
            )


def timed(commands: Sequence[Command], repeat: int, *, cwd: Path | None = None) -> float:
    """Median wall-clock seconds of running `commands` one after another."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(commands, cwd=cwd)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def schema_commands(corpus: Path, regex_variant: str = "default") -> list[Command]:
    """check-jsonschema once per kind of file, on every file of that kind (relative paths,
    so that 21,000 names fit on one command line). Its default regex engine (regress,
    ECMAScript) compiles the period pattern again for every value it matches, which is most
    of its time; `regex_variant="python"` is for smoke runs of this script."""
    kinds = {
        "partnership": "*/partnership.yaml",
        "indicator": "*/indicators/*.yaml",
        "plan": "*/*/plan.yaml",
        "theme": "*/*/themes/*.yaml",
    }
    commands = []
    for kind, pattern in kinds.items():
        files = sorted(str(path.relative_to(corpus)) for path in corpus.glob(pattern))
        schema = SCHEMAS / f"{kind}.schema.json"
        commands.append(
            [
                str(BIN / "check-jsonschema"),
                *(("--regex-variant", regex_variant) if regex_variant != "default" else ()),
                "--schemafile",
                str(schema),
                *files,
            ]
        )
    return commands


def prepare_corpus(corpus: Path, partnerships: int) -> None:
    marker = corpus / f".corpus-{partnerships}"
    if not marker.exists():
        print(f"Writing the corpus ({partnerships} partnerships) to {corpus} ...", flush=True)
        run(
            [
                [
                    sys.executable,
                    str(REPOSITORY / "benchmarks" / "make_corpus.py"),
                    str(partnerships),
                    str(corpus),
                ]
            ]
        )
        marker.touch()
    if not (corpus / ".git").exists():
        print("Making it a git repository (for --changed-since) ...", flush=True)
        git = [
            "git",
            "-C",
            str(corpus),
            "-c",
            "user.name=benchmark",
            "-c",
            "user.email=b@example.org",
        ]
        run([[*git, "init", "-q"], [*git, "add", "-A"], [*git, "commit", "-q", "-m", "corpus"]])


def changed_since(corpus: Path, repeat: int) -> float:
    """validate --changed-since HEAD with one indicator file edited (then restored)."""
    candidates = sorted(corpus.glob("*/indicators/drug-related-deaths.yaml"))
    edited = candidates[len(candidates) // 2]
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + b"# edited for the benchmark\n")
        return timed([[CSPPLAN, "validate", "--changed-since", "HEAD", str(corpus)]], repeat)
    finally:
        edited.write_bytes(original)


def has_command(name: str) -> bool:
    """Whether this cspplan has the command (a benchmark of an older checkout skips it)."""
    finished = subprocess.run(
        [CSPPLAN, name, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return finished.returncode == 0


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{model}, {cores} cores available; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=300)
    parser.add_argument("--corpus", type=Path, help="default: build/corpus-N")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--startup-repeat",
        type=int,
        help="runs per start-up measurement (default: --repeat, at least 10); "
        "1 makes a smoke test of the script, not a measurement",
    )
    parser.add_argument(
        "--schema-regex",
        choices=("default", "nonunicode", "python"),
        default="default",
        help="check-jsonschema's --regex-variant (default: its own, ECMAScript via regress; "
        "python is much faster and makes the ratios against it meaningless)",
    )
    args = parser.parse_args(argv)
    corpus = (args.corpus or REPOSITORY / "build" / f"corpus-{args.partnerships}").resolve()
    prepare_corpus(corpus, args.partnerships)
    files = sum(1 for _ in corpus.rglob("*.yaml"))
    size = sum(path.stat().st_size for path in corpus.rglob("*.yaml")) / 1e6
    print(f"Corpus: {args.partnerships} partnerships, {files:,} files, {size:.1f} MB ({corpus})")
    print(f"Machine: {machine()}\n", flush=True)

    repeat = args.repeat
    # start-up runs are short: more of them for a steady median
    quick = args.startup_repeat or max(repeat, 10)
    results: list[Result] = []

    def against(
        result: Result, base: Result, target: float | None = None, *, below: bool = False
    ) -> None:
        result.baseline, result.ratio = base.name, result.seconds / base.seconds
        result.target, result.below = target, below

    scratch = tempfile.TemporaryDirectory()
    floor, validate, schema, status, diff = corpus_timings = [
        Timing("floor: PyYAML CSafeLoader parse", [[sys.executable, "-c", FLOOR, str(corpus)]]),
        Timing("cspplan validate", [[CSPPLAN, "validate", str(corpus)]]),
        Timing(
            "check-jsonschema (4 schemas)"
            + ("" if args.schema_regex == "default" else f", {args.schema_regex} regex"),
            schema_commands(corpus, args.schema_regex),
            cwd=corpus,
        ),
        Timing(
            "cspplan status --format csv",
            [[CSPPLAN, "status", str(corpus), "--format", "csv", "-o", f"{scratch.name}/s.csv"]],
        ),
        Timing(
            "cspplan diff --stat (each partnership's two years)",
            [[CSPPLAN, "diff", str(corpus), "--stat"]],
        ),
    ]
    fmt_check = Timing("cspplan fmt --check", [[CSPPLAN, "fmt", "--check", str(corpus)]])
    corpus_timings.append(fmt_check)
    writers = [
        Timing("cspplan site", [[CSPPLAN, "site", str(corpus), "-o", f"{scratch.name}/site"]]),
        Timing(
            "cspplan export (xlsx, every table)",
            [[CSPPLAN, "export", str(corpus), "-o", f"{scratch.name}/figures.xlsx"]],
        ),
    ]
    for timing in list(writers):
        command = timing.commands[0][1]
        if not has_command(command):
            print(f"  (no `cspplan {command}` in this checkout: not timed)")
            writers.remove(timing)
    corpus_timings += writers
    with scratch:
        in_rounds(corpus_timings, repeat)

    def paired(
        timing: Timing, base: Timing, target: float | None = None, *, below: bool = False
    ) -> Result:
        ratio = paired_ratio(timing, base)
        result = Result(timing.name, statistics.median(timing.seconds), base.name, ratio)
        result.target, result.below = target, below
        results.append(result)
        return result

    results.append(Result(floor.name, statistics.median(floor.seconds)))
    validate_result = paired(validate, floor, 1.5)
    paired(schema, floor)
    versus = paired(validate, schema, 1.0, below=True)
    versus.name = "cspplan validate vs check-jsonschema"
    paired(status, floor, 2.0)
    paired(diff, floor, 1.5)
    paired(fmt_check, validate, 1.5)
    for timing in writers:
        paired(timing, validate)
    print("  timing validate --changed-since HEAD (one indicator edited) ...", end="", flush=True)
    changed = Result(
        "cspplan validate --changed-since HEAD, 1 file edited", changed_since(corpus, quick)
    )
    print(f" {changed.seconds:.2f} s", flush=True)
    results.append(changed)
    against(changed, validate_result, 0.05, below=True)
    # one plan year, as a pre-commit hook or an editor's save runs it: start-up is most of it
    click, version, one, one_status = startup = [
        Timing('python -c "import click"', [[sys.executable, "-c", "import click"]]),
        Timing("cspplan --version", [[CSPPLAN, "--version"]]),
        Timing(
            "cspplan validate (one shipped plan year)", [[CSPPLAN, "validate", str(SHIPPED_PLAN)]]
        ),
        Timing("cspplan status (one shipped plan year)", [[CSPPLAN, "status", str(SHIPPED_PLAN)]]),
    ]
    print(f"  start-up: {quick} rounds ...", flush=True)
    in_rounds(startup, quick, quiet=True)
    results.append(Result(click.name, statistics.median(click.seconds)))
    paired(version, click, 1.5)
    paired(one, click, 3.0)
    paired(one_status, one, 1.3)

    print(f"\n{'measurement':<58} {'median':>8}  {'ratio':>7}  {'against':<34} {'target':<8} met")
    missed = []
    for result in results:
        ratio = f"{result.ratio:.2f}×" if result.ratio is not None else ""
        target = ("< " if result.below else "≤ ") + f"{result.target:g}×" if result.target else ""
        verdict = {True: "yes", False: "NO", None: ""}[result.met]
        if result.met is False:
            missed.append(result.name)
        print(
            f"{result.name:<58} {result.seconds:>7.2f}s  {ratio:>7}  {result.baseline or '':<34} {target:<8} {verdict}"
        )
    print()
    print("All targets met." if not missed else f"Targets missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
