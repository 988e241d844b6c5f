"""``regiogen verify``: rebuild in a temporary folder and compare with ``build/``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from regiogen.build import BuildOptions, build_project, default_jobs
from regiogen.diagnostics import Diagnostic, warning
from regiogen.output import git_stamp, read_manifest, sha256_file
from regiogen.project import CONFIG_NAME, Project
from regiogen.schema import SCHEMA_FILES


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.name.endswith(".tmp")
        and p.relative_to(folder).as_posix() not in SCHEMA_FILES
    }


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
    with tempfile.TemporaryDirectory(prefix="regiogen-verify-") as tmp:
        fresh_dir = Path(tmp) / "build"
        report = build_project(
            project,
            BuildOptions(
                out_dir=fresh_dir,
                force=True,
                jobs=default_jobs(),
                source_date_epoch=source_date_epoch,
                fixed_stamp=(fixed or "") if "stempel" in recorded else None,
            ),
        )
        fresh = _files(fresh_dir)
        built = _files(out_dir)
        problems: list[str] = []
        for rel, path in fresh.items():
            if rel not in built:
                problems.append(f"ontbreekt: {rel}")
            elif sha256_file(path) != sha256_file(built[rel]):
                problems.append(f"verouderd: {rel}")
        for rel in built:
            if rel not in fresh:
                problems.append(f"vreemd: {rel} (niet gemaakt uit de bronnen)")
    diagnostics = list(report.diagnostics)
    if fixed and project.config.git_stempel:
        current = git_stamp(project.root, [project.config.content, "templates", CONFIG_NAME])
        if current and current != fixed:
            diagnostics.append(
                warning(
                    "build.stamp",
                    f"de documenten dragen versiestempel {fixed}, de bronnen staan nu op "
                    f"{current}; draai 'regiogen build' na de commit voor een actueel stempel",
                    f"{out_dir.name}/manifest.json",
                )
            )
    return problems, diagnostics
