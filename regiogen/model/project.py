"""A regiogen project: its settings (``regiogen.yaml``) and the regions it holds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from regiogen.diagnostics import Diagnostic, error
from regiogen.model.content import Content
from regiogen.model.types import Getal, JaNee, Model, Tekst
from regiogen.source.load import SourceMap, read_yaml_file, yaml_files

CONFIG_NAME = "regiogen.yaml"
#: The kinds a region gets unless ``documenten:`` says otherwise (what its content holds).
DEFAULT_KINDS = (
    "regioplan",
    "spuk-iza-bijlage",
    "transformatieplan",
    "werkagenda",
    "regiobeeld",
    "gala-plan-van-aanpak",
    "toetsing",
)
#: Kinds made after adoption, at a peildatum; built only when asked for.
VOORTGANG_KINDS = ("voortgangsrapportage", "verantwoording")
REGION_KINDS = (*DEFAULT_KINDS, *VOORTGANG_KINDS)
ALL_KINDS = (*REGION_KINDS, "handreiking")
#: The kind that reviews the others: it has no rules of its own.
TOETSING = "toetsing"
Format = Literal["md", "docx", "pdf", "html", "xlsx"]


def _default_formats() -> list[Format]:
    return ["md", "docx"]


class RegelInstelling(Model):
    """Switch a rule off or change its severity, with the reason why."""

    uit: JaNee = False
    ernst: Literal["error", "warning", "info"] | None = None
    reden: Tekst = Field(
        min_length=1, description="Waarom de regel hier anders werkt (verplicht, niet leeg)"
    )


class Sjabloongrenzen(Model):
    """How much the templates of one document may do; past a limit rendering stops with
    ``template.limit`` (a loop that never ends, a text that doubles until memory runs out)."""

    stappen: Getal = Field(
        500_000, ge=1, description="Lusrondes, macro-aanroepen en blokken per document"
    )
    tekens: Getal = Field(
        50_000_000,
        ge=1,
        description="Tekens die de sjablonen van één document mogen maken of bewerken",
    )
    processortijd: Getal = Field(
        60, ge=1, description="Seconden processortijd per document (niet de kloktijd)"
    )


class Config(Model):
    """The settings in ``regiogen.yaml``; every key is optional."""

    organisatie: Tekst | None = Field(
        None, description="Organisatie op voorblad en in eigenschappen"
    )
    content: Tekst = Field("content", description="Map met de regio's")
    uitvoer: Tekst = Field("build", description="Map voor de uitvoer")
    referentiedocument: Tekst | None = Field(None, description="Word-huisstijl (.docx)")
    formaten: list[Format] = Field(default_factory=_default_formats)
    documenten: dict[str, list[str] | Literal["alle"]] | list[str] | None = Field(
        None, description="Welke documentsoorten voor welke regio's (standaard: alle)"
    )
    handreiking: Tekst | None = Field(
        None, description="Map met de hoofdstukken van de handreiking"
    )
    regels: dict[str, RegelInstelling] = Field(default_factory=dict)
    max_opgaven: Getal = Field(5, ge=1, description="Meer opgaven geeft een waarschuwing")
    max_onbesteed: Getal = Field(
        10, ge=0, le=100, description="Percentage onbesteed per jaar dat waarschuwt"
    )
    git_stempel: JaNee = Field(
        False,
        description="Commit-id op voorblad en in eigenschappen (per regio: de laatste commit "
        "die de bronnen van die regio raakt); standaard uit, want documenten gaan naar klanten",
    )
    pdf_a: JaNee = Field(True, description="PDF als PDF/A-2b (archief); uit: gewone, getagde PDF")
    sjabloongrenzen: Sjabloongrenzen = Field(default_factory=Sjabloongrenzen)

    @field_validator("documenten")
    @classmethod
    def _known_kinds(
        cls, value: dict[str, list[str] | Literal["alle"]] | list[str] | None
    ) -> dict[str, list[str] | Literal["alle"]] | list[str] | None:
        kinds = value if isinstance(value, list) else list(value or {})
        for kind in kinds:
            if kind not in ALL_KINDS:
                raise ValueError(
                    f"onbekende documentsoort '{kind}'; kies uit {', '.join(ALL_KINDS)}"
                )
        return value


@dataclass
class Project:
    """A project folder with its configuration and regions."""

    root: Path
    config: Config
    config_path: Path | None
    regions: list[str] = field(default_factory=list)
    source_map: SourceMap = field(default_factory=SourceMap)

    @property
    def content_dir(self) -> Path:
        """The folder holding one subfolder per region."""
        return self.root / self.config.content

    @property
    def templates_dir(self) -> Path:
        """The project's own templates (overrides of the built-in ones)."""
        return self.root / "templates"

    @property
    def handreiking_dir(self) -> Path:
        """The folder with the handreiking's chapters."""
        if self.config.handreiking:
            return self.root / self.config.handreiking
        return self.content_dir / "handreiking"

    def kinds_for(self, region: str, content: Content | None = None) -> list[str]:
        """The region document kinds to build for a region.

        Without ``documenten:`` in ``regiogen.yaml`` the content decides (see
        :func:`content_kinds`); without content, every kind is a candidate.
        """
        wanted = self.config.documenten
        if wanted is None:
            return list(content_kinds(content)) if content is not None else list(DEFAULT_KINDS)
        if isinstance(wanted, list):
            return [k for k in REGION_KINDS if k in wanted]
        return [
            k for k in REGION_KINDS if k in wanted and (wanted[k] == "alle" or region in wanted[k])
        ]

    @property
    def kinds_from_content(self) -> bool:
        """True when the content decides which documents a region gets."""
        return self.config.documenten is None

    def wants_handreiking(self) -> bool:
        """True when the project builds a handreiking."""
        wanted = self.config.documenten
        if wanted is None:
            return self.handreiking_dir.is_dir()
        return "handreiking" in wanted


