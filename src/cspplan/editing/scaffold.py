"""`cspplan init`: a new plans repository that validates cleanly as created.

The files come from `templates/repository/`; text the user typed (the partnership's
name) is written into YAML as quoted strings, so no name can break a file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cspplan.exceptions import UsageError
from cspplan.model.periods import Period, coerce_period

EXAMPLE_INDICATOR = "all-recorded-crime-rate"
FIRST_THEME = "first-priority"


@dataclass(frozen=True)
class Scaffold:
    name: str
    slug: str
    area: str
    year: Period
    install: str | None  # what CI pip-installs; None when it cannot be known
    install_reason: str = ""  # why not, in words


def slug_for(name: str) -> str:
    """'Safer Testshire Partnership' → 'safer-testshire-partnership' (a folder and id)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80].strip("-")
    if not slug:
        raise UsageError(f"cannot make a folder name from {name!r}; give one with --id")
    return slug


def current_financial_year(today: date | None = None) -> Period:
    return coerce_period(today or date.today()).financial_year


def status_word_examples() -> str:
    """The shipped sets of status words (`templates/status-words/`) as commented-out
    `status_rules` blocks, each under the first line of its file's comment, so a new
    partnership.yaml shows what it can copy."""
    from cspplan.model.status_words import example_files

    blocks = []
    for text in example_files().values():
        lines = text.splitlines()
        notes = [line.removeprefix("#").strip() for line in lines if line.startswith("#")]
        words = [line for line in lines if line.strip() and not line.startswith("#")]
        block = [*notes[:1], "status_rules:", "  labels:", *(f"    {line}" for line in words)]
        blocks.append("\n".join(f"# {line}".rstrip() for line in block))
    return "\n#\n".join(blocks)


def files(scaffold: Scaffold) -> dict[Path, str]:
    """Relative path → text of every file in the new repository."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from cspplan.editing.rollover import year_folder_name
    from cspplan.model.schemas import build_schemas
    from cspplan.shipped import templates_dir

    environment = Environment(
        loader=FileSystemLoader(templates_dir() / "repository"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    folder = year_folder_name(scaffold.year)
    values = {
        "name": scaffold.name,
        "slug": scaffold.slug,
        "area": scaffold.area,
        "year": str(scaffold.year),
        "first_year": scaffold.year.year,
        "folder": folder,
        "indicator": EXAMPLE_INDICATOR,
        "theme": FIRST_THEME,
        "install": scaffold.install,
        "install_reason": scaffold.install_reason,
        "status_words": status_word_examples(),
    }
    plans = Path("plans") / scaffold.slug
    layout = {
        "README.md": Path("README.md"),
        "cspplan.toml": Path("cspplan.toml"),
        "gitignore": Path(".gitignore"),
        "pre-commit-config.yaml": Path(".pre-commit-config.yaml"),
        "workflow.yml": Path(".github/workflows/plans.yml"),
        "site-workflow.yml": Path(".github/workflows/site.yml"),
        "partnership.yaml": plans / "partnership.yaml",
        "indicator.yaml": plans / "indicators" / f"{EXAMPLE_INDICATOR}.yaml",
        "plan.yaml": plans / folder / "plan.yaml",
        "theme.yaml": plans / folder / "themes" / f"{FIRST_THEME}.yaml",
    }
    made = {
        target: environment.get_template(f"{source}.j2").render(values)
        for source, target in layout.items()
    }
    for name, text in build_schemas().items():
        made[Path("schemas") / name] = text
    return made
