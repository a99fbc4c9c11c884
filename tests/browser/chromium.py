"""Debian's Chromium driven by Python Playwright, and the checks a person would make of a
page: it loads cleanly, its addresses name files of the site, the keyboard reaches every
link with the focus in sight, it reads on a small phone without scrolling sideways, and
axe-core finds nothing at WCAG 2.2 AA.

Playwright never downloads a browser here (`playwright install` cannot reach its host):
it drives `/usr/bin/chromium`, with a fresh empty profile each time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request

REPOSITORY = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPOSITORY / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_ALSO = [
    "heading-order",
    "page-has-heading-one",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-main-is-top-level",
    "region",
    "skip-link",
]
"""axe's best-practice rules for what the issue asks by name (headings in order,
landmarks, a skip link that works), checked with the WCAG rules."""

# Playwright adds --headless itself (headless=True); the rest keep Chromium from
# reaching for the network on its own (updates, sync, QUIC probes) and from needing a
# GPU or a user namespace (CI runs as root in a container).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

INSTALL = {
    "playwright": "make install",
    "chromium": "apt-get install chromium",
    "axe-core": "make node",
}
"""What is missing -> the one command that installs it."""


def missing() -> str | None:
    """The first thing these tests need that this machine lacks, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright"
    if not CHROMIUM.is_file():
        return "chromium"
    if not AXE.is_file():
        return "axe-core"
    return None


@contextmanager
def browser() -> Iterator[BrowserContext]:
    """One Chromium with an empty profile of its own, removed afterwards. Every request
    to another host is refused (and recorded by `Visit`)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="cspplan-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                headless=True,
                args=ARGS,
                viewport={"width": 1280, "height": 800},
                locale="en-GB",
            )
            try:
                # by scheme: a callable matcher would stop every file:// request too
                for scheme in ("http", "https", "ws", "wss"):
                    context.route(f"{scheme}://**", lambda route: route.abort())
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@dataclass
class Visit:
    """One browser tab, reused page after page, that notes what went wrong on the way:
    console errors, uncaught exceptions, failed requests, requests to other hosts."""

    page: Page
    problems: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, context: BrowserContext, *, axe: bool = False) -> Visit:
        """A tab of its own; with `axe`, axe-core is in every page it loads (handed to
        Chromium once, not sent and compiled again with each page: a third faster)."""
        visit = cls(context.new_page())
        if axe:
            visit.page.add_init_script(path=str(AXE))
        visit.page.on("console", visit._console)
        visit.page.on("pageerror", lambda error: visit.problems.append(f"script error: {error}"))
        visit.page.on("request", visit._request)
        visit.page.on("requestfailed", visit._failed)
        return visit

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _request(self, request: Request) -> None:
        if not request.url.startswith(("file:", "data:", "about:")):
            self.problems.append(f"request to {request.url}")

    def _failed(self, request: Request) -> None:
        if request.url.startswith("file:"):
            self.problems.append(f"failed request: {request.url} ({request.failure})")

    def go(self, url: str) -> list[str]:
        """Load `url` and return what went wrong while it loaded."""
        self.problems = []
        self.page.goto(url, wait_until="load")
        return list(self.problems)


def url_of(folder: Path, site_path: str) -> str:
    return (folder / site_path).as_uri()


def loaded_addresses(page: Page) -> list[str]:
    """Every address on the page as the browser resolved it (links, images, stylesheets,
    scripts): what `file_problems` checks against the folder."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[href], [src]')].flatMap(e =>
            ['href', 'src'].filter(name => e.hasAttribute(name))
              .map(name => new URL(e.getAttribute(name), document.baseURI).href))"""
    )


def file_problems(folder: Path, page_path: str, addresses: list[str]) -> list[str]:
    """Every file:// address of a page that names no file in the site's folder."""
    from urllib.parse import unquote, urlsplit

    root = folder.resolve()
    found = []
    for address in addresses:
        parts = urlsplit(address)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.is_file() or not target.resolve().is_relative_to(root):
            found.append(f"{page_path}: {address} is no file of the site")
    return found


