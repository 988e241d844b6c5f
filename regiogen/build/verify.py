"""``regiogen verify``: rebuild in a temporary folder and compare with ``build/``."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from regiogen.build.incremental import format_of, kind_of
from regiogen.build.output import LOCK_NAME, MANIFEST_NAME, git_stamp, read_manifest, sha256_file
from regiogen.build.pipeline import BuildOptions, build_project, default_jobs, stamp_inputs
from regiogen.build.schema import SCHEMA_FILES
from regiogen.diagnostics import Diagnostic, warning
from regiogen.files import TEMP_SUFFIX
from regiogen.model.project import VOORTGANG_KINDS, Project


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.name.endswith(TEMP_SUFFIX)
        and p.name != LOCK_NAME
        and p.relative_to(folder).as_posix() not in SCHEMA_FILES
    }


def _manifest_problems(
    fresh: dict[str, Any], recorded: dict[str, Any], outputs: set[str]
) -> list[str]:
    """The manifest in build/ must list every output with its current sha256.

    Only the checksums are compared: the input keys also record how a build was asked for
    (formats, filters), which a filtered build may have changed without changing a byte.
    """
    listed = recorded.get("outputs", {})
    wanted = fresh.get("outputs", {})
    problems = []
    for rel in sorted(outputs):
        entry = listed.get(rel)
        if not isinstance(entry, dict) or entry.get("sha256") != wanted.get(rel, {}).get("sha256"):
            problems.append(f"manifest: {rel} ontbreekt of heeft een andere sha256")
    return problems


def verify_project(
    project: Project, out_dir: Path, source_date_epoch: int | None
) -> tuple[list[str], list[Diagnostic]]:
    """Return (one line per stale, missing or foreign file, build diagnostics).

    The rebuild uses the version stamp recorded in ``build/manifest.json``: a team that
    builds, then commits sources and documents together, gets a stamp from before that
    commit in its documents, and that is no reason to call them stale. A stamp that no
    longer matches git is reported as a warning.
    """
    recorded = read_manifest(out_dir)
    fixed = recorded.get("stempel") if "stempel" in recorded else None
    peildata = {
        entry.get("inputs", {}).get("#peildatum")
        for entry in recorded.get("outputs", {}).values()
        if isinstance(entry, dict)
    } - {None}
    with tempfile.TemporaryDirectory(prefix="regiogen-verify-") as tmp:
        fresh_dir = Path(tmp) / "build"
        options = BuildOptions(
            out_dir=fresh_dir,
            force=True,
            jobs=default_jobs(),
            source_date_epoch=source_date_epoch,
            fixed_stamp=(fixed or "") if "stempel" in recorded else None,
            # The voortgang documents are checked at the peildatum they were made at.
            peildatum=date.fromisoformat(min(peildata)) if peildata else None,
        )
        report = build_project(project, options)
        asked = sorted(
            {kind_of(rel) for rel in recorded.get("outputs", {})}
            & set(VOORTGANG_KINDS)
            - {k for region in project.regions for k in project.kinds_for(region)}
        )
        if asked:  # the voortgang documents an earlier --doc made, at their peildatum
            formats = {format_of(r) for r in recorded["outputs"] if kind_of(r) in asked}
            extra = build_project(
                project, replace(options, kinds=tuple(asked), formats=tuple(sorted(formats)))
            )
            report.diagnostics.extend(extra.diagnostics)
        problems = _compare(fresh_dir, out_dir, recorded)
    diagnostics = list(report.diagnostics)
    diagnostics += _stamp_warnings(project, out_dir, fixed)
    return problems, diagnostics


def _compare(fresh_dir: Path, out_dir: Path, recorded: dict[str, Any]) -> list[str]:
    """One line per file the fresh build made that ``out_dir`` lacks or holds otherwise, per
    file only ``out_dir`` has, and per manifest entry that differs from ``recorded``."""
    fresh = _files(fresh_dir)
    built = _files(out_dir)
    fresh.pop(MANIFEST_NAME, None)
    built.pop(MANIFEST_NAME, None)
    problems: list[str] = []
    for rel, path in fresh.items():
        if rel not in built:
            problems.append(f"ontbreekt: {rel}")
        elif sha256_file(path) != sha256_file(built[rel]):
            problems.append(f"verouderd: {rel}")
    for rel in built:
        if rel not in fresh:
            problems.append(f"vreemd: {rel} (niet gemaakt uit de bronnen)")
    problems += _manifest_problems(read_manifest(fresh_dir), recorded, set(fresh))
    return problems


def _stamp_warnings(project: Project, out_dir: Path, fixed: object) -> list[Diagnostic]:
    """A warning per region whose recorded version stamp no longer matches git."""
    found: list[Diagnostic] = []
    recorded_stamps = fixed if isinstance(fixed, dict) else {}
    for region, stamp in sorted(recorded_stamps.items()):
        if not stamp:
            continue
        current = git_stamp(project.root, stamp_inputs(project, region))
        if current and current != stamp:
            found.append(
                warning(
                    "build.stamp",
                    f"de documenten van {region} dragen versiestempel {stamp}, de bronnen "
                    f"staan nu op {current}; draai 'regiogen build' na de commit voor een "
                    "actueel stempel",
                    f"{out_dir.name}/manifest.json",
                )
            )
    return found
