"""The fast path for reading plan files: PyYAML's libyaml parser, restricted to plain data.

ruamel.yaml is the reference reader: it implements YAML 1.2, and its messages and marks are
what validate reports. But even its C-backed safe loader resolves and constructs every
scalar in slow Python; on a national corpus, reading took five times as long as PyYAML's
CSafeLoader. So clean files are read here first, with ruamel's own YAML 1.2 resolution
rules, and anything this reader is not certain to read exactly as ruamel would (duplicate
or merge keys, tags, octal or hexadecimal numbers, infinities, times, directives, errors of
any kind) raises NotPlain, and the file is read again by ruamel. A test checks that both
readers give the same data on every shipped file and on generated documents.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

try:
    from yaml._yaml import CParser  # libyaml: absent from pure-Python installs of PyYAML
    from yaml.constructor import BaseConstructor, SafeConstructor
    from yaml.nodes import MappingNode, Node
    from yaml.resolver import BaseResolver

    AVAILABLE = True
except ImportError:  # pragma: no cover - PyYAML is a dependency; ruamel alone still works
    AVAILABLE = False

from ruamel.yaml.resolver import implicit_resolvers as _RUAMEL_RULES

YAML_1_2 = (1, 2)
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)


class NotPlain(Exception):
    """This reader cannot vouch for reading the text as ruamel would; ruamel must read it."""


def load(text: str) -> Any:
    """The plain data in `text`, or NotPlain.

    The caller must already have ruled out documents nested deeper than libyaml's
    recursive composer survives (see reader._might_nest_deeply)."""
    if not AVAILABLE:
        raise NotPlain("PyYAML was installed without libyaml")
    if _DIRECTIVE.search(text):
        raise NotPlain("a %YAML directive can change how scalars read")
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except NotPlain:
        raise
    except Exception as error:  # a syntax error, an unhashable key...: ruamel explains it
        raise NotPlain(str(error)) from error
    finally:
        loader.dispose()


def compose(text: str) -> Any:
    """The node tree of `text` (for line and column), or NotPlain if libyaml cannot give it."""
    if not AVAILABLE:
        raise NotPlain("PyYAML was installed without libyaml")
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except Exception as error:
        raise NotPlain(str(error)) from error
    finally:
        loader.dispose()


if AVAILABLE:

    class _Resolver(BaseResolver):
        """ruamel.yaml's YAML 1.2 implicit rules, so a plain scalar gets the same tag."""

    for _versions, _tag, _pattern, _first in _RUAMEL_RULES:
        if YAML_1_2 in _versions:
            _Resolver.add_implicit_resolver(_tag, _pattern, _first)

    class _Constructor(SafeConstructor):
        """Builds only what both readers build identically; everything else is NotPlain."""

        yaml_constructors: ClassVar[dict[str | None, Any]] = {}

        def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
            if not isinstance(node, MappingNode):
                raise NotPlain("a mapping was expected")
            mapping = BaseConstructor.construct_mapping(self, node, deep)
            if len(mapping) != len(node.value):
                raise NotPlain("a key appears twice")
            return mapping

        def construct_plain_int(self, node: Node) -> int:
            if not _DECIMAL.match(node.value):
                raise NotPlain(f"the number {node.value!r} is not plain decimal")
            return int(node.value)

        def construct_plain_float(self, node: Node) -> float:
            if not _FLOAT.match(node.value):
                raise NotPlain(f"the number {node.value!r} is not a plain decimal fraction")
            return float(node.value)

        def construct_date(self, node: Node) -> Any:
            if not _DATE.match(node.value):
                raise NotPlain(f"{node.value!r} is a time, not a date")
            return SafeConstructor.construct_yaml_timestamp(self, node)

        def construct_other(self, node: Node) -> Any:
            raise NotPlain(f"the tag {node.tag}")

    _TAG = "tag:yaml.org,2002:"
    for _name, _method in {
        "null": SafeConstructor.construct_yaml_null,
        "bool": SafeConstructor.construct_yaml_bool,
        "int": _Constructor.construct_plain_int,
        "float": _Constructor.construct_plain_float,
        "str": SafeConstructor.construct_yaml_str,
        "seq": SafeConstructor.construct_yaml_seq,
        "map": SafeConstructor.construct_yaml_map,
        "timestamp": _Constructor.construct_date,
    }.items():
        _Constructor.add_constructor(_TAG + _name, _method)
    _Constructor.add_constructor(None, _Constructor.construct_other)

    class _Loader(CParser, _Constructor, _Resolver):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Constructor.__init__(self)
            _Resolver.__init__(self)
