"""Checks of a built site that need no browser: every internal href and src of every page
names a file the build wrote (and an id on that page, for a #fragment), and nothing is
loaded from another host. They read `Built.files`, so they run on any machine."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

LOADS = {("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src")}
"""Attributes whose address the browser fetches as the page loads (as do stylesheets and
icons named by <link>)."""
LINK_RELS_LOADED = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}


class _Addresses(HTMLParser):
    """Every address on a page (tag, attribute, address, whether the browser fetches it
    as the page loads), and every id on it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[tuple[str, str, str, bool]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        rels = set(values.get("rel", "").lower().split())
        for name in ("href", "src"):
            if name in values:
                loaded = (tag, name) in LOADS or (tag == "link" and bool(rels & LINK_RELS_LOADED))
                self.addresses.append((tag, name, values[name], loaded))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.addresses.append((tag, "srcset", candidate.split()[0], True))


def parse(html: bytes) -> _Addresses:
    parser = _Addresses()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser


def problems(files: dict[str, bytes]) -> list[str]:
    """Every dead internal address and every load from elsewhere, one line each, naming
    the page and the address."""
    pages = {path: parse(data) for path, data in files.items() if path.endswith(".html")}
    found: list[str] = []
    for path, page in pages.items():
        for tag, attribute, address, loaded in page.addresses:
            parts = urlsplit(address)
            if parts.scheme == "data":
                continue  # inside the page itself
            if parts.scheme or parts.netloc:
                if loaded:
                    found.append(f"{path}: <{tag} {attribute}> loads {address} from elsewhere")
                continue  # a link out to another site is the reader's to follow
            target = path
            if parts.path:
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(path), unquote(parts.path))
                )
                if target not in files:
                    found.append(f"{path}: <{tag} {attribute}={address!r}> names no built file")
                    continue
            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target].ids:
                found.append(f"{path}: <{tag} {attribute}={address!r}> names no id on {target}")
    return found


def one_page_per_kind(files: dict[str, bytes], pages: dict[str, str]) -> dict[tuple[str, str], str]:
    """(partnership, page kind) -> the largest such page (the most to check), from
    `Built.pages`, so a new kind of page is checked without a new test. Pages outside any
    partnership (the front page) count under ''."""
    chosen: dict[tuple[str, str], str] = {}
    for path, kind in pages.items():
        key = (path.split("/")[0] if "/" in path else "", kind)
        best = chosen.get(key)
        if best is None or (len(files[path]), best) > (len(files[best]), path):
            chosen[key] = path
    return dict(sorted(chosen.items()))
