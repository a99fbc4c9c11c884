"""Atomic file writes: a temporary file in the same folder, then a rename.

A failed or interrupted write leaves any earlier file untouched, never half written.

Faults while writing are handled here, once, for every command that writes:

- a temporary's name carries the process id and host that made it
  (`.NAME.<pid>-<host>-<random>.tmp`), so when a write is killed (`kill -9`, a power cut)
  before its rename, the next cspplan that writes in that folder sees that the process is
  gone and removes what it left (`sweep`); a live writer's temporaries are never touched;
- an edit says what it read (`expected`): just before its rename the file must still hold
  exactly that, or nothing is written (`ChangedOnDisk`): another program's change is never
  overwritten;
- edits of one partnership by two cspplan commands at once take turns (`editing`): an
  exclusive lock on the partnership folder, held from reading the files to renaming the
  new ones, so neither update is lost. The lock is the kernel's (flock), so a killed
  command leaves no lock file behind;
- a full disk, a read-only file system, folder or file is a message naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from cspplan.exceptions import OutputError

LOCK_PATIENCE = 120.0
"""Seconds to wait for another cspplan editing the same partnership before giving up."""


class ChangedOnDisk(OutputError):
    """A file changed between cspplan reading it and writing it: nothing was written."""


def write_atomic(path: Path, data: str | bytes) -> None:
    write_all({path: data})


def write_all(
    files: dict[Path, str | bytes], expected: dict[Path, str | None] | None = None
) -> None:
    """Write several files as nearly all-or-nothing as a file system allows: every file is
    written and flushed to a temporary beside its target first, and only when all of them
    are ready are they renamed into place, in order (so a document's charts before the
    document). A failure while writing leaves every earlier file untouched.

    `expected`: for files that are edits, the text each held when it was read (None: it
    did not exist). Checked under the edit lock just before the renames; if any differs,
    nothing is renamed and `ChangedOnDisk` names it."""
    expected = expected or {}
    staged: list[tuple[str, Path]] = []
    path = next(iter(files), Path())
    try:
        for folder in dict.fromkeys(target.parent for target in files):
            sweep(folder)
        for path, data in files.items():
            refuse_read_only(path)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            handle, temporary = tempfile.mkstemp(
                prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent
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
        edits = [target for target in files if target in expected]
        with editing(edits):
            for target in edits:
                if not _holds(target, expected[target]):
                    raise ChangedOnDisk(
                        f"{target} changed on disk after cspplan read it (another program or "
                        "person saved it); nothing was written, so that change is kept: "
                        "run the command again"
                    )
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


def _holds(path: Path, text: str | None) -> bool:
    """The file holds exactly `text` (None: there is no file)."""
    try:
        found = path.read_bytes()
    except FileNotFoundError:
        return text is None
    return text is not None and found == text.encode("utf-8")


def refuse_read_only(path: Path) -> None:
    """A file its owner made read-only is not replaced (a rename would ignore its mode).
    Root may write anything, as its editors do."""
    if path.exists() and not path.is_dir() and not os.access(path, os.W_OK):
        try:
            mounted_read_only = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
        except (OSError, AttributeError):
            mounted_read_only = False
        if mounted_read_only:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        raise OSError(errno.EACCES, "it is read-only", str(path))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# -- temporaries a killed write left --------------------------------------------------------------

_HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:24] or "host"
_LEFT = re.compile(r"\..+\.(?P<pid>\d+)-(?P<host>[A-Za-z0-9]+)-[^.]+\.tmp")


def temporary_prefix(name: str) -> str:
    """`.NAME.<pid>-<host>-` : hidden, and saying which process may still need it."""
    return f".{name}.{os.getpid()}-{_HOST}-"


def staging_folder(folder: Path) -> Path:
    """A new hidden folder beside `folder` to build it in (named as temporaries are)."""
    parent = folder.absolute().parent
    sweep(parent)
    return Path(tempfile.mkdtemp(prefix=temporary_prefix(folder.name), suffix=".tmp", dir=parent))


def sweep(folder: Path) -> list[Path]:
    """Remove the temporaries (files or staging folders) that cspplan processes of this
    host left in `folder` when they were killed. Best effort: a folder that cannot be
    listed or changed is left as it is. Returns what was removed."""
    import shutil

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _LEFT.fullmatch(entry.name)
        if match is None or match["host"] != _HOST or _alive(int(match["pid"])):
            continue
        left = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(left)
            else:
                left.unlink()
        except OSError:
            continue
        removed.append(left)
    return removed


def _alive(pid: int) -> bool:
    """The process is running (a zombie, killed but not yet reaped, is not)."""
    if pid == os.getpid() or os.name != "posix":  # Windows' os.kill(pid, 0) would stop it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's: leave it
    with contextlib.suppress(OSError, IndexError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    return True


# -- edits by two commands at once ---------------------------------------------------------------

_HELD: dict[str, tuple[int, int]] = {}
"""Lock folder (resolved) -> (its descriptor, how many holders in this process)."""


def lock_folder(path: Path) -> Path:
    """The folder whose lock covers editing `path`: its partnership folder, or else the
    folder it is in (the nearest that exists)."""
    from cspplan.loading.discovery import partnership_above

    found = partnership_above(path)
    if found is not None:
        return found
    folder = path.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


@contextlib.contextmanager
def editing(paths: Iterable[Path]) -> Iterator[None]:
    """Hold the edit lock of every file in `paths` (each one's `lock_folder`) for the
    block. Re-entrant within a process; another cspplan waits its turn, saying so. Where
    the file system has no locks (some network drives) the block runs unlocked, and the
    check before renaming (`expected`) still refuses to overwrite a change."""
    folders = sorted({str(lock_folder(path).resolve()) for path in paths})
    taken: list[str] = []
    try:
        for folder in folders:
            _acquire(folder)
            taken.append(folder)
        yield
    finally:
        for folder in reversed(taken):
            _release(folder)


def _acquire(folder: str) -> None:
    if folder in _HELD:
        descriptor, count = _HELD[folder]
        _HELD[folder] = (descriptor, count + 1)
        return
    try:
        import fcntl
    except ImportError:  # Windows: no flock; the check before renaming still holds
        _HELD[folder] = (-1, 1)
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        _HELD[folder] = (-1, 1)
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(
            f"cspplan: waiting for another cspplan command that is editing {folder} ...",
            file=sys.stderr,
            flush=True,
        )
        if not _wait_for(descriptor, fcntl):
            os.close(descriptor)
            raise OutputError(
                f"another cspplan command has been editing {folder} for "
                f"{LOCK_PATIENCE:.0f} seconds; nothing was written: try again when it has "
                "finished"
            ) from None
    except OSError:  # no locks on this file system
        pass
    _HELD[folder] = (descriptor, 1)


def _wait_for(descriptor: int, fcntl: object) -> bool:
    deadline = time.monotonic() + LOCK_PATIENCE
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[attr-defined]
        except BlockingIOError:
            continue
        return True
    return False


def _release(folder: str) -> None:
    descriptor, count = _HELD[folder]
    if count > 1:
        _HELD[folder] = (descriptor, count - 1)
        return
    del _HELD[folder]
    if descriptor >= 0:
        os.close(descriptor)  # closing the only descriptor releases the flock


# -- folders made whole ------------------------------------------------------------------------


def write_folder(folder: Path, files: dict[Path, str]) -> None:
    """Create `folder` (missing or empty) holding `files` (relative path → text), whole or not
    at all: written into a hidden sibling first, then renamed into place."""
    import shutil

    parent = folder.absolute().parent
    try:
        staging = staging_folder(folder)
    except OSError as error:
        raise OutputError(f"cannot write in {parent}: {error.strerror or error}") from None
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(staging, 0o777 & ~_umask())
        os.replace(staging, folder)  # onto a missing or empty folder only
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"cannot create {folder}: {error.strerror or error}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_output(path: Path, data: str | bytes) -> None:
    """`write_atomic` for files a user named: a failure is a message, not a traceback."""
    write_outputs({path: data})


def write_edit(path: Path, before: str | None, after: str) -> None:
    """Replace a plan file cspplan edited, only if it still holds `before` (the text as
    read; None: it did not exist), else `ChangedOnDisk`; a failure is a message."""
    write_outputs({path: after}, {path: before})


def check_output(path: Path) -> None:
    """Refuse an output file that cannot be made where it is named: a folder, or a file in
    a folder that does not exist (named, since the folder is the mistake). Nothing is
    created: a mistyped folder is better said than made."""
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    folder = path.parent
    if not folder.exists():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is a file, not a folder")


def write_outputs(
    files: dict[Path, str | bytes], expected: dict[Path, str | None] | None = None
) -> None:
    """`write_all` for files a user asked for: a failure is a message, not a traceback, and
    leaves nothing half written."""
    for path in files:
        check_output(path)
    try:
        write_all(files, expected)
    except OSError as error:
        where = error.filename or next(iter(files))
        raise OutputError(f"cannot write {where}: {error.strerror or error}") from None


def write_outputs_with_folders(files: dict[Path, str | bytes]) -> None:
    """`write_outputs` where some files go in folders that do not exist yet (a Markdown
    document's chart folder): each such folder is filled under a hidden name and renamed
    into place before the other files are, so neither a failure nor a kill leaves an
    empty or part-filled folder (only a hidden one, which the next write here sweeps)."""
    import shutil

    missing = list(dict.fromkeys(path.parent for path in files if not path.parent.exists()))
    staged: dict[Path, Path] = {}
    placed: list[Path] = []
    try:
        for folder in missing:
            if not folder.parent.is_dir():
                raise OutputError(f"cannot write {folder}: {folder.parent} does not exist")
            try:
                staged[folder] = staging_folder(folder)
            except OSError as error:
                raise OutputError(f"cannot write {folder}: {error.strerror or error}") from None
        write_outputs(
            {
                staged[path.parent] / path.name: data
                for path, data in files.items()
                if path.parent in staged
            }
        )
        for folder, staging in staged.items():
            try:
                os.chmod(staging, 0o777 & ~_umask())
                os.replace(staging, folder)
            except OSError as error:
                raise OutputError(f"cannot write {folder}: {error.strerror or error}") from None
            placed.append(folder)
        write_outputs({path: data for path, data in files.items() if path.parent not in staged})
    except BaseException:
        for folder in [*staged.values(), *placed]:
            shutil.rmtree(folder, ignore_errors=True)
        raise
