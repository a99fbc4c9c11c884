"""Jinja templates, shipped or the user's own, run in Jinja's sandbox.

Every template error is reported with the template's file and line: a syntax error, an
undefined variable (templates are strict, so a typo is an error, not a blank), an
attempt to reach Python internals, or a template that is not there.

A templates folder may come from a pull request, and a render's output may be published,
so templates are read only from inside their folder: Jinja itself refuses `..` in an
`{% include %}`, `{% extends %}` or `{% import %}`, and a link (or a linked folder) that
leads out of the folder is refused here before the file is opened.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from cspplan import markdown
from cspplan.exceptions import TemplateError
from cspplan.paths import leads_outside
from cspplan.shipped import templates_dir

SHIPPED = templates_dir()
"""The templates that come with cspplan (see `cspplan.shipped`)."""


class LinkOutside(TemplateError):
    """A template is a link leading out of its folder (raised by the loader, so that an
    include's error can be given the including template's line)."""


def _confined_loader(folder: Path) -> Any:
    """A loader for `folder` that refuses a template whose real file is outside it (a
    symbolic link to /etc/passwd, or to a CI runner's secrets, would otherwise be read and
    printed into the document). The check comes before the file is opened, and raises
    cspplan's TemplateError rather than TemplateNotFound, so that Jinja's ChoiceLoader does
    not quietly fall back to the shipped template of the same name."""
    from jinja2 import FileSystemLoader
    from jinja2.loaders import split_template_path

    class ConfinedLoader(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            candidate = folder.joinpath(*split_template_path(template))
            real = leads_outside(candidate, folder) if candidate.is_file() else None
            if real is not None:
                raise LinkOutside(
                    f"{candidate}: leads to {real}, outside the templates folder {folder}; "
                    "templates are read only from inside it"
                )
            return super().get_source(environment, template)

    return ConfinedLoader(str(folder))


def _environment(folder: Path):
    from jinja2 import ChoiceLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [_confined_loader(folder)]
    if folder.resolve() != SHIPPED.resolve():
        loaders.append(_confined_loader(SHIPPED))  # the user's copy may include ours
    environment = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown, escaped field by field with the `md` filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(md=markdown.text, lines=markdown.lines, anchor=markdown.anchor)
    return environment


def _where(error: BaseException, name: str) -> str:
    """file:line of the innermost template frame in a rendering error."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".j2", ".md", ".jinja")):
            return f"{frame.filename}:{frame.lineno}"
    return name


def _template(name: str, folder: Path | None):
    """The compiled template, or a TemplateError naming the file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    folder = folder or SHIPPED
    if not folder.is_dir():
        raise TemplateError(f"{folder}: no such templates folder")
    environment = _environment(folder)
    try:
        return environment.get_template(name)
    except TemplateNotFound as error:
        if error.name != name:  # the template extends, includes or imports a missing one
            raise TemplateError(f"{folder / name}: {_not_found(error.name)}") from None
        raise TemplateError(f"{folder / name}: template not found") from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"{error.filename or name}:{error.lineno}: template syntax error: {error.message}"
        ) from None


def _not_found(wanted: object) -> str:
    """Why an included, extended or imported template was not found, in words."""
    text = str(wanted)
    if text.startswith("/") or ".." in text.split("/") or "\\" in text:
        return (
            f"template {text!r} is outside the templates folder; templates name others "
            "relative to the folder, without '..'"
        )
    return f"template {text!r} not found in the templates folder (nor among cspplan's)"


def render(name: str, context: dict[str, Any], folder: Path | None = None) -> str:
    return _rendering(name, lambda: _template(name, folder).render(**context))


def macros(name: str, context: dict[str, Any] | None = None) -> Any:
    """A shipped template's macros, to call from Python: for output that is measured as it is
    written (a comment kept under GitHub's size limit, entry by entry)."""
    return _rendering(name, lambda: _template(name, None).make_module(vars=context or {}))


def _rendering(name: str, run: Any) -> Any:
    """Run `run`, turning what a template can do wrong into a TemplateError with file:line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    try:
        return run()
    except LinkOutside as error:  # the template itself, or an include, extends or import
        where = _where(error, name)
        raise TemplateError(f"{where}: {error}" if where != name else str(error)) from None
    except TemplateNotFound as error:  # an include, extends or import (an OSError too)
        raise TemplateError(f"{_where(error, name)}: {_not_found(error.name)}") from None
    except SecurityError as error:
        raise TemplateError(f"{_where(error, name)}: refused by the sandbox: {error}") from None
    except UndefinedError as error:
        raise TemplateError(f"{_where(error, name)}: undefined in the template: {error}") from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            f"{error.filename or name}:{error.lineno}: template syntax error: {error.message}"
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as error:
        raise TemplateError(
            f"{_where(error, name)}: the template failed: {type(error).__name__}: {error}"
        ) from None
