"""Issue 22, paths: hostile names, templates, Word templates and git revisions, through the
real command line.

Every case: a message naming the file (and line where there is one); exit 1 (the plans have
a problem) or 2 (a path, template or revision cannot be used); no traceback; no output
file; the inputs byte for byte as they were; and nothing read from outside the folder it
was found in ever reaches the output (the files outside hold SECRET)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest
from tests.conftest import SHIPPED, run
from tests.conftest import run_git as _git

SECRET = "SECRET-OUTSIDE-THE-PLANS"


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _render_with(templates: Path, plans: Path, tmp_path: Path):
    """`cspplan render` of Safer Cornwall with `--templates`, into an empty folder `out`."""
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        "render", str(plans / "safer-cornwall"), "--templates", str(templates),
        "-o", str(out / "plan.md"), cwd=tmp_path,
    )  # fmt: skip
    return out, result


def _clean(result: subprocess.CompletedProcess) -> str:
    both = result.stdout + result.stderr
    assert "Traceback" not in both and "internal error" not in both, both
    assert SECRET not in both, both
    return both


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n")
    return path


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A plans folder holding Safer Cornwall, beside (not inside) the secret."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copytree(SHIPPED / "safer-cornwall", folder / "safer-cornwall")
    return folder


# -- ids and names that become paths and addresses ---------------------------------------------

NAMES = [
    ("dots", "..", "character 1 is '.'"),
    ("double dot inside", "a..b", "character 2 is '.'"),
    ("newline", "drug\nx", "character 5 is '\\n' (U+000A)"),
    ("cyrillic e", "drug-r\u0435lated", "character 7 is U+0435 CYRILLIC SMALL LETTER IE"),
    ("full-width a", "drug-\uff41", "which may look like 'a'"),
    ("leading hyphen", "-drug", "starts with a letter or a digit"),
]


@pytest.mark.parametrize(("case", "stem", "hint"), NAMES, ids=[n[0] for n in NAMES])
def test_a_file_name_that_is_no_safe_id_is_refused_naming_the_character(
    plans, tmp_path, case, stem, hint
):
    indicators = plans / "safer-cornwall" / "indicators"
    shutil.copy(indicators / "drug-related-deaths.yaml", indicators / f"{stem}.yaml")
    before = _digest(plans)
    result = run("validate", str(plans), cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    both = _clean(result)
    errors = [line for line in result.stdout.splitlines() if " S008 error " in line]
    assert len(errors) == 1, both  # the id on one line: a newline in it is shown as \n
    hints = [line for line in both.splitlines() if line.startswith("    hint: character")]
    assert hints and hint in hints[0], both
    assert _digest(plans) == before


def test_a_year_folder_that_is_no_safe_address_stops_the_site_before_writing(plans, tmp_path):
    """Already safe: every folder and file name of the site is checked (site/build.py)."""
    csp = plans / "safer-cornwall"
    (csp / "2018-19").rename(csp / "2018-19 <b>#?x")
    out = tmp_path / "site"
    result = run("site", str(plans), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert "not a safe site path" in _clean(result)
    assert not out.exists()


@pytest.mark.parametrize("typed", ["../../secret", "/etc/passwd", "drug-r\u0435lated-deaths"])
def test_record_finds_indicators_by_id_only_never_by_a_path_built_from_it(plans, tmp_path, typed):
    """Already safe: record looks the id up among the partnership's indicator files."""
    before = _digest(plans)
    result = run("record", typed, "2019/20", "3", "--partnership", str(plans / "safer-cornwall"))
    assert result.returncode == 2
    assert f"no indicator '{typed}'" in _clean(result)
    assert _digest(plans) == before


@pytest.mark.parametrize(
    ("folder", "hint"),
    [
        ("2\u041e18-19", "character 2 is U+041E CYRILLIC CAPITAL LETTER O"),
        ("2018\n19", "character 5 is '\\n' (U+000A), which a file or folder name"),
    ],
    ids=["cyrillic O", "newline"],
)
def test_a_year_folder_that_only_looks_right_is_named_character_by_character(
    plans, tmp_path, folder, hint
):
    csp = plans / "safer-cornwall"
    (csp / "2018-19").rename(csp / folder)
    result = run("validate", str(plans), cwd=tmp_path)
    both = _clean(result)
    warning = [line for line in both.splitlines() if " C011 warning " in line]
    assert len(warning) == 1 and repr(folder) in warning[0], both  # on one line
    assert f"hint: {hint}" in both


