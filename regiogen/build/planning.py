"""Planning a build: its options, which regions and kinds, with which settings and input hashes.

Holds :class:`BuildOptions`, :func:`plan_build` (the settings every region renders with, the
hashes of the inputs all regions share, the signature of the build) and the version stamps.
May import :mod:`regiogen.build.output`, :mod:`regiogen.build.region` and the earlier stages.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from regiogen import __version__
from regiogen.build.output import code_fingerprint, git_stamp, sha256_bytes, sha256_file
from regiogen.build.region import RenderSettings
from regiogen.diagnostics import Diagnostic, error, warning
from regiogen.model.project import CONFIG_NAME, Project, setting_error
from regiogen.paths import builtin_reference_docx, builtin_templates_dir

#: The name of the handreiking among the parts of a build (it is not a region).
HANDREIKING = "handreiking"


@dataclass(frozen=True)
class BuildOptions:
    """Choices of one build, from the command line and ``regiogen.yaml``."""

    out_dir: Path
    kinds: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    formats: tuple[str, ...] | None = None
    force: bool = False
    jobs: int = 1
    reference_doc: Path | None = None
    source_date_epoch: int | None = None
    #: ``None``: as ``git_stempel`` in ``regiogen.yaml`` (default off).
    git_stamp: bool | None = None
    #: ``None``: as ``pdf_a`` in ``regiogen.yaml`` (default on).
    pdfa: bool | None = None
    #: Use this stamp instead of asking git ("" = none); ``verify`` passes the one recorded
    #: in the manifest, so a commit of sources and build together still verifies.
    fixed_stamp: str | dict[str, str | None] | None = None
    clean: bool = False
    #: The date the voortgang kinds report at; None is today (stated in the document, and
    #: part of the incremental key of the regions that build those kinds).
    peildatum: date | None = None


def out_dir_problem(project: Project, out_dir: Path) -> str | None:
    """Why ``out_dir`` is no place for build output, or None when it is fine."""
    out = out_dir.resolve()
    root = project.root.resolve()
    if out == root or out in root.parents:
        return f"uitvoermap '{out_dir}' is de projectmap of ligt eromheen; kies bijvoorbeeld build/"
    for protected in (project.content_dir, project.templates_dir):
        resolved = protected.resolve()
        if out == resolved or resolved in out.parents:
            return f"uitvoermap '{out_dir}' ligt in {protected.name}/; kies een andere map"
        if out in resolved.parents:
            return f"uitvoermap '{out_dir}' bevat {protected.name}/; kies een andere map"
    if (out / "regiogen.yaml").exists():
        return f"uitvoermap '{out_dir}' bevat een regiogen.yaml; kies een andere map"
    return None


def _reference_problem(
    project: Project, options: BuildOptions, formats: tuple[str, ...]
) -> list[Diagnostic]:
    """A configured reference document that cannot be used, positioned at the setting."""
    if options.reference_doc is not None or not project.config.referentiedocument:
        return []
    if not {"docx", "pdf"} & set(formats):
        return []
    from regiogen.render.docx.reference import ReferenceDocError, load_reference

    path = project.root / project.config.referentiedocument
    try:
        load_reference(path)
    except ReferenceDocError as exc:
        return [
            setting_error(
                project.source_map,
                ("referentiedocument",),
                "docx.reference",
                f"referentiedocument '{project.config.referentiedocument}' is onbruikbaar: {exc}",
            )
        ]
    return []


def _reference_doc(project: Project, options: BuildOptions) -> Path:
    if options.reference_doc is not None:
        return options.reference_doc
    if project.config.referentiedocument:
        return project.root / project.config.referentiedocument
    return builtin_reference_docx()


def _template_files(project: Project) -> Iterator[Path]:
    for folder in (builtin_templates_dir(), project.templates_dir):
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file())


def hash_inputs(paths: list[Path], root: Path) -> dict[str, str]:
    result = {}
    for path in paths:
        try:
            key = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            key = (
                f"<regiogen>/{path.name}"
                if path.is_relative_to(builtin_templates_dir())
                else path.as_posix()
            )
        result[key] = sha256_file(path) or "onleesbaar"
    return result


@dataclass
class Plan:
    settings: RenderSettings
    shared_inputs: dict[str, str]
    signature: str
    regions: list[str]


def plan_build(project: Project, options: BuildOptions) -> tuple[Plan, list[Diagnostic]]:
    """Decide what to build and with which settings."""
    diagnostics: list[Diagnostic] = []
    regions = project.regions
    if options.regions:
        unknown = [r for r in options.regions if r not in regions]
        for name in unknown:
            diagnostics.append(
                error("io.not-found", f"regio '{name}' bestaat niet", project.config.content)
            )
        regions = [r for r in regions if r in options.regions]
    kinds = options.kinds
    formats = options.formats or tuple(project.config.formaten)
    diagnostics.extend(_reference_problem(project, options, tuple(formats)))
    if "xlsx" in formats and kinds and not {"spuk-iza-bijlage", "verantwoording"} & set(kinds):
        diagnostics.append(
            warning(
                "build.format-unused",
                "xlsx is de begroting als werkmap en hoort bij spuk-iza-bijlage; met deze --doc "
                "komt er geen werkmap (voeg --doc spuk-iza-bijlage toe)",
                CONFIG_NAME,
            )
        )
    reference = _reference_doc(project, options)
    stamps = _stamps(project, options, regions)
    shared = [p for p in _template_files(project)]
    if (project.root / CONFIG_NAME).is_file():
        shared.append(project.root / CONFIG_NAME)
    if reference.is_file() and {"docx", "pdf"} & set(formats):
        shared.append(reference)
    shared_inputs = hash_inputs(shared, project.root)
    settings = RenderSettings(
        root=project.root,
        content_dir=project.config.content,
        config=project.config,
        kinds=tuple(kinds) if kinds else (),
        formats=tuple(formats),
        reference_doc=reference,
        source_date_epoch=options.source_date_epoch,
        stamps=tuple(sorted(stamps.items())),
        pdfa=options.pdfa if options.pdfa is not None else project.config.pdf_a,
        peildatum=options.peildatum or date.today(),
    )
    signature = sha256_bytes(
        repr(
            (
                __version__,
                code_fingerprint(),
                sorted(formats),
                options.source_date_epoch,
                sorted(stamps.items()),
                settings.pdfa,
            )
        ).encode()
    )
    return Plan(settings, shared_inputs, signature, regions), diagnostics


def stamp_inputs(project: Project, region: str) -> list[str]:
    """The inputs whose commits stamp a region's documents: its own folder (the handreiking:
    its chapters), the templates and the settings; a commit in another region does not count."""
    if region == HANDREIKING:
        folder = project.handreiking_dir
        own = folder.relative_to(project.root).as_posix() if folder.is_relative_to(
            project.root) else str(folder)  # fmt: skip
    else:
        own = f"{project.config.content}/{region}"
    return [own, "templates", CONFIG_NAME]


def _stamps(project: Project, options: BuildOptions, regions: list[str]) -> dict[str, str | None]:
    names = [*regions, HANDREIKING]
    fixed = options.fixed_stamp
    if isinstance(fixed, dict):
        return {r: fixed.get(r) for r in names}
    if fixed is not None:
        return dict.fromkeys(names, fixed or None)
    wanted = options.git_stamp if options.git_stamp is not None else project.config.git_stempel
    if not wanted:
        return dict.fromkeys(names)
    return {r: git_stamp(project.root, stamp_inputs(project, r)) for r in names}


def default_jobs() -> int:
    """Number of worker processes to use by default: the machine's cores."""
    return os.cpu_count() or 1
