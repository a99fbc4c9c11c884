"""Checks on a partnership's status rules: the roll-up rule a theme's status is computed by."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.checks.registry import Finding, check, found
from cspplan.model.collection import LoadedPartnership
from cspplan.status.theme_rollup import RULES, known_rules


@check(
    "C016",
    "unknown-theme-status-rule",
    title="A theme status rule that cspplan does not know, or that lacks its settings",
    template="{problem}",
    hint="name one of the known rules, or leave theme_status out so themes are not rolled up",
)
def unknown_theme_status_rule(csp: LoadedPartnership) -> Iterator[Finding]:
    """`status_rules.theme_status` in partnership.yaml names the rule that rolls a theme's
    measures up into its status. The name must be a known rule (`worst`, `majority`,
    `count`); `count` also needs `status_rules.theme_status_counts` (`{red: N, amber: M}`),
    which has no default because how many measures make a theme red is the partnership's
    choice. Themes are not given a status until the rule can be used."""
    rules = csp.partnership.status_rules
    name = rules.theme_status
    if name is None:
        return
    rule = RULES.get(name)
    if rule is None:
        problem = f"no theme status rule called '{name}'; the known rules are {known_rules()}"
    else:
        problem = rule.needs(rules)
        if problem is None:
            return
    yield found(csp.file, ("status_rules", "theme_status"), problem=problem)
