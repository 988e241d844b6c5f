"""Field results in a client's header or footer part, filled in from the front matter.

A client's header often holds fields such as ``TITLE`` or ``DOCPROPERTY "Classificatie"``.
Their saved result is the text of the reference document (``[Titel]``), which LibreOffice
and a PDF show as it is, and Word until fields are updated. :func:`fill_fields` puts the
document's own value in the result of such fields, both ``w:fldSimple`` and complex fields
(``w:fldChar`` begin / ``w:instrText`` / separate / result / end). The field itself stays,
so Word can still update it; the new text keeps the run properties of the first result run.

A field whose property is unknown, or has no value in the front matter, keeps its saved
result, and so do locked fields, fields nested in other fields, ``TITLE "tekst"`` (which
sets the property rather than showing it) and every other field (``PAGE``, ``NUMPAGES``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .frontmatter import FrontMatter
from .xmlutil import W, strip_forbidden

#: Fields that show a built-in document property, by field name.
_BUILTIN = {"TITLE": "title", "SUBJECT": "subject", "AUTHOR": "author", "KEYWORDS": "keywords"}
#: ``DOCPROPERTY`` names (lower case), built-in and custom, to the value they show.
_PROPERTIES = {
    "title": "title", "subject": "subject", "author": "author", "keywords": "keywords",
    "company": "organisatie", "organisatie": "organisatie", "bedrijf": "organisatie",
    "classificatie": "classificatie", "classification": "classificatie",
    "versie": "versie", "version": "versie",
    "documentnummer": "documentnummer", "kenmerk": "documentnummer",
    "datum": "datum", "date": "datum",
}  # fmt: skip
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_SPACE = re.compile(r"[\r\n\t]+")


def field_values(fm: FrontMatter) -> dict[str, str]:
    """The values fields can show, as the document properties hold them.

    ``datum`` is the date as the cover prints it (``3 november 2023``).
    """
    return {
        "title": fm.titel,
        "subject": fm.onderwerp or fm.ondertitel,
        "author": fm.auteur or fm.organisatie,
        "keywords": ", ".join(fm.trefwoorden),
        "organisatie": fm.organisatie,
        "classificatie": fm.marking(),
        "versie": fm.versie,
        "documentnummer": fm.documentnummer,
        "datum": fm.datum,
    }


#: Keys of :data:`_PROPERTIES` that live in ``docProps/custom.xml`` (not core or app.xml).
_CUSTOM = frozenset({"organisatie", "classificatie", "versie", "documentnummer", "datum"})


def _instructions(root: etree._Element) -> list[str]:
    """The instructions of every field in the part (simple and complex, nested ones too)."""
    found = [el.get(W + "instr", "") for el in root.iter(W + "fldSimple")]
    stack: list[list[str]] = []
    for run in root.iter(W + "r"):
        for child in run:
            if child.tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    stack.append([])
                elif kind == "end" and stack:
                    found.append("".join(stack.pop()))
            elif child.tag == W + "instrText" and stack:
                stack[-1].append(child.text or "")
    return found


def property_names(root: etree._Element) -> tuple[str, ...]:
    """The property names the part's ``DOCPROPERTY`` fields show, as written (read once,
    when the reference is loaded)."""
    names: list[str] = []
    for instr in _instructions(root):
        words = _words(instr)
        if len(words) >= 2 and words[0].upper() == "DOCPROPERTY" and words[1].strip():
            names.append(words[1].strip())
    return tuple(names)


def used_properties(names: tuple[str, ...], values: dict[str, str]) -> tuple[dict[str, str], bool]:
    """Of the ``DOCPROPERTY`` names a part shows: the custom ones with a value (name as
    written → value), and whether one is ``Company``; so the package can hold them and a
    field update in Word finds them."""
    custom: dict[str, str] = {}
    company = False
    for name in names:
        lower = name.lower()
        company |= lower == "company"
        key = _PROPERTIES.get(lower)
        value = values.get(key, "") if key in _CUSTOM and lower != "company" else ""
        if value:
            custom[name] = _SPACE.sub(" ", strip_forbidden(value)).strip()
    return custom, company


def _words(instr: str) -> list[str]:
    """The words of a field instruction, quotes removed (``DOCPROPERTY "Mijn naam"``)."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _TOKEN.finditer(instr)]


def _format(text: str, switch: str) -> str:
    """Apply a ``\\*`` text format switch (``Upper``, ``Lower``, ``Caps``, ``FirstCap``)."""
    kind = switch.lower()
    if kind == "upper":
        return text.upper()
    if kind == "lower":
        return text.lower()
    if kind == "caps":
        return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    if kind == "firstcap":
        return text[:1].upper() + text[1:]
    return text


