"""-q and -v: how much a command says besides its result.

Quiet keeps errors and the output asked for (a table, a document, a diff) and drops notes,
summaries and warnings; verbose adds timings and what was read or written. The options are
accepted both before the command (`cspplan -q validate`) and after it (`cspplan validate -q`).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

import click

from cspplan.cli.console import readable

KEY = "cspplan.verbosity"


class Verbosity(IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


def level() -> Verbosity:
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return Verbosity.NORMAL
    return ctx.find_root().meta.get(KEY, Verbosity.NORMAL)


def say(text: str, *, err: bool = False) -> None:
    """A message that -q silences."""
    if level() >= Verbosity.NORMAL:
        click.echo(readable(text), err=err)


def detail(text: str) -> None:
    """A message only -v shows (on standard error, so it never mixes with output)."""
    if level() >= Verbosity.VERBOSE:
        click.echo(readable(text), err=True)


def _set(chosen: Verbosity) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.find_root().meta[KEY] = chosen

    return callback


OPTIONS = (
    ("-v", "--verbose", Verbosity.VERBOSE, "Say more: timings, files read and written."),
    ("-q", "--quiet", Verbosity.QUIET, "Say less: only errors and the output asked for."),
)


def verbosity_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for short, long, chosen, help_text in OPTIONS:
        function = click.option(
            short,
            long,
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_set(chosen),
            help=help_text,
        )(function)
    return function
