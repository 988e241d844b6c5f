"""Page furniture of one document: the client's header and footer, or regiogen's own.

Per kind (header, footer): when the reference document has its own parts with visible
content (see :mod:`.house`), those are copied with their relationships and pictures, and
the results of property fields in them (``TITLE``, ``DOCPROPERTY "Classificatie"``...) show
this document's values (see :mod:`.house_fields`). Landscape sections get a widened copy
of the default (and even-page) part when its right tab stops or full-width tables follow the
portrait text width (see :mod:`.house_wide`); otherwise they use the same part. Without
client parts regiogen writes its own: the title and classification in the header, document
number, version and ``Pagina X van Y`` in the footer, with wider variants for landscape
sections. A cover page always gets an empty first-page header and footer.

Part names are fixed per role, so the same input gives the same package:
``1`` default, ``2`` empty (cover), ``3`` landscape (generated, or the client's default
widened), ``4`` even pages, ``5`` first page (the client's, when its reference has a
different first page) and ``6`` even pages in landscape (the client's even part widened).
The first page never needs a landscape copy: the first section is always portrait.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .fields import SectionRefs, empty_part, footer_xml, header_xml
from .frontmatter import FrontMatter
from .house import ClientPart, HouseStyle
from .house_fields import field_values, fill_fields, used_properties
from .house_wide import StyleTabs, Widths, drawing_count, shift_drawings, widen
from .state import DocState

_TAG = {"header": "hdr", "footer": "ftr"}


@dataclass
class Furniture:
    """The header and footer parts of one document and how its sections refer to them."""

    parts: list[tuple[str, bytes]] = field(default_factory=list)
    refs: SectionRefs = field(default_factory=SectionRefs)
    #: Content types of copied media, by part name.
    types: dict[str, str] = field(default_factory=dict)
    #: The first section has a different first page (cover, or the client's own).
    title_page: bool = False
    #: The client's parts copied so far.
    copied: list[ClientPart] = field(default_factory=list)
    #: What property fields in the client's parts show (see :func:`.field_values`).
    values: dict[str, str] = field(default_factory=dict)
    #: Custom document properties the client's parts show, for ``docProps/custom.xml``.
    custom: dict[str, str] = field(default_factory=dict)
    #: A client's part shows ``DOCPROPERTY Company`` (the organisation goes into app.xml).
    company: bool = False


#: Part number and slot (for unique drawing ids) of a widened copy, by variant.
_WIDE = {"default": (3, 1), "even": (6, 2)}


def _add_client(st: DocState, furn: Furniture, part: ClientPart, number: int) -> str:
    """Copy one client part (and its relationships) and return its relationship id."""
    name = f"{part.kind}{number}.xml"
    furn.parts.append((f"word/{name}", fill_fields(part.xml, furn.values)))
    furn.copied.append(part)
    custom, company = used_properties(part.properties, furn.values)
    furn.custom.update(custom)
    furn.company |= company
    if part.rels is not None:
        furn.parts.append((f"word/_rels/{name}.rels", part.rels))
    return st.rels.add(part.kind, name)


def _wide_xml(st: DocState, part: ClientPart, slot: int) -> bytes | None:
    """The landscape copy of a client part, or ``None`` when it needs none (cached)."""
    page = st.ref.page
    widths = Widths(page.text_width, page.height - page.top - page.bottom)
    key = ("house-wide", part.kind, part.variant, widths)
    cached = st.ref.cache.get(key)
    if cached is None:
        wide = widen(part.xml, StyleTabs(st.ref.styles_xml), widths)
        if wide is not None:
            # Drawing ids must stay unique: shift them past those of all the client's parts.
            count = sum(drawing_count(p.xml) for p in st.ref.house.parts)
            wide = shift_drawings(wide, count * slot)
        cached = wide or b""
        with st.ref.lock:
            st.ref.cache[key] = cached
    return cached or None


def _add_wide(st: DocState, furn: Furniture, part: ClientPart) -> str | None:
    """Copy the landscape version of a client part; ``None`` when the original will do."""
    number, slot = _WIDE[part.variant]
    wide = _wide_xml(st, part, slot)
    return _add_client(st, furn, replace(part, xml=wide), number) if wide else None


def _client_kind(
    st: DocState, furn: Furniture, house: HouseStyle, kind: str, landscape: bool
) -> None:
    """The default (and even-page) references of a kind that uses the client's parts."""
    refs = furn.refs
    default = house.part(kind, "default")
    rid = _add_client(st, furn, default, 1) if default is not None else None
    setattr(refs, kind, rid)
    if landscape and default is not None:
        setattr(refs, f"wide_{kind}", _add_wide(st, furn, default))
    if house.even_odd:
        even = house.part(kind, "even")
        setattr(refs, f"even_{kind}", _add_client(st, furn, even, 4) if even else None)
        if landscape and even is not None:
            setattr(refs, f"wide_even_{kind}", _add_wide(st, furn, even))


