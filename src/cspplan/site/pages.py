"""What a page kind gives the builder: pages to render and files to copy, by site path.

A page kind is a function under `@page_kind(name)` in a module of `cspplan.site.kinds`
(found by itself, as checks are). It takes the `SiteInput` and yields `Page`s (a template
and its context) and `File`s (bytes: a stylesheet, a CSV download).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cspplan.model.collection import LoadedPartnership
    from cspplan.workspace import Workspace


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumb trail above a page's heading."""

    title: str
    path: str


@dataclass
class Page:
    path: str
    """Where the page lives, from `cspplan.site.urls`."""
    template: str
    """A template under `templates/site/`, extending `layout.html.j2`."""
    title: str
    """The page's one h1, and its <title> (with the site's name)."""
    context: dict[str, Any] = field(default_factory=dict)
    crumbs: list[Crumb] = field(default_factory=list)
    """From the site's index down to the page's parent; the page itself is not a crumb."""
    kind: str = ""
    """The page kind that made it (set by the builder), for tests and the sitemap."""


@dataclass
class File:
    path: str
    data: bytes
    kind: str = ""


@dataclass
class SiteInput:
    """What every page kind reads: the opened plans and how the site is addressed."""

    workspace: Workspace
    base_url: str = ""
    """Where the site is hosted ('https://example.org/plans/'), for canonical links and the
    sitemap; '' when unknown (links between pages are relative either way)."""

    @property
    def partnerships(self) -> list[LoadedPartnership]:
        return sorted(self.workspace.partnerships, key=lambda csp: csp.id)


PageKind = Callable[[SiteInput], Iterable[Page | File]]
KINDS: dict[str, PageKind] = {}


def page_kind(name: str) -> Callable[[PageKind], PageKind]:
    def register(function: PageKind) -> PageKind:
        if name in KINDS:
            raise ValueError(f"page kind {name!r} is registered twice")
        KINDS[name] = function
        return function

    return register


def page_kinds() -> dict[str, PageKind]:
    """Every page kind, importing each module of `cspplan.site.kinds` once."""
    import cspplan.site.kinds

    for info in sorted(pkgutil.iter_modules(cspplan.site.kinds.__path__), key=lambda i: i.name):
        importlib.import_module(f"cspplan.site.kinds.{info.name}")
    return dict(sorted(KINDS.items()))
