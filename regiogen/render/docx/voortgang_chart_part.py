"""The voortgang charts as native Word charts (DrawingML), like the charts of series.

- Measurements (:class:`~regiogen.render.voortgang_charts.MetingenSpec`): a scatter chart with
  lines, the days on the horizontal axis (month and year), the value of each measurement at
  its point, the nulmeting and streefwaarde as level lines across the chart and the peildatum
  as a vertical line; the legend names them.
- The timeline (:class:`~regiogen.render.voortgang_charts.TijdlijnSpec`): a stacked bar chart
  (a Gantt chart) with one row per mijlpaal, its bar in the quarter it is due, coloured by its
  state; a delayed mijlpaal also has an open bar in the quarter it is now expected. The
  horizontal axis counts in years (a quarter is 0,25), so its labels and gridlines fall exactly
  on the years and quarters. A bar chart has no vertical line: the peildatum is a red mark in
  a row of its own at the top.

The values are literals in the part (no embedded workbook); the text follows ``nl-NL``.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from regiogen.render.voortgang_charts import (
    KLEUREN,
    METING,
    NUL,
    PEIL,
    STREEF,
    MetingenSpec,
    TijdlijnSpec,
    kwartaal_jaren,
    meting_axis,
    peil_positie,
    tijd_bereik,
)
from regiogen.source.dates import format_datum

from .chart_xml import axis_title, chart_space, num_lit, number_format, plain_line
from .xmlutil import esc

__all__ = ["metingen_part_xml", "metingen_size", "tijdlijn_part_xml", "tijdlijn_size"]

_X_AX, _Y_AX = 500300, 500400
_EMU_PER_CM = 360000
#: The tallest timeline, in cm: it fits an A4 page under a heading (25,7 cm of text height).
MAX_HEIGHT_CM = 22.0
_EXCEL_EPOCH = date(1899, 12, 30)
#: An invisible bar: the offset before a mijlpaal, the gap before its new expected quarter.
_NONE = "<a:noFill/><a:ln><a:noFill/></a:ln>"
#: The name of such a series: a no-break space, so the legend shows nothing for it.
_NO_NAME = "\u00a0"
#: A line without markers.
_NO_MARKER = '<c:marker><c:symbol val="none"/></c:marker>'
#: The width of the peildatum's mark, in years (about a week).
_MARK = Decimal("0.02")


def metingen_size() -> tuple[int, int]:
    """Width and height in EMU: 16 × 7 cm, as the SVG."""
    return 16 * _EMU_PER_CM, 7 * _EMU_PER_CM


def tijdlijn_size(spec: TijdlijnSpec) -> tuple[int, int]:
    """Width and height in EMU: 16 cm wide, 0,6 cm a row (the peildatum's row too) plus room
    for the legend and the axis, at most :data:`MAX_HEIGHT_CM` (the rows get thinner): an
    inline chart taller than the page would be cut off."""
    rows = len(spec.balken) + (peil_positie(spec) is not None)
    height = min(0.6 * max(rows, 1) + 2.2, MAX_HEIGHT_CM)
    return 16 * _EMU_PER_CM, int(height * _EMU_PER_CM)


def _serial(day: date) -> int:
    """The day as a spreadsheet date number (1900 system), as charts count days."""
    return (day - _EXCEL_EPOCH).days


def _line(colour: str, width: int, dash: str | None = None) -> str:
    prst = f'<a:prstDash val="{dash}"/>' if dash else ""
    return (
        f'<c:spPr><a:ln w="{width}" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/>'
        f"</a:solidFill>{prst}<a:round/></a:ln></c:spPr>"
    )


def _decimals(values: list[Decimal]) -> int:
    exponents = [v.normalize().as_tuple().exponent for v in values]
    return max([0, *(-e for e in exponents if isinstance(e, int))])


def metingen_part_xml(spec: MetingenSpec) -> bytes:
    """The chart part (``c:chartSpace``) of a result's measurements."""
    axis = meting_axis(spec)
    first, last = tijd_bereik(spec)
    start = _serial(date(first.year, first.month, 1)) + 2  # ticks on the 1st–4th of a month
    end = _serial(last)
    months = max(1, math.ceil((end - start) / 30.4375 / 6))
    values = [v for _, v in spec.punten]
    xs = [(i, str(_serial(d))) for i, (d, _) in enumerate(spec.punten)]
    ys = [(i, str(v)) for i, (_, v) in enumerate(spec.punten)]
    label_fmt = number_format(min(_decimals(values), 3))
    # LibreOffice leaves out the first series of a scatter chart when a later one has more
    # points: the peildatum comes first, as a vertical line of as many points as there are
    # measurements (at least two), then the level lines, then the measurements.
    peil = str(_serial(spec.peildatum))
    count = max(2, len(spec.punten))
    heights = [axis.laag + (axis.hoog - axis.laag) * i / (count - 1) for i in range(count)]
    series = [
        _scatter(
            0, f"peildatum {format_datum(spec.peildatum)}", _line(PEIL, 19050, "sysDot"),
            [(i, peil) for i in range(count)], [(i, str(h)) for i, h in enumerate(heights)],
            _NO_MARKER,
        )
    ]  # fmt: skip
    for line, colour, dash in ((spec.nul, NUL, "dash"), (spec.streef, STREEF, None)):
        if line is None:
            continue
        level = str(line.waarde)
        series.append(
            _scatter(
                len(series), line.label, _line(colour, 19050, dash),
                [(0, str(start)), (1, str(end))], [(0, level), (1, level)], _NO_MARKER,
            )
        )  # fmt: skip
    series.append(
        _scatter(
            len(series), "meting", _line(METING, 28575), xs, ys,
            '<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill>'
            f'<a:srgbClr val="{METING}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>'
            "</c:marker>"
            f'<c:dLbls><c:numFmt formatCode="{esc(label_fmt)}" sourceLinked="0"/>'
            "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            '<c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
            '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>',
        )
    )  # fmt: skip
    plot = (
        '<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>'
        f'{"".join(series)}<c:axId val="{_X_AX}"/><c:axId val="{_Y_AX}"/></c:scatterChart>'
        f'<c:valAx><c:axId val="{_X_AX}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{end}"/><c:min val="{start}"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:numFmt formatCode="[$-413]mmm yyyy" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
        f'{plain_line("666666", 9525)}<c:crossAx val="{_Y_AX}"/><c:crosses val="min"/>'
        f'<c:crossBetween val="midCat"/><c:majorUnit val="{months * 30.4375}"/></c:valAx>'
        f'<c:valAx><c:axId val="{_Y_AX}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{axis.hoog}"/><c:min val="{axis.laag}"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/>'
        f"<c:majorGridlines>{plain_line('E0E0E0', 6350)}</c:majorGridlines>"
        f"{axis_title(spec.eenheid or 'waarde', 800)}"
        f'<c:numFmt formatCode="{esc(number_format(axis.decimals()))}" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{plain_line("666666", 9525)}<c:crossAx val="{_X_AX}"/><c:crosses val="min"/>'
        f'<c:crossBetween val="midCat"/><c:majorUnit val="{axis.stap}"/></c:valAx>'
    )
    legend = '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
    return chart_space(plot, legend, text_size=800, blanks="gap")


def _scatter(
    n: int,
    name: str,
    look: str,
    xs: list[tuple[int, str]],
    ys: list[tuple[int, str]],
    extra: str,
) -> str:
    """One series of the scatter chart: ``look`` (its line), ``extra`` (marker, labels)."""
    return (
        f'<c:ser><c:idx val="{n}"/><c:order val="{n}"/><c:tx><c:v>{esc(name)}</c:v></c:tx>'
        f"{look}{extra}<c:xVal>{num_lit(xs, len(xs))}</c:xVal><c:yVal>{num_lit(ys, len(ys))}"
        '</c:yVal><c:smooth val="0"/></c:ser>'
    )


def tijdlijn_part_xml(spec: TijdlijnSpec) -> bytes:
    """The chart part (``c:chartSpace``) of the mijlpalen by quarter.

    Besides the bars the chart has two series without fill that only push the bars into place
    (the offset from the start, the gap to a new expected quarter); they have no name, so the
    legend shows nothing for them. The peildatum is a red mark in a row of its own at the top.
    """
    first = int(kwartaal_jaren(spec.kwartalen[0]))
    last = int(kwartaal_jaren(spec.kwartalen[-1]))
    peil = _year_fraction(spec.peildatum) if peil_positie(spec) is not None else None
    top = 1 if peil is not None else 0  # the peildatum's row
    labels = ([f"peildatum {format_datum(spec.peildatum)}"] if peil is not None else []) + [
        b.label for b in spec.balken
    ]
    rows = len(labels)
    cats = "".join(f'<c:pt idx="{i}"><c:v>{esc(t)}</c:v></c:pt>' for i, t in enumerate(labels))

    def at(index: int) -> Decimal:  # the start of quarter ``index`` in years (2024.25 …)
        return kwartaal_jaren(spec.kwartalen[index])

    width = Decimal("0.2")  # 0,8 of a quarter
    begin = [(i + top, str(at(b.kwartaal) + Decimal("0.025"))) for i, b in enumerate(spec.balken)]
    if peil is not None:
        begin.insert(0, (0, str(peil - _MARK / 2)))
    series = [_bar(0, _NO_NAME, _NONE, begin, rows, cats)]
    for stand, words in spec.standen:
        points = [(i + top, str(width)) for i, b in enumerate(spec.balken) if b.stand == stand]
        fill = f'<a:solidFill><a:srgbClr val="{KLEUREN[stand]}"/></a:solidFill>'
        series.append(_bar(len(series), words, fill, points, rows, cats))
    later = [(i + top, b) for i, b in enumerate(spec.balken) if b.verwacht is not None]
    if later:
        gaps = [(i, str(at(b.verwacht or 0) - at(b.kwartaal) - width)) for i, b in later]
        series.append(_bar(len(series), _NO_NAME, _NONE, gaps, rows, cats))
        outline = (
            f'<a:noFill/><a:ln w="19050"><a:solidFill><a:srgbClr val="{KLEUREN["vertraagd"]}"/>'
            '</a:solidFill><a:prstDash val="dash"/></a:ln>'
        )
        points = [(i, str(width)) for i, _ in later]
        series.append(_bar(len(series), "nieuw verwacht", outline, points, rows, cats))
    if peil is not None:
        fill = f'<a:solidFill><a:srgbClr val="{PEIL}"/></a:solidFill>'
        series.append(_bar(len(series), "peildatum", fill, [(0, str(_MARK))], rows, cats))
    plot = (
        '<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>'
        f'{"".join(series)}<c:gapWidth val="70"/><c:overlap val="100"/>'
        f'<c:axId val="{_X_AX}"/><c:axId val="{_Y_AX}"/></c:barChart>'
        f'<c:catAx><c:axId val="{_X_AX}"/><c:scaling><c:orientation val="maxMin"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="l"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="low"/>{plain_line("666666", 9525)}'
        f"{_label_text(_label_size(rows))}"
        f'<c:crossAx val="{_Y_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{_Y_AX}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{last + 1}"/><c:min val="{first}"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/>'
        f"<c:majorGridlines>{plain_line('A0A0A0', 9525)}</c:majorGridlines>"
        f"<c:minorGridlines>{plain_line('E0E0E0', 6350)}</c:minorGridlines>"
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="out"/><c:tickLblPos val="nextTo"/>'
        f'{plain_line("666666", 9525)}<c:crossAx val="{_X_AX}"/><c:crosses val="max"/>'
        '<c:crossBetween val="between"/><c:majorUnit val="1"/><c:minorUnit val="0.25"/>'
        "</c:valAx>"
    )
    legend = '<c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend>'
    return chart_space(plot, legend, text_size=800, blanks="gap")


def _label_size(rows: int) -> int:
    """The size of the row labels in hundredths of a point: 8 pt, smaller when many rows
    share the tallest chart, so that every row keeps its label (never below 5 pt)."""
    pitch = (MAX_HEIGHT_CM - 2.2) * 28.35 / max(rows, 1)  # points a row gets at most
    return max(500, min(800, int(pitch * 0.75) * 100))


def _label_text(size: int) -> str:
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr>'
        '<a:endParaRPr lang="nl-NL"/></a:p></c:txPr>'
    )


def _year_fraction(day: date) -> Decimal:
    """The day in years: 2025.0822 for 31 January 2025 (to four decimals)."""
    start, end = date(day.year, 1, 1), date(day.year + 1, 1, 1)
    fraction = Decimal((day - start).days) / Decimal((end - start).days)
    return (Decimal(day.year) + fraction).quantize(Decimal("0.0001"))


def _bar(n: int, name: str, fill: str, points: list[tuple[int, str]], rows: int, cats: str) -> str:
    """One series of the stacked bar chart, with ``fill`` as its shape properties."""
    return (
        f'<c:ser><c:idx val="{n}"/><c:order val="{n}"/><c:tx><c:v>{esc(name)}</c:v></c:tx>'
        f'<c:spPr>{fill}</c:spPr><c:invertIfNegative val="0"/>'
        f'<c:cat><c:strLit><c:ptCount val="{rows}"/>{cats}</c:strLit></c:cat>'
        f"<c:val>{num_lit(points, rows)}</c:val></c:ser>"
    )
