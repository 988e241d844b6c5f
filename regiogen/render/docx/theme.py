"""A small Office theme part, for references that have none.

Word and the Open XML SDK expect ``word/theme/theme1.xml``; LibreOffice and pandoc
references often lack it. The colours and fonts are Office's defaults except the fonts,
which follow regiogen's house style (Calibri/Cambria are not assumed to be installed).
"""

from __future__ import annotations

from .xmlutil import XML_HEADER

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_COLOURS = (
    ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
    ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
    ("dk2", '<a:srgbClr val="1F3864"/>'),
    ("lt2", '<a:srgbClr val="E7E6E6"/>'),
    ("accent1", '<a:srgbClr val="1F4E79"/>'),
    ("accent2", '<a:srgbClr val="ED7D31"/>'),
    ("accent3", '<a:srgbClr val="A5A5A5"/>'),
    ("accent4", '<a:srgbClr val="FFC000"/>'),
    ("accent5", '<a:srgbClr val="5B9BD5"/>'),
    ("accent6", '<a:srgbClr val="70AD47"/>'),
    ("hlink", '<a:srgbClr val="0563C1"/>'),
    ("folHlink", '<a:srgbClr val="954F72"/>'),
)
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_EFFECT = "<a:effectStyle><a:effectLst/></a:effectStyle>"
_LINE = '<a:ln w="{w}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'


def theme_xml(font: str = "Arial") -> bytes:
    """The theme part with ``font`` as major and minor Latin font."""
    colours = "".join(f"<a:{name}>{value}</a:{name}>" for name, value in _COLOURS)
    fonts = f'<a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface=""/>'
    lines = "".join(_LINE.format(w=w) for w in (6350, 12700, 19050))
    return (
        XML_HEADER + f'<a:theme xmlns:a="{_A}" name="regiogen">'
        f'<a:themeElements><a:clrScheme name="regiogen">{colours}</a:clrScheme>'
        f'<a:fontScheme name="regiogen"><a:majorFont>{fonts}</a:majorFont>'
        f"<a:minorFont>{fonts}</a:minorFont></a:fontScheme>"
        f'<a:fmtScheme name="regiogen"><a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{lines}</a:lnStyleLst>"
        "<a:effectStyleLst>"
        + "<a:effectStyle><a:effectLst/></a:effectStyle>"
        * 3
        + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    ).encode("utf-8")
