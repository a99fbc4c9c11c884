"""Git plumbing, for any command that reads plans at a revision or asks what changed.

Every call runs `git -C REPO ...` and reads its output; nothing is checked out and the
index is never written. A missing git, an unknown revision or a path outside the
repository is a usage error that says what to do (a shallow clone is told how to fetch).
`diff --rev` reads plans at revisions through `export`; `validate --changed-since` asks
`changed_files`.
"""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from cspplan.exceptions import UsageError

MISSING = (
    "git was not found on PATH; reading plans at a revision "
    "(diff --rev, validate --changed-since) needs it"
)
"""Said whichever command needed git."""


def run(repo: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`git -C repo ARGUMENTS`, its output captured as text; a failure is the caller's to
    judge (its return code), but a missing git is a usage error."""
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(MISSING) from None


def repository_root(path: Path, *, otherwise: str) -> Path:
    """The top folder of the git repository holding `path`; `otherwise` ends the message
    when there is none."""
    folder = path if path.is_dir() else path.parent
    if not folder.exists():
        raise UsageError(f"{path}: no such file or folder")
    found = run(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise UsageError(f"{path} is not in a git repository, {otherwise}")
    return Path(found.stdout.strip()).resolve()


def inside(repo: Path, paths: list[Path]) -> list[PurePosixPath]:
    """`paths` relative to the repository, or a usage error for one outside it."""
    relative = []
    for path in paths:
        try:
            relative.append(PurePosixPath(path.resolve().relative_to(repo).as_posix()))
        except ValueError:
            raise UsageError(f"{path} is outside the git repository {repo}") from None
    return relative


def changed_files(repo: Path, commit: str, within: list[PurePosixPath]) -> list[Path]:
    """Files under `within` that differ between `commit` and the working tree (staged or
    not, deleted ones included) or that git does not track yet."""
    specs = [folder.as_posix() for folder in within if str(folder) != "."]
    listings = (
        ("diff", "--name-only", "-z", "--no-renames", commit, "--", *specs),
        ("ls-files", "--others", "--exclude-standard", "-z", "--", *specs),
    )
    found: dict[Path, None] = {}
    for arguments in listings:
        result = run(repo, *arguments)
        if result.returncode != 0:
            raise UsageError(f"git {arguments[0]} failed: {result.stderr.strip()}")
        found.update(dict.fromkeys(repo / name for name in result.stdout.split("\0") if name))
    return list(found)


def commit_of(repo: Path, revision: str) -> str:
    """The commit a revision names, or a clear error (with advice for shallow clones)."""
    if revision.startswith("-"):
        raise UsageError(f"unknown revision {revision!r}: a revision cannot start with '-'")
    found = run(
        repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if found.returncode == 0:
        return found.stdout.strip()
    shallow = run(repo, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    advice = (
        "this is a shallow clone, so older commits and other branches may be missing; "
        f"fetch it first: {fetch_command(repo, revision)}"
        if shallow
        else "check the name with git branch -a or git log --oneline"
    )
    raise UsageError(f"unknown revision {revision!r} in {repo}: {advice}")


def fetch_command(repo: Path, revision: str) -> str:
    """The git command that brings `revision` into a shallow clone.

    A remote's branch ('origin/main') is fetched into that very name: a plain
    `git fetch origin main` fills only FETCH_HEAD in a single-branch clone, so the name
    would still be unknown. Anything else (HEAD~3, a commit) is older history of what is
    here, which only a deeper fetch brings; it is not something a fetch can name."""
    remotes = run(repo, "remote").stdout.split()
    remote, _, branch = revision.partition("/")
    valid = run(repo, "check-ref-format", f"refs/heads/{branch}").returncode == 0
    if remote in remotes and branch and valid:
        return f"git fetch --depth=50 {remote} {branch}:refs/remotes/{remote}/{branch}"
    return "git fetch --unshallow"


def merge_base(repo: Path, a: str, b: str) -> str:
    """The commit where `a` and `b` branched apart."""
    found = run(repo, "merge-base", a, b)
    if found.returncode != 0:
        raise UsageError(
            f"{a} and {b} have no common ancestor here (in a shallow clone, fetch the "
            "history first: git fetch --unshallow)"
        )
    return found.stdout.strip()


def exists(repo: Path, commit: str, relative: PurePosixPath) -> bool:
    """Whether the file or folder (relative to the repository) was there at `commit`."""
    if str(relative) == ".":
        return True
    return run(repo, "cat-file", "-e", f"{commit}:{relative.as_posix()}").returncode == 0


def export(repo: Path, commit: str, folders: list[PurePosixPath], into: Path) -> list[Path]:
    """Write `folders` (relative to the repository) as at `commit` under `into`; returns the
    exported folders, skipping any that did not exist then (the plans were added later).

    A commit can hold what no checkout would make (an absolute link, `..` in a path, a
    device file): tarfile's "data" filter refuses each before anything is written outside
    `into`, and the plans read from `into` then meet every check the working tree's do."""
    present = [folder for folder in folders if exists(repo, commit, folder)]
    if not present:
        return []
    pathspecs = [folder.as_posix() for folder in present if str(folder) != "."]
    command = ["git", "-C", str(repo), "archive", "--format=tar", commit, "--", *pathspecs]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        try:
            with tarfile.open(fileobj=process.stdout, mode="r|") as archive:
                archive.extractall(into, filter="data")
        except tarfile.FilterError as error:  # a link or path leading out, a device file
            process.kill()
            raise UsageError(
                f"refused {commit[:12]} from git: {error}; a revision's files are held to "
                "the working tree's rule (F017): nothing may lead outside the plans"
            ) from None
        except (tarfile.TarError, OSError) as error:
            process.kill()
            said = process.stderr.read().decode("utf-8", "replace").strip()  # 'invalid path'
            raise UsageError(f"could not read {commit[:12]} from git: {said or error}") from None
        problem = process.stderr.read().decode("utf-8", "replace").strip()
    if process.returncode != 0:
        raise UsageError(f"git archive failed for {commit[:12]}: {problem}")
    return [into / folder for folder in present]


def init_repository(directory: Path) -> str:
    """Make `directory` a git repository on branch main, unless it is already inside one.

    Returns what happened, for the caller to say: "created", "inside" (already in a
    repository, left alone) or "no-git" (git is not installed).
    """
    import shutil

    if shutil.which("git") is None:
        return "no-git"
    if run(directory, "rev-parse", "--is-inside-work-tree").returncode == 0:
        return "inside"
    run(directory, "init", "-q")
    run(directory, "symbolic-ref", "HEAD", "refs/heads/main")
    return "created"
