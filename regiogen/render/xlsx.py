"""Write a region's begroting as an Excel workbook with live formulas.

One sheet, ``Begroting``:

* a bold, frozen header row: Id, Omschrijving, Soort, Aard, Afspraak, one column per year,
  Totaal;
* one row per post, amounts as exact numbers (from ``Decimal``), a ``=SUM`` per post;
* a ``Totaal`` row with ``=SUM`` per year;
* subtotals per soort and per aard as ``=SUM`` of the posts' own cells (not ``SUMIF`` on a
  label: a user who corrects a label's spelling must not drop the post from its subtotal);
  the amounts toegekend, the verschil (toegekend − begroot) and the verschil as a
  percentage of toegekend, all as formulas;
* every formula with its cached value (previews in mail and file browsers show the totals;
  Excel and LibreOffice still calculate on opening), soort and aard spelled as labels
  ("Coördinatie"), bold cells with font name and size, and a print setup: landscape, fit to
  the page width, the header row repeated, the title in the page header.

Amounts use the number format ``"€" #,##0.00``: Excel and LibreOffice show it with the
reader's separators (``€ 1.234,50`` in a Dutch installation). The sheet can be read back
with :func:`regiogen.source.excel.read_begroting_xlsx` (summary rows are skipped there).

The bytes are reproducible: fixed document properties (creator ``regiogen``, dates from
``source_date_epoch``, else the region's ``datum``, else 2000-01-01) and a zip with fixed
entry times, written by the same function as the Word packages.
"""

from __future__ import annotations

import calendar
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from regiogen.model.content import Begroting, Content, Post
from regiogen.model.overzicht import AARD_LABEL, AARDEN, SOORT_LABEL, SOORTEN, begroting_jaren

__all__ = ["DEFAULT_EPOCH", "EURO_FORMAT", "PERCENT_FORMAT", "begroting_to_xlsx"]

#: Document date when neither an epoch nor the content gives one (2000-01-01T00:00:00Z).
DEFAULT_EPOCH = 946684800
#: Excel number format for euros; Excel localises the separators.
EURO_FORMAT = '"€" #,##0.00;-"€" #,##0.00'
PERCENT_FORMAT = "0.0%"
_FIXED = ("Id", "Omschrijving", "Soort", "Aard", "Afspraak")
_WIDTHS = {"Id": 8, "Omschrijving": 48, "Soort": 14, "Aard": 14, "Afspraak": 11}
_AMOUNT_WIDTH = 16
#: The workbook's font (openpyxl's default); bold cells name it too.
FONT = "Calibri"
FONT_SIZE = 11


def begroting_to_xlsx(content: Content, *, source_date_epoch: int | None = None) -> bytes:
    """The begroting of ``content`` as .xlsx bytes (see the module docstring)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Begroting"
    begroting = content.begroting or Begroting()
    laid_out = _Sheet(sheet, begroting)
    laid_out.write()
    _print_setup(sheet, f"Begroting {content.regio.naam}")
    book.calculation.fullCalcOnLoad = True  # cached values for previews; calculate when opened
    epoch = _epoch(content, source_date_epoch)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible_xlsx(
        buffer.getvalue(),
        f"Begroting {content.regio.naam}",
        "Begroting SPUK IZA",
        epoch,
        laid_out.values,
    )


def _print_setup(sheet: Any, title: str) -> None:
    """Landscape, one page wide, the header row on every page, the title in the header."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = title
    sheet.oddFooter.right.text = "Pagina &P van &N"


_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>')


def _with_cached_values(sheet_xml: bytes, values: dict[str, Decimal | str]) -> bytes:
    """Write each formula's value (computed in Python) as its cached result."""

    def fill(m: re.Match[str]) -> str:
        value = values.get(m.group(1))
        if value is None:
            return m.group(0)
        if isinstance(value, str):
            return f'<c r="{m.group(1)}"{m.group(2)} t="str"><f>{m.group(3)}</f><v>{value}</v></c>'
        return f'<c r="{m.group(1)}"{m.group(2)}><f>{m.group(3)}</f><v>{_number(value)}</v></c>'

    return _FORMULA_CELL.sub(fill, sheet_xml.decode("utf-8")).encode("utf-8")


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


