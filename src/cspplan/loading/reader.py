"""Read one YAML file safely and fast; locate problems in it only when there are some.

Parsing uses PyYAML's libyaml reader for plain, clean files (see fast_yaml) and ruamel.yaml's
C-backed safe loader for everything else (no tags beyond plain data, duplicate keys
refused). Positions are not kept during that parse: when a file turns out to have
problems, it is composed again into nodes, which carry line and column, and each
problem's field path is looked up there. Clean files never pay for positions.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

from cspplan.issues import Issue
from cspplan.loading import errors, fast_yaml

MAX_EXPANDED_NODES = 2_000_000
MAX_DEPTH = 100
MAX_FILE_BYTES = 10_000_000
"""Larger files are refused unread: a plan file is text a person edits, not a data dump."""

_local = threading.local()


def _yaml(*, pure: bool = False) -> YAML:
    """The C-backed safe loader, or the pure-Python one for documents that might nest deeply
    (the C parser crashes the process on those; Python raises RecursionError instead)."""
    name = "pure" if pure else "fast"
    yaml = getattr(_local, name, None)
    if yaml is None:
        yaml = YAML(typ="safe", pure=pure)
        yaml.allow_duplicate_keys = False
        setattr(_local, name, yaml)
    return yaml


def plain_data(text: str) -> Any:
    """The plain data a YAML text holds, read with the fast safe loader."""
    return _load(text, deep=False)


def _load(text: str, *, deep: bool) -> Any:
    """libyaml first where it is safe and certain to agree; ruamel for everything else (and
    for every file with a problem, so problems are reported in ruamel's words)."""
    if not deep:
        try:
            return fast_yaml.load(text)
        except fast_yaml.NotPlain:
            pass
    return _yaml(pure=deep).load(text)


@dataclass(eq=False)
class SourceFile:
    """A file's text and parsed data; its node tree is built on first use."""

    path: Path
    text: str
    data: Any = None
    deep: bool = False
    """Parse with the pure-Python loader: the document may nest deeper than the C one survives."""
    _nodes: Node | None = field(default=None, repr=False)
    _marks: Any = field(default=None, repr=False)
    """A node tree for positions only, composed by libyaml (ruamel's is five times slower)."""

    def __getstate__(self) -> dict[str, Any]:
        """Sent between processes without node trees (built again if they are needed)."""
        return {**self.__dict__, "_nodes": None, "_marks": None}

    def _position_tree(self) -> Any:
        if self._marks is None and not self.deep:
            try:
                self._marks = fast_yaml.compose(self.text)
            except fast_yaml.NotPlain:
                self._marks = False
        return self._marks or self.nodes()

    def nodes(self) -> Node | None:
        if self._nodes is None:
            try:
                self._nodes = _yaml(pure=self.deep).compose(self.text)
            except (YAMLError, RecursionError):
                return None
        return self._nodes

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int] | None:
        """1-based line and column of the value at `path` (or the nearest enclosing one)."""
        node = self._position_tree()
        if node is None:
            return None
        position = node.start_mark
        last = len(path) - 1
        for index, part in enumerate(path):
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
            at_key = key and index == last and key_node is not None
            position = key_node.start_mark if at_key else node.start_mark
        return position.line + 1, position.column + 1


def _child(node: Any, part: str | int) -> tuple[Any, Any] | None:
    """The key and value nodes under `node` for `part` (ruamel's or libyaml's nodes: both
    name their kind in `id`)."""
    if node.id == "mapping" and isinstance(part, str):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return key_node, value_node
    elif node.id == "sequence" and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


_overlay: ContextVar[dict[Path, str] | None] = ContextVar("cspplan_overlay", default=None)


@contextmanager
def overlaid(texts: Mapping[Path, str]) -> Iterator[None]:
    """Within the block, `read_file` reads these texts in place of the files' bytes (an
    editor's unsaved buffers: the language server). Keys are paths, compared resolved."""
    token = _overlay.set({path.resolve(): text for path, text in texts.items()})
    try:
        yield
    finally:
        _overlay.reset(token)


def read_file(path: Path) -> tuple[SourceFile | None, list[Issue]]:
    """Read and parse `path`. Returns the source (None if unreadable) and its problems."""
    overlay = _overlay.get()
    if overlay:
        text = overlay.get(path.resolve())
        if text is not None:
            return parse_bytes(path, text.encode("utf-8"))
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [errors.UNREADABLE.issue(path, target=str(path), reason=_os_reason(error))]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            errors.TOO_COMPLEX.issue(
                path,
                line=1,
                column=1,
                what="large",
                detail=f"over {MAX_FILE_BYTES // 1_000_000} MB, where a plan file is "
                "usually under 50 kB",
            )
        ]
    return parse_bytes(path, raw)


