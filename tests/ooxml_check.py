"""OOXML validity of a .docx: the schema check of ``openxml-audit`` plus checks it lacks.

``openxml-audit`` (PyPI; schema data from the Open XML SDK) validates every part against the
ECMA-376 schemas and a set of semantic constraints. Our own checks add what it does not
cover or what Word is stricter about:

- every ``r:id`` / ``r:embed`` in a part resolves in *that part's own* ``.rels``;
- bookmark names are at most 40 characters (Word's limit) and unique;
- no ``w:updateFields`` in the settings (Word would ask on every opening);
- the children of every ``w:rPr`` in the styles and the document are in schema order.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

#: CT_RPr child order (ECMA-376 Part 1, 17.3.2.28, EG_RPrBase).
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
]  # fmt: skip
_RPR_RANK = {name: i for i, name in enumerate(RPR_ORDER)}


def _rels_of(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in archive.namelist():
        return {}
    root = etree.fromstring(archive.read(name))
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root.iter(PKG_REL)}


def own_problems(data: bytes) -> list[str]:
    """Problems our own checks find in the package ``data``."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for part in names:
            if not (part.startswith("word/") and part.endswith(".xml")) or "/_rels/" in part:
                continue
            root = etree.fromstring(archive.read(part))
            rels = _rels_of(archive, part)
            for el in root.iter():
                for attr, value in el.attrib.items():
                    if attr.startswith("{" + R + "}") and value not in rels:
                        found.append(f"{part}: {etree.QName(el).localname} {value} has no "
                                     "relationship in its own part")  # fmt: skip
            seen: set[str] = set()
            for mark in root.iter(W + "bookmarkStart"):
                bname = mark.get(W + "name", "")
                if len(bname) > 40:
                    found.append(f"{part}: bookmark name longer than 40: {bname!r}")
                if bname in seen:
                    found.append(f"{part}: bookmark name twice: {bname!r}")
                seen.add(bname)
            for rpr in root.iter(W + "rPr"):
                ranks = [_RPR_RANK.get(etree.QName(c).localname, -1) for c in rpr]
                if ranks != sorted(ranks):
                    found.append(f"{part}: w:rPr children out of order: "
                                 f"{[etree.QName(c).localname for c in rpr]}")  # fmt: skip
            if part == "word/settings.xml" and root.find(W + "updateFields") is not None:
                found.append("word/settings.xml: w:updateFields is set")
    return found


#: Content models (kept alive, so their ``id`` is never reused) with the child-tag
#: sequences they accepted without an error; see :func:`_remember_valid_content`.
_ACCEPTED: set[tuple[int, object, tuple[str, ...]]] = set()
_KEEP_ALIVE: dict[int, object] = {}
#: Parts (name, file format, SHA-256 of the bytes) that passed the schema check.
_ACCEPTED_PARTS: set[tuple[str, object, bytes]] = set()
#: Children of a part's root (root tag, file format, ignorable namespaces, SHA-256 of the
#: element's XML) that passed the schema check.
_ACCEPTED_ELEMENTS: set[tuple[str, object, frozenset[str], bytes]] = set()


def _passes(context: Any, check: Callable[[], Any]) -> tuple[Any, bool]:
    """Run ``check`` and say whether it passed: it added no error while errors could still
    be recorded (below ``max_errors``). Only such a pass may be remembered."""
    before = len(context.errors)
    open_for_errors = context.max_errors <= 0 or context.error_count < context.max_errors
    result = check()
    return result, open_for_errors and len(context.errors) == before


