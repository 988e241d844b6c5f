"""What a document's cover page and properties show: title, organisation, date, version,
classification and subject, taken from the region's content for one document kind.

Split from :mod:`regiogen.documents.kinds`, which builds one :class:`DocumentInfo` per
document it plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from regiogen.model.content import Content

#: Dutch names of the document kinds, used as subject (``onderwerp``) in the front matter.
KIND_TITLES = {
    "regioplan": "Regioplan",
    "spuk-iza-bijlage": "Bijlage bij de aanvraag SPUK IZA",
    "transformatieplan": "Transformatieplan",
    "werkagenda": "Werkagenda",
    "toetsing": "Toetsing",
    "voortgangsrapportage": "Voortgangsrapportage",
    "verantwoording": "Verantwoording",
    "wijzigingen": "Wijzigingen",
    "regiobeeld": "Regiobeeld",
    "gala-plan-van-aanpak": "Plan van aanpak SPUK GALA",
}


@dataclass(frozen=True)
class DocumentInfo:
    """What the cover page and document properties show (front matter of the template)."""

    titel: str
    ondertitel: str | None = None
    organisatie: str | None = None
    datum: date | None = None
    versie: str | None = None
    classificatie: str | None = None
    status: str | None = None
    onderwerp: str | None = None
    trefwoorden: tuple[str, ...] = ()


#: Kinds that leave the organisation: a region-wide classification (meant for the plans the
#: region keeps internal, such as "Intern vertrouwelijk") does not apply to them; only a
#: classification given for the kind itself does.
OUTGOING_KINDS = frozenset({"spuk-iza-bijlage", "verantwoording"})


def classification_for(value: str | dict[str, str] | None, kind: str) -> str | None:
    """The classification of a document of ``kind`` from the region's ``classificatie``."""
    if isinstance(value, dict):
        return value.get(kind)
    return None if kind in OUTGOING_KINDS else value


def document_info(
    content: Content,
    titel: str,
    kind: str,
    organisatie: str | None,
    *,
    datum: date | None = None,
    ondertitel: str | None = None,
) -> DocumentInfo:
    """The cover data of a document of ``kind``: the region's, with this title and kind."""
    regio = content.regio
    return DocumentInfo(
        titel=titel,
        ondertitel=ondertitel,
        organisatie=regio.organisatie or organisatie,
        datum=datum or regio.datum,
        versie=regio.versie,
        classificatie=classification_for(regio.classificatie, kind),
        status=regio.status,
        onderwerp=KIND_TITLES[kind],
        trefwoorden=("IZA", regio.naam, KIND_TITLES[kind]),
    )