def build_furniture(
    st: DocState, fm: FrontMatter, *, cover: bool, landscape: bool
) -> tuple[Furniture, str | None]:
    """The header and footer parts of one document, and a problem with the client's, if any.

    The relationship ids of these parts come first in the document's relationships.
    """
    house = st.ref.house
    styles = st.styles
    furn = Furniture(values=field_values(fm))
    refs = furn.refs
    client = {kind: house.has(kind) for kind in _TAG}
    if client["header"]:
        _client_kind(st, furn, house, "header", landscape)
    elif fm.titel or fm.marking():
        # Direct tab stops: the reference's Header style may have a centre tab first.
        narrow = st.ref.page.text_width
        head = header_xml(styles, fm.titel, fm.marking(), narrow)
        furn.parts.append(("word/header1.xml", head))
        refs.header = st.rels.add("header", "header1.xml")
    left = "  ·  ".join(
        x for x in (fm.documentnummer, f"versie {fm.versie}" if fm.versie else "") if x
    )
    if client["footer"]:
        _client_kind(st, furn, house, "footer", landscape)
    else:
        footer = footer_xml(styles, left, st.ref.page.text_width)
        furn.parts.append(("word/footer1.xml", footer))
        refs.footer = st.rels.add("footer", "footer1.xml")
    if landscape:
        wide = st.ref.page.height - st.ref.page.top - st.ref.page.bottom
        if refs.header and not client["header"]:
            furn.parts.append(
                ("word/header3.xml", header_xml(styles, fm.titel, fm.marking(), wide))
            )
            refs.wide_header = st.rels.add("header", "header3.xml")
        if not client["footer"]:
            furn.parts.append(("word/footer3.xml", footer_xml(styles, left, wide)))
            refs.wide_footer = st.rels.add("footer", "footer3.xml")
    if house.even_odd:
        # Even pages show the generated kind too, not an empty header or footer.
        refs.even_header = refs.even_header if client["header"] else refs.header
        refs.even_footer = refs.even_footer if client["footer"] else refs.footer
    if cover:
        # The cover shows the client's own first-page header and footer (its logo, say)
        # when the reference has them, and otherwise nothing.
        furn.title_page = True
        for kind, tag in _TAG.items():
            first = house.part(kind, "first") if client[kind] and house.title_page else None
            if first is not None:
                setattr(refs, f"first_{kind}", _add_client(st, furn, first, 5))
            else:
                furn.parts.append((f"word/{kind}2.xml", empty_part(tag)))
                setattr(refs, f"first_{kind}", st.rels.add(kind, f"{kind}2.xml"))
    elif house.title_page and any(client.values()):
        furn.title_page = True
        for kind in _TAG:
            first = house.part(kind, "first") if client[kind] else None
            rid = _add_client(st, furn, first, 5) if first else None
            setattr(refs, f"first_{kind}", rid if client[kind] else getattr(refs, kind))
    used = {media for part in furn.copied for media in part.media}
    for name, data, ctype in house.media:
        if name in used:
            furn.parts.append((name, data))
            furn.types[name] = ctype
    problem = "; ".join(house.problems) or None
    return furn, problem
