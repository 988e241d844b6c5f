"""The handreiking in a build: whether it is wanted, what it is made from, and rendering it.

May import :mod:`regiogen.build.planning`, :mod:`regiogen.build.region`,
:mod:`regiogen.build.variables` and the earlier stages.
"""

from __future__ import annotations

from pathlib import Path

from regiogen.build.planning import HANDREIKING, BuildOptions
from regiogen.build.region import Rendered, RenderSettings
from regiogen.diagnostics import Severity, has_errors
from regiogen.model.project import Project
from regiogen.source.load import yaml_files


def handreiking_wanted(project: Project, options: BuildOptions) -> bool:
    if options.kinds is not None:
        return HANDREIKING in options.kinds and project.handreiking_dir.is_dir()
    if options.regions:
        return False
    return project.wants_handreiking() and project.handreiking_dir.is_dir()


def handreiking_files(project: Project) -> list[Path]:
    """What the handreiking is made from: its chapters and every region's content."""
    chapters = sorted(p for p in project.handreiking_dir.rglob("*") if p.is_file())
    regions = [f for r in project.regions for f in yaml_files(project.content_dir / r)]
    return [*chapters, *regions]


def render_handreiking(project: Project, settings: RenderSettings) -> Rendered:
    from regiogen.build.document import emit_markdown, template_limits
    from regiogen.build.region import finish_pdfs
    from regiogen.build.variables import handreiking_variables
    from regiogen.documents.handreiking import build_handreiking_markdown
    from regiogen.documents.kinds import HANDREIKING_SECTIONS

    result = Rendered(HANDREIKING)
    variables, diagnostics, _ = handreiking_variables(project)
    result.diagnostics.extend(diagnostics)
    if has_errors(diagnostics):
        # Without every region the handreiking's tables and totals would be wrong: keep the
        # earlier one as it was.
        result.complete = False
        content = project.config.content.strip("/")
        failing = {d.path for d in diagnostics if d.severity is Severity.ERROR}
        result.blocked_by = [
            r
            for r in project.regions
            if any(p == f"{content}/{r}" or p.startswith(f"{content}/{r}/") for p in failing)
        ]
        return result
    rendered = build_handreiking_markdown(
        project.handreiking_dir,
        variables,
        project_templates=project.templates_dir,
        display_root=project.root,
        limits=template_limits(project.config),
    )
    result.diagnostics.extend(rendered.diagnostics)
    if rendered.text is None:
        result.failed.add(f"{HANDREIKING}/{HANDREIKING}")
    else:
        emit_markdown(
            settings,
            f"{HANDREIKING}/{HANDREIKING}",
            "handreiking",
            HANDREIKING_SECTIONS,
            rendered.text,
            result,
        )
        if not settings.defer_pdfs:
            finish_pdfs(settings, result)
    return result
