"""Writing a build's outputs: each file atomically, failed documents kept as they were, stale files.

Holds :class:`BuildReport` (what a build did) and the functions that fill it while the
rendered regions are written. May import :mod:`regiogen.build.output`,
:mod:`regiogen.build.region`, :mod:`regiogen.build.incremental` and the earlier stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from regiogen.build.incremental import document_stem, format_of, kind_of
from regiogen.build.output import LOCK_NAME, MANIFEST_NAME, UnsafeOutput, sha256_bytes, write_output
from regiogen.build.region import Rendered
from regiogen.build.schema import SCHEMA_FILES
from regiogen.diagnostics import Diagnostic, write_error
from regiogen.model.project import VOORTGANG_KINDS, Project


@dataclass
class BuildReport:
    """What a build did."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Outputs this build should have renewed but left as they were: (path, why).
    kept: list[tuple[str, str]] = field(default_factory=list)
    #: How the output folder is shown in diagnostics (``build``, relative where possible).
    out_display: str = "build"

    def shown(self, rel: str) -> str:
        """An output path as shown in diagnostics: ``build/lindeland/regioplan.docx``."""
        return f"{self.out_display}/{rel}"


def store(
    rendered: Rendered,
    inputs: dict[str, str],
    out_dir: Path,
    report: BuildReport,
    new_outputs: dict[str, Any],
    old_outputs: dict[str, Any],
) -> None:
    """Write a region's good documents; keep the earlier files of documents that failed.

    A document that failed, of a region (or, for the handreiking, of any region) that could
    not be read, stays exactly as it was; each such file is listed in ``report.kept``. A file
    that cannot be written is an ``io.write`` finding; its old version and entry stay, and
    the region is built again next time.
    """
    report.diagnostics.extend(rendered.diagnostics)
    prefix = f"{rendered.region}/"
    for path, entry in old_outputs.items():
        stem = document_stem(path)
        if path.startswith(prefix) and (not rendered.complete or stem in rendered.failed):
            new_outputs[path] = entry  # nothing half-new: the failing document stays as it was
            if path not in rendered.outputs:  # (a failed PDF leaves the other formats written)
                report.kept.append((path, _why_kept(rendered, stem)))
    if not rendered.complete or rendered.failed:
        inputs = inputs | {"#key": "onvolledig"}  # build this region again next time
    checked: dict[str, Path] = {}  # the region's folders, checked once for all its files
    for rel, data in sorted(rendered.outputs.items()):
        digest = sha256_bytes(data)
        try:
            if write_output(out_dir, rel, data, checked):
                report.written.append(rel)
            else:
                report.unchanged.append(rel)
        except (UnsafeOutput, OSError) as exc:
            report.diagnostics.append(write_error(exc, report.shown(rel)))
            if rel in old_outputs:
                entry = dict(old_outputs[rel])
                entry["inputs"] = dict(entry.get("inputs", {})) | {"#key": "onvolledig"}
                new_outputs[rel] = entry
                report.kept.append((rel, "het kon niet worden geschreven"))
            continue
        new_outputs[rel] = {"sha256": digest, "inputs": inputs}


def _why_kept(rendered: Rendered, stem: str) -> str:
    if rendered.blocked_by:
        names = ", ".join(f"'{r}'" for r in rendered.blocked_by)
        return (
            f"regio {names} heeft fouten"
            if len(rendered.blocked_by) == 1
            else (f"de regio's {names} hebben fouten")
        )
    if not rendered.complete:
        return f"de inhoud van regio '{rendered.region}' heeft fouten"
    return "het document heeft fouten"


def keep_asked_for(
    project: Project, out_dir: Path, new_outputs: dict[str, Any], old_outputs: dict[str, Any]
) -> None:
    """Keep the voortgang documents an earlier ``--doc`` made: a build of the usual kinds did
    not make them, but they are not stale (they are made only when asked for)."""
    for path, entry in old_outputs.items():
        kind = kind_of(path)
        region = path.split("/", 1)[0]
        if path in new_outputs or kind not in VOORTGANG_KINDS or region not in project.regions:
            continue
        if kind not in project.kinds_for(region) and (out_dir / path).is_file():
            new_outputs[path] = entry


def stale(
    out_dir: Path,
    expected: dict[str, Any],
    made_before: dict[str, Any],
    clean: bool,
    report: BuildReport,
    formats: tuple[str, ...] | None = None,
) -> None:
    """Report files this build did not make; with ``clean`` remove those an earlier build
    made (listed in its manifest). Files regiogen never wrote are never removed."""
    if not out_dir.is_dir():
        return
    for path in sorted(out_dir.rglob("*")):  # rglob does not descend into linked folders
        if not path.is_file() or path.is_symlink() or path.name in (MANIFEST_NAME, LOCK_NAME):
            continue
        rel = path.relative_to(out_dir).as_posix()
        if rel in SCHEMA_FILES:
            continue
        if formats and format_of(rel) not in formats:
            continue  # a format this build was not asked for: out of its scope
        if rel in expected and not expected[rel].get("verouderd"):
            continue
        if clean and rel in made_before:
            path.unlink()
            report.removed.append(rel)
            _remove_empty_folders(path.parent, out_dir)
        else:
            report.stale.append(rel)
            if rel in made_before:  # remember it was ours, so a later --clean may remove it
                expected[rel] = dict(made_before[rel]) | {"verouderd": True}


def _remove_empty_folders(folder: Path, out_dir: Path) -> None:
    """After ``--clean``: remove ``folder`` and its parents up to ``out_dir`` while empty."""
    out = out_dir.resolve()
    current = folder.resolve()
    while current != out and out in current.parents:
        try:
            current.rmdir()  # only succeeds on an empty folder
        except OSError:
            return
        current = current.parent