def content_kinds(content: Content) -> tuple[str, ...]:
    """The document kinds a region's content asks for, in build order.

    A region without transformatieplannen is a regioplan region: it gets a regioplan and its
    werkagenda, as every region did before. A region with transformatieplannen gets a
    regioplan only when it also holds afspraken: its opgaven and knelpunten may be there only
    to show how a plan connects to the regiobeeld. The SPUK IZA bijlage comes with a begroting
    or an aanvraag; one transformatieplan per plan; and always the toetsing, which reviews what
    there is. So a region that holds a transformatieplan but no afspraken and no aanvraag gets
    the transformatieplan and its toetsing only.
    """
    kinds: list[str] = []
    if content.afspraken or not content.transformatieplannen:
        kinds += ["regioplan", "werkagenda"]
    if content.begroting is not None or content.aanvraag is not None:
        kinds.append("spuk-iza-bijlage")
    if content.transformatieplannen:
        kinds.append("transformatieplan")
    beeld = content.regiobeeld
    if "regioplan" in kinds or (
        beeld is not None
        and (beeld.capaciteit or beeld.prognoses or beeld.duiding or beeld.gemeentelijk_domein)
    ):
        kinds.append("regiobeeld")  # the regioplan rests on it; or it is filled in its own right
    if content.gala:
        kinds.append("gala-plan-van-aanpak")
    kinds.append(TOETSING)
    return tuple(k for k in REGION_KINDS if k in kinds)


def rule_kinds(kinds: Sequence[str] | None, content: Content) -> tuple[str, ...]:
    """The kinds whose rules apply: those given (the toetsing stands for what the content
    produces), or, when none are given, what the content produces."""
    if kinds is None or TOETSING in kinds:
        # the voortgang rules judge only at a peildatum, so they may always take part
        extra = (*content_kinds(content), *VOORTGANG_KINDS)
        kinds = [*(kinds or ()), *extra]
    return tuple(k for k in REGION_KINDS if k in kinds and k != TOETSING)


def load_project(root: Path) -> tuple[Project | None, list[Diagnostic]]:
    """Read ``regiogen.yaml`` (if any) and find the regions under the content folder."""
    config_path = root / CONFIG_NAME
    diagnostics: list[Diagnostic] = []
    config = Config()
    source_map = SourceMap()
    if not root.is_dir():
        return None, [error("io.not-found", f"projectmap '{root}' bestaat niet", str(root))]
    if config_path.is_file():
        data, source_map, found = read_yaml_file(config_path, CONFIG_NAME)
        diagnostics.extend(found)
        if data is not None:
            from regiogen.model.validate import validation_diagnostics

            try:
                config = Config.model_validate(data or {})
            except ValidationError as exc:
                diagnostics.extend(validation_diagnostics(exc, source_map, CONFIG_NAME, Config))
                return None, diagnostics
    else:
        config_path = None  # type: ignore[assignment]
    outside = _outside_settings(root, config, source_map) + _outside_folders(root, config)
    if outside:
        return None, diagnostics + outside
    project = Project(root, config, config_path if config_path else None, source_map=source_map)
    content = project.content_dir
    if not content.is_dir():
        diagnostics.append(
            setting_error(
                source_map,
                ("content",),
                "io.not-found",
                f"map '{config.content}' met regio's bestaat niet",
            )
        )
        return project, diagnostics
    if config.handreiking and not project.handreiking_dir.is_dir():
        diagnostics.append(
            setting_error(
                source_map,
                ("handreiking",),
                "io.not-found",
                f"map '{config.handreiking}' met de hoofdstukken van de handreiking bestaat niet",
            )
        )
    project.regions = sorted(
        p.name
        for p in content.iterdir()
        if p.is_dir() and not p.name.startswith(".") and _is_region(p, project.handreiking_dir)
    )
    diagnostics.extend(_unknown_regions(project, source_map))
    diagnostics.extend(_odd_names(project))
    return project, diagnostics


