"""Project-wide variables for documents that are not about one region (the handreiking).

Chapters of a handreiking may use these names in Jinja expressions, e.g.
``{{ spuk_iza.budget_landelijk|euro(0) }}`` or ``{% for r in regios %}``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from regiogen.diagnostics import Diagnostic
from regiogen.model.project import Project
from regiogen.source.load import yaml_files

#: Figures and deadlines from the IZA documents (DOMAIN 11–19), the same for every project.
IZA_FEITEN: dict[str, Any] = {
    "spuk_iza": {
        "budget_landelijk": Decimal("150000000"),
        "aanvraag_van": date(2023, 11, 15),
        "aanvraag_tot": date(2023, 12, 31),
        "jaren": [2024, 2025, 2026],
        "besluit_weken": 13,
        "voorschot_procent": 100,
    },
    "transformatie": {
        "totaal": Decimal("2800000000"),
        "geoormerkt": Decimal("1400000000"),
        "dekking_tot": date(2027, 12, 31),
        "goedkeuring_tot": date(2026, 12, 31),
    },
    "gala": {
        "perioden": [
            {"van": "februari 2023", "tot": date(2023, 3, 31)},
            {"van": "september 2023", "tot": date(2023, 10, 31)},
        ],
    },
}


def handreiking_variables(project: Project) -> tuple[dict[str, Any], list[Diagnostic], list[Path]]:
    """Variables for the handreiking: the IZA facts, the project and each region's key data.

    Returns (variables, diagnostics of regions that could not be read, the region files used).
    """
    from regiogen.build.region import check_region
    from regiogen.model.overzicht import begroting_overzicht

    regios: list[dict[str, Any]] = []
    diagnostics: list[Diagnostic] = []
    files: list[Path] = []
    for region in project.regions:
        files.extend(yaml_files(project.content_dir / region))
        checked = check_region(project.root, project.config.content, region, project.config, ())
        content = checked.content
        if content is None:
            diagnostics.extend(checked.diagnostics)
            continue
        mandaat = content.mandaatgemeente()
        marktleider = content.partij(content.regio.marktleider or "")
        overzicht = begroting_overzicht(content.begroting) if content.begroting else None
        regios.append(
            {
                "id": region,
                "naam": content.regio.naam,
                "zorgkantoorregio": content.regio.zorgkantoorregio,
                "gemeenten": [g.naam for g in content.regio.gemeenten],
                "mandaatgemeente": mandaat.naam if mandaat else None,
                "marktleider": marktleider.naam if marktleider else None,
                "status": content.regio.status,
                "toegekend": overzicht.totaal_toegekend if overzicht else None,
                "begroot": overzicht.totaal if overzicht else None,
            }
        )
    variables = dict(IZA_FEITEN) | {
        "project": {"organisatie": project.config.organisatie},
        "regios": regios,
    }
    return variables, diagnostics, files
