"""The package's shape: no import circle in src/cspplan, and a catalogue that misses no check.

The import graph is read from the source with `ast` (nothing is imported), so a circle is
found even when the modules would happen to load. Imports at module level make the edges
that count; imports inside functions (the light start-up rule: heavy libraries and each
command load only when used) are counted too, and reported separately when a circle needs
them. Imports under `if TYPE_CHECKING:` never run and are left out.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

from conftest import REPO

SRC = REPO / "src"
MODULE, LAZY = "module-level", "function-level"


def _modules() -> dict[str, Path]:
    modules = {}
    for file in sorted((SRC / "cspplan").rglob("*.py")):
        parts = list(file.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = file
    return modules


class _Imports(ast.NodeVisitor):
    """The cspplan modules one module imports, each with the kind of its first import."""

    def __init__(self, name: str, modules: dict[str, Path]) -> None:
        self.name, self.modules = name, modules
        self.package = name if modules[name].name == "__init__.py" else name.rpartition(".")[0]
        self.depth = 0
        self.found: dict[str, str] = {}

    def visit_FunctionDef(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if getattr(test, "id", getattr(test, "attr", None)) == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, target: str) -> None:
        if target in self.modules and target != self.name:
            kind = LAZY if self.depth else MODULE
            if self.found.get(target) != MODULE:
                self.found[target] = kind

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.package
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            self._add(submodule if submodule in self.modules else base)


def import_graph() -> dict[str, dict[str, str]]:
    """module -> {imported cspplan module: MODULE or LAZY}."""
    modules = _modules()
    graph = {}
    for name, file in modules.items():
        visitor = _Imports(name, modules)
        visitor.visit(ast.parse(file.read_text(encoding="utf-8"), filename=str(file)))
        graph[name] = visitor.found
    return graph


def circles(graph: dict[str, dict[str, str]], kinds: set[str]) -> list[list[str]]:
    """Groups of modules that import each other, round and round (Tarjan's algorithm)."""
    edges = {
        name: [t for t, kind in targets.items() if kind in kinds] for name, targets in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for target in edges[name]:
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for name in edges:
        if name not in index:
            visit(name)
    return found


def _describe(graph: dict[str, dict[str, str]], group: list[str]) -> str:
    lines = [" <-> ".join(group)]
    for name in group:
        for target, kind in sorted(graph[name].items()):
            if target in group:
                lines.append(f"    {name} -> {target} ({kind})")
    return "\n".join(lines)


def test_no_import_circle_at_module_level():
    graph = import_graph()
    found = circles(graph, {MODULE})
    assert not found, "import circle(s):\n" + "\n".join(_describe(graph, g) for g in found)


def test_no_import_circle_even_through_function_level_imports():
    """A lazy import keeps start-up light; it is no excuse for two modules needing each other."""
    graph = import_graph()
    found = circles(graph, {MODULE, LAZY})
    print(f"{len(found)} circle(s) through function-level imports")
    assert not found, "import circle(s) through function-level imports:\n" + "\n".join(
        _describe(graph, g) for g in found
    )


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b": MODULE}, "b": {"c": LAZY}, "c": {"a": MODULE}, "d": {"a": MODULE}}
    assert circles(graph, {MODULE}) == []
    assert circles(graph, {MODULE, LAZY}) == [["a", "b", "c"]]


def test_the_graph_sees_imports_of_every_form():
    graph = import_graph()
    assert (
        graph["cspplan.checks.dates"]["cspplan.checks.walk"] == MODULE
    )  # from package import module
    assert graph["cspplan.checks.runner"]["cspplan.catalogue"] == MODULE  # from module import name
    assert graph["cspplan"]["cspplan.api"] == LAZY  # inside a function
    assert "cspplan.checks.runner" not in graph["cspplan"]  # only under TYPE_CHECKING


# -- the catalogue -------------------------------------------------------------------------------


def _check_codes_in_source() -> set[str]:
    """Every code given to `@check(...)` anywhere in src/cspplan, read from the source."""
    codes = set()
    for file in (SRC / "cspplan").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    if (
                        isinstance(decorator, ast.Call)
                        and getattr(decorator.func, "id", getattr(decorator.func, "attr", None))
                        == "check"
                        and decorator.args
                        and isinstance(decorator.args[0], ast.Constant)
                    ):
                        codes.add(decorator.args[0].value)
    return codes


def test_every_check_in_the_source_is_in_the_catalogue_and_runs():
    from cspplan.catalogue import all_checks, all_issue_types

    in_source = _check_codes_in_source()
    assert len(in_source) > 20
    assert {c.type.code for c in all_checks()} == in_source
    assert in_source <= {t.code for t in all_issue_types()}


def test_a_new_check_module_is_found_without_being_listed(tmp_path, monkeypatch, tree):
    """A `checks/foo.py` nobody added to any list still runs in `validate`."""
    import cspplan.checks
    from cspplan import catalogue
    from cspplan.workspace import check

    extra = tmp_path / "checks"
    extra.mkdir()
    (extra / "zz_extra.py").write_text(
        "from cspplan.checks.registry import check, found\n\n\n"
        '@check("C990", "every-partnership-flagged", title="Flagged", template="flagged {what}")\n'
        "def flag(plans):\n"
        '    """Test only."""\n'
        '    yield found(plans.file, (), what="it")\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(cspplan.checks, "__path__", [*cspplan.checks.__path__, str(extra)])
    catalogue.all_checks.cache_clear()
    catalogue._by_code.cache_clear()
    try:
        report = check([tree.write()])
        assert [i.code for i in report.issues] == ["C990"]
        assert catalogue.lookup("every-partnership-flagged").code == "C990"
    finally:
        sys.modules.pop("cspplan.checks.zz_extra", None)
        monkeypatch.undo()
        catalogue.all_checks.cache_clear()
        catalogue._by_code.cache_clear()
    assert catalogue.lookup("C990") is None


def test_lookup_by_code_or_name():
    from cspplan.catalogue import lookup

    assert lookup("R003") is lookup("r003") is lookup(lookup("R003").name)
    assert lookup("F004").name == "yaml-syntax"
    assert lookup("no-such-rule") is None


def test_importing_issues_imports_no_checks():
    """The types are below everything: reading them loads neither checks nor loading."""
    import subprocess

    code = "import sys, cspplan.issues; print(sorted(m for m in sys.modules if m.startswith('cspplan.')))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['cspplan.issues']"
    importlib.import_module("cspplan.catalogue")
