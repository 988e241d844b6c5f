"""Put the series of ``{csv: data/wachttijden.csv, kolom: …}`` into a region's plain data.

CBS StatLine, Vektis and the GGD monitors export tables as CSV: a header row, one row per
period (and often per region), Dutch decimals (``12,5``), ``;`` as separator and ``.`` or an
empty cell for a missing value. An indicator (anywhere in the region's data: a mapping with
a ``csv`` key) names the file, the value column (``kolom``), the period column (``jaar_kolom``,
default ``jaar``/``perioden``/``periode``) and optionally rows to keep (``filter: {Regio:
Lindeland}``). The series goes into ``reeks`` (year → value text) before validation, so the
model, the rules and the templates see it as if it had been typed in YAML, and a value the
schema refuses points at its line in the CSV file.

Read with the :mod:`csv` module only; files lie inside the region folder and are bounded.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from regiogen.diagnostics import Diagnostic, error, warning
from regiogen.paths import inside
from regiogen.source.load import KeyPath, Position, SourceMap, display_path
from regiogen.source.numbers import NumberError, parse_meetwaarde

__all__ = ["CsvResult", "merge_csv_series"]

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
_YEAR_COLUMNS = ("jaar", "perioden", "periode", "year")
_YEAR = re.compile(r"(?<![0-9])([12][0-9]{3})(?![0-9])")
_MISSING = {"", ".", "-", "x", "?", "n.b.", "nb"}


@dataclass
class CsvResult:
    """What merging the CSV series found: diagnostics and the files read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def merge_csv_series(
    data: dict[str, Any], source_map: SourceMap, region_dir: Path, project_root: Path
) -> CsvResult:
    """Fill ``reeks`` of every mapping with a ``csv`` key, in place; positions into the CSV."""
    result = CsvResult()
    cache: dict[Path, tuple[list[list[str]], list[Diagnostic]] | None] = {}
    for path, record in _records_with_csv(data, ()):
        _merge_one(record, path, source_map, region_dir, project_root, cache, result)
    return result


def _records_with_csv(value: Any, path: KeyPath) -> list[tuple[KeyPath, dict[str, Any]]]:
    found: list[tuple[KeyPath, dict[str, Any]]] = []
    stack: list[tuple[Any, KeyPath]] = [(value, path)]
    while stack:
        current, here = stack.pop()
        if isinstance(current, dict):
            if "csv" in current:
                found.append((here, current))
            stack.extend((v, (*here, k)) for k, v in reversed(list(current.items())))
        elif isinstance(current, list):
            stack.extend((v, (*here, i)) for i, v in reversed(list(enumerate(current))))
    return found


def _merge_one(
    record: dict[str, Any],
    path: KeyPath,
    source_map: SourceMap,
    region_dir: Path,
    project_root: Path,
    cache: dict[Path, tuple[list[list[str]], list[Diagnostic]] | None],
    result: CsvResult,
) -> None:
    where = source_map.value((*path, "csv")) or source_map.value(path)
    where = where or Position(display_path(region_dir, project_root), 1, 1)

    def problem(code: str, message: str) -> None:
        result.diagnostics.append(error(code, message, where.path, where.line, where.col))

    name = record.get("csv")
    if not isinstance(name, str) or not name.strip():
        problem(
            "schema.type", "'csv' verwacht de naam van een CSV-bestand, zoals data/wachttijden.csv"
        )
        return
    if record.get("reeks"):
        problem(
            "schema.value", "geef de reeks in 'reeks' óf in een CSV-bestand met 'csv', niet allebei"
        )
        return
    relative = PurePosixPath(name.strip().replace("\\", "/"))
    file = region_dir / relative
    if relative.is_absolute() or ".." in relative.parts or not inside(file, region_dir):
        problem(
            "io.outside-project",
            f"'{name}' ligt buiten de map van de regio; zet het CSV-bestand in "
            f"{display_path(region_dir, project_root)}/ (een submap zoals data/ mag)",
        )
        return
    display = display_path(file, project_root)
    if file not in cache:
        cache[file] = _read_rows(file, display) if file.is_file() else None
        if cache[file] is not None:
            result.files.append(file)
            result.diagnostics.extend(cache[file][1])  # type: ignore[index]
    loaded = cache[file]
    if loaded is None:
        problem("io.not-found", f"CSV-bestand '{display}' bestaat niet")
        return
    rows, problems = loaded
    if problems and not rows:
        return
    series, positions, found = _series(record, rows, display, where)
    result.diagnostics.extend(found)
    if any(d.severity.value == "error" for d in found):
        return
    record["reeks"] = series
    for year, position in positions.items():
        source_map.values[(*path, "reeks", year)] = position
        source_map.keys[(*path, "reeks", year)] = position


def _read_rows(file: Path, display: str) -> tuple[list[list[str]], list[Diagnostic]]:
    try:
        size = file.stat().st_size
        if size > MAX_CSV_BYTES:
            return [], [
                error(
                    "io.too-large",
                    f"CSV-bestand is groter dan {MAX_CSV_BYTES // 1048576} MB",
                    display,
                )
            ]
        raw = file.read_bytes()
    except OSError as exc:
        return [], [error("io.unreadable", f"kan niet lezen: {exc.strerror or exc}", display)]
    if b"\x00" in raw:
        return [], [
            error("io.binary", "bestand bevat binaire gegevens; verwacht een CSV-bestand", display)
        ]
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves CSV in cp1252
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        return [], [error("io.encoding", "bestand is geen UTF-8- of Windows-tekst", display)]
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                return [], [
                    error("io.too-large", f"CSV-bestand heeft meer dan {MAX_ROWS} regels", display)
                ]
    except csv.Error as exc:
        return [], [error("csv.syntax", f"ongeldige CSV: {exc}", display, len(rows) + 1)]
    return rows, []