def test_render_names_no_default_file_after_a_year_folder_with_a_line_break(plans, tmp_path):
    csp = plans / "safer-cornwall"
    (csp / "2018-19").rename(csp / "2018\n19")
    result = run("render", str(csp / "2018\n19"), cwd=tmp_path)
    assert result.returncode == 2
    assert "'2018\\n19' has a character that cannot be shown" in _clean(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]
    named = run("render", str(csp / "2018\n19"), "-o", str(tmp_path / "plan.md"), cwd=tmp_path)
    assert named.returncode == 0, named.stderr  # with -o it renders (C011 only warns)


def test_init_makes_a_folder_name_from_a_hostile_name_inside_the_new_folder(tmp_path):
    """Already safe: the folder name keeps only a-z, 0-9 and '-'; --id is held to that."""
    target = tmp_path / "new"
    result = run("init", str(target), "--partnership", "../../Evil\nname: x", "--no-git")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (target / "plans").iterdir()] == ["evil-name-x"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new"]
    refused = run("init", str(tmp_path / "other"), "--partnership", "A", "--id", "../x")
    assert refused.returncode == 2 and "--id '../x'" in _clean(refused)
    assert not (tmp_path / "other").exists() and not (tmp_path.parent / "x").exists()


def test_import_finds_indicators_by_id_only_never_by_a_path_built_from_a_cell(plans, tmp_path):
    """Already safe: each row's indicator is looked up among the partnership's files."""
    sheet = tmp_path / "figures.csv"
    sheet.write_text(
        "indicator,2019/20\n../../secret,3\n/etc/passwd,4\ndrug-r\u0435lated-deaths,5\n",
        encoding="utf-8",
    )
    before = _digest(plans)
    result = run("import", str(sheet), "--partnership", str(plans / "safer-cornwall"))
    assert result.returncode == 1
    both = _clean(result)
    assert "row 2: no indicator '../../secret'" in both
    assert "row 3: no indicator '/etc/passwd'" in both
    assert "did you mean drug-related-deaths?" in both and "nothing was written" in both
    assert _digest(plans) == before


# -- links in a plans folder -------------------------------------------------------------------


def test_a_plan_file_linked_to_a_file_outside_the_plans_is_refused_unread(plans, tmp_path, secret):
    link = plans / "safer-cornwall" / "indicators" / "leak.yaml"
    link.symlink_to(secret)
    before = _digest(plans)
    result = run("validate", str(plans), cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    _clean(result)
    refused = [line for line in result.stdout.splitlines() if " F017 error " in line]
    assert refused and refused[0].startswith("plans/safer-cornwall/indicators/leak.yaml:")
    assert str(secret) in refused[0]
    for arguments in (["status", str(plans)], ["render", str(plans / "safer-cornwall")]):
        stopped = run(*arguments, "-o", str(tmp_path / "out.md"), cwd=tmp_path)
        assert stopped.returncode in (1, 2) and "F017" in _clean(stopped)
        assert not (tmp_path / "out.md").exists()
    assert _digest(plans) == before


def test_a_linked_framework_file_leading_outside_is_refused_too(plans, tmp_path, secret):
    (plans / "frameworks").mkdir()
    (plans / "frameworks" / "leak.yaml").symlink_to(secret)
    result = run("validate", str(plans), cwd=tmp_path)
    assert result.returncode == 2
    assert "plans/frameworks/leak.yaml" in _clean(result) and "F017" in result.stdout


def test_a_link_that_stays_inside_the_plans_is_read_as_usual(plans, tmp_path):
    indicators = plans / "safer-cornwall" / "indicators"
    shared = plans / "shared"
    shared.mkdir()
    (indicators / "drug-related-deaths.yaml").rename(shared / "drug-related-deaths.yaml")
    (indicators / "drug-related-deaths.yaml").symlink_to(shared / "drug-related-deaths.yaml")
    result = run("validate", str(plans), "-q", cwd=tmp_path)
    assert "F017" not in result.stdout and result.returncode == 0, result.stdout


# -- --templates ---------------------------------------------------------------------------------

TEMPLATE_CASES = {
    "include ..": ('{% include "../secret.txt" %}\n', "plan.md.j2:1: template '../secret.txt'"),
    "extends ..": ('{% extends "../secret.txt" %}\n', "plan.md.j2:1: template '../secret.txt'"),
    "import ..": (
        '{% import "../../etc/passwd" as x %}\n',
        "plan.md.j2:1: template '../../etc/passwd' is outside",
    ),
    "absolute include": ('{% include "{secret}" %}\n', "is outside the templates folder"),
    "missing include": (
        '{% include "nothere.md.j2" %}\n',
        "plan.md.j2:1: template 'nothere.md.j2' not found",
    ),
}


@pytest.mark.parametrize("case", list(TEMPLATE_CASES))
def test_a_template_naming_a_file_outside_its_folder_is_refused_at_its_line(
    plans, tmp_path, secret, case
):
    text, expected = TEMPLATE_CASES[case]
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(text.replace("{secret}", str(secret)))
    out, result = _render_with(templates, plans, tmp_path)
    assert result.returncode == 2, result.stderr
    assert expected in _clean(result)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("how", ["included file", "the template itself", "a linked folder"])
def test_a_link_out_of_the_templates_folder_is_refused_before_it_is_read(
    plans, tmp_path, secret, how
):
    templates = tmp_path / "templates"
    templates.mkdir()
    if how == "included file":
        (templates / "inc.txt").symlink_to(secret)
        (templates / "plan.md.j2").write_text('Plan {% include "inc.txt" %}\n')
        named = "inc.txt"
    elif how == "the template itself":
        (templates / "plan.md.j2").symlink_to(secret)
        named = "plan.md.j2"
    else:
        (templates / "parts").symlink_to(tmp_path)
        (templates / "plan.md.j2").write_text('Plan {% include "parts/secret.txt" %}\n')
        named = "parts/secret.txt"
    out, result = _render_with(templates, plans, tmp_path)
    assert result.returncode == 2, result.stderr
    both = _clean(result)
    assert f"{templates / named}: leads to {secret}, outside the templates folder" in both
    if how != "the template itself":
        assert f"{templates / 'plan.md.j2'}:1: {templates / named}" in both  # the include
    assert list(out.iterdir()) == []


def test_a_link_inside_the_templates_folder_still_works(plans, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "real.md.j2").write_text("Plan for {{ partnership }}\n")
    (templates / "plan.md.j2").symlink_to(templates / "real.md.j2")
    out = tmp_path / "plan.md"
    result = run(
        "render", str(plans / "safer-cornwall"), "--templates", str(templates), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("Plan for Safer Cornwall")


# -- --reference-docx ------------------------------------------------------------------------------


def _docx(path: Path, change: dict[str, object] | None = None, extra: int = 0) -> Path:
    """python-docx's own template, with parts changed (name -> function of the bytes) and
    `extra` bytes of zeros in one more part (a zip bomb: they deflate to almost nothing)."""
    from docx import Document

    base = io.BytesIO()
    Document().save(base)
    with (
        zipfile.ZipFile(io.BytesIO(base.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            edit = (change or {}).get(entry.filename)
            target.writestr(entry.filename, edit(data) if callable(edit) else data)
        if extra:
            with target.open("word/media/image1.png", "w", force_zip64=True) as stream:
                chunk = bytes(1 << 20)
                for _ in range(extra // len(chunk)):
                    stream.write(chunk)
    return path


def _with_doctype(doctype: bytes, body: bytes):
    def edit(data: bytes) -> bytes:
        data = data.replace(b"?>", b"?>" + doctype, 1)
        return data.replace(
            b"<Application>Microsoft Macintosh Word</Application>",
            b"<Application>" + body + b"</Application>",
        )

    return edit


def _laughs() -> bytes:
    entities = b"".join(b'<!ENTITY %c "%s">' % (98 + n, b"&%c;" % (97 + n) * 10) for n in range(9))
    return b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + entities + b"]>"


def _reference(case: str, tmp_path: Path, secret: Path) -> tuple[Path, str]:
    path = tmp_path / f"{case.replace(' ', '-')}.docx"
    external = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file://' + str(secret).encode() + b'">]>'
    if case == "text":
        path.write_text("not a Word document\n")
        return path, "not a Word document (not a zip file)"
    if case == "zip without a document":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
        return path, "not a Word document (it has no [Content_Types].xml)"
    if case == "external entity":
        _docx(path, {"docProps/app.xml": _with_doctype(external, b"&e;")})
        return path, "docProps/app.xml declares a DOCTYPE (XML entities)"
    if case == "billion laughs":
        _docx(path, {"docProps/app.xml": _with_doctype(_laughs(), b"&j;")})
        return path, "docProps/app.xml declares a DOCTYPE (XML entities)"
    if case == "doctype in the styles":
        _docx(path, {"word/styles.xml": _with_doctype(external, b"")})
        return path, "word/styles.xml declares a DOCTYPE (XML entities)"
    assert case == "zip bomb"
    _docx(path, extra=120 << 20)
    assert path.stat().st_size < 1_000_000
    return path, "would unpack to 127 MB (a zip bomb?)"


@pytest.mark.parametrize(
    "case",
    [
        "text",
        "zip without a document",
        "external entity",
        "billion laughs",
        "doctype in the styles",
        "zip bomb",
    ],
)
def test_a_reference_docx_that_is_hostile_or_not_word_is_refused(plans, tmp_path, secret, case):
    reference, expected = _reference(case, tmp_path, secret)
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        "render", str(plans / "safer-cornwall"), "--format", "docx",
        "--reference-docx", str(reference), "-o", str(out / "plan.docx"), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert f"{reference.name}: {expected}" in _clean(result)
    assert list(out.iterdir()) == []


def test_a_plain_reference_docx_is_still_used(plans, tmp_path):
    reference = _docx(tmp_path / "council.docx")
    out = tmp_path / "plan.docx"
    result = run(
        "render", str(plans / "safer-cornwall"), "--format", "docx",
        "--reference-docx", str(reference), "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert zipfile.ZipFile(out).testzip() is None


# -- git revisions ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "plans").mkdir(parents=True)
    shutil.copytree(SHIPPED / "safer-cornwall", folder / "plans" / "safer-cornwall")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "first")
    return folder


def _commit_then_undo(repo: Path, change) -> None:
    """A commit holding `change`, then one that takes it away again (HEAD is clean)."""
    change()
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "hostile")
    _git(repo, "revert", "--no-edit", "HEAD")


@pytest.mark.parametrize("value", ["--output=OUT", "-p", "HEAD..--output=OUT", "-p...HEAD"])
@pytest.mark.parametrize("command", ["diff", "validate"])
def test_a_revision_that_looks_like_an_option_is_refused(repo, tmp_path, value, command):
    """Already safe: a revision may not start with '-', and rev-parse gets --end-of-options."""
    out = tmp_path / "written-by-git"
    filled = value.replace("OUT", str(out))
    option = "--rev" if command == "diff" else "--changed-since"
    result = run(command, "plans", option, filled, cwd=repo)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "unknown revision" in _clean(result)
    assert not out.exists()


@pytest.mark.parametrize("target", ["absolute", "climbing out"])
def test_a_revision_holding_a_link_out_of_the_plans_is_refused(repo, tmp_path, secret, target):
    link = repo / "plans" / "safer-cornwall" / "indicators" / "leak.yaml"
    pointed = secret if target == "absolute" else Path("../../../../secret.txt")
    _commit_then_undo(repo, lambda: link.symlink_to(pointed))
    for revisions in ("HEAD~2..HEAD~1", "HEAD~1"):
        result = run("diff", "plans", "--rev", revisions, cwd=repo)
        assert result.returncode == 2, result.stdout
        both = _clean(result)
        assert "plans/safer-cornwall/indicators/leak.yaml" in both and "F017" in both
    assert not (tmp_path / "leak.yaml").exists()


def test_a_revision_with_dot_dot_in_a_path_is_refused(repo, tmp_path):
    """Already safe: git archive itself refuses the path; the message now says so."""
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"], input=b"title: evil\n", cwd=repo,
        capture_output=True, check=True,
    ).stdout.decode().strip()  # fmt: skip

    def tree(lines: str) -> str:
        return subprocess.run(
            ["git", "mktree"], input=lines, cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()

    inner = tree(f"100644 blob {blob}\tevil.yaml\n")
    climbing = tree(f"040000 tree {inner}\t..\n")
    listed = _git(repo, "ls-tree", "HEAD:plans")
    plans = tree(f"{listed}\n040000 tree {climbing}\t..\n")
    commit = _git(
        repo, "commit-tree", tree(f"040000 tree {plans}\tplans\n"), "-p", "HEAD", "-m", "x"
    )
    result = run("diff", "plans", "--rev", commit, cwd=repo)
    assert result.returncode == 2
    assert "invalid path 'plans/../../evil.yaml'" in _clean(result)
    assert not (tmp_path / "evil.yaml").exists()


@pytest.mark.parametrize("member", ["climbing", "absolute", "device"])
def test_a_tar_from_git_with_paths_out_is_refused_by_the_filter(repo, tmp_path, member):
    """The backstop when git itself would write such a tar: a `git` on PATH whose archive
    holds a path that climbs out, an absolute path (written inside the temporary folder,
    never at that path) or a device file."""
    names = {"climbing": "../evil.yaml", "absolute": str(tmp_path / "evil.yaml")}
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        info = tarfile.TarInfo(names.get(member, "plans/zero"))
        if member == "device":
            info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 5
        else:
            info.size = 12
        tar.addfile(info, io.BytesIO(b"title: evil\n") if member != "device" else None)
    crafted = tmp_path / "crafted.tar"
    crafted.write_bytes(archive.getvalue())
    fake = tmp_path / "bin"
    fake.mkdir()
    real = shutil.which("git")
    (fake / "git").write_text(
        f'#!/bin/sh\nfor a in "$@"; do [ "$a" = archive ] && exec cat {crafted}; done\n'
        f'exec {real} "$@"\n'
    )
    (fake / "git").chmod(0o755)
    result = run(
        "diff", "plans", "--rev", "HEAD", cwd=repo, env={"PATH": f"{fake}:{os.environ['PATH']}"}
    )
    assert result.returncode == 2
    both = _clean(result)
    if member == "absolute":
        assert "cannot read HEAD:plans" in both  # the plans were not in that archive
    else:
        assert "refused" in both and "F017" in both
    assert not (tmp_path / "evil.yaml").exists() and not (repo / "evil.yaml").exists()


def test_an_alias_bomb_at_a_revision_is_refused_as_in_the_working_tree(repo):
    """Already safe: files of a revision are read by the same reader (F013)."""
    from tests.test_hostile import BOMB

    theme = repo / "plans" / "safer-cornwall" / "2018-19" / "themes" / "hate-crime.yaml"
    _commit_then_undo(repo, lambda: theme.write_bytes(BOMB))
    result = run("diff", "plans", "--rev", "HEAD~1", cwd=repo)
    assert result.returncode == 2  # as diff on a broken working tree (tests/test_hostile.py)
    both = _clean(result)
    assert "HEAD~1:plans/safer-cornwall/2018-19/themes/hate-crime.yaml:1:1: F013" in both


def test_a_file_name_with_a_line_break_is_named_on_one_line(plans, tmp_path):
    """A theme file whose name holds a line break used to split validate's message and
    fmt's in two, the second line reading like a message of its own."""
    themes = plans / "safer-cornwall" / "2018-19" / "themes"
    (themes / "odd\nsafer-cornwall.yaml").write_text("title: [\n", encoding="utf-8")
    checked = run("validate", str(plans), cwd=tmp_path)
    formatted = run("fmt", "--check", str(plans), cwd=tmp_path)
    assert checked.returncode == 1 and formatted.returncode == 1
    for output in (checked.stdout + checked.stderr, formatted.stdout + formatted.stderr):
        assert "themes/odd\\nsafer-cornwall.yaml" in output, output
        assert not any(line.startswith("safer-cornwall.yaml") for line in output.splitlines())