_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u061c\x00-\x1f\x7f]")


def _odd_names(project: Project) -> list[Diagnostic]:
    """A region folder (or one of its files) whose name holds a character that turns the
    reading direction around or cannot be seen: the name would not read as what it is."""
    from regiogen.diagnostics import warning

    found = []
    for region in project.regions:
        folder = project.content_dir / region
        for path in [folder, *yaml_files(folder)]:
            hidden = _HIDDEN.search(path.name)
            if hidden:
                shown = path.relative_to(project.root).as_posix().encode("unicode_escape")
                found.append(
                    warning(
                        "text.bidi",
                        f"de naam bevat een onzichtbaar teken (U+{ord(hidden.group()):04X}) dat "
                        "de naam anders laat lijken dan hij is; hernoem het",
                        shown.decode("ascii"),
                    )
                )
    return found


def _is_region(folder: Path, handreiking_dir: Path) -> bool:
    """A region folder holds YAML content; a handreiking folder (chapters and ``_index.yaml``)
    is not a region, wherever the settings put the handreiking."""
    files = yaml_files(folder)
    if not files or folder.resolve() == handreiking_dir.resolve():
        return False
    return not all(f.name.startswith("_") for f in files)


def setting_error(
    source_map: SourceMap,
    path: tuple[str | int, ...],
    code: str,
    message: str,
    *,
    key: bool = False,
) -> Diagnostic:
    """An error about a setting in ``regiogen.yaml``, at its value (or its key)."""
    pos = source_map.key(path) if key else source_map.value(path)
    return error(code, message, CONFIG_NAME, pos.line if pos else None, pos.col if pos else None)


def _unknown_regions(project: Project, source_map: SourceMap) -> list[Diagnostic]:
    """Region names in ``documenten:`` that are no folder under the content folder."""
    wanted = project.config.documenten
    if not isinstance(wanted, dict):
        return []
    found = []
    for kind, regions in wanted.items():
        if regions == "alle":
            continue
        for index, name in enumerate(regions):
            if name not in project.regions:
                known = ", ".join(project.regions) or "geen"
                found.append(
                    setting_error(
                        source_map,
                        ("documenten", kind, index),
                        "config.invalid",
                        f"onbekende regio '{name}' bij documenten.{kind}; regio's zijn: {known}",
                    )
                )
    return found


def _outside_folders(root: Path, config: Config) -> list[Diagnostic]:
    """The project's templates/ (and handreiking folder) must really be in the project: a link
    to a folder elsewhere would run templates nobody reviewed with this project."""
    from regiogen.paths import inside

    found: list[Diagnostic] = []
    folders = [("templates", root / "templates")]
    if config.handreiking:
        folders.append((config.handreiking, root / config.handreiking))
    for name, folder in folders:
        if (folder.exists() or folder.is_symlink()) and not inside(folder, root):
            found.append(
                error(
                    "io.outside-project",
                    f"'{name}' wijst (via een snelkoppeling) naar een map buiten het project; "
                    "die wordt niet gebruikt. Zet de bestanden zelf in het project",
                    name,
                )
            )
    return found


def _outside_settings(root: Path, config: Config, source_map: SourceMap) -> list[Diagnostic]:
    """The content and output folders must lie inside the project (never the project itself
    for the output: a build may remove stale files there)."""
    from regiogen.paths import inside

    found: list[Diagnostic] = []
    for key, value in (("content", config.content), ("uitvoer", config.uitvoer)):
        folder = root / value
        bad = not inside(folder, root) or (key == "uitvoer" and folder.resolve() == root.resolve())
        if bad:
            found.append(
                setting_error(
                    source_map,
                    (key,),
                    "io.outside-project",
                    f"'{key}: {value}' wijst naar een map buiten het project (of naar het project "
                    "zelf); kies een map binnen het project, zoals "
                    f"'{'content' if key == 'content' else 'build'}'",
                    key=True,
                )
            )
    return found
