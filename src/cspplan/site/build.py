"""Build the whole site in memory, then write it as one folder, whole or not at all."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from cspplan.atomic import staging_folder
from cspplan.exceptions import OutputError
from cspplan.site import html, urls
from cspplan.site.pages import Page, SiteInput, page_kinds

SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""Every folder and file name in the site: ids come from file names, and nothing may
climb out of the output folder or hide itself."""


@dataclass
class Built:
    files: dict[str, bytes]
    """Site path -> bytes, in path order (so two builds write the same folder)."""
    pages: dict[str, str]
    """Site path -> the page kind that made it, for every HTML page."""


def build(site: SiteInput) -> Built:
    files: dict[str, bytes] = {}
    made_by: dict[str, str] = {}
    for name, kind in page_kinds().items():
        for item in kind(site):
            _check_path(item.path, name)
            if item.path in files:
                raise OutputError(
                    f"two pages of the site would be {item.path} ({made_by[item.path]}, {name})"
                )
            item.kind = name
            made_by[item.path] = name
            files[item.path] = _page(item, site) if isinstance(item, Page) else item.data
    pages = {path: made_by[path] for path in sorted(files) if path.endswith(".html")}
    files[urls.SITEMAP] = _sitemap(list(pages), site.base_url)
    files[urls.MARKER] = b"Built by cspplan site: a rebuild replaces this folder.\n"
    return Built(dict(sorted(files.items())), pages)


def _check_path(path: str, kind: str) -> None:
    if any(SAFE_PART.fullmatch(part) is None for part in path.split("/")):
        raise OutputError(f"the {kind} pages would write {path!r}, which is not a safe site path")


def _page(page: Page, site: SiteInput) -> bytes:
    def url(path: str) -> str:
        return urls.relative(page.path, path)

    canonical = site.base_url.rstrip("/") + "/" + page.path if site.base_url else None
    context = {
        **page.context,
        "page": page,
        "url": url,
        "urls": urls,
        "canonical": canonical,
    }
    return html.render(page.template, context).encode("utf-8")


def _sitemap(paths: list[str], base_url: str) -> bytes:
    """The standard sitemap, so a search engine finds every page; relative addresses when
    the site's base URL is not known."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    entries = "".join(f"  <url><loc>{escape(base + path)}</loc></url>\n" for path in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    ).encode()


def write_site(folder: Path, files: dict[str, bytes]) -> None:
    """Write the site into `folder`: a new or empty folder, or one an earlier build made
    (it holds the marker file), which is replaced whole. Anything else is refused, so a
    mistyped `-o` never empties someone's folder."""
    if folder.exists():
        if not folder.is_dir():
            raise OutputError(f"cannot write the site in {folder}: it is a file")
        if any(folder.iterdir()) and not (folder / urls.MARKER).is_file():
            raise OutputError(
                f"cannot write the site in {folder}: it holds files cspplan did not build "
                "(name a new or empty folder)"
            )
    parent = folder.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"cannot write the site in {folder}: {parent} does not exist")
    try:
        staging = staging_folder(folder)  # hidden; one a killed build left is swept first
    except OSError as error:
        raise OutputError(f"cannot write in {parent}: {error.strerror or error}") from None
    old: Path | None = None
    try:
        for relative, data in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        if folder.exists():
            old = staging_folder(folder)
            os.replace(folder, old / "site")
        os.replace(staging, folder)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if not isinstance(error, OSError):
            raise
        if old is not None and (old / "site").exists() and not folder.exists():
            with contextlib.suppress(OSError):
                os.replace(old / "site", folder)  # put the earlier build back
        raise OutputError(f"cannot write the site in {folder}: {error.strerror or error}") from None
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
