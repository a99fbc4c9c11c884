"""The site's data downloads: each indicator's figures (CSV and XLSX), each partnership's
tables and every partnership's together, made by the same writers as `cspplan export`."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.export.files import export_bytes
from cspplan.export.tables import Row, all_rows
from cspplan.export.writers import Encoded
from cspplan.site import urls
from cspplan.site.pages import File, SiteInput, page_kind


@page_kind("downloads")
def downloads(site: SiteInput) -> Iterator[File]:
    from cspplan.parallel import collector_paused

    with collector_paused():  # thousands of rows and strings, no cycles
        yield from _files(site)


def _files(site: SiteInput) -> Iterator[File]:
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
            for extension in ("csv", "xlsx"):
                yield File(
                    urls.indicator_download(csp.id, indicator_id, extension),
                    export_bytes(extension, figures, title, [csp], encoded),
                )
        yield File(
            urls.downloads(csp.id, "csv"),
            export_bytes("csv", {"figures": tables["figures"]}, "", [csp], encoded),
        )
        yield File(
            urls.downloads(csp.id, "xlsx"),
            export_bytes("xlsx", tables, csp.partnership.name, [csp], encoded),
        )
        for name, rows in tables.items():
            everything.setdefault(name, []).extend(rows)
    chosen = site.partnerships
    if not chosen:
        return
    yield File(
        urls.all_downloads("csv"),
        export_bytes("csv", {"figures": everything["figures"]}, "", chosen, encoded),
    )
    yield File(
        urls.all_downloads("xlsx"),
        export_bytes("xlsx", everything, "Community safety partnership plans", chosen, encoded),
    )