def _epoch(content: Content, source_date_epoch: int | None) -> int:
    if source_date_epoch is not None:
        return source_date_epoch
    if content.regio.datum is not None:
        return calendar.timegm((*content.regio.datum.timetuple()[:3], 0, 0, 0, 0, 0, 0))
    return DEFAULT_EPOCH


def reproducible_xlsx(
    data: bytes,
    title: str,
    subject: str,
    epoch: int,
    values: dict[str, Decimal | str] | None = None,
) -> bytes:
    """Rewrite an openpyxl package with fixed entry times and our own core properties
    (and, with ``values``, the cached results of the first sheet's formulas)."""
    from regiogen.render.docx.package import core_properties, write_zip

    parts: list[tuple[str, bytes]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            body = package.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = core_properties(
                    title=title,
                    subject=subject,
                    author="regiogen",
                    keywords="",
                    language="nl-NL",
                    epoch=epoch,
                )
            elif info.filename == "xl/worksheets/sheet1.xml" and values:
                body = _with_cached_values(body, values)
            parts.append((info.filename, body))
    return write_zip(parts, epoch)


class _Sheet:
    """Lays out the begroting on one worksheet."""

    def __init__(self, sheet: Any, begroting: Begroting) -> None:
        self.ws = sheet
        self.begroting = begroting
        self.jaren = begroting_jaren(begroting)
        self.first_year_col = len(_FIXED) + 1
        self.total_col = self.first_year_col + len(self.jaren)
        self.first = 2
        self.last = 1 + len(begroting.posten)
        #: The value of every formula cell (``"F12"`` → amount or text), as cached results.
        self.values: dict[str, Decimal | str] = {}
        self.amounts: dict[tuple[int, int], Decimal] = {}

    def col(self, index: int) -> str:
        from openpyxl.utils import get_column_letter

        return str(get_column_letter(index))

    def amount_cols(self) -> list[int]:
        return [*range(self.first_year_col, self.total_col), self.total_col]

    def write(self) -> None:
        from openpyxl.styles import Alignment, Font

        bold = Font(name=FONT, size=FONT_SIZE, bold=True)  # no name: Calc falls back to serif
        headers = [*_FIXED, *(str(j) for j in self.jaren), "Totaal"]
        for c, title in enumerate(headers, 1):
            cell = self.ws.cell(row=1, column=c, value=int(title) if title.isdigit() else title)
            cell.font = bold
            if c >= self.first_year_col:
                cell.alignment = Alignment(horizontal="right")
            width = _WIDTHS.get(title, _AMOUNT_WIDTH)
            self.ws.column_dimensions[self.col(c)].width = width
        self.ws.freeze_panes = "A2"
        for r, post in enumerate(self.begroting.posten, self.first):
            self.post_row(r, post)
        row = self.last + 1
        self.total_row(row, bold)
        row += 2
        row = self.groups(row, "soort", 3, SOORTEN, SOORT_LABEL)
        row = self.groups(row, "aard", 4, AARDEN, AARD_LABEL)
        self.comparison(row, total_row=self.last + 1, bold=bold)

    def post_row(self, r: int, post: Post) -> None:
        values = [post.id, post.omschrijving, SOORT_LABEL[post.soort] if post.soort else None,
                  AARD_LABEL[post.aard] if post.aard else None, post.afspraak]  # fmt: skip
        for c, value in enumerate(values, 1):
            if value is not None:
                self.ws.cell(row=r, column=c, value=value)
        for c, jaar in enumerate(self.jaren, self.first_year_col):
            amount = post.bedragen.get(jaar)
            if amount is not None:
                self.money(r, c, amount)
        self.formula(r, self.total_col, self.sum_across(r), self.row_sum(r))

    def value(self, r: int, c: int) -> Decimal:
        return self.amounts.get((r, c), Decimal(0))

    def row_sum(self, r: int) -> Decimal:
        return sum((self.value(r, c) for c in range(self.first_year_col, self.total_col)),
                   Decimal(0))  # fmt: skip

    def col_sum(self, c: int, rows: list[int]) -> Decimal:
        return sum((self.value(r, c) for r in rows), Decimal(0))

    def sum_across(self, r: int) -> str:
        if not self.jaren:
            return "=0"
        return f"=SUM({self.col(self.first_year_col)}{r}:{self.col(self.total_col - 1)}{r})"

    def total_row(self, r: int, bold: Any) -> None:
        self.ws.cell(row=r, column=2, value="Totaal").font = bold
        for c in self.amount_cols():
            letter = self.col(c)
            text = (
                f"=SUM({letter}{self.first}:{letter}{self.last})"
                if self.last >= self.first
                else "=0"
            )
            rows = list(range(self.first, self.last + 1))
            self.formula(r, c, text, self.col_sum(c, rows)).font = bold

    def groups(
        self, r: int, what: str, key_col: int, order: tuple[str, ...], labels: dict[str | None, str]
    ) -> int:
        """Subtotals per value of soort or aard with SUMIF; returns the next free row."""
        posten = self.begroting.posten
        present = {getattr(p, what) for p in posten}
        keys: list[str | None] = [k for k in order if k in present]
        if None in present:
            keys.append(None)
        for key in keys:
            self.ws.cell(row=r, column=2, value=f"Subtotaal {labels[key].lower()}")
            rows = [self.first + i for i, p in enumerate(posten) if getattr(p, what) == key]
            for c in self.amount_cols():
                letter = self.col(c)
                cells = ",".join(f"{letter}{row}" for row in rows)
                self.formula(r, c, f"=SUM({cells})", self.col_sum(c, rows))
            r += 1
        return r + (1 if keys else 0)

    def comparison(self, r: int, *, total_row: int, bold: Any) -> None:
        """Toegekend, verschil and verschil in percent, per year and in total."""
        from openpyxl.styles import Font

        toegekend, verschil, procent = r, r + 1, r + 2
        self.ws.cell(row=toegekend, column=2, value="Toegekend").font = bold
        self.ws.cell(row=verschil, column=2, value="Verschil (toegekend − begroot)")
        self.ws.cell(row=procent, column=2, value="Verschil in % van toegekend")
        for c, jaar in enumerate(self.jaren, self.first_year_col):
            amount = self.begroting.toegekend.get(jaar)
            if amount is not None:
                self.money(toegekend, c, amount).font = Font(name=FONT, size=FONT_SIZE, bold=True)
        first, last = self.col(self.first_year_col), self.col(self.total_col - 1)
        if self.jaren:
            self.formula(toegekend, self.total_col, f"=SUM({first}{toegekend}:{last}{toegekend})",
                         self.row_sum(toegekend))  # fmt: skip
        posts = list(range(self.first, self.last + 1))
        for c in self.amount_cols():
            letter = self.col(c)
            given = self.value(toegekend, c)
            planned = self.col_sum(c, posts)
            diff = given - planned
            self.formula(verschil, c, f"={letter}{toegekend}-{letter}{total_row}", diff)
            cell = self.ws.cell(
                row=procent,
                column=c,
                value=f'=IF(N({letter}{toegekend})=0,"",{letter}{verschil}/{letter}{toegekend})',
            )
            cell.number_format = PERCENT_FORMAT
            self.values[f"{letter}{procent}"] = diff / given if given else ""

    def money(self, r: int, c: int, amount: Decimal) -> Any:
        cell = self.ws.cell(row=r, column=c, value=amount)
        cell.number_format = EURO_FORMAT
        self.amounts[(r, c)] = amount
        return cell

    def formula(self, r: int, c: int, text: str, value: Decimal) -> Any:
        cell = self.ws.cell(row=r, column=c, value=text)
        cell.number_format = EURO_FORMAT
        self.values[f"{self.col(c)}{r}"] = value
        self.amounts[(r, c)] = value
        return cell
