"""Where each page of the site lives, relative to the site's root: ids come from file
names, so a page keeps its address when a new plan year arrives.

Links between pages are relative (`relative`) and always name the file, `index.html`
included, so the site works opened from disk as well as on a web host under any path.
"""

from __future__ import annotations

import posixpath

INDEX = "index.html"
STYLESHEET = "assets/site.css"
SCRIPT = "assets/site.js"
SITEMAP = "sitemap.xml"
MARKER = ".cspplan-site"
"""A file at the root saying cspplan built this folder, so a rebuild may replace it."""


def partnership(partnership_id: str) -> str:
    return f"{partnership_id}/index.html"


def year(partnership_id: str, year_folder: str) -> str:
    """The plan year's dashboard; `year_folder` is the folder name, '2018-19'."""
    return f"{partnership_id}/{year_folder}/index.html"


def theme(partnership_id: str, year_folder: str, theme_id: str) -> str:
    return f"{partnership_id}/{year_folder}/themes/{theme_id}.html"


def indicator(partnership_id: str, indicator_id: str) -> str:
    """One page per indicator series, across plan years (series live with the partnership)."""
    return f"{partnership_id}/indicators/{indicator_id}.html"


def indicator_download(partnership_id: str, indicator_id: str, extension: str) -> str:
    """'csv' or 'xlsx': the series' figures as a spreadsheet."""
    return f"{partnership_id}/indicators/{indicator_id}.{extension}"


def changes(partnership_id: str, year_folder: str) -> str:
    """What changed since the previous plan year (only where there is one)."""
    return f"{partnership_id}/{year_folder}/changes.html"


def progress(partnership_id: str, year_folder: str) -> str:
    """The year's quarterly progress reports (only where there are some)."""
    return f"{partnership_id}/{year_folder}/progress.html"


def funding(partnership_id: str, year_folder: str) -> str:
    return f"{partnership_id}/{year_folder}/funding.html"


def alignment(partnership_id: str, year_folder: str) -> str:
    """How the year's plan serves other plans and frameworks (only where it links to any)."""
    return f"{partnership_id}/{year_folder}/alignment.html"


def review(partnership_id: str, review_id: str) -> str:
    return f"{partnership_id}/reviews/{review_id}.html"


def downloads(partnership_id: str, extension: str) -> str:
    """Every table of the partnership's plans: 'csv' (figures), 'xlsx' (every table)."""
    return f"{partnership_id}/downloads/{partnership_id}-figures.{extension}"


def all_downloads(extension: str) -> str:
    """Every partnership's tables in one file."""
    return f"downloads/figures.{extension}"


def relative(from_page: str, to_path: str) -> str:
    """The link from one page to another file of the site, as an href."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_path, start)
