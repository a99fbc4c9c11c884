"""Pair up items on two sides: recorded links first, then the same id, then similar titles.

Every step is symmetric (swapping the sides swaps the pairs), which is what makes
diff(B, A) the exact inverse of diff(A, B).
"""

from __future__ import annotations

import heapq
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
    """Lower-case words of letters and digits, one space apart (no list of the words: a
    10 MB note would make one ten times its size)."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


_NOT_WORD = re.compile(r"[^a-z0-9]+")


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
        return _word_ratio(x, y)
    if at_least and not fuzz.ratio(x, y, score_cutoff=at_least * 100 - _ROUNDING):
        # The blocks SequenceMatcher finds are a common subsequence, so its ratio either
        # way round is at most rapidfuzz's (the longest common subsequence), which is fast.
        return 0.0
    return _ratio(x, y, autojunk=True)


def _upper_bound(x: str, y: str, threshold: float) -> float:
    """At least `_similarity(x, y)`, cheaply; 0 when that is certainly below `threshold`."""
    if not threshold or max(len(x), len(y)) > LONG or (not x and not y):
        return 1.0 + _ROUNDING
    score = fuzz.ratio(x, y, score_cutoff=threshold * 100 - _ROUNDING)
    return score / 100 + _ROUNDING if score else 0.0


def wording_similarity(a: str, b: str) -> float:
    """How much of a long text an edit kept, 0-1: words in common, in order, either way round.

    Counting characters would mislead on prose: any two English paragraphs share most of
    their letters, and difflib's junk rule for long strings makes a one-phrase edit look
    like a rewrite (80% alike for one phrase changed in a paragraph of 52 words)."""
    x, y = _normal(a), _normal(b)
    if not x and not y:
        return 1.0
    return _word_ratio(x, y)


def _ratio(x: Sequence[str], y: Sequence[str], *, autojunk: bool) -> float:
    """SequenceMatcher's ratio, the mean of either way round."""
    return (
        SequenceMatcher(None, x, y, autojunk=autojunk).ratio()
        + SequenceMatcher(None, y, x, autojunk=autojunk).ratio()
    ) / 2


def _word_ratio(x: str, y: str) -> float:
    """`_ratio` of the words of two normalised texts, in time and memory linear in them.

    difflib's time grows with the square of the length (and worse on text whose words
    repeat, as prose's do), so a 10 MB note edited would take hours. Up to `LONG` words a
    side, this is difflib's ratio exactly. Longer texts keep their common beginning and
    end (whole words) as matched, found on the text itself, and difflib compares only the
    words between, when there are no more than `LONG` of them (an edit in one place, or
    several close together: the usual case). A longer stretch between the first and the
    last difference counts as rewritten (a rewrite throughout scores near 0), so a long
    text edited in two far-apart places can score lower than difflib would say."""
    words_x, words_y = _words(x), _words(y)
    if max(words_x, words_y) <= LONG:
        return _ratio(x.split(), y.split(), autojunk=False)
    x, y = f" {x} ", f" {y} "  # every word has a space either side
    head = x.rfind(" ", 0, _common_prefix(x, y))  # back to a space both share: whole words
    rest_x, rest_y = x[head:], y[head:]
    tail = len(rest_x) - rest_x.find(" ", len(rest_x) - _common_suffix(rest_x, rest_y))
    middle_x, middle_y = rest_x[: len(rest_x) - tail], rest_y[: len(rest_y) - tail]
    inner = max(_words(middle_x), _words(middle_y))
    same = (words_x - _words(middle_x)) + (words_y - _words(middle_y))
    if inner <= LONG:
        matched = _matched(middle_x.split(), middle_y.split())
        return (same + 2 * matched) / (words_x + words_y)
    return same / (words_x + words_y)


def _words(text: str) -> int:
    """How many words a normalised text (words one space apart, maybe spaces around) has."""
    stripped = text.strip(" ")
    return stripped.count(" ") + 1 if stripped else 0


def _matched(x: Sequence[str], y: Sequence[str]) -> float:
    """Items SequenceMatcher matches, the mean of either way round."""
    forward = SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    backward = SequenceMatcher(None, y, x, autojunk=False).get_matching_blocks()
    return (sum(b.size for b in forward) + sum(b.size for b in backward)) / 2


def _common_prefix(x: str, y: str) -> int:
    """How many characters x and y begin with in common (binary search on slices: each
    comparison runs at C speed, so the whole is about linear)."""
    low, high = 0, min(len(x), len(y))
    while low < high:
        middle = (low + high + 1) // 2
        if x[:middle] == y[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(x: str, y: str) -> int:
    """How many characters x and y end with in common."""
    return _common_prefix(x[::-1], y[::-1])


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
    # Greedy: the most similar pair first, ties broken by the ids alone (so the pairing does
    # not depend on which side is which). Every pair starts with rapidfuzz's cheap upper
    # bound; difflib's exact score is worked out only when a pair reaches the top with both
    # sides still free, so pairs of items already paired cost nothing more (otherwise
    # hundreds of renamed actions with similar titles took difflib on every pair).
    heap = [
        (-bound, min(a, b), max(a, b), a, b, False)
        for a, x in old_words.items()
        for b, y in new_words.items()
        if (bound := _upper_bound(x, y, threshold)) >= threshold
    ]
    heapq.heapify(heap)
    while heap:
        negative, low, high, a, b, exact = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a in paired_old or b in paired_new:
            continue
        if not exact:
            score = _similarity(old_words[a], new_words[b])
            heapq.heappush(heap, (-score, low, high, a, b, True))
            continue
        result.pairs.append((a, b, f"{alike(-negative)} similar titles"))
        paired_old.add(a)
        paired_new.add(b)
    result.removed = [item for item in old if item not in paired_old]
    result.added = [item for item in new if item not in paired_new]
    return result
