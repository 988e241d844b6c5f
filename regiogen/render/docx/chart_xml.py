"""DrawingML that both kinds of Word chart write: the chart space, lines, axis titles, numbers.

The charts of series (:mod:`.chart_part`) and of the voortgang (:mod:`.voortgang_chart_part`)
differ in their plot area only; what wraps it is made here, once.
"""

from __future__ import annotations

from .xmlutil import esc

__all__ = [
    "A_NS",
    "C_NS",
    "R_NS",
    "axis_title",
    "chart_space",
    "num_lit",
    "number_format",
    "plain_line",
]

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def chart_space(plot_area: str, legend: str, *, text_size: int, blanks: str) -> bytes:
    """The chart part around ``plot_area`` (the chart with its axes): no title, no fill, text
    of ``text_size`` hundredths of a point in ``nl-NL``; ``blanks`` is ``span`` or ``gap``."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="nl-NL"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        f"{plot_area}"
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>"
        f'{legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="{blanks}"/></c:chart>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="{text_size}"><a:solidFill><a:srgbClr val="444444"/></a:solidFill>'
        '</a:defRPr></a:pPr><a:endParaRPr lang="nl-NL"/></a:p></c:txPr>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def axis_title(text: str, size: int) -> str:
    """A value axis' title, turned a quarter, ``size`` hundredths of a point."""
    return (
        '<c:title><c:tx><c:rich><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/><a:p>'
        f'<a:pPr><a:defRPr sz="{size}" b="0"/></a:pPr>'
        f'<a:r><a:rPr lang="nl-NL" sz="{size}" b="0"/><a:t>{esc(text)}</a:t></a:r></a:p>'
        '</c:rich></c:tx><c:overlay val="0"/></c:title>'
    )


def plain_line(colour: str, width: int) -> str:
    """Shape properties of a solid line: an axis or gridlines."""
    return (
        f'<c:spPr><a:ln w="{width}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        "</a:ln></c:spPr>"
    )


def num_lit(points: list[tuple[int, str]], count: int) -> str:
    """Numbers as a literal (no workbook): ``(index, value)`` of ``count`` places."""
    body = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in points)
    return (
        f'<c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>{body}</c:numLit>'
    )


def number_format(decimals: int) -> str:
    """A Dutch number format (``1.234,5``) with ``decimals`` decimals, whatever Word's language."""
    return "[$-413]#,##0" + ("." + "0" * decimals if decimals else "")
