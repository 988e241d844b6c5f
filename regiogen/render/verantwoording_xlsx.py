"""The verantwoording as an Excel workbook, in the shape SiSa asks: per year and cumulative.

Three sheets:

* ``SPUK IZA``: per year toegekend, begroot and gerealiseerd (besteding), and the same
  cumulatively up to and including that year;
* ``Posten``: per begrotingspost begroot and gerealiseerd per year;
* ``Transformatiemiddelen``: per transformatieplan its mijlpalen with amount, planned moment
  and state at the peildatum, and the SiSa indicator (were the planned mijlpalen met: ja/nee).

Amounts are exact numbers from ``Decimal`` with the euro format of :mod:`regiogen.render.xlsx`.
The bytes are reproducible like the begroting's workbook: fixed properties and zip times.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from regiogen.model.content import Content
from regiogen.model.voortgang import plan_verantwoording, realisatie
from regiogen.render.xlsx import EURO_FORMAT, _epoch, reproducible_xlsx
from regiogen.source.dates import format_datum

__all__ = ["verantwoording_to_xlsx"]


def _indicator(value: bool | None) -> str:
    return "ja" if value is True else "nee" if value is False else "nog niet te zeggen"


def verantwoording_to_xlsx(
    content: Content, peildatum: date, source_date_epoch: int | None = None
) -> bytes:
    """The verantwoording of ``content`` at ``peildatum`` as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    bold = Font(bold=True)
    sheet = book.active
    assert sheet is not None
    sheet.title = "SPUK IZA"
    _spuk_iza(sheet, content, peildatum, bold)
    _posten(book.create_sheet("Posten"), content, bold)
    _plannen(book.create_sheet("Transformatiemiddelen"), content, peildatum, bold)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible_xlsx(
        buffer.getvalue(),
        f"Verantwoording {content.regio.naam}",
        "Verantwoording SPUK (SiSa)",
        _epoch(content, source_date_epoch),
    )


def _header(ws: Any, row: int, names: list[str], bold: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for c, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        ws.cell(row=row, column=c, value=name).font = bold
        ws.column_dimensions[get_column_letter(c)].width = width


def _money(ws: Any, r: int, c: int, amount: Decimal | None) -> None:
    if amount is None:
        return
    cell = ws.cell(row=r, column=c, value=amount)
    cell.number_format = EURO_FORMAT


def _spuk_iza(ws: Any, content: Content, peildatum: date, bold: Any) -> None:
    ws.cell(row=1, column=1, value=f"Verantwoording SPUK IZA {content.regio.naam}").font = bold
    ws.cell(row=2, column=1, value=f"Stand op {format_datum(peildatum)}")
    names = [
        "Jaar",
        "Toegekend",
        "Begroot",
        "Besteding (jaar)",
        "Toegekend cumulatief",
        "Besteding cumulatief",
    ]
    _header(ws, 4, names, bold, [8, 16, 16, 18, 20, 20])
    ws.freeze_panes = "A5"
    if content.begroting is None:
        ws.cell(row=5, column=1, value="De regio heeft geen begroting.")
        return
    for r, jaar in enumerate(realisatie(content.begroting).jaren, start=5):
        ws.cell(row=r, column=1, value=jaar.jaar)
        _money(ws, r, 2, jaar.toegekend)
        _money(ws, r, 3, jaar.begroot)
        _money(ws, r, 4, jaar.gerealiseerd)
        _money(ws, r, 5, jaar.cumulatief_toegekend)
        _money(ws, r, 6, jaar.cumulatief_gerealiseerd)


def _posten(ws: Any, content: Content, bold: Any) -> None:
    if content.begroting is None:
        ws.cell(row=1, column=1, value="De regio heeft geen begroting.")
        return
    overzicht = realisatie(content.begroting)
    jaren = [j.jaar for j in overzicht.jaren]
    names = ["Id", "Omschrijving"]
    for jaar in jaren:
        names += [f"Begroot {jaar}", f"Gerealiseerd {jaar}"]
    _header(ws, 1, names, bold, [8, 48] + [16] * (2 * len(jaren)))
    ws.freeze_panes = "C2"
    for r, post in enumerate(overzicht.posten, start=2):
        ws.cell(row=r, column=1, value=post.id or "")
        ws.cell(row=r, column=2, value=post.omschrijving)
        for i, jaar in enumerate(jaren):
            _money(ws, r, 3 + 2 * i, post.begroot.get(jaar))
            _money(ws, r, 4 + 2 * i, post.gerealiseerd.get(jaar))


def _plannen(ws: Any, content: Content, peildatum: date, bold: Any) -> None:
    names = ["Plan", "Mijlpaal", "Gepland", "Bedrag", "Stand op peildatum", "Gehaald"]
    _header(ws, 1, names, bold, [8, 56, 20, 16, 24, 10])
    ws.freeze_panes = "A2"
    r = 2
    for plan in plan_verantwoording(content, peildatum):
        if plan.plan.financiering != "spuk-transformatiemiddelen":
            continue
        for stand in plan.mijlpalen:
            ws.cell(row=r, column=1, value=plan.plan.id)
            ws.cell(row=r, column=2, value=stand.mijlpaal.wat)
            wanneer = stand.mijlpaal.wanneer
            ws.cell(row=r, column=3, value=wanneer.label if wanneer else "")
            _money(ws, r, 4, stand.bedrag)
            ws.cell(row=r, column=5, value=stand.stand_tekst)
            ws.cell(row=r, column=6, value="ja" if stand.gehaald else "nee")
            r += 1
        ws.cell(row=r, column=1, value=plan.plan.id).font = bold
        label = "Zijn de geplande mijlpalen gerealiseerd? (SiSa-indicator)"
        ws.cell(row=r, column=2, value=label).font = bold
        _money(ws, r, 4, plan.totaal)
        ws.cell(row=r, column=6, value=_indicator(plan.gerealiseerd)).font = bold
        r += 2
