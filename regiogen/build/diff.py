"""Two versions of a project, from git history or two folders, and what changed between them.

A version from git is read with ``git ls-tree`` and ``git show REV:path`` into a private
folder (nothing new to install, the working tree is never touched); the working tree itself
is a version too. Each version's regions are loaded and validated as ``check`` does; the
comparison is :func:`regiogen.documents.wijzigingen.wijzigingen`, and a document kind can be
rendered in both versions to mark its changes in Word (:mod:`regiogen.render.docx.trackchanges`).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from regiogen.build.region import check_region
from regiogen.diagnostics import Diagnostic
from regiogen.model.content import Content
from regiogen.model.project import Project, load_project
from regiogen.source.dates import format_datum


class DiffError(Exception):
    """A version that cannot be read (unknown revision, no git, no project); Dutch message."""


@dataclass
class Versie:
    """One version of the project: where it lies, and who made it when (for tracked changes)."""

    label: str
    root: Path
    auteur: str | None = None
    datum: datetime | None = None
    project: Project | None = None
    inhoud: dict[str, Content | None] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DiffError(f"git is niet te gebruiken: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {' '.join(args[:2])}: {message[-1] if message else 'mislukt'}")
    return done.stdout


def _load(versie: Versie) -> Versie:
    project, diagnostics = load_project(versie.root)
    versie.diagnostics.extend(diagnostics)
    if project is None:
        raise DiffError(f"{versie.label}: geen regiogen-project te lezen")
    versie.project = project
    for region in project.regions:
        checked = check_region(project.root, project.config.content, region, project.config, ())
        versie.inhoud[region] = checked.content
        if checked.content is None:
            versie.diagnostics.extend(checked.diagnostics)
    return versie


def werkmap(root: Path) -> Versie:
    """The project as it is on disk (the working tree)."""
    auteur = None
    with suppress(DiffError):
        auteur = _git(root, "config", "user.name").decode("utf-8").strip() or None
    return _load(Versie("werkmap", root, auteur))


def map_versie(folder: Path) -> Versie:
    """A project in a folder (``--oud``/``--nieuw``)."""
    if not folder.is_dir():
        raise DiffError(f"map '{folder}' bestaat niet")
    return _load(Versie(str(folder), folder))


@contextmanager
def git_versie(root: Path, rev: str) -> Iterator[Versie]:
    """The project at git revision ``rev``, read into a private folder for as long as needed."""
    prefix = _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip())
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    info = _git(top, "log", "-1", "--format=%an%n%aI", commit).decode("utf-8").splitlines()
    auteur = info[0] if info else None
    datum = datetime.fromisoformat(info[1]) if len(info) > 1 else None
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", prefix or ".")
    with tempfile.TemporaryDirectory(prefix="regiogen-diff-") as folder:
        base = Path(folder)
        for name in listing.decode("utf-8").split("\0"):
            if not name or not name.startswith(prefix):
                continue
            target = base / name[len(prefix) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git(top, "show", f"{commit}:{name}"))
        label = f"{rev} ({commit[:7]}, {format_datum(datum.date())})" if datum else rev
        yield _load(Versie(label, base, auteur, datum))


def peildatum_of(versie: Versie) -> date | None:
    """The date of a version (its commit), for kinds made at a peildatum."""
    return versie.datum.date() if versie.datum else None
