"""The site's data downloads: each indicator's figures (CSV and XLSX), each partnership's
tables and every partnership's together, made by the same writers as `cspplan export`.

Workbooks are most of a site's build time (thousands of them in a national corpus), and
each is independent of the others, so they are written on every core
(`parallel.map_in_order`); a workbook's bytes do not depend on which process wrote it."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.export.files import cover, export_bytes
from cspplan.export.tables import Row, all_rows
from cspplan.export.writers import Encoded, Workbook, to_xlsx
from cspplan.site import urls
from cspplan.site.pages import File, SiteInput, page_kind


@page_kind("downloads")
def downloads(site: SiteInput) -> Iterator[File]:
    from cspplan.parallel import collector_paused

    with collector_paused():  # thousands of rows and strings, no cycles
        yield from _files(site)


Job = tuple[Workbook, dict[str, list[Row]]]


def _workbook(job: Job) -> bytes:
    return to_xlsx(*job)


def _files(site: SiteInput) -> Iterator[File]:
    from cspplan.parallel import map_in_order

    workbooks: dict[str, Job] = {}
    yield from _csv_files(site, workbooks)
    made = map_in_order(_workbook, list(workbooks.values()), jobs=None)
    for path, data in zip(workbooks, made, strict=True):
        yield File(path, data)


def _csv_files(site: SiteInput, workbooks: dict[str, Job]) -> Iterator[File]:
    """Every CSV download, and into `workbooks` what each XLSX download holds."""
    everything: dict[str, list[Row]] = {}
    encoded = Encoded()
    for csp in site.partnerships:
        tables = all_rows([csp])
        by_indicator: dict[str, list[Row]] = {}
        for row in tables["figures"]:
            by_indicator.setdefault(row["indicator_id"], []).append(row)
        for indicator_id in sorted(csp.indicators):
            figures = {"figures": by_indicator.get(indicator_id, [])}
            title = f"{csp.indicators[indicator_id].name}: {csp.partnership.name}"
            yield File(
                urls.indicator_download(csp.id, indicator_id, "csv"),
                export_bytes("csv", figures, title, [csp], encoded),
            )
            workbooks[urls.indicator_download(csp.id, indicator_id, "xlsx")] = (
                cover(title, [csp]),
                figures,
            )
        yield File(
            urls.downloads(csp.id, "csv"),
            export_bytes("csv", {"figures": tables["figures"]}, "", [csp], encoded),
        )
        workbooks[urls.downloads(csp.id, "xlsx")] = (cover(csp.partnership.name, [csp]), tables)
        for name, rows in tables.items():
            everything.setdefault(name, []).extend(rows)
    chosen = site.partnerships
    if not chosen:
        return
    yield File(
        urls.all_downloads("csv"),
        export_bytes("csv", {"figures": everything["figures"]}, "", chosen, encoded),
    )
    workbooks[urls.all_downloads("xlsx")] = (
        cover("Community safety partnership plans", chosen),
        everything,
    )
