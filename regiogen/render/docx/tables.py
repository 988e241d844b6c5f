"""GFM tables → Word tables: repeated header row, alignment, amounts, totals, column widths."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token

from .inline import Inline
from .state import DocState
from .xmlutil import unbreakable_dates

_AMOUNT = re.compile(
    r"^\(?[-−+]?\s*(?:€\s*)?[-−+]?\s*(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(?:\d+|-{1,2}))?\s*%?\)?$"
)
_AMOUNT_START = frozenset("(-−+€0123456789")  # what _AMOUNT can start with
_TOTAL = re.compile(r"^\s*(sub)?totaal\b", re.IGNORECASE)
_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right)")
CHAR_TWIPS = 100  # average character width of 9 pt table text (scaled for other sizes)
CELL_PAD = 220  # cell margins plus a little air
AMOUNT_SLACK = 1.2  # digits of common fonts are up to 15% wider than Arial's
AMOUNT_FLOOR = 1.06  # what an amount keeps when the room is short
NBSP = "\u00a0"
_BREAKS = re.compile(r"[ \t\r\n]+")  # where a line may break (not at a non-breaking space)


def is_amount(text: str) -> bool:
    """True for text that looks like an amount: ``€ 1.234,56``, ``12.000``, ``-3,5%``."""
    text = text.strip()
    return 0 < len(text) < 40 and text[0] in _AMOUNT_START and _AMOUNT.match(text) is not None


@dataclass(slots=True)
class Cell:
    """One table cell: its runs, plain text and explicit alignment."""

    inline: Inline
    align: str | None
    amount: bool
    text: str = ""  # the plain text of ``inline`` (set by :func:`cell`)


def cell(inline: Inline, align: str | None, amount: bool) -> Cell:
    """A finished cell, with its plain text worked out once."""
    return Cell(inline, align, amount, inline.plain)


@dataclass(slots=True)
class Row:
    """One table row."""

    cells: list[Cell] = field(default_factory=list)
    header: bool = False


def cell_align(style: object) -> str | None:
    """The GFM column alignment from markdown-it's ``style`` attribute."""
    if not style:
        return None
    return _align(str(style))


@lru_cache(maxsize=64)
def _align(style: str) -> str | None:
    match = _ALIGN.search(style)
    return match.group(1) if match else None


