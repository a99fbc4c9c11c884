"""Options several commands share, spelled once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click


def format_option(choices: Sequence[str], help_text: str) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help_text,
    )
