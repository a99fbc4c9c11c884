"""One way to make a rich console: NO_COLOR honoured, no guessing at highlights."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

PIPED_TABLE_WIDTH = 160
"""Tables written to a file or pipe: rich would assume 80 columns and squeeze the reasons."""


def make_console(*, stderr: bool = False, tables: bool = False) -> Console:
    from rich.console import Console

    options = {
        "highlight": False,
        "soft_wrap": not tables,
        "no_color": bool(os.environ.get("NO_COLOR")) or None,  # set and not empty
        "stderr": stderr,
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
    write(Console(file=buffer, width=width, no_color=True, color_system=None, highlight=False))
    return buffer.getvalue()
