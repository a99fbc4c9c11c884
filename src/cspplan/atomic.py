"""Atomic file writes: a temporary file in the same folder, then a rename.

A failed or interrupted write leaves any earlier file untouched, never half written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_folder(folder: Path, files: dict[Path, str]) -> None:
    """Create `folder` (missing or empty) holding `files` (relative path → text), whole or not
    at all: written into a hidden sibling first, then renamed into place."""
    import shutil

    from cspplan.exceptions import OutputError

    parent = folder.absolute().parent
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=parent))
    except OSError as error:
        raise OutputError(f"cannot write in {parent}: {error.strerror or error}") from None
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        os.chmod(staging, 0o777 & ~_umask())
        os.replace(staging, folder)  # onto a missing or empty folder only
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"cannot create {folder}: {error.strerror or error}") from None


def write_output(path: Path, data: str | bytes) -> None:
    """`write_atomic` for files a user named: a failure is a message, not a traceback."""
    from cspplan.exceptions import OutputError

    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    try:
        write_atomic(path, data)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
