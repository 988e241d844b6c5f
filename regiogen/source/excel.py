"""Read the posten of a begroting from an Excel workbook (.xlsx) typed by a user.

The workbook gives the same plain data a YAML ``posten:`` list would give: text values, and
amounts as *text* (``"85500.50"``) so that the model's money parser reads them, never
through ``float`` arithmetic. How cells are read:

* The header row is the first row (of the first 20) with a cell ``Omschrijving``; the other
  columns are found by name, case-insensitively: ``Id``, ``Soort``, ``Aard``, ``Afspraak`` and
  one column per year (``2024``, ``2025``, …). Other columns (``Totaal``, notes) are ignored.
  The first sheet with such a header row is used.
* Empty rows are skipped, and so are rows whose label (or first filled cell) starts with
  ``Totaal``, ``Subtotaal``, ``Toegekend`` or ``Verschil`` (the summary rows that
  :mod:`regiogen.render.xlsx` adds).
* A numeric cell arrives from openpyxl as ``int`` or ``float``. A float is turned into text by
  its shortest round-trip form (``repr``: ``85500.5`` → ``85500.5``), which is exactly the
  number Excel stored. Float noise from a formula (``0.30000000000000004``) is rounded to
  cents when the value is within a millionth of a cent amount; any other value with more than
  two decimals is an error that asks to round in Excel (``AFRONDEN(…; 2)``): cents are never
  lost and never silently invented.
* Text cells (``€ 12.000``, ``12.000,50``) are checked with
  :func:`regiogen.source.money.parse_money`
  here, so an error names the cell (``Blad1!C5``).
* Formulas are read through their cached values (``data_only``). A formula without a cached
  value (a workbook written by a program that does not calculate) is an error asking to open
  and save the file in Excel or LibreOffice.

Every diagnostic has the workbook's display path, the row as line and the column number as
column, and the cell reference (``Blad1!C7``) in the message.
"""

from __future__ import annotations

import math
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from regiogen.diagnostics import Diagnostic, error, os_reason, warning
from regiogen.source.load import KeyPath, Position
from regiogen.source.money import MoneyError, check_magnitude, parse_money

__all__ = ["MAX_BYTES", "MAX_ROWS", "XlsxPosten", "cell_ref", "read_begroting_xlsx", "read_posten"]

#: Largest workbook read, in bytes on disk.
MAX_BYTES = 10 * 1024 * 1024
#: Largest total size of the workbook's parts when unpacked (guards against zip bombs).
MAX_UNPACKED = 100 * 1024 * 1024
#: Rows read per sheet at most.
MAX_ROWS = 5000
_HEADER_SEARCH = 20
_CENT = Decimal("0.01")
_NOISE = Decimal("0.000001")
_SUMMARY = ("totaal", "subtotaal", "toegekend", "verschil")
_FIELDS = {"id": "id", "omschrijving": "omschrijving", "soort": "soort", "aard": "aard",
           "afspraak": "afspraak"}  # fmt: skip
_CHOICES = {"soort": ("coordinatie", "uitvoering"), "aard": ("incidenteel", "structureel")}


@dataclass
class XlsxPosten:
    """The posten read from a workbook, their cell positions and what went wrong.

    ``positions`` maps key paths *below* a post list (``(0, "bedragen", "2024")``) to cells.
    """

    posten: list[dict[str, Any]] = field(default_factory=list)
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def cell_ref(sheet: str, row: int, col: int) -> str:
    """An Excel cell reference with its sheet: ``Blad1!C7``, ``'Mijn blad'!A1``."""
    from openpyxl.utils import get_column_letter

    plain = sheet.replace("_", "").isalnum()
    name = sheet if plain else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(col)}{row}"


def read_begroting_xlsx(
    path: Path, display: str, jaren: list[int]
) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """Read the posten of ``path`` as plain data (see the module docstring).

    ``display`` is the path shown in diagnostics (``content/lindeland/begroting.xlsx``);
    ``jaren`` are the years of the begroting, used to warn about a missing year column.
    """
    found = read_posten(path, display, jaren)
    return found.posten, found.diagnostics