def _remember_valid_content() -> None:
    """Let ``openxml-audit`` skip a content model check it already passed in this process.

    Its check of an element's children against the schema's content model (the particle
    matcher) is most of its time: 0,9 s for one regioplan, for thousands of ``w:p`` and
    ``w:r`` with the same few child sequences. The outcome depends only on the content model,
    the file format and the children's tags (``particle.py`` reads nothing else), so a
    sequence that passed once passes again. Only passes are remembered, and only when the
    check could record an error (below ``max_errors``); every failing sequence is checked and
    reported as before. The same holds for a child of a part's root whose XML passed
    (:func:`check_element`) and for a whole part whose bytes passed (:func:`check_part`).
    The methods are private: if a new version renames them, this raises instead of silently
    checking nothing.
    """
    from openxml_audit.schema.validator import SchemaValidator

    original = SchemaValidator.__dict__["_validate_content_model"]
    if getattr(original, "remembers", False):
        return

    def check(self: Any, content_model: Any, children: list[Any], context: Any) -> None:
        key = (id(content_model), context.file_format, tuple(c.tag for c in children))
        if key in _ACCEPTED:
            return
        _, passed = _passes(context, lambda: original(self, content_model, children, context))
        if passed:
            _KEEP_ALIVE[id(content_model)] = content_model
            _ACCEPTED.add(key)

    check.remembers = True  # type: ignore[attr-defined]
    SchemaValidator._validate_content_model = check

    whole_part = SchemaValidator.__dict__["validate_part"]

    def check_part(self: Any, part: Any, context: Any) -> list[Any]:
        """A part whose bytes passed the schema check before passes again: the check reads
        the part's XML and nothing else of the package (Word's default ``styles.xml`` as a
        reference took 0,11 s each time)."""
        content = part.raw_content
        key = (part.uri, context.file_format, hashlib.sha256(content or b"").digest())
        if content is not None and key in _ACCEPTED_PARTS:
            context.set_part(part)
            return list(context.errors)
        result, passed = _passes(context, lambda: whole_part(self, part, context))
        if content is not None and passed:
            _ACCEPTED_PARTS.add(key)
        errors: list[Any] = result
        return errors

    SchemaValidator.validate_part = check_part

    whole_element = SchemaValidator.__dict__["_validate_element"]

    def check_element(
        self: Any, element: Any, context: Any, ignorable_ns: frozenset[str] = frozenset()
    ) -> None:
        """A child of a part's root element whose XML passed before passes again (a style,
        a numbering definition): the schema check of an element reads that element and its
        descendants, its parent's tag and the file format. Word's default ``styles.xml``
        has some 9 000 elements and differs per document only by the styles regiogen adds,
        so each document checked with it as reference cost ~0,2 s."""
        parent = element.getparent()
        if parent is None or parent.getparent() is not None:
            whole_element(self, element, context, ignorable_ns)
            return
        xml = etree.tostring(element)
        key = (parent.tag, context.file_format, ignorable_ns, hashlib.sha256(xml).digest())
        if key in _ACCEPTED_ELEMENTS:
            return
        _, passed = _passes(context, lambda: whole_element(self, element, context, ignorable_ns))
        if passed:
            _ACCEPTED_ELEMENTS.add(key)

    SchemaValidator._validate_element = check_element


#: Every package the shared validator opened, kept alive: see :func:`_validator`.
CHECKED_PACKAGES: list[Any] = []
_VALIDATOR: list[Any] = []


def _validator() -> Any:
    """One ``openxml-audit`` validator for the process (making one costs ~50 ms of CPU).

    Its cross-part constraints cache what they read of a package under ``id(package)``
    (``openxml_audit/semantic/constraints/cross_part.py``). Once, in CI, a freed package's
    id was given to the next one, and the cache answered with the old package's footnotes
    ("id 3 not found in FootnotesPart"). So every package the validator opens is kept alive
    here (emptied once closed): no id is ever reused within the process. If a new version
    no longer opens its packages through ``validator.OpenXmlPackage``, this raises instead
    of going unguarded.
    """
    if not _VALIDATOR:
        import openxml_audit.validator as module

        opened = module.__dict__["OpenXmlPackage"]

        class KeptAlive(opened):  # type: ignore[misc,valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                CHECKED_PACKAGES.append(self)

            def __exit__(self, *exc: object) -> Any:
                try:
                    return super().__exit__(*exc)
                finally:
                    self.__dict__.clear()  # keep the object (its id), not its parts

        module.OpenXmlPackage = KeptAlive  # type: ignore[attr-defined]
        _VALIDATOR.append(module.OpenXmlValidator(max_errors=50))
    return _VALIDATOR[0]


def schema_problems(data: bytes) -> list[str]:
    """Errors ``openxml-audit`` reports for the package ``data``."""
    _remember_valid_content()
    validator = _validator()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.docx"
        path.write_bytes(data)
        result = validator.validate(str(path))
    return [str(e) for e in result.errors]


def problems(data: bytes) -> list[str]:
    """All problems: the schema validator's and our own."""
    return schema_problems(data) + own_problems(data)
