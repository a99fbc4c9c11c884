"""Semantic differences between two versions of a plan: two plan years, or one plan at two
git revisions.

`matching` pairs up themes, actions and measures (recorded lineage first, then the same
id, then similar titles); `compare` lists what changed between each pair as `Change`s;
`git` reads a revision's plans without touching the working tree. Every change can be
inverted, and diff(B, A) is the inverse of diff(A, B).
"""
