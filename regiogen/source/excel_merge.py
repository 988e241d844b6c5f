"""Put the posten of ``begroting: {xlsx: begroting.xlsx}`` into a region's plain data.

Called by region loading right after :func:`regiogen.source.load.load_region` and before
validation, so the model, the rules and the templates see the posten as if they had been
typed in YAML, and errors point at the Excel cell.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from regiogen.diagnostics import Diagnostic, error
from regiogen.paths import inside
from regiogen.source.excel import read_posten
from regiogen.source.load import Position, SourceMap, display_path

__all__ = ["merge_xlsx_posten", "xlsx_source"]


def xlsx_source(data: dict[str, Any], region_dir: Path) -> Path | None:
    """The workbook a region's begroting names, if any (for hashing build inputs).

    Returns ``None`` when there is none or when the name is not a safe relative path.
    """
    begroting = data.get("begroting")
    if not isinstance(begroting, dict):
        return None
    name = begroting.get("xlsx")
    if not isinstance(name, str) or not name.strip():
        return None
    relative = PurePosixPath(name.strip().replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        return None
    path = region_dir / relative
    return path if inside(path, region_dir) else None


def merge_xlsx_posten(
    data: dict[str, Any], source_map: SourceMap, region_dir: Path, project_root: Path
) -> list[Diagnostic]:
    """Read ``data['begroting']['xlsx']`` and fill ``data['begroting']['posten']`` in place.

    The workbook must lie inside the region folder (``io.outside-project`` otherwise). The
    ``xlsx`` key stays (the model knows it). Cell positions are added to ``source_map`` so
    validation errors about a post point at its row and cell.
    """
    begroting = data.get("begroting")
    if not isinstance(begroting, dict) or begroting.get("xlsx") is None:
        return []
    name = begroting["xlsx"]
    where = source_map.value(("begroting", "xlsx")) or Position(
        display_path(region_dir, project_root), 1, 1
    )

    def problem(code: str, message: str) -> list[Diagnostic]:
        return [error(code, message, where.path, where.line, where.col)]

    if not isinstance(name, str) or not name.strip():
        return problem(
            "schema.type", "'xlsx' verwacht de naam van een Excelbestand, zoals begroting.xlsx"
        )
    if begroting.get("posten"):
        return problem(
            "schema.value",
            "geef de posten in 'posten' óf in een Excelbestand met 'xlsx', niet allebei",
        )
    path = xlsx_source(data, region_dir)
    if path is None:
        return problem(
            "io.outside-project",
            f"'{name}' ligt buiten de map van de regio; zet het Excelbestand in "
            f"{display_path(region_dir, project_root)}/ en noem het zonder map of '..'",
        )
    display = display_path(path, project_root)
    if not path.is_file():
        return problem("io.not-found", f"Excelbestand '{display}' bestaat niet")
    found = read_posten(path, display, _jaren(begroting.get("jaren")))
    begroting["posten"] = found.posten
    for suffix, position in found.positions.items():
        source_map.values[("begroting", "posten", *suffix)] = position
    return found.diagnostics


def _jaren(value: Any) -> list[int]:
    if not isinstance(value, list):
        return []
    result = []
    for item in value:
        text = str(item).strip()
        if len(text) == 4 and text.isdigit():
            result.append(int(text))
    return result