def _column_widths(
    rows: list[Row], ncols: int, total: int, numeric: list[bool], char: float = CHAR_TWIPS
) -> list[int]:
    desired = [int(CELL_PAD + 3 * char)] * ncols
    minimum = [int(CELL_PAD + 2 * char)] * ncols
    tight = list(minimum)  # the minimum without the slack for amounts
    for row in rows:
        for i, cell in enumerate(row.cells[:ncols]):
            text = cell.text
            factor = 1.08 if (row.header or cell.inline.bold_runs) else 1.0
            length = min(len(text), 60)
            slack = 1.0
            if cell.amount:
                # Amounts never break: room for fonts with wider digits than Arial (DejaVu).
                # Digits are a full figure wide; the space, dots and comma about half that.
                digits = sum(ch.isdigit() for ch in text)
                longest = length = math.ceil(digits + (len(text) - digits) * 0.55)
                slack = AMOUNT_SLACK
            else:
                # A date is one word: it never breaks (see ``unbreakable_dates``).
                longest = max(map(len, _BREAKS.split(unbreakable_dates(text))), default=0)
                longest = min(longest, 16 if row.header else 24)
            # A name takes at most two lines where the room allows (a post's name over three
            # lines next to amount columns with room to spare looks careless).
            wish = max(longest, min(_two_lines(text), 30)) if not cell.amount else longest
            desired[i] = max(desired[i], int(length * char * factor * slack) + CELL_PAD)
            minimum[i] = max(minimum[i], int(wish * char * factor * slack) + CELL_PAD)
            tight[i] = max(tight[i], int(longest * char * factor) + CELL_PAD)
    if sum(minimum) > total:
        # Too little room: first the amounts give up their slack (down to what Arial's
        # digits need, plus a little), then names their second line, before words break.
        floor = [int((t - CELL_PAD) * AMOUNT_FLOOR) + CELL_PAD if num else t
                 for t, num in zip(tight, numeric, strict=True)]  # fmt: skip
        for pool in (numeric, [not n for n in numeric]):
            over = sum(minimum) - total
            give = [m - f if chosen else 0
                    for m, f, chosen in zip(minimum, floor, pool, strict=True)]  # fmt: skip
            if over <= 0 or not sum(give):
                continue
            take = min(over, sum(give))
            minimum = [m - g * take // sum(give) for m, g in zip(minimum, give, strict=True)]
        if sum(minimum) > total:
            room = max(total - sum(floor), 0)
            extra = sum(minimum) - sum(floor)
            minimum = [f + (m - f) * room // extra if extra else f
                       for f, m in zip(floor, minimum, strict=True)]  # fmt: skip
    desired = [max(d, m) for d, m in zip(desired, minimum, strict=True)]
    if sum(desired) <= total:
        # A narrow table is not stretched to the full width.
        total = min(total, max(int(sum(desired) * 1.6), total * 2 // 3))
        # Spare room goes to text columns; amount columns keep their natural width.
        weights = [0 if num else d for d, num in zip(desired, numeric, strict=True)]
        if not any(weights):
            weights = desired
        return _spread(desired, total - sum(desired), weights, total)
    if sum(minimum) >= total:
        return _spread([0] * ncols, total, minimum, total)
    flex = [d - m for d, m in zip(desired, minimum, strict=True)]
    return _spread(minimum, total - sum(minimum), flex, total)


def _two_lines(text: str) -> int:
    """The length of the longer line when ``text`` is broken at one space into two."""
    words = text.split()
    if len(words) < 2:
        return len(text)
    return min(
        max(len(" ".join(words[:k])), len(" ".join(words[k:]))) for k in range(1, len(words))
    )


def _spread(base: list[int], extra: int, weights: list[int], total: int) -> list[int]:
    weight_sum = sum(weights) or 1
    widths = [b + extra * w // weight_sum for b, w in zip(base, weights, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def _is_total(row: Row, last: bool) -> bool:
    """A totals row: bold throughout, or labelled "Totaal ..." as the last row or briefly
    ("Subtotaal 2025"), not a long label that merely starts with the word."""
    if row.header or not row.cells:
        return False
    label = row.cells[0].text
    if _TOTAL.match(label) and (last or len(label.split()) <= 3):
        return True
    filled = [c for c in row.cells if c.text.strip()]
    return bool(filled) and all(c.inline.all_bold for c in filled)


#: Tables of at most this many rows (a third of a page) are kept on one page.
_SMALL_TABLE = 12
#: ",00" at the end of an amount's text in a run.
_CENTS = re.compile(r",00(?=</w:t>)")


def _whole_euros(body: list[Row], col: int) -> bool:
    """True when every amount in the column is whole euros: then none shows ",00" (cents
    stay in every cell of a column where any amount has them, so the digits line up)."""
    amounts = [r.cells[col].text for r in body if col < len(r.cells) and r.cells[col].amount]
    return bool(amounts) and all(a.rstrip().endswith(",00") for a in amounts)


def render_table(st: DocState, rows: list[Row]) -> str:
    """Return the ``w:tbl`` XML for the collected rows."""
    if not rows:
        return ""
    ncols = max(len(r.cells) for r in rows) or 1
    body = [r for r in rows if not r.header]
    aligns: list[str | None] = []
    for i in range(ncols):
        explicit = next((r.cells[i].align for r in rows if i < len(r.cells)), None)
        if explicit is None:
            filled = [r.cells[i] for r in body if i < len(r.cells) and r.cells[i].text]
            amounts = sum(1 for c in filled if c.amount)
            if filled and amounts * 2 >= len(filled):
                explicit = "right"
        aligns.append(explicit)
    numeric = [a == "right" for a in aligns]
    whole = [_whole_euros(body, i) for i in range(ncols)]
    for row in body:  # widths from the amounts as shown, without ",00"
        for i, c in enumerate(row.cells[:ncols]):
            if whole[i] and c.amount:
                c.text = c.text.rstrip().removesuffix(",00")
    char = CHAR_TWIPS * st.styles.font_size("table_text") / 9.0
    widths = _column_widths(rows, ncols, st.text_width(), numeric, char)
    text_style = st.styles("table_text")
    total_style = ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{st.styles("table")}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    totals = [_is_total(row, index == len(rows) - 1) for index, row in enumerate(rows)]
    for index, row in enumerate(rows):
        total = totals[index]
        # A totals row never stands alone under a repeated header: the row above keeps with it.
        # A small table stays on one page as a whole.
        keep = (
            "<w:keepNext/>"
            if index + 1 < len(rows) and (totals[index + 1] or len(rows) <= _SMALL_TABLE)
            else ""
        )
        if total and not total_style:
            total_style = st.styles("table_total")
        style = total_style if total else text_style
        out.append(
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if row.header
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"  # a row never splits over two pages
        )
        for i in range(ncols):
            cell = row.cells[i] if i < len(row.cells) else None
            align = aligns[i]
            if cell is not None and cell.amount and align is None:
                align = "right"
            tcpr = f'<w:tcW w:w="{widths[i]}" w:type="dxa"/>'
            if total:
                tcpr += (
                    '<w:tcBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="154273"/>'
                    '</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="E8EEF4"/>'
                )
            jc = f'<w:jc w:val="{align}"/>' if align and align != "left" else ""
            runs = cell.inline.xml() if cell is not None else ""
            if whole[i] and cell is not None and cell.amount:
                runs = _CENTS.sub("", runs)
            out.append(
                f'<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{jc}'
                f"</w:pPr>{runs}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


#: Inline tokens that may surround the text of an amount (``**€ 1.000,00**``).
_AMOUNT_MARKUP = frozenset({"strong_open", "strong_close", "em_open", "em_close", "softbreak"})


def prepare_amount(children: list[Token]) -> bool:
    """If a cell's inline tokens read as an amount, make its spaces non-breaking."""
    texts: list[Token] = []
    for tok in children:
        if tok.type == "text":
            texts.append(tok)
        elif tok.type not in _AMOUNT_MARKUP:
            return False
    if not texts:
        return False
    plain = texts[0].content if len(texts) == 1 else "".join(t.content for t in texts)
    if not is_amount(plain):
        return False
    for tok in texts:
        tok.content = tok.content.replace(" ", NBSP)
    return True
