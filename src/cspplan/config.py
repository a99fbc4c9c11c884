"""Repository settings: `cspplan.toml`, found in the working folder or above it.

    [validate]
    disable = ["C001", "unlisted-theme-file"]   # codes or names

    [validate.severity]
    C009 = "error"                               # make a warning fail the check

Only reference (R) and semantic (C) checks can be switched off or re-graded; file and
schema problems (F, S) always count, because without them there is no plan to check.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from cspplan.catalogue import lookup
from cspplan.exceptions import ConfigError
from cspplan.issues import IssueType, Severity

CONFIG_FILE = "cspplan.toml"


@dataclass
class Config:
    path: Path | None = None
    disabled: set[str] = field(default_factory=set)
    """Codes switched off."""
    severity: dict[str, Severity] = field(default_factory=dict)


def find_config(start: Path) -> Path | None:
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in [folder, *folder.parents]:
        path = candidate / CONFIG_FILE
        if path.is_file():
            return path
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Read the config at `path`, or the nearest one above `start` (default: working folder)."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    return parse_config(data, path)


def parse_config(data: dict, path: Path | None = None) -> Config:
    where = str(path) if path else CONFIG_FILE
    unknown = set(data) - {"validate"}
    if unknown:
        raise ConfigError(
            f"{where}: unknown section(s) {', '.join(sorted(unknown))}; expected [validate]"
        )
    section = data.get("validate", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: [validate] must be a table")
    unknown = set(section) - {"disable", "severity"}
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting(s) {', '.join(sorted(unknown))} in [validate]; expected disable, severity"
        )
    config = Config(path=path)
    disable = section.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(item, str) for item in disable):
        raise ConfigError(f'{where}: validate.disable must be a list of codes, e.g. ["C001"]')
    config.disabled = {resolve_code(item, where).code for item in disable}
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(
            f'{where}: [validate.severity] must be a table of code = "error" or "warning"'
        )
    for key, value in severity.items():
        issue_type = resolve_code(key, where)
        if value not in ("error", "warning"):
            raise ConfigError(
                f'{where}: severity of {key} must be "error" or "warning", not {value!r}'
            )
        config.severity[issue_type.code] = Severity(value)
    return config


def resolve_code(text: str, where: str = "") -> IssueType:
    """An issue type by code (C001) or name (due-after-plan-year); only configurable ones."""
    prefix = f"{where}: " if where else ""
    issue_type = lookup(text)
    if issue_type is None:
        raise ConfigError(f"{prefix}unknown check '{text}'; `cspplan rules` lists them")
    if not issue_type.configurable:
        raise ConfigError(
            f"{prefix}{issue_type.code} ({issue_type.name}) cannot be switched off or re-graded: "
            "file and schema problems always count"
        )
    return issue_type
