"""Content written before issue 13 keeps loading, with the same meaning.

``tests/fixtures/compat/lindeland`` is an unmodified copy of the example region as it was
before the content model grew (ambitie, fundamenten, initiatieven, rollen, …). It must load
without a single diagnostic, mean what it meant (the fields it has keep their values), and
produce the same document kinds as before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic.main import IncEx

from regiogen.model.content import Content
from regiogen.model.project import REGION_KINDS, VOORTGANG_KINDS, content_kinds
from regiogen.model.validate import validate_content
from regiogen.source.load import load_region, load_yaml_text

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "tests" / "fixtures" / "compat" / "lindeland"


def _load(folder: Path) -> Content:
    loaded = load_region(folder, ROOT)
    assert not loaded.diagnostics, [d.format() for d in loaded.diagnostics]
    content, found = validate_content(loaded.data, loaded.source_map, "x")
    assert content is not None and not found, [d.format() for d in found]
    return content


def _from_text(text: str) -> Content:
    data, source_map, diagnostics = load_yaml_text(text, "regio.yaml")
    assert not diagnostics
    content, found = validate_content(data, source_map, "x")
    assert content is not None and not found, [d.format() for d in found]
    return content


def test_the_old_example_loads_unchanged() -> None:
    old = _load(OLD)
    assert old.regio.zorgkantoorregio == "Lindeland"
    assert old.regio.samenwerkingsregio is None
    assert old.zorgkantoorregios() == ["Lindeland"]
    assert old.afspraken[0].resultaten[0].datum == date(2025, 12, 31)
    assert old.transformatieplannen[0].eigen_bijdrage_gemeente == Decimal("240000")
    assert old.transformatieplannen[0].eigen_bijdrage_totaal() == Decimal("240000")
    assert not old.ambitie and not old.fundamenten and old.prioritering is None
    # It asks for every document kind, as it got before.
    assert content_kinds(old) == tuple(
        k for k in REGION_KINDS if k not in ("gala-plan-van-aanpak", *VOORTGANG_KINDS)
    )


def test_the_old_example_means_what_the_new_one_means() -> None:
    """The example grew new fields; the fields both have keep their values."""
    old, new = _load(OLD), _load(ROOT / "content" / "lindeland")
    assert old.opgaven == new.opgaven
    assert old.regiobeeld is not None and new.regiobeeld is not None
    # #14 gave the example's indicators units, series and charts and K5 a figure; what the old
    # shape said still holds: same knelpunten, and every old indicator keeps its value.
    old_k, new_k = old.regiobeeld.knelpunten, new.regiobeeld.knelpunten
    assert [k.model_dump(exclude={"indicatoren"}) for k in old_k] == [
        k.model_dump(exclude={"indicatoren"}) for k in new_k
    ]
    said = {"naam", "waarde", "bron", "jaar"}
    for before, after in zip(old_k, new_k, strict=True):
        now = {i.naam: i.model_dump(include=said) for i in after.indicatoren}
        assert all(now[i.naam] == i.model_dump(include=said) for i in before.indicatoren)
    # #13 added initiatieven, #17 the voortgang (metingen, status of mijlpalen).
    later: dict[str, IncEx | bool] = {
        "initiatieven": True,
        "resultaten": {"__all__": {"metingen"}},
        "mijlpalen": {"__all__": {"status", "statusdatum", "verwacht", "toelichting"}},
    }
    assert [a.model_dump(exclude=later) for a in old.afspraken] == [
        a.model_dump(exclude=later) for a in new.afspraken
    ]
    assert old.begroting is not None and new.begroting is not None
    realisatie: IncEx = {"posten": {"__all__": {"realisatie"}}}  # #17
    assert old.begroting.model_dump(exclude=realisatie) == new.begroting.model_dump(
        exclude=realisatie
    )
    assert old.regio.gemeenten == new.regio.gemeenten


def test_new_shapes_load() -> None:
    content = _from_text(
        """
regio:
  naam: IZA-regio Voorbeeld
  samenwerkingsregio: Voorbeeld
  periode: {van: 2024, tot: 2026}
  gemeenten:
    - {naam: Aa, code: GM9001, zorgkantoorregio: Noord}
    - {naam: Bee, code: GM9002, zorgkantoorregio: Zuid}
partijen:
  - {id: gem-aa, naam: Gemeente Aa, soort: gemeente, gemeente: GM9001}
rollen:
  - {id: kwm, naam: Kwartiermaker data, soort: kwartiermaker}
ambitie:
  - {titel: Gezondste regio, streefwaarde: tien extra gezonde levensjaren, jaar: 2040}
fundamenten:
  - id: F1
    titel: Data
    trekker: kwm
    mijlpalen: [{wat: Dataplatform live, wanneer: 2025-Q3}]
prioritering: {toelichting: Gekozen op urgentie., criteria: [urgentie]}
mijlpalen: [{wat: Transformatieagenda vastgesteld, wanneer: 2024-Q2}]
werkagenda: [{wat: Herijking, wanneer: 2024-12, trekker: kwm, fundament: F1}]
betrokkenheid: [{wie: Inwonerraad, hoe: Twee avonden, wanneer: 2023-10}]
opgaven:
  - id: O1
    titel: Opgave
    onderbouwing: Volgt uit het regiobeeld als geheel.
    initiatieven: [{naam: Voorloper, partijen: [gem-aa], status: bestaand}]
afspraken:
  - id: A1
    titel: Afspraak
    opgave: O1
    resultaten: [{indicator: Flexpool, streefwaarde: operationeel, datum: Q4 2024}]
transformatieplannen:
  - id: T1
    titel: Plan
    eigen_bijdrage_gemeente: {2025: "100000", 2026: "120000"}
    kosten: [{omschrijving: Team, aard: structureel, structureel_per_jaar: "300000"}]
    baten: [{omschrijving: Minder opnames, structureel_per_jaar: "200000"}]
    impact: {zorggebruik: Minder opnames, vastgoed: geen}
    mijlpalen: [{wat: Start, wanneer: 2025-Q1, bedrag: "100000"}]
"""
    )
    assert content.zorgkantoorregios() == ["Noord", "Zuid"]
    assert content.regio.zorgkantoorregio is None
    assert content.afspraken[0].resultaten[0].datum == date(2024, 12, 31)
    assert content.transformatieplannen[0].eigen_bijdrage_totaal() == Decimal("220000")
    assert content.transformatieplannen[0].kosten[0].structureel_per_jaar == Decimal("300000")
    assert content.fundamenten[0].mijlpalen[0].wanneer is not None