def _column(header: list[str], wanted: str) -> int | None:
    names = [h.strip().lower() for h in header]
    target = wanted.strip().lower()
    return names.index(target) if target in names else None


def _named(header: list[str], name: object, display: str, found: list[Diagnostic]) -> int | None:
    """The index of the column ``name`` (a diagnostic on the header line when absent)."""
    col = _column(header, str(name))
    if col is None:
        heading = ", ".join(h.strip() for h in header)
        found.append(
            error("csv.column", f"kolom '{name}' staat niet in de kopregel ({heading})", display, 1)
        )
    return col


def _series(
    record: dict[str, Any], rows: list[list[str]], display: str, where: Position
) -> tuple[dict[str, str], dict[str, Position], list[Diagnostic]]:
    """The series a ``bron:`` record reads from ``rows`` (header first), by year."""
    found: list[Diagnostic] = []
    if not rows:
        return {}, {}, [error("csv.column", "CSV-bestand is leeg", display, 1)]
    header = rows[0]
    value_col, year_col, filters = _columns(record, header, display, where, found)
    if found or value_col is None or year_col is None:
        return {}, {}, found
    series, positions = _values(rows, header, (value_col, year_col), filters, display, found)
    return series, positions, found


def _columns(
    record: dict[str, Any],
    header: list[str],
    display: str,
    where: Position,
    found: list[Diagnostic],
) -> tuple[int | None, int | None, list[tuple[int, str]]]:
    """The value column, the year column and the row filters the record names in ``header``;
    problems go into ``found``."""
    heading = ", ".join(h.strip() for h in header)
    kolom = record.get("kolom")
    value_col: int | None = None
    if isinstance(kolom, str) and kolom.strip():
        value_col = _named(header, kolom, display, found)
    elif len(header) == 2:
        value_col = 1
    else:
        message = f"noem met 'kolom:' welke kolom de waarden heeft (kopregel: {heading})"
        found.append(error("csv.column", message, where.path, where.line, where.col))
    jaar_kolom = record.get("jaar_kolom")
    year_col: int | None = None
    if isinstance(jaar_kolom, str) and jaar_kolom.strip():
        year_col = _named(header, jaar_kolom, display, found)
    else:
        year_col = next(
            (c for c in (_column(header, n) for n in _YEAR_COLUMNS) if c is not None), None
        )
        if year_col is None:
            message = (
                "geen kolom met het jaar gevonden; noem haar met 'jaar_kolom:' "
                f"(kopregel: {heading})"
            )
            found.append(error("csv.column", message, display, 1))
    filters: list[tuple[int, str]] = []
    wanted = record.get("filter")
    if isinstance(wanted, dict):
        for name, value in wanted.items():
            col = _named(header, name, display, found)
            if col is not None:
                filters.append((col, str(value).strip()))
    return value_col, year_col, filters


def _values(
    rows: list[list[str]],
    header: list[str],
    columns: tuple[int, int],
    filters: list[tuple[int, str]],
    display: str,
    found: list[Diagnostic],
) -> tuple[dict[str, str], dict[str, Position]]:
    """The value per year in the rows that pass ``filters``, with its cell's position;
    problems go into ``found``."""
    value_col, year_col = columns
    series: dict[str, str] = {}
    positions: dict[str, Position] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if any(col >= len(row) or row[col].strip() != value for col, value in filters):
            continue
        if max(value_col, year_col) >= len(row):
            found.append(
                error(
                    "csv.value",
                    f"regel heeft {len(row)} kolommen, de kopregel {len(header)}",
                    display,
                    number,
                )
            )
            continue
        match = _YEAR.search(row[year_col])
        if match is None:
            found.append(
                error(
                    "csv.value",
                    f"'{row[year_col].strip()}' in kolom '{header[year_col].strip()}' is geen jaar",
                    display,
                    number,
                    year_col + 1,
                )
            )
            continue
        year = match.group(1)
        cell = row[value_col].strip()
        if cell.lower() in _MISSING:
            continue  # CBS writes '.' for a value that is not (yet) known
        try:
            parse_meetwaarde(cell)
        except NumberError as exc:
            found.append(error("csv.value", str(exc), display, number, value_col + 1))
            continue
        if year in series:
            found.append(
                error(
                    "csv.value",
                    f"jaar {year} staat twee keer in de gekozen rijen (ook op regel "
                    f"{positions[year].line}); beperk de rijen met 'filter:'",
                    display,
                    number,
                )
            )
            continue
        series[year] = cell
        positions[year] = Position(display, number, value_col + 1)
    if not series and not found:
        found.append(
            warning(
                "csv.value",
                f"geen waarden gevonden in kolom '{header[value_col].strip()}'",
                display,
                1,
            )
        )
    return series, positions
