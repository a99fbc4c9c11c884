"""`cspplan rules`: the catalogue of issue codes, like `ruff rule`."""

from __future__ import annotations

import click


@click.command("rules")
@click.argument("code", required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
)
def command(code: str | None, output_format: str) -> None:
    """List every issue code, or explain CODE (e.g. C001 or due-after-plan-year)."""
    from cspplan.catalogue import all_issue_types, lookup
    from cspplan.exceptions import UsageError

    if code is None:
        if output_format == "markdown":
            click.echo(rules_markdown())
            return
        for issue_type in all_issue_types():
            mark = "" if issue_type.configurable else " (always on)"
            click.echo(
                f"{issue_type.code}  {issue_type.severity.value:<7}  {issue_type.name:<34} {issue_type.title}{mark}"
            )
        return
    issue_type = lookup(code.strip())
    if issue_type is None:
        raise UsageError(f"unknown code '{code}'; `cspplan rules` lists them")
    click.echo(f"{issue_type.code} {issue_type.name}: {issue_type.title}")
    click.echo(f"Layer: {issue_type.layer.value}. Default severity: {issue_type.severity.value}.")
    if issue_type.configurable:
        click.echo(
            f'Can be switched off in cspplan.toml: [validate] disable = ["{issue_type.code}"]'
        )
    else:
        click.echo("Always on: file and schema problems cannot be switched off.")
    click.echo("")
    click.echo(issue_type.description or issue_type.title)
    click.echo("")
    click.echo(f"Message: {issue_type.template}")
    if issue_type.hint:
        click.echo(f"Hint: {issue_type.hint}")


def rules_markdown() -> str:
    """The README's table of codes (a test keeps the README in step with this)."""
    from cspplan.catalogue import all_issue_types

    lines = ["| Code | Name | Severity | What it means |", "|---|---|---|---|"]
    for issue_type in all_issue_types():
        description = " ".join((issue_type.description or issue_type.title).split())
        switch = "" if issue_type.configurable else " *(always on)*"
        lines.append(
            f"| `{issue_type.code}` | `{issue_type.name}` | {issue_type.severity.value} | "
            f"**{issue_type.title}.** {description}{switch} |"
        )
    return "\n".join(lines)
