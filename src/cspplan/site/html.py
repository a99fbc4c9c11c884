"""The site's templates (`templates/site/*.html.j2`), run in Jinja's sandbox with every
value escaped for HTML, and strict: a misspelt name is an error naming file and line."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from cspplan.bidi import without_controls
from cspplan.rendering.templates import SHIPPED, _rendering

if TYPE_CHECKING:
    from jinja2 import Environment

FOLDER = "site"


@cache
def environment() -> Environment:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader(str(SHIPPED / FOLDER)),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_readable,
    )


def _readable(value: Any) -> Any:
    """Every value a page shows, before it is escaped: without bidi controls (`cspplan.bidi`),
    so that no title on the site reads backwards."""
    from markupsafe import Markup

    if not isinstance(value, str):
        return value
    shown = without_controls(value)
    return Markup(shown) if isinstance(value, Markup) else shown


def render(name: str, context: dict[str, Any]) -> str:
    """A page's HTML, or a TemplateError naming the template's file and line."""
    return _rendering(name, lambda: environment().get_template(name).render(**context))
