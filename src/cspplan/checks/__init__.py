"""Reference and semantic checks (R and C codes), one small function each.

Importing this package registers every check. `run_checks` runs the ones a configuration
leaves switched on.
"""

from __future__ import annotations

from cspplan.checks import contacts, dates, lineage, references, values  # noqa: F401
from cspplan.checks.registry import CHECKS, Check, Finding, check, found

__all__ = ["CHECKS", "Check", "Finding", "check", "found"]
