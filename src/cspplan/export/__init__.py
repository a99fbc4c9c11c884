"""Tidy tables of the plans for Excel, Power BI and pandas: `cspplan export`.

`columns` names every table's columns (the one place; `docs/export-columns.md` is made
from it), `tables` fills their rows from the plans and the status engine, `writers`
writes them as CSV, XLSX or Parquet.
"""
