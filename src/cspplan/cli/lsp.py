"""`cspplan lsp`: the language server, over stdin and stdout, for any editor to start."""

from __future__ import annotations

import click


@click.command("lsp")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over stdin and stdout (the only transport; accepted for editors that pass it).",
)
def command(stdio: bool) -> None:
    """Language server: validate's problems as you type, completion of ids and periods,
    hover help. Editors start it as `cspplan lsp`; see the README's "Feedback while typing"."""
    from cspplan.lsp.server import serve

    serve()
