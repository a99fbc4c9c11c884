"""`make screenshots`: PNGs of the site built from the shipped plans, at desktop (1280 px)
and phone (390 px) widths, to look at and for the README (`site-dashboard.png`).

    .venv/bin/python -m tests.browser.screenshots docs/images

A page the site does not (yet) have is skipped with a message, not an error.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser import chromium

from cspplan.site import urls
from cspplan.site.build import build, write_site
from cspplan.site.pages import SiteInput
from cspplan.workspace import open_plans

PLANS = chromium.REPOSITORY / "plans"
PARTNERSHIP, YEAR = "safer-cornwall", "2018-19"
SHOTS = {
    "site-index": urls.INDEX,
    "site-partnership": urls.partnership(PARTNERSHIP),
    "site-dashboard": urls.year(PARTNERSHIP, YEAR),
    "site-theme": urls.theme(PARTNERSHIP, YEAR, "alcohol-related-harm"),
    "site-indicator": urls.indicator(PARTNERSHIP, "alcohol-related-hospital-admissions"),
}
"""PNG name -> site page: a theme and an indicator with a target against a comparator."""
WIDTHS = {"": (1280, 1400), "-phone": (390, 2400)}
"""Name suffix -> (width, the most height kept): the top of a long page is what is seen."""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.browser.screenshots FOLDER", file=sys.stderr)
        return 2
    lack = chromium.missing()
    if lack in ("playwright", "chromium"):
        print(f"screenshots: {lack} is missing: `{chromium.INSTALL[lack]}` installs it")
        return 1
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    built = build(SiteInput(open_plans([PLANS])))
    with tempfile.TemporaryDirectory() as scratch, chromium.browser() as context:
        folder = Path(scratch) / "site"
        write_site(folder, built.files)
        page = context.pages[0] if context.pages else context.new_page()
        for name, path in SHOTS.items():
            if path not in built.pages:
                print(f"skipped {name}: the site has no page {path} yet")
                continue
            for suffix, (width, most) in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(chromium.url_of(folder, path), wait_until="load")
                height = min(page.evaluate("document.documentElement.scrollHeight"), most)
                target = out / f"{name}{suffix}.png"
                page.screenshot(
                    path=str(target),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": height},
                )
                print(f"wrote {target} ({width}×{height}) of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
