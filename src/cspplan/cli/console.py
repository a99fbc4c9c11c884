"""One way to make a rich console: NO_COLOR honoured, no guessing at highlights, plan text
shown in the order it was typed (no bidi controls, `cspplan.bidi`), and no line that GitHub
Actions would take for a workflow command (`for_logs`)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from cspplan.bidi import without_controls

if TYPE_CHECKING:
    from rich.console import Console

PIPED_TABLE_WIDTH = 160
"""Tables written to a file or pipe: rich would assume 80 columns and squeeze the reasons."""


_COMMAND_START = re.compile(r"(?:^|(?<=[\r\n]))([^\S\r\n]*)::")
"""A line that starts with `::` after any blank space: GitHub's runner reads a workflow
command there (`::stop-commands::`, `::add-mask::`, `::error::`), in every step's output."""


def for_logs(text: str) -> str:
    """`text` that cannot start a GitHub Actions workflow command when a CI job prints it.

    Plan text and file names can hold line breaks, so a message quoting them can put `::`
    at the start of a line, and the runner's older form `##[command]` counts anywhere in a
    line. Both get a backslash (`\\::`, `##\\[`), which the runner does not read past:
    visible, but only ever in hostile text. (`validate --format github` writes its
    annotations itself, escaping what they quote.)"""
    if "::" not in text and "##[" not in text:
        return text
    return _COMMAND_START.sub(r"\1\\::", text).replace("##[", "##\\[")


def readable(text: str) -> str:
    """A message for the terminal or a CI log: no bidi controls, no workflow command. Every
    message cspplan prints with click (`say`, `detail`, errors) goes through this."""
    return for_logs(without_controls(text))


class Readable:
    """A text stream for rich: drops bidi controls and defuses workflow commands
    (`for_logs`) in everything written to it. rich writes plan text as it is, so this is
    the one place the terminal's text is made safe to read. Everything else (is it a
    terminal, its encoding) is the stream's own."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._line_start = True

    def write(self, text: str) -> int:
        if not text:
            return 0
        shown = for_logs(("\n" if self._line_start else "x") + without_controls(text))[1:]
        self._line_start = text.endswith(("\n", "\r"))
        self._stream.write(shown)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def make_console(*, stderr: bool = False, tables: bool = False) -> Console:
    from rich.console import Console

    options = {
        "highlight": False,
        "soft_wrap": not tables,
        "no_color": bool(os.environ.get("NO_COLOR")) or None,  # set and not empty
        "stderr": stderr,
        "file": Readable(sys.stderr if stderr else sys.stdout),
    }
    console = Console(**options)
    if tables and not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(width=PIPED_TABLE_WIDTH, **options)
    return console


def plain_text(write: Callable[[Console], None], *, width: int = PIPED_TABLE_WIDTH) -> str:
    """What `write` prints, without colour, as a string (for -o FILE)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    write(
        Console(
            file=Readable(buffer), width=width, no_color=True, color_system=None, highlight=False
        )
    )
    return buffer.getvalue()
