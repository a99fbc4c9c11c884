"""Write a synthetic national corpus of plans for the benchmark: N partnerships shaped like
Safer Cornwall, each with its two plan years and ten years of quarterly figures.

    python benchmarks/make_corpus.py 300 /tmp/corpus [--seed 2017]

Every partnership copies the shipped Safer Cornwall files (12 themes, 38 actions and 46
indicators a plan year) under a synthetic name, and each indicator gains a seeded random
walk of quarterly figures for the ten financial years 2009/10 to 2018/19, in period order,
except in years for which the plans printed figures (those stay as printed, so that
quarters and years still agree). The figures are made up, for timing only: the
partnerships are named "Synthetic Partnership NNN" and partnership.yaml says so. The same
N and seed always write the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

REPOSITORY = Path(__file__).resolve().parent.parent
TEMPLATE = REPOSITORY / "plans" / "safer-cornwall"
FIRST_YEAR, YEARS = 2009, 10
ENTRY_PERIOD = re.compile(r"^  - \{?period: (?P<period>[^,}]+)")


def quarters() -> list[tuple[str, tuple[int, int]]]:
    """('Q1 2009/10', sort key) for every quarter of the ten financial years."""
    found = []
    for start in range(FIRST_YEAR, FIRST_YEAR + YEARS):
        for quarter in range(1, 5):
            found.append((f"Q{quarter} {start}/{(start + 1) % 100:02d}", (start, quarter)))
    return found


def period_key(text: str) -> tuple[int, int]:
    """Where a printed period sorts among quarters (a whole year sorts after its Q4)."""
    match = re.search(r"(\d{4})/(\d{2})", text)
    if match is None:
        return (9999, 9)
    start = int(match.group(1))
    quarter = re.match(r"Q([1-4]) ", text)
    return (start, int(quarter.group(1)) if quarter else 5)


def figure(unit: str, level: float) -> str:
    if unit == "percentage":
        return f"{min(max(level, 0.0), 100.0):.1f}"
    if unit == "count":
        return str(max(round(level), 0))
    return f"{max(level, 0.0):.1f}"


def with_series(text: str, rng: random.Random) -> str:
    """The indicator file with generated quarterly figures merged into its series."""
    meta = YAML(typ="safe").load(text)
    unit = meta["unit"]
    lines = text.splitlines()
    if "series:" not in lines:
        lines.append("series:")
    start = lines.index("series:") + 1
    end = start
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    printed = lines[start:end]
    printed_years = {  # a year with printed figures keeps only those (quarters must add up)
        period_key(m.group("period"))[0] for line in printed if (m := ENTRY_PERIOD.match(line))
    }
    level = {"percentage": rng.uniform(20, 80), "count": rng.uniform(50, 2000)}.get(
        unit, rng.uniform(5, 900)
    )
    entries: list[tuple[tuple[int, int], int, list[str]]] = []
    for period, key in quarters():
        level *= 1 + rng.gauss(0, 0.04)
        if key[0] not in printed_years:
            entries.append((key, 1, [f"  - {{period: {period}, value: {figure(unit, level)}}}"]))
    block: list[str] = []
    for line in printed:  # printed entries keep their lines (a few span more than one)
        if line.startswith("  - "):
            match = ENTRY_PERIOD.match(line)
            block = [line]
            key = period_key(match.group("period")) if match else (9999, 9)
            entries.append((key, 0, block))
        else:
            block.append(line)
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    series = [line for _, _, entry in entries for line in entry]
    return "\n".join([*lines[:start], *series, *lines[end:]]) + "\n"


def write_partnership(number: int, out: Path, seed: int) -> int:
    folder = out / f"synthetic-{number:03d}"
    name = f"Synthetic Partnership {number:03d}"
    written = 0
    for source in sorted(TEMPLATE.rglob("*.yaml")):
        relative = source.relative_to(TEMPLATE)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        if relative.as_posix() == "partnership.yaml":
            text = text.replace("name: Safer Cornwall", f"name: {name}", 1).replace(
                "area: Cornwall", f"area: Synthetic area {number:03d}", 1
            )
            text = (
                f"# Synthetic benchmark data (made-up figures); shaped like Safer Cornwall.\n{text}"
            )
        elif relative.parts[0] == "indicators":
            text = with_series(text, random.Random(f"{seed}:{number}:{relative.stem}"))
        target.write_text(text, encoding="utf-8")
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many partnerships")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it holds a corpus)")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args(argv)
    if args.out.exists():
        if any(args.out.iterdir()) and not any(args.out.glob("synthetic-*")):
            parser.error(f"{args.out} is not empty and holds no corpus; choose another folder")
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    files = sum(write_partnership(n, args.out, args.seed) for n in range(1, args.count + 1))
    size = sum(path.stat().st_size for path in args.out.rglob("*.yaml"))
    print(f"Wrote {args.count} partnerships, {files:,} files, {size / 1e6:.1f} MB to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