# Every element the keyboard may stop on, and how it looks: a focus indicator is some
# change of outline (one that can be seen), shadow, background, border or underline; a
# change of text colour alone is not one.
_SNAPSHOT = """() => {
  const look = e => {
    const s = getComputedStyle(e);
    const clear = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      && !clear(s.outlineColor) ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none';
    // a border's and an underline's colour follow the text's: a change of colour alone
    // is no focus indicator, so only their presence and size count
    return {outline, shadow: s.boxShadow, background: s.backgroundColor,
      border: s.borderStyle === 'none' ? 'none' : `${s.borderStyle} ${s.borderWidth}`,
      underline: `${s.textDecorationLine} ${s.textDecorationStyle} ${s.textDecorationThickness}`};
  };
  const stops = [...document.querySelectorAll(
    'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex]')];
  window.__cspplan = {look, stops, before: stops.map(look)};
  return stops.map(e => ({
    link: e.matches('a[href], area[href]') && e.getClientRects().length > 0,
    name: `<${e.tagName.toLowerCase()}${e.getAttribute('href') !== null
      ? ` href="${e.getAttribute('href')}"` : ''}> ${(e.textContent || '').trim().slice(0, 60)}`,
  }));
}"""
_FOCUSED = """() => {
  const {look, stops, before} = window.__cspplan;
  const e = document.activeElement;
  const index = stops.indexOf(e);
  if (!e || e === document.body || index < 0) return {index: -1, changed: []};
  const now = look(e);
  return {index, changed: Object.keys(now).filter(k => now[k] !== before[index][k])};
}"""


def keyboard_problems(page: Page, page_path: str) -> list[str]:
    """Press Tab from the top of the freshly loaded page until the focus leaves it or comes
    round again: every link must be reached, and each stop must look different focused."""
    stops: list[dict[str, Any]] = page.evaluate(_SNAPSHOT)
    reached: set[int] = set()
    found = []
    for _ in range(len(stops) + 2):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        index = focused["index"]
        if index < 0 or index in reached:
            break
        reached.add(index)
        if not focused["changed"]:
            found.append(f"{page_path}: no visible focus on {stops[index]['name']}")
    for index, stop in enumerate(stops):
        if stop["link"] and index not in reached:
            found.append(f"{page_path}: Tab never reaches {stop['name']}")
    return found


REFLOW_WIDTH = 320
"""WCAG 1.4.10 Reflow: at 320 CSS pixels wide (1280 zoomed to 400%) a page reads without
scrolling sideways; a wide table may scroll inside its own region."""


# The innermost elements that stick out past the window, leaving out what sits inside a
# box that scrolls or clips on its own (a wide table in its region may scroll).
_TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const contained = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const out = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !contained(e));
  return out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 5)
    .map(e => `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ''}> `
      + (e.textContent || '').trim().slice(0, 40));
}"""


def reflow_problems(page: Page, page_path: str) -> list[str]:
    """The loaded page laid out 320 px wide: nothing may make it scroll sideways."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    try:
        wide: list[str] = page.evaluate(_TOO_WIDE)
    finally:
        if size:
            page.set_viewport_size(size)
    if not wide:
        return []
    return [f"{page_path}: scrolls sideways {REFLOW_WIDTH} px wide, past {'; '.join(wide)}"]


def axe_violations(page: Page, page_path: str) -> list[str]:
    """axe-core's violations on a page loaded by a `Visit` opened with `axe=True`, one
    line per rule and element."""
    result = page.evaluate(
        """([tags, also]) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            rules: Object.fromEntries(also.map(rule => [rule, {enabled: true}])),
            resultTypes: ['violations']})""",
        [AXE_TAGS, AXE_ALSO],
    )
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            found.append(
                f"{page_path}: {violation['id']} ({violation['impact']}): {violation['help']} "
                f"at {target}"
            )
    return found


def need_browser() -> None:
    """Skip the calling test when something it needs is missing, naming the command that
    installs it; fail instead where CSPPLAN_BROWSER_TESTS=required (CI: never skipped)."""
    import pytest

    lack = missing()
    if lack is None:
        return
    message = f"{lack} is missing: `{INSTALL[lack]}` installs it"
    if os.environ.get("CSPPLAN_BROWSER_TESTS", "") == "required":
        pytest.fail(
            f"{message} (CSPPLAN_BROWSER_TESTS=required, so the browser tests may not skip)"
        )
    pytest.skip(message)
