"""A chart as a native Word chart: the DrawingML chart part and the run that shows it.

Word (and LibreOffice, which makes the PDF) draw the chart themselves from the values in the
part: sharp at every zoom, restyled with the document, the values readable on hover. The
value axis is the one the SVG has (:func:`regiogen.render.charts.value_axis`); the numbers
follow the document's language (``nl-NL``: a decimal comma, a dot between thousands). The
values are literals in the part (``c:strLit``/``c:numLit``): there is no embedded workbook.
"""

from __future__ import annotations

import math

from regiogen.render.chart_svg import AnySpec
from regiogen.render.charts import COLOURS, ChartSpec, Reeks, value_axis, years_of
from regiogen.render.voortgang_charts import MetingenSpec, TijdlijnSpec

from .chart_xml import C_NS, axis_title, chart_space, num_lit, number_format, plain_line
from .state import DocState, Media
from .voortgang_chart_part import metingen_part_xml, metingen_size, tijdlijn_part_xml, tijdlijn_size
from .xmlutil import esc

__all__ = ["chart_media", "chart_part_xml", "chart_run", "is_chart"]

#: 16 × 8 cm in EMU, the size of the SVG.
WIDTH, HEIGHT = 5760000, 2880000
_CAT_AX, _VAL_AX = 500100, 500200


def chart_media(st: DocState, key: str, spec: AnySpec) -> Media:
    """The chart part of ``spec`` in this document (made once per ``key``): a chart of
    series, or one of the voortgang (:mod:`.voortgang_chart_part`)."""
    media = st.media.get(key)
    if media is None:
        number = sum(1 for m in st.media.values() if is_chart(m)) + 1
        part = f"charts/chart{number}.xml"
        if isinstance(spec, MetingenSpec):
            media = Media(part, metingen_part_xml(spec), metingen_size())
        elif isinstance(spec, TijdlijnSpec):
            media = Media(part, tijdlijn_part_xml(spec), tijdlijn_size(spec))
        else:
            media = Media(part, chart_part_xml(spec))
        st.media[key] = media
    return media


def is_chart(media: Media) -> bool:
    """True when ``media`` is a chart part rather than a picture."""
    return media.part.startswith("charts/")


def chart_run(st: DocState, media: Media, alt: str, width: int | None = None) -> str:
    """The run XML that shows the chart part ``media``: ``width`` EMU wide (default 16 cm),
    never wider than the text, as high as the chart's own proportions say (a chart of series
    is twice as wide as high)."""
    rid = st.part_rels().add("chart", media.part)
    own_width, own_height = media.size or (WIDTH, HEIGHT)
    width = max(1, min(width or own_width, st.text_width() * 635))
    height = own_height * width // own_width
    drawing_id = st.next_drawing
    st.next_drawing += 1
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Grafiek {drawing_id}" descr="{esc(alt)}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" r:id="{rid}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def chart_part_xml(spec: ChartSpec) -> bytes:
    """The chart part (``c:chartSpace``) of ``spec``."""
    years = [str(y) for y in years_of(spec)]
    axis = value_axis(spec)
    fmt = number_format(axis.decimals())
    series = "".join(_series(spec, n, reeks, years) for n, reeks in enumerate(spec.reeksen))
    if spec.soort == "staaf":
        plot = (
            '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
            f'<c:varyColors val="0"/>{series}<c:gapWidth val="60"/><c:overlap val="0"/>'
            f'<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:barChart>'
        )
    else:
        plot = (
            '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
            f'{series}<c:marker val="1"/><c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/>'
            "</c:lineChart>"
        )
    skip = max(1, math.ceil(len(years) / 12))
    title = axis_title(spec.eenheid.strip(), 900) if spec.eenheid else ""
    legend = (
        '<c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend>'
        if len(spec.reeksen) > 1
        else ""
    )
    plot_area = (
        f"{plot}"
        f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling><c:orientation val="minMax"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="b"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="low"/>{plain_line("666666", 9525)}'
        f'<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        f'<c:tickLblSkip val="{skip}"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VAL_AX}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{axis.hoog}"/><c:min val="{axis.laag}"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/>'
        f"<c:majorGridlines>{plain_line('DDDDDD', 6350)}</c:majorGridlines>{title}"
        f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{plain_line("666666", 9525)}'
        f'<c:crossAx val="{_CAT_AX}"/><c:crosses val="autoZero"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{axis.stap}"/></c:valAx>'
    )
    return chart_space(plot_area, legend, text_size=900, blanks="span")


def _series(spec: ChartSpec, n: int, reeks: Reeks, years: list[str]) -> str:
    colour = COLOURS[n % len(COLOURS)]
    values = {str(jaar): waarde for jaar, waarde in reeks.punten}
    cats = "".join(f'<c:pt idx="{i}"><c:v>{y}</c:v></c:pt>' for i, y in enumerate(years))
    vals = [(i, str(values[y])) for i, y in enumerate(years) if y in values]
    if spec.soort == "staaf":
        fill = (
            f'<a:pattFill prst="wdUpDiag"><a:fgClr><a:srgbClr val="{colour}"/></a:fgClr>'
            '<a:bgClr><a:srgbClr val="FFFFFF"/></a:bgClr></a:pattFill>'
            if reeks.stippel
            else f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        )
        look = (
            f'<c:spPr>{fill}<a:ln w="9525"><a:solidFill><a:srgbClr val="{colour}"/>'
            '</a:solidFill></a:ln></c:spPr><c:invertIfNegative val="0"/>'
        )
    else:
        dash = '<a:prstDash val="dash"/>' if reeks.stippel else ""
        look = (
            f'<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/>'
            f"</a:solidFill>{dash}<a:round/></a:ln></c:spPr>"
            '<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill>'
            f'<a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:solidFill>'
            f'<a:srgbClr val="{colour}"/></a:solidFill></a:ln></c:spPr></c:marker>'
        )
    tail = "" if spec.soort == "staaf" else '<c:smooth val="0"/>'
    return (
        f'<c:ser><c:idx val="{n}"/><c:order val="{n}"/><c:tx><c:v>{esc(reeks.label)}</c:v>'
        f"</c:tx>{look}"
        f'<c:cat><c:strLit><c:ptCount val="{len(years)}"/>{cats}</c:strLit></c:cat>'
        f"<c:val>{num_lit(vals, len(years))}</c:val>{tail}</c:ser>"
    )
