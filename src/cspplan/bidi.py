"""Bidirectional-text controls, dropped from everything people read.

A plan title holding U+202E (RIGHT-TO-LEFT OVERRIDE) shows its letters backwards, and one
holding an unclosed embedding or isolate reverses the text after it too (the "Trojan
Source" trick): a reviewer would read something other than what the file says. The plan
files keep these characters (they are the data); every output a person reads (Markdown,
Word, the site's HTML, the terminal, GitHub annotations) leaves them out, so the text reads
in the order it was typed. Right-to-left scripts (Arabic, Hebrew) still read right to left:
that comes from their letters, not from these controls. Machine outputs (JSON, CSV) keep
the text exactly.
"""

from __future__ import annotations

CONTROLS = (
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides (LRE RLE PDF LRO RLO)
    "\u2066\u2067\u2068\u2069"  # isolates (LRI RLI FSI PDI)
    "\u200e\u200f\u061c"  # marks (LRM RLM ALM)
)
"""The explicit directional formatting characters of Unicode's bidirectional algorithm
(UAX #9), and the three marks."""

_DROP = dict.fromkeys(map(ord, CONTROLS))


def without_controls(text: str) -> str:
    """`text` with every bidi control removed (the one place this is decided)."""
    return text.translate(_DROP) if not text.isascii() else text
