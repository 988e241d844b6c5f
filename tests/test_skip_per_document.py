"""The incremental build skips per document: ``build --doc X`` and ``build`` share their work.

What was rendered is counted from the build report (written + unchanged files); the findings
an up-to-date build reports again must be those a full rebuild finds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Built

from regiogen.build.pipeline import BuildOptions, BuildReport, build_project
from regiogen.model.project import load_project


def build(root: Path, *kinds: str, force: bool = False) -> BuildReport:
    project, found = load_project(root)
    assert project is not None, found
    options = BuildOptions(
        out_dir=root / "build",
        kinds=kinds or None,
        formats=("md",),
        force=force,
        source_date_epoch=1700000000,
    )
    return build_project(project, options)


def made(report: BuildReport) -> set[str]:
    """The documents (stems) this build rendered."""
    files = [*report.written, *report.unchanged]
    return {re.sub(r"-figuur-[0-9]+$", "", rel.rsplit(".", 1)[0]) for rel in files}


def findings(report: BuildReport) -> list[str]:
    return sorted(d.format() for d in report.diagnostics)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


AFSPRAKEN = Path("content", "lindeland", "afspraken.yaml")


def built_once(example_built: Built) -> Path:
    """A copy of the example after ``build(project)`` (made once per test run)."""
    return example_built(build=build, name="skip-per-document")


def test_a_full_build_after_a_doc_build_renders_nothing_again(project: Path) -> None:
    full = build(project)
    assert "lindeland/werkagenda" in made(full) and "lindeland/regioplan" in made(full)
    doc = build(project, "regioplan")
    assert made(doc) == set(), "the regioplan was current: nothing to render"
    again = build(project)
    assert made(again) == set()
    assert again.up_to_date == ["lindeland"]


def test_after_a_change_each_build_renders_only_what_it_has_not_made(example_built: Built) -> None:
    project = built_once(example_built)
    assert made(build(project)) == set()  # the copy is current
    edit(project / AFSPRAKEN, "Mentale gezondheid in de wijk", "Mentale gezondheid dichtbij")
    doc = build(project, "regioplan")
    assert made(doc) == {"lindeland/regioplan"}
    full = build(project)
    assert "lindeland/regioplan" not in made(full)
    assert "lindeland/werkagenda" in made(full)
    assert "Mentale gezondheid dichtbij" in (
        project / "build" / "lindeland" / "werkagenda.md"
    ).read_text("utf-8")
    assert made(build(project)) == set()


def test_findings_of_a_partly_skipped_build_are_those_of_a_full_one(project: Path) -> None:
    edit(project / AFSPRAKEN, "trekker: ggz-rivierduin", "trekker: ggd-lindeland")
    build(project)
    edit(project / AFSPRAKEN, "Mentale gezondheid in de wijk", "Mentale gezondheid dichtbij")
    doc = build(project, "regioplan")
    assert any(d.code.startswith("iza.") for d in doc.diagnostics)
    skipped = build(project)  # the regioplan is current, the other kinds are rendered
    assert "lindeland/regioplan" not in made(skipped) and made(skipped)
    current = build(project)  # everything current: every finding comes from the manifest
    assert made(current) == set()
    forced = build(project, force=True)
    assert findings(skipped) == findings(current) == findings(forced)
    alone = build(project, "regioplan")
    assert findings(alone) == findings(build(project, "regioplan", force=True))


def test_the_manifest_keeps_only_findings_of_its_outputs(example_built: Built) -> None:
    project = built_once(example_built)
    edit(project / AFSPRAKEN, "Mentale gezondheid in de wijk", "Mentale gezondheid dichtbij")
    build(project)
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    keys = {entry["inputs"]["#key"] for entry in manifest["outputs"].values()}
    assert len(keys) == 1
    assert manifest["bevindingen"]
    assert all(name.split(":")[0] in keys for name in manifest["bevindingen"])


def test_a_new_peildatum_renders_the_voortgang_again(project: Path) -> None:
    from dataclasses import replace
    from datetime import date

    loaded, _ = load_project(project)
    assert loaded is not None
    options = BuildOptions(
        out_dir=project / "build",
        kinds=("voortgangsrapportage", "regioplan"),
        formats=("md",),
        peildatum=date(2025, 6, 30),
    )
    first = build_project(loaded, options)
    assert "lindeland/voortgangsrapportage" in made(first)
    assert made(build_project(loaded, options)) == set()
    later = build_project(loaded, replace(options, peildatum=date(2025, 9, 30)))
    assert "lindeland/voortgangsrapportage" in made(later)
