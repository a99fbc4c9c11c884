"""Edit YAML plan files without disturbing what people wrote.

ruamel.yaml's round trip keeps comments, key order and quoting, but the lines it writes
can still differ from the file's own (a long string someone wrapped, an unusual indent).
So an edit is made on round-trip data; the data is written out in the canonical layout
both before and after the edit; and only the difference between those two is applied to
the file as it was (a three-way merge with merge3). Every line the edit did not touch
stays byte for byte. If the merged text does not read back as the edited data, the whole
file is written in the canonical layout instead: correct beats minimal.

The canonical layout (what `cspplan fmt` writes): two-space indents, list dashes indented
two under their key, no line wrapping, LF line endings, no byte-order mark, one newline at
the end; comments, key order, quoting and block or flow style as the file had them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from cspplan.exceptions import EditError

WIDTH = 1_000_000
"""Never wrap: a paragraph stays on one line, so a changed word is a changed line."""

BOM = "\ufeff"


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_duplicate_keys = False
    return yaml


def dump(data: Any) -> str:
    stream = io.StringIO()
    round_trip_yaml().dump(quote_dates(data), stream)
    return stream.getvalue()


def quote_dates(data: Any) -> Any:
    """Write each ISO date as quoted text: a YAML 1.1 loader (PyYAML, many editors) turns an
    unquoted `2019-03-31` into a date object, which a JSON Schema then refuses. cspplan
    reads the text and the date as the same day. Changes `data` in place and returns it."""
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in list(items):
        if type(value) is date:
            data[key] = value.isoformat()  # ruamel.yaml quotes text that would read as a date
        else:
            quote_dates(value)
    return data


def plain(text: str) -> Any:
    """The data a YAML text holds, as plain Python values (to compare content); a date
    reads as its ISO text, as cspplan reads it."""
    from cspplan.loading.reader import plain_data

    return _dates_as_text(plain_data(text))


def _dates_as_text(data: Any) -> Any:
    if type(data) is date:
        return data.isoformat()
    if isinstance(data, dict):
        return {key: _dates_as_text(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(value) for value in data]
    return data


@dataclass
class YamlFile:
    """A YAML file opened for editing: its text as found, and round-trip data to change."""

    path: Path
    as_read: str
    """The text exactly as decoded, byte-order mark and line endings included."""
    data: Any

    @classmethod
    def open(cls, path: Path) -> YamlFile:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise EditError(f"{path}: cannot read: {error.strerror or error}") from None
        refuse_unsafe(path, raw)
        as_read = raw.decode("utf-8")
        return cls(path, as_read, load_text(path, as_read.removeprefix(BOM)))

    @property
    def original(self) -> str:
        """The text with LF line endings and no byte-order mark, as the dumps are."""
        return self.as_read.removeprefix(BOM).replace("\r\n", "\n")

    def canonical(self) -> str:
        """The whole file in the canonical layout (content unchanged); an empty file stays so."""
        if self.data is None:
            return self.as_read
        return dump(self.data)

    def edited(self, change: Callable[[Any], None]) -> str:
        """The file's text after `change` mutates the data; untouched lines kept as found."""
        before = dump(self.data)
        change(self.data)
        after = dump(self.data)
        if before == after:
            return self.as_read
        try:
            expected = plain(after)
        except (YAMLError, RecursionError):
            raise EditError(
                f"{self.path}: the change could not be written as YAML that reads back; "
                "nothing was written (this is a bug in cspplan: please report it)"
            ) from None
        merged = splice(self.original, before, after)
        if not _reads_as(merged, expected):
            merged = after
        if "\r\n" in self.as_read:
            merged = merged.replace("\n", "\r\n")
        return (BOM if self.as_read.startswith(BOM) else "") + merged


_PLAIN_IN_FLOW = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .()%/'-]*[A-Za-z0-9.)%]|[A-Za-z0-9]")


def flow_text(text: str) -> str:
    """A new string for a flow collection (`{note: …}`, `[…]`). ruamel.yaml writes some
    text there unquoted that it cannot read back ('a:b', '?0' — found by a property test),
    so anything but plain words, figures and simple punctuation is double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return text if _PLAIN_IN_FLOW.fullmatch(text) else DoubleQuotedScalarString(text)


def refuse_invalid(path: Path, text: str, model: type, identity: tuple[str, str] | None) -> None:
    """Stop before writing `text` to `path` if validate would find errors in it."""
    from cspplan.issues import Severity
    from cspplan.loading.loader import problems_in_text

    for issue in problems_in_text(path, text, model, identity):
        if issue.severity is Severity.ERROR:
            where = f"{path}:{issue.line}:{issue.column or 1}" if issue.line else str(path)
            field = f"{issue.field_path}: " if issue.field_path else ""
            raise EditError(
                f"{where}: {issue.code} {field}{issue.message}; the change would make the "
                "file invalid, so nothing was written"
            )


def refuse_unsafe(path: Path, raw: bytes) -> None:
    """Edit only what validate can read: the same checks (encoding, tabs, duplicate keys,
    tags, alias bombs, depth) refuse anything else, located, before any round trip."""
    from cspplan.loading import errors
    from cspplan.loading.reader import parse_bytes

    _, problems = parse_bytes(path, raw)
    for issue in problems:
        if issue.type in (errors.EMPTY_FILE,):
            continue
        where = f"{path}:{issue.line}:{issue.column or 1}" if issue.line else str(path)
        raise EditError(f"{where}: {issue.code} {issue.message}; nothing was changed")


def _reads_as(text: str, expected: Any) -> bool:
    try:
        return plain(text) == expected
    except (YAMLError, RecursionError):
        return False


def load_text(path: Path, text: str) -> Any:
    try:
        return round_trip_yaml().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = error.problem or error.context or "not valid YAML"
        raise EditError(f"{where}: {problem}; `cspplan validate` says more") from None
    except (YAMLError, RecursionError) as error:
        raise EditError(f"{path}: not valid YAML ({type(error).__name__})") from None


def splice(original: str, base: str, edited: str) -> str:
    """Apply the change base → edited to `original`, a differently laid out copy of base."""
    import merge3

    ours = original.splitlines(keepends=True)
    theirs = edited.splitlines(keepends=True)
    merger = merge3.Merge3(base.splitlines(keepends=True), ours, theirs)
    lines: list[str] = []
    for region in merger.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            lines.extend(merger.base[region[1] : region[2]])
        elif kind in ("a", "same"):
            lines.extend(ours[region[1] : region[2]])
        elif kind == "b":
            lines.extend(theirs[region[1] : region[2]])
        else:  # conflict: the edit touches lines laid out differently; the edit wins there
            lines.extend(theirs[region[5] : region[6]])
    return "".join(lines)


def insert_key(data: Any, key: str, value: Any, *, before: tuple[str, ...]) -> None:
    """Add a key ahead of the first of `before` present (in model order), else at the end."""
    keys = list(data)
    positions = [keys.index(name) for name in before if name in keys]
    data.insert(min(positions) if positions else len(keys), key, value)


def set_key(data: Any, key: str, value: Any, *, order: tuple[str, ...]) -> None:
    """Set `key`: in place where it is there, else ahead of the keys that follow it in
    `order` (the model's field order), so a new key lands where `fmt` would put it."""
    if key in data:
        data[key] = value
    else:
        insert_key(data, key, value, before=order[order.index(key) + 1 :])