def parse_bytes(path: Path, raw: bytes) -> tuple[SourceFile | None, list[Issue]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        issue = errors.NOT_UTF8.issue(path, line=line, column=column, byte=raw[error.start])
        return None, [issue]
    source = SourceFile(path, text)
    tab = _indent_tab(text)
    if tab is not None:
        return source, [errors.TAB_INDENT.issue(path, line=tab[0], column=tab[1])]
    if b"\x00" in raw:
        line, column = _line_column(raw, raw.index(b"\x00"))
        return source, [
            errors.YAML_SYNTAX.issue(
                path, line=line, column=column, problem="the file holds a NUL byte (binary data)"
            )
        ]
    source.deep = _might_nest_deeply(text)
    try:
        data = _load(text, deep=source.deep)
    except DuplicateKeyError as error:
        return source, [_duplicate_key(source, error)]
    except MarkedYAMLError as error:
        return source, [_marked_error(path, error)]
    except YAMLError as error:
        return source, [errors.YAML_SYNTAX.issue(path, problem=_one_line(str(error)))]
    except RecursionError:
        return source, [_too_deep(path)]
    except (ValueError, OverflowError):  # a date with no such day: refused while building
        return source, [_impossible_date(source)]
    if data is None:
        return source, [errors.EMPTY_FILE.issue(path, line=1, column=1)]
    if source.deep or ("&" in text and "*" in text):
        problem = _expansion_problem(path, data)
        if problem is not None:
            return source, [problem]
    if not isinstance(data, dict):
        return source, [
            errors.NOT_A_MAPPING.issue(path, line=1, column=1, found=describe_value(data))
        ]
    source.data = data
    return source, []


_DEEP_BLOCK = re.compile(rf"^[ \t?-]{{{MAX_DEPTH + 1}}}", re.MULTILINE)
_FLOW_TOKENS = re.compile(r"""[\[\]{}]|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|\#[^\n]*""")


def _might_nest_deeply(text: str) -> bool:
    """Could the document nest deeper than MAX_DEPTH? Decided cheaply, without parsing.

    The C parser crashes the process (not an exception) on documents nested about 100,000
    deep, so such documents go to the pure-Python parser instead. Block nesting needs at
    least one character of indentation or '- ' per level, so one regex search finds it;
    flow nesting is counted bracket by bracket (quoted text and comments skipped) only when
    there are enough brackets for it to matter. A false alarm (brackets inside block text)
    only costs a slower, safe parse.
    """
    if _DEEP_BLOCK.search(text):
        return True
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = 0
    for token in _FLOW_TOKENS.finditer(text):
        character = token.group(0)[0]
        if character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif character in "]}":
            depth = max(depth - 1, 0)
    return False


def describe_value(value: Any) -> str:
    """A plain-English name for what a YAML value is."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{shown}')"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def _indent_tab(text: str) -> tuple[int, int] | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped and not stripped.startswith("#"):
            return number, indent.index("\t") + 1
    return None


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _mark(error: MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _duplicate_key(source: SourceFile, error: DuplicateKeyError) -> Issue:
    """Name the key and the line of its first occurrence, found in the node tree (composing
    does not construct mappings, so duplicates do not stop it)."""
    line, column = _mark(error)
    problem = str(error.problem or "")
    key = problem.split('"')[1] if problem.count('"') >= 2 else "?"
    first_line: int | str = "?"
    mapping = _mapping_at(source.nodes(), error.context_mark)
    if mapping is not None:
        first = next((k for k, _ in mapping.value if k.value == key), None)
        if first is not None:
            first_line = first.start_mark.line + 1
    return errors.DUPLICATE_KEY.issue(
        source.path, line=line, column=column, key=key, first_line=first_line
    )


def _mapping_at(root: Node | None, mark: Any) -> MappingNode | None:
    """The mapping node that starts at `mark`."""
    if root is None or mark is None:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            if (node.start_mark.line, node.start_mark.column) == (mark.line, mark.column):
                return node
            stack.extend(value for pair in node.value for value in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return None


def _impossible_date(source: SourceFile) -> Issue:
    """Find the date-like value that is no real day, in the node tree (composing builds no
    values, so it gets past the bad one)."""
    stack = [source.nodes()]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(value for pair in reversed(node.value) for value in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif node is not None and node.tag == _TIMESTAMP:
            try:
                _yaml().load(node.value)
            except (ValueError, OverflowError) as error:
                mark = node.start_mark
                return errors.IMPOSSIBLE_DATE.issue(
                    source.path,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    value=node.value,
                    reason=str(error),
                )
    return errors.IMPOSSIBLE_DATE.issue(source.path, value="?", reason="a value is no real day")


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _too_deep(path: Path) -> Issue:
    return errors.TOO_COMPLEX.issue(
        path, line=1, column=1, what="deeply nested", detail=f"more than {MAX_DEPTH} levels"
    )


def _marked_error(path: Path, error: MarkedYAMLError) -> Issue:
    line, column = _mark(error)
    problem = _one_line(error.problem or error.context or "the file could not be parsed")
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("'")[1] if "'" in problem else "?"
        return errors.DISALLOWED_TAG.issue(path, line=line, column=column, tag=tag)
    if (
        "expected a single document" in (error.context or "")
        or "but found another document" in problem
    ):
        return errors.MULTIPLE_DOCUMENTS.issue(path, line=line, column=column)
    if error.context and error.problem:
        problem = f"{_one_line(error.context)}: {problem}"
    return errors.YAML_SYNTAX.issue(path, line=line, column=column, problem=problem)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or type(error).__name__


def _expansion_problem(path: Path, data: Any) -> Issue | None:
    """Refuse documents whose aliases expand past a sane size (and too-deep nesting)."""
    sizes: dict[int, int] = {}

    def size(value: Any, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise _TooDeep
        if isinstance(value, dict):
            items = list(value.values())
        elif isinstance(value, list):
            items = value
        else:
            return 1
        known = sizes.get(id(value))
        if known is not None:
            return known
        total = 1
        for item in items:
            total += size(item, depth + 1)
            if total > MAX_EXPANDED_NODES:
                raise _TooBig
        sizes[id(value)] = total
        return total

    try:
        size(data, 0)
    except _TooBig:
        return errors.TOO_COMPLEX.issue(
            path,
            line=1,
            column=1,
            what="large",
            detail=f"aliases expand to more than {MAX_EXPANDED_NODES:,} values",
        )
    except _TooDeep:
        return _too_deep(path)
    return None


class _TooBig(Exception):
    pass


class _TooDeep(Exception):
    pass