def read_posten(path: Path, display: str, jaren: list[int]) -> XlsxPosten:
    """Like :func:`read_begroting_xlsx`, with the cell position of every value."""
    result = XlsxPosten()
    problem = _check_file(path)
    if problem is not None:
        code, message = problem
        result.diagnostics.append(error(code, message, display))
        return result
    try:
        values, formulas = _load(path)
    except Exception as exc:  # openpyxl raises many kinds on a bad file
        result.diagnostics.append(
            error(
                "io.unreadable",
                f"kan het Excelbestand niet lezen ({type(exc).__name__}); sla het op als "
                "Excel-werkmap (.xlsx)",
                display,
            )
        )
        return result
    for sheet, rows in values.items():
        header = _find_header(rows)
        if header is None:
            continue
        _Reader(result, display, sheet, formulas.get(sheet, {})).read(rows, *header, jaren)
        return result
    result.diagnostics.append(
        error(
            "schema.missing",
            "geen kopregel gevonden: zet in de eerste regels een rij met de kolomkoppen "
            "Omschrijving, Soort, Aard, Afspraak en de jaren (2024, 2025, …)",
            display,
        )
    )
    return result


def _check_file(path: Path) -> tuple[str, str] | None:
    if path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return "io.unreadable", (
            f"'{path.name}' is geen .xlsx-bestand; sla de begroting in Excel op als "
            "'Excel-werkmap (.xlsx)'"
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        return "io.not-found", f"Excelbestand niet gevonden ({os_reason(exc)})"
    if size > MAX_BYTES:
        return "io.too-large", (
            f"Excelbestand is {size // (1024 * 1024)} MB; regiogen leest begrotingen tot "
            f"{MAX_BYTES // (1024 * 1024)} MB"
        )
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        return "io.unreadable", "geen geldig Excelbestand (.xlsx is een zip-bestand)"
    if unpacked > MAX_UNPACKED:
        return "io.too-large", "Excelbestand is uitgepakt te groot om te lezen"
    return None


Rows = list[tuple[Any, ...]]


def _load(path: Path) -> tuple[dict[str, Rows], dict[str, dict[tuple[int, int], str]]]:
    """Cached values per sheet, and the formulas per sheet by (row, col)."""
    from openpyxl import load_workbook

    values: dict[str, Rows] = {}
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            values[sheet.title] = [
                tuple(row) for row in sheet.iter_rows(max_row=MAX_ROWS, values_only=True)
            ]
    finally:
        book.close()
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        for sheet in book.worksheets:
            found: dict[tuple[int, int], str] = {}
            for r, row in enumerate(sheet.iter_rows(max_row=MAX_ROWS, values_only=True), 1):
                for c, value in enumerate(row, 1):
                    if isinstance(value, str) and value.startswith("="):
                        found[(r, c)] = value
            formulas[sheet.title] = found
    finally:
        book.close()
    return values, formulas


def _label(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip().lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip() if value is not None else ""
    if len(text) == 4 and text.isdigit() and 1990 <= int(text) <= 2100:
        return int(text)
    return None


def _find_header(rows: Rows) -> tuple[int, dict[str, int], dict[int, int]] | None:
    """(row number, field → column, year → column) of the header row, 1-based."""
    for r, row in enumerate(rows[:_HEADER_SEARCH], 1):
        labels = [_label(v) for v in row]
        if "omschrijving" not in labels:
            continue
        columns: dict[str, int] = {}
        years: dict[int, int] = {}
        for c, (label, raw) in enumerate(zip(labels, row, strict=True), 1):
            name = _FIELDS.get(label)
            if name is not None and name not in columns:
                columns[name] = c
            year = _year(raw)
            if year is not None and year not in years:
                years[year] = c
        return r, columns, years
    return None


class _Reader:
    """Reads the data rows under a header row of one sheet."""

    def __init__(
        self, result: XlsxPosten, display: str, sheet: str, formulas: dict[tuple[int, int], str]
    ) -> None:
        self.result = result
        self.display = display
        self.sheet = sheet
        self.formulas = formulas

    def error(self, row: int, col: int, code: str, message: str) -> None:
        ref = cell_ref(self.sheet, row, col)
        self.result.diagnostics.append(error(code, f"{ref}: {message}", self.display, row, col))

    def read(
        self,
        rows: Rows,
        header_row: int,
        columns: dict[str, int],
        years: dict[int, int],
        jaren: list[int],
    ) -> None:
        for jaar in jaren:
            if jaar not in years:
                self.result.diagnostics.append(
                    warning(
                        "schema.missing",
                        f"{cell_ref(self.sheet, header_row, 1)}: de kopregel heeft geen kolom "
                        f"{jaar}; de posten hebben voor {jaar} geen bedragen",
                        self.display,
                        header_row,
                        1,
                    )
                )
        used = sorted({*columns.values(), *years.values()})
        label_col = columns["omschrijving"]
        for r in range(header_row + 1, len(rows) + 1):
            row = rows[r - 1]
            cells = {c: row[c - 1] if c - 1 < len(row) else None for c in used}
            if all(_blank(v) for v in cells.values()) and not any(
                (r, c) in self.formulas for c in used
            ):
                continue
            first_text = next((_label(v) for v in row if not _blank(v)), "")
            if _label(cells[label_col]).startswith(_SUMMARY) or first_text.startswith(_SUMMARY):
                continue  # a totals row, whichever column its label is in
            self.read_row(r, cells, columns, years)

    def read_row(
        self, r: int, cells: dict[int, Any], columns: dict[str, int], years: dict[int, int]
    ) -> None:
        index = len(self.result.posten)
        post: dict[str, Any] = {}
        positions = self.result.positions
        positions[(index,)] = Position(self.display, r, min(cells))
        for name, c in columns.items():
            value = self.cached(r, c, cells[c])
            if _blank(value):
                continue
            text = _text(value)
            if name in _CHOICES and _label(text) in _CHOICES[name]:
                text = _label(text)  # "Coördinatie" → "coordinatie"
            post[name] = text
            positions[(index, name)] = Position(self.display, r, c)
        if "omschrijving" not in post:
            self.error(
                r,
                columns["omschrijving"],
                "schema.missing",
                "omschrijving ontbreekt; geef elke post een omschrijving",
            )
        bedragen: dict[str, str] = {}
        for jaar, c in sorted(years.items()):
            value = self.cached(r, c, cells[c])
            if _blank(value):
                continue
            amount = self.amount(r, c, value)
            if amount is not None:
                bedragen[str(jaar)] = amount
                positions[(index, "bedragen", str(jaar))] = Position(self.display, r, c)
        post["bedragen"] = bedragen
        positions[(index, "bedragen")] = Position(self.display, r, min(years.values(), default=1))
        self.result.posten.append(post)

    def cached(self, r: int, c: int, value: Any) -> Any:
        """The value of a cell; a formula without a calculated value is reported."""
        if _blank(value) and (r, c) in self.formulas:
            self.error(
                r,
                c,
                "io.unreadable",
                f"formule {self.formulas[(r, c)]} heeft geen berekende waarde; open het bestand "
                "in Excel of LibreOffice en sla het op, dan wordt de waarde bewaard",
            )
            return None
        return value

    def amount(self, r: int, c: int, value: Any) -> str | None:
        """An amount cell as money text, or ``None`` after reporting the problem."""
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
            self.error(
                r,
                c,
                "schema.money",
                f"verwacht een bedrag, geen {_kind(value)}; typ een getal zoals 120000",
            )
            return None
        if isinstance(value, str):
            try:
                parse_money(value)
            except MoneyError as exc:
                self.error(r, c, exc.code, exc.message)
                return None
            return value.strip()
        if isinstance(value, float) and not math.isfinite(value):
            self.error(r, c, "schema.money", "cel bevat geen getal (#GETAL! of oneindig)")
            return None
        if isinstance(value, int):
            return str(value)
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:  # pragma: no cover - repr of a finite float always parses
            self.error(r, c, "schema.money", "cel bevat geen geldig getal")
            return None
        try:
            check_magnitude(str(abs(int(number))).lstrip("0"), f"{value}")
        except MoneyError as exc:
            self.error(r, c, exc.code, exc.message)
            return None
        cents = number.quantize(_CENT, ROUND_HALF_UP)
        if number != cents and abs(number - cents) > _NOISE:
            self.error(
                r,
                c,
                "schema.money",
                f"bedrag {number:f} heeft meer dan twee decimalen; een bedrag is in hele centen: "
                f"rond af in Excel, bijvoorbeeld met =AFRONDEN(…; 2)",
            )
            return None
        return f"{cents:f}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "ja/nee-waarde"
    name = type(value).__name__
    return {"datetime": "datum", "date": "datum", "time": "tijd", "timedelta": "tijdsduur"}.get(
        name, name
    )
