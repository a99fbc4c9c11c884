"""Where the running cspplan was installed from, as a line CI can `pip install`.

pip records an install that did not come from an index in the distribution's standard
`direct_url.json` (PEP 610): a VCS URL and commit, a local or remote archive, or a local
folder (editable or not). No such file means an index install of a released version.
A git URL gives `cspplan @ git+URL@commit`, which a CI runner can install; a local folder
or a local wheel cannot be reached from CI, so `cspplan init` says so instead of writing
an install line that would fail.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "cspplan"


@dataclass(frozen=True)
class InstallSource:
    """`requirement` is what CI should install, or None when it cannot be known; then
    `reason` says why, in words for the person running `cspplan init`."""

    requirement: str | None
    reason: str = ""


def _read_installed() -> tuple[str, str | None] | None:
    """The installed cspplan's version and its direct_url.json text (None: no such file);
    None if cspplan is not installed (run from a source folder on the path)."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    return distribution.version, distribution.read_text("direct_url.json")


def running_install(
    read: Callable[[], tuple[str, str | None] | None] = _read_installed,
) -> InstallSource:
    """The requirement that reproduces the running install on CI, if there is one."""
    installed = read()
    if installed is None:
        return InstallSource(None, "cspplan is running from a source folder, not from an install")
    version, text = installed
    if text is None:
        return InstallSource(f"{DISTRIBUTION}=={version}")
    try:
        record = json.loads(text)
        url = record["url"]
    except (ValueError, KeyError, TypeError):
        return InstallSource(None, "its install record (direct_url.json) cannot be read")
    local = url.startswith("file:")
    if "vcs_info" in record:
        vcs = record["vcs_info"]
        if local:
            return InstallSource(
                None, f"cspplan was installed from a local clone ({url}), which CI cannot reach"
            )
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        requirement = f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}"
        if revision:
            requirement += f"@{revision}"
        if record.get("subdirectory"):
            requirement += f"#subdirectory={record['subdirectory']}"
        return InstallSource(requirement)
    if "archive_info" in record:
        if local:
            return InstallSource(
                None, f"cspplan was installed from a local file ({url}), which CI cannot reach"
            )
        return InstallSource(f"{DISTRIBUTION} @ {url}")
    if "dir_info" in record:
        kind = "editable install" if record["dir_info"].get("editable") else "install"
        return InstallSource(
            None, f"cspplan is an {kind} from a local folder ({url}), which CI cannot reach"
        )
    return InstallSource(None, f"its install record names {url} in a form cspplan does not know")
