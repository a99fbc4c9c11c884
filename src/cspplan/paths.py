"""Where a path really leads, and what is odd about a name, for every place cspplan reads
a file someone else chose or makes a path from a name.

Plan folders and templates folders arrive in pull requests, and what cspplan reads from them
ends up in messages, documents and CI logs. A symbolic link inside such a folder could name
any file of the machine running cspplan (a CI runner's secrets, /proc/self/environ), so a
file is read only when its real place is inside the folder it was found in. One function,
used by the plan loader and the templates loader alike.

Names become ids, file names and addresses. A Cyrillic 'е' or a full-width 'ａ' looks
Latin, and a line break in a file name splits a message in two, so whatever reports a bad
name says which character is wrong, by its Unicode name (`odd_character`), and shows the
name on one line (`shown`).
"""

from __future__ import annotations

from pathlib import Path


def leads_outside(path: Path, root: Path) -> Path | None:
    """The real file `path` leads to when a link on the way (the file itself or a folder
    above it) takes it out of `root`; None when it stays inside. A dangling link is None
    too: reading it then says it is broken, which is the clearer message."""
    real = path.resolve()
    if not real.exists():
        return None
    return None if real.is_relative_to(root.resolve()) else real


ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
"""What an id (and so a file or folder name that gives one) is made of."""

PLAIN = frozenset(chr(code) for code in range(0x20, 0x7F))
"""Printable ASCII: for names that need not be ids (a plan year folder's)."""


def shown(value: object) -> str:
    """A name as it can be printed on one line: a line break or other control character
    (from a file name, say) shown as an escape, so the message cannot look like two."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


def odd_character(value: object, fine: frozenset[str] = ID_CHARACTERS) -> str | None:
    """Which character of `value` is not among `fine`, by its Unicode name, as a hint
    (None: every one is fine). A Cyrillic 'е' or a full-width letter looks like the Latin
    one, so the name looks right but is not."""
    import unicodedata

    text = str(value)
    if fine is ID_CHARACTERS and text.startswith("-"):
        return "character 1 is '-': an id starts with a letter or a digit"
    for place, character in enumerate(text, start=1):
        if character in fine:
            continue
        code = f"U+{ord(character):04X}"
        if character.isascii():
            what = f"'{shown(character)}' ({code})"
            if fine is ID_CHARACTERS:
                return f"character {place} is {what}; ids use only a-z, 0-9 and '-'"
            return f"character {place} is {what}, which a file or folder name should not hold"
        name = unicodedata.name(character, "a control character")
        looks = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
        alike = f", which may look like '{looks.lower()}'" if looks else ""
        return (
            f"character {place} is {code} {name}{alike}: not a plain letter or digit; "
            "retype the name in plain a-z and 0-9"
        )
    return None