def field_result(instr: str, values: dict[str, str]) -> str | None:
    """The text a field with instruction ``instr`` shows, or ``None`` to keep its result."""
    tokens = _words(instr)
    quoted = [m.group(1) is not None for m in _TOKEN.finditer(instr)]
    if not tokens:
        return None
    name = tokens[0].upper()
    args: list[str] = []
    formats: list[str] = []
    i = 1
    while i < len(tokens):
        token = tokens[i]
        if token.startswith("\\") and not quoted[i]:
            if token == "\\*" and i + 1 < len(tokens):
                formats.append(tokens[i + 1])
                i += 1
            elif token.startswith("\\*"):
                formats.append(token[2:])
            elif token in ("\\@", "\\#"):
                i += 1  # a date or number picture: not used for text
        else:
            args.append(token)
        i += 1
    if name in _BUILTIN and not args:
        key: str | None = _BUILTIN[name]
    elif name == "DOCPROPERTY" and len(args) == 1:
        key = _PROPERTIES.get(args[0].strip().lower())
    else:
        key = None
    value = _SPACE.sub(" ", strip_forbidden(values.get(key, ""))).strip() if key else ""
    if not value:
        return None
    for switch in formats:
        value = _format(value, switch)
    return value


def _locked(el: etree._Element) -> bool:
    return el.get(W + "fldLock") in ("1", "true", "on")


def _run(value: str, rpr: etree._Element | None) -> etree._Element:
    """A new result run with ``value``, in a copy of ``rpr``."""
    run = etree.Element(W + "r")
    if rpr is not None:
        run.append(etree.fromstring(etree.tostring(rpr)))
    text = etree.SubElement(run, W + "t")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = value
    return run


def _set_run(run: etree._Element, value: str) -> None:
    """Make ``run`` hold only ``value``, keeping its run properties."""
    rpr = run.find(W + "rPr")
    new = _run(value, rpr)
    run[:] = list(new)


def _fill_simple(el: etree._Element, values: dict[str, str]) -> bool:
    value = field_result(el.get(W + "instr", ""), values)
    if value is None or _locked(el):
        return False
    first = next(el.iter(W + "r"), None)
    rpr = first.find(W + "rPr") if first is not None else None
    new = _run(value, rpr)
    for child in list(el):
        if child.tag != W + "fldData":
            el.remove(child)
    el.append(new)
    return True


@dataclass
class _Complex:
    """One complex field being read: where it starts, its instruction and result runs."""

    begin: etree._Element
    locked: bool
    instr: list[str] = field(default_factory=list)
    separate: etree._Element | None = None
    result: list[etree._Element] = field(default_factory=list)
    nested: bool = False


def _complex_fields(root: etree._Element) -> list[tuple[_Complex, etree._Element]]:
    """Top-level complex fields (not nested) with the run holding their end."""
    stack: list[_Complex] = []
    done: list[tuple[_Complex, etree._Element]] = []
    for run in list(root.iter(W + "r")):
        plain = True
        for child in run:
            if child.tag == W + "fldChar":
                plain = False
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    for outer in stack:
                        outer.nested = True
                    stack.append(_Complex(run, _locked(child)))
                elif kind == "separate" and stack:
                    stack[-1].separate = run
                elif kind == "end" and stack:
                    ended = stack.pop()
                    if not stack:
                        done.append((ended, run))
            elif child.tag == W + "instrText":
                plain = False
                if stack and stack[-1].separate is None:
                    stack[-1].instr.append(child.text or "")
        if plain and len(stack) == 1 and stack[0].separate is not None:
            stack[0].result.append(run)
    return done


def _fill_complex(found: _Complex, end: etree._Element, values: dict[str, str]) -> bool:
    if found.nested or found.locked:
        return False
    value = field_result("".join(found.instr), values)
    if value is None:
        return False
    if found.result:
        first, *rest = found.result
        _set_run(first, value)
        for run in rest:
            parent = run.getparent()
            if parent is not None:
                parent.remove(run)
    elif found.separate is not None:
        found.separate.addnext(_run(value, found.separate.find(W + "rPr")))
    else:
        rpr = found.begin.find(W + "rPr")
        separate = _run("", rpr)
        separate[-1:] = [etree.Element(W + "fldChar", {W + "fldCharType": "separate"})]
        end.addprevious(separate)
        end.addprevious(_run(value, rpr))
    return True


def fill_fields(xml: bytes, values: dict[str, str]) -> bytes:
    """The part with the results of property fields set to ``values`` (see module doc)."""
    if b"fldSimple" not in xml and b"instrText" not in xml:
        return xml
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml, parser)
    changed = False
    for simple in list(root.iter(W + "fldSimple")):
        changed |= _fill_simple(simple, values)
    for found, end in _complex_fields(root):
        changed |= _fill_complex(found, end, values)
    if not changed:
        return xml
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
