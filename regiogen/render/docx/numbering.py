"""Word list numbering (``word/numbering.xml``): bullets, ordered lists, heading numbers.

Every ordered list gets its own ``w:num`` with a ``startOverride`` at its level, so each
list restarts (at its Markdown start number). Bullets share one ``w:num``. Heading
numbering 1 / 1.1 / 1.1.1 is a multilevel list linked to the Heading 1–3 styles.
"""

from __future__ import annotations

from lxml import etree

from .xmlutil import NSDECL, XML_HEADER, W

MAX_LEVEL = 8
STEP = 425  # indent per level, twips (0.75 cm)
_BULLETS = ("•", "–", "▪")


def _level(
    ilvl: int,
    fmt: str,
    text: str,
    *,
    start: int = 1,
    pstyle: str = "",
    left: int | None = None,
    hanging: int = STEP,
) -> str:
    left = STEP * (ilvl + 1) if left is None else left
    style = f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{style}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


class Numbering:
    """Collects the lists of one document and writes ``numbering.xml``."""

    def __init__(self, reference: etree._Element | None) -> None:
        self._ref_abstract: list[bytes] = []
        self._ref_nums: list[bytes] = []
        top_abs = top_num = 0
        if reference is not None:
            for el in reference.iterfind(W + "abstractNum"):
                self._ref_abstract.append(etree.tostring(el))
                top_abs = max(top_abs, _int(el.get(W + "abstractNumId")))
            for el in reference.iterfind(W + "num"):
                self._ref_nums.append(etree.tostring(el))
                top_num = max(top_num, _int(el.get(W + "numId")))
        self.bullet_abs = top_abs + 1
        self.ordered_abs = top_abs + 2
        self.heading_abs = top_abs + 3
        self.paren_abs = top_abs + 4  # ordered lists written "1)", made only when used
        self.none_abs = top_abs + 5  # "no number": what numId 0 says, made only when used
        self._none_num: int | None = None
        self._paren_used = False
        self._next_num = top_num + 1
        self._nums: list[str] = []
        self._bullet_num: int | None = None
        self.heading_num: int | None = None
        self.used = False

    def _new_num(self, abstract: int, override: str = "") -> int:
        num_id = self._next_num
        self._next_num += 1
        self._nums.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'
        )
        self.used = True
        return num_id

    def bullet_list(self) -> int:
        """Return the numId for bullet items (shared by all bullet lists)."""
        if self._bullet_num is None:
            self._bullet_num = self._new_num(self.bullet_abs)
        return self._bullet_num

    def ordered_list(self, level: int, start: int, delimiter: str = ".") -> int:
        """Return a new numId for one ordered list at ``level``, restarting at ``start``;
        ``delimiter`` is what follows the number (``.`` or ``)``, as in the Markdown)."""
        level = min(max(level, 0), MAX_LEVEL)
        start = min(max(start, 0), 32767)
        paren = delimiter == ")"
        self._paren_used |= paren
        return self._new_num(
            self.paren_abs if paren else self.ordered_abs,
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>',
        )

    def unnumbered(self) -> int:
        """Return the numId of a list that shows no number at any level.

        It takes a heading out of the numbering its style links to. ``numId 0`` means the
        same in ECMA-376, but schema validators (and some readers) report it as a missing
        numbering definition; a real definition that shows nothing is understood by all.
        """
        if self._none_num is None:
            self._none_num = self._new_num(self.none_abs)
        return self._none_num

    def headings(self, style_ids: list[str]) -> int:
        """Return the numId that numbers headings (linked to the given heading styles)."""
        if self.heading_num is None:
            self._heading_styles = style_ids
            self.heading_num = self._new_num(self.heading_abs)
        return self.heading_num

    def _paren_xml(self) -> str:
        if not self._paren_used:
            return ""
        return (
            f'<w:abstractNum w:abstractNumId="{self.paren_abs}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{_paren_levels()}</w:abstractNum>'
        )

    def _none_xml(self) -> str:
        if self._none_num is None:
            return ""
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="none"/>'
            '<w:suff w:val="nothing"/><w:lvlText w:val=""/><w:lvlJc w:val="left"/></w:lvl>'
            for i in range(MAX_LEVEL + 1)
        )
        return (
            f'<w:abstractNum w:abstractNumId="{self.none_abs}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )

    def xml(self) -> bytes:
        """Serialise ``word/numbering.xml``."""
        bullets = "".join(_level(i, "bullet", _BULLETS[i % 3]) for i in range(MAX_LEVEL + 1))
        ordered = "".join(_level(i, "decimal", f"%{i + 1}.") for i in range(MAX_LEVEL + 1))
        styles = getattr(self, "_heading_styles", [])
        heading = "".join(
            _level(
                i,
                "decimal",
                ".".join(f"%{j + 1}" for j in range(i + 1)),
                pstyle=styles[i] if i < len(styles) else "",
                left=851,
                hanging=851,
            )
            for i in range(MAX_LEVEL + 1)
        )
        parts = [
            XML_HEADER,
            f"<w:numbering {NSDECL}>",
            *(b.decode() for b in self._ref_abstract),
            f'<w:abstractNum w:abstractNumId="{self.bullet_abs}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{bullets}</w:abstractNum>',
            f'<w:abstractNum w:abstractNumId="{self.ordered_abs}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{ordered}</w:abstractNum>',
            f'<w:abstractNum w:abstractNumId="{self.heading_abs}">'
            f'<w:multiLevelType w:val="multilevel"/>{heading}</w:abstractNum>',
            self._paren_xml(),
            self._none_xml(),
            *(b.decode() for b in self._ref_nums),
            *self._nums,
            "</w:numbering>",
        ]
        return "".join(parts).encode("utf-8")


def _paren_levels() -> str:
    return "".join(_level(i, "decimal", f"%{i + 1})") for i in range(MAX_LEVEL + 1))


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
