"""One way to make a rich console: NO_COLOR honoured, no guessing at highlights, and plan
text shown in the order it was typed (no bidi controls, `cspplan.bidi`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from cspplan.bidi import without_controls

if TYPE_CHECKING:
    from rich.console import Console

PIPED_TABLE_WIDTH = 160
"""Tables written to a file or pipe: rich would assume 80 columns and squeeze the reasons."""


class Readable:
    """A text stream that drops bidi controls from everything written to it: rich writes
    plan text as it is, so this is the one place the terminal's text is made safe to read.
    Everything else (is it a terminal, its encoding) is the stream's own."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(without_controls(text))

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
