"""Pair up items on two sides: recorded links first, then the same id, then similar titles.

Every step is symmetric (swapping the sides swaps the pairs), which is what makes
diff(B, A) the exact inverse of diff(A, B).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

SIMILAR_ENOUGH = 0.6
"""Titles at least this similar (0-1) are reported as 'probably renamed'."""
_ROUNDING = 1e-6
LONG = 5_000
"""Texts longer than this (characters for titles and items, words for long text) are
compared in time that grows with their length, not its square (see `_ratio`)."""


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def similarity(a: str, b: str) -> float:
    """How alike two titles are, 0-1, the same whichever way round."""
    return _similarity(_normal(a), _normal(b))


def _similarity(x: str, y: str, at_least: float = 0.0) -> float:
    """As similarity() on normalised text; 0 when it is certainly below `at_least` (cheap
    upper bounds first, before the costly comparison)."""
    if not x and not y:
        return 1.0
    if max(len(x), len(y)) > LONG:
        # Characters of a long text say little (any two paragraphs share their letters),
        # and comparing them costs the square of the length: count words instead.
        return _ratio(x.split(), y.split(), autojunk=False)
    if at_least and not fuzz.ratio(x, y, score_cutoff=at_least * 100 - _ROUNDING):
        # The blocks SequenceMatcher finds are a common subsequence, so its ratio either
        # way round is at most rapidfuzz's (the longest common subsequence), which is fast.
        return 0.0
    return _ratio(x, y, autojunk=True)


def wording_similarity(a: str, b: str) -> float:
    """How much of a long text an edit kept, 0-1: words in common, in order, either way round.

    Counting characters would mislead on prose: any two English paragraphs share most of
    their letters, and difflib's junk rule for long strings makes a one-phrase edit look
    like a rewrite (80% alike for one phrase changed in a paragraph of 52 words)."""
    x, y = _normal(a).split(), _normal(b).split()
    if not x and not y:
        return 1.0
    return _ratio(x, y, autojunk=False)


def _matched(x: Sequence[str], y: Sequence[str], *, autojunk: bool) -> float:
    """Items SequenceMatcher matches, the mean of either way round."""
    forward = SequenceMatcher(None, x, y, autojunk=autojunk).get_matching_blocks()
    backward = SequenceMatcher(None, y, x, autojunk=autojunk).get_matching_blocks()
    return (sum(b.size for b in forward) + sum(b.size for b in backward)) / 2


def _ratio(x: Sequence[str], y: Sequence[str], *, autojunk: bool) -> float:
    """SequenceMatcher's ratio, the mean of either way round, in bounded time.

    difflib's time grows with the square of the length (and worse on text whose words
    repeat, as prose's do), so a 10 MB note edited would take hours. Up to `LONG` items a
    side, this is difflib's ratio exactly. Longer texts keep their common beginning and
    end as matched (linear), and compare what lies between with difflib when that is no
    longer than `LONG` (an edit in one place, or several close together: the usual case).
    A longer stretch between the first and the last difference counts as rewritten, so the
    score of a long text is never above what difflib would say, only sometimes below."""
    if max(len(x), len(y)) <= LONG:
        return (
            SequenceMatcher(None, x, y, autojunk=autojunk).ratio()
            + SequenceMatcher(None, y, x, autojunk=autojunk).ratio()
        ) / 2
    head = _common_length(x, y)
    tail = _common_length(x[head:][::-1], y[head:][::-1])
    middle_x, middle_y = x[head : len(x) - tail], y[head : len(y) - tail]
    inner = 0.0
    if max(len(middle_x), len(middle_y)) <= LONG:
        inner = _matched(middle_x, middle_y, autojunk=autojunk)
    return 2 * (head + tail + inner) / (len(x) + len(y))


def _common_length(x: Sequence[str], y: Sequence[str]) -> int:
    """How many items x and y begin with in common (binary search on slices: each
    comparison runs at C speed, so the whole is about linear)."""
    low, high = 0, min(len(x), len(y))
    while low < high:
        middle = (low + high + 1) // 2
        if x[:middle] == y[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def alike(score: float) -> str:
    """A similarity as a whole percentage, rounded down: text that differs never says 100%."""
    return f"{math.floor(score * 100)}%"


@dataclass
class Matching:
    pairs: list[tuple[str, str, str | None]] = field(default_factory=list)
    """(old id, new id, how they were matched: None for the same id)."""
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def match(
    old: dict[str, str],
    new: dict[str, str],
    links: set[tuple[str, str, str]],
    *,
    threshold: float = SIMILAR_ENOUGH,
) -> Matching:
    """`old`/`new` map id -> title; `links` are recorded (old id, new id, why)."""
    result = Matching()
    paired_old: set[str] = set()
    paired_new: set[str] = set()
    for old_id, new_id, why in sorted(links):
        if old_id in old and new_id in new:
            result.pairs.append((old_id, new_id, why))
            paired_old.add(old_id)
            paired_new.add(new_id)
    for item in sorted(set(old) & set(new)):
        if item not in paired_old and item not in paired_new:
            result.pairs.append((item, item, None))
            paired_old.add(item)
            paired_new.add(item)
    old_words = {a: _normal(title) for a, title in old.items() if a not in paired_old}
    new_words = {b: _normal(title) for b, title in new.items() if b not in paired_new}
    candidates = sorted(
        (-_similarity(x, y, threshold), min(a, b), max(a, b), a, b)
        for a, x in old_words.items()
        for b, y in new_words.items()
    )  # ties broken by the ids alone, so the pairing does not depend on which side is which
    for negative, _, _, a, b in candidates:
        if -negative < threshold or a in paired_old or b in paired_new:
            continue
        result.pairs.append((a, b, f"{alike(-negative)} similar titles"))
        paired_old.add(a)
        paired_new.add(b)
    result.removed = [item for item in old if item not in paired_old]
    result.added = [item for item in new if item not in paired_new]
    return result
