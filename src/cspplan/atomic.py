"""Atomic file writes: a temporary file in the same folder, then a rename.

A failed or interrupted write leaves any earlier file untouched, never half written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    write_all({path: data})


def write_all(files: dict[Path, str | bytes]) -> None:
    """Write several files as nearly all-or-nothing as a file system allows: every file is
    written and flushed to a temporary beside its target first, and only when all of them
    are ready are they renamed into place, in order (so a document's charts before the
    document). A failure while writing leaves every earlier file untouched."""
    staged: list[tuple[str, Path]] = []
    path = next(iter(files), Path())
    try:
        for path, data in files.items():
            payload = data.encode("utf-8") if isinstance(data, str) else data
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            else:
                os.chmod(temporary, 0o666 & ~_umask())
        while staged:
            temporary, path = staged[0]
            os.replace(temporary, path)
            staged.pop(0)
    except BaseException as error:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        if isinstance(error, OSError):  # name the file asked for, not its temporary
            raise OSError(error.errno, error.strerror, str(path)) from error
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
    write_outputs({path: data})


def check_output(path: Path) -> None:
    """Refuse an output file that cannot be made where it is named: a folder, or a file in
    a folder that does not exist (named, since the folder is the mistake). Nothing is
    created: a mistyped folder is better said than made."""
    from cspplan.exceptions import OutputError

    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    folder = path.parent
    if not folder.exists():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is a file, not a folder")


def write_outputs(files: dict[Path, str | bytes]) -> None:
    """`write_all` for files a user asked for: a failure is a message, not a traceback, and
    leaves nothing half written."""
    from cspplan.exceptions import OutputError

    for path in files:
        check_output(path)
    try:
        write_all(files)
    except OSError as error:
        where = error.filename or next(iter(files))
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from None
