"""The cover page (voorblad), built from the front matter."""

from __future__ import annotations

from .frontmatter import FrontMatter
from .styles import StyleSheet
from .xmlutil import esc, unbreakable_dates

_DETAILS = (
    ("datum", "Datum"),
    ("versie", "Versie"),
    ("classificatie", "Classificatie"),
    ("documentnummer", "Documentnummer"),
    ("auteur", "Auteur"),
)


def _para(style: str, runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{esc(unbreakable_dates(text))}</w:t></w:r>'


def cover_xml(fm: FrontMatter, styles: StyleSheet) -> str:
    """Title, subtitle, organisation and details (what follows starts on a new page)."""
    paras: list[str] = []
    if fm.concept:  # a concept must not look final
        paras.append(_para(styles("cover_subtitle"), _run("CONCEPT")))
    paras.append(_para(styles("cover_title"), _run(fm.titel)))
    if fm.ondertitel:
        paras.append(_para(styles("cover_subtitle"), _run(fm.ondertitel)))
    if fm.organisatie:
        paras.append(_para(styles("cover_org"), _run(fm.organisatie)))
    for key, label in _DETAILS:
        value = str(getattr(fm, key))
        if value:
            paras.append(
                _para(styles("cover_details"), _run(label) + "<w:r><w:tab/></w:r>" + _run(value))
            )
    return "".join(paras)
