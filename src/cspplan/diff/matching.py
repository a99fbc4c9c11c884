"""Pair up items on two sides: recorded links first, then the same id, then similar titles.

Every step is symmetric (swapping the sides swaps the pairs), which is what makes
diff(B, A) the exact inverse of diff(A, B).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz

SIMILAR_ENOUGH = 0.6
"""Titles at least this similar (0-1) are reported as 'probably renamed'."""
_ROUNDING = 1e-6


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
    if at_least and not fuzz.ratio(x, y, score_cutoff=at_least * 100 - _ROUNDING):
        # The blocks SequenceMatcher finds are a common subsequence, so its ratio either
        # way round is at most rapidfuzz's (the longest common subsequence), which is fast.
        return 0.0
    return (SequenceMatcher(None, x, y).ratio() + SequenceMatcher(None, y, x).ratio()) / 2


def wording_similarity(a: str, b: str) -> float:
    """How much of a long text an edit kept, 0-1: words in common, in order, either way round.

    Counting characters would mislead on prose: any two English paragraphs share most of
    their letters, and difflib's junk rule for long strings makes a one-phrase edit look
    like a rewrite (80% alike for one phrase changed in a paragraph of 52 words)."""
    x, y = _normal(a).split(), _normal(b).split()
    if not x and not y:
        return 1.0
    forward = SequenceMatcher(None, x, y, autojunk=False).ratio()
    return (forward + SequenceMatcher(None, y, x, autojunk=False).ratio()) / 2


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
