"""Traceability chains: knelpunt → opgave → afspraak → resultaat/mijlpaal → begrotingspost."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from regiogen.documents.trace import Keten, format_trace, trace_chains
from regiogen.model.content import Content
from regiogen.model.validate import validate_content
from regiogen.source.load import LoadResult, load_region

ROOT = Path(__file__).resolve().parents[1]


@cache
def _loaded() -> LoadResult:
    return load_region(ROOT / "content" / "lindeland", ROOT)


def content(change: Any = None) -> Content:
    loaded = _loaded()
    data = copy.deepcopy(loaded.data)
    if change is not None:
        change(data)
    result, found = validate_content(data, loaded.source_map, "content/lindeland")
    assert result is not None and not found, found
    return result


def test_example_chains_are_complete() -> None:
    chains = trace_chains(content())
    assert all(k.compleet for k in chains)
    assert [(k.knelpunt_id, k.opgave_id, k.afspraak_id) for k in chains] == [
        ("K1", "O1", "A1"),
        ("K1", "O1", "A2"),
        ("K2", "O2", "A3"),
        ("K2", "O2", "A4"),
        ("K2", "O4", "A6"),
        ("K3", "O2", "A3"),
        ("K3", "O2", "A4"),
        ("K4", "O3", "A5"),
        ("K5", None, None),
    ]
    a1 = chains[0]
    assert a1.knelpunt_titel == "Wachttijden in de ggz lopen op"
    assert a1.resultaten[0] == (
        "Gemiddelde wachttijd tot intake basis-ggz: 14 weken → 8 weken (31 december 2025)"
    )
    assert a1.mijlpalen[0] == "Eerste steunpunten open in Lindenhaven en Beekveld (2024-Q2)"
    assert a1.posten == ["P3 Opzet steunpunten mentale gezondheid: € 315.000,00"]
    assert chains[1].posten == []
    parked = chains[-1]
    assert parked.geparkeerd and parked.geparkeerd.startswith("Wordt landelijk opgepakt")
    assert parked.gaten == []


def test_gaps_are_marked() -> None:
    def change(data: dict[str, Any]) -> None:
        data["regiobeeld"]["knelpunten"][4]["geparkeerd"] = None
        data["opgaven"].append({"id": "O5", "titel": "Losse opgave", "knelpunten": []})
        data["afspraken"][5]["opgave"] = None
        data["afspraken"][4]["resultaten"] = []
        data["afspraken"][4]["mijlpalen"] = []

    chains = trace_chains(content(change))
    gaten = {g for k in chains for g in k.gaten}
    assert gaten == {
        "knelpunt K5 wordt in geen opgave opgepakt",
        "opgave O4 heeft geen afspraken",
        "opgave O5 gaat niet terug op een knelpunt",
        "opgave O5 heeft geen afspraken",
        "afspraak A6 hoort bij geen opgave",
        "afspraak A5 heeft geen resultaten",
        "afspraak A5 heeft geen mijlpalen",
    }
    orphan = next(k for k in chains if k.opgave_id == "O5")
    assert orphan.knelpunt_id is None and orphan.afspraak_id is None
    loose = next(k for k in chains if k.afspraak_id == "A6")
    assert loose.opgave_id is None


def test_format_trace_tree() -> None:
    text = format_trace(trace_chains(content()))
    assert text.startswith(
        "K1 Wachttijden in de ggz lopen op\n"
        "└─ O1 Passende hulp bij psychische klachten, dichtbij huis\n"
        "   ├─ A1 Mentale gezondheid in de wijk\n"
        "   │  ├─ resultaat: Gemiddelde wachttijd tot intake basis-ggz: 14 weken → 8 weken "
        "(31 december 2025)\n"
    )
    assert "      └─ begroting: —\n" in text
    assert text.endswith(
        "K5 Versnipperde digitale dossiers\n"
        "   geparkeerd: Wordt landelijk opgepakt via de randvoorwaarde "
        "gegevensuitwisseling; de regio sluit aan bij het landelijke programma.\n"
    )


def test_format_trace_shows_gaps_once() -> None:
    def change(data: dict[str, Any]) -> None:
        data["opgaven"].append({"id": "O5", "titel": "Losse opgave", "knelpunten": []})
        data["afspraken"][5]["opgave"] = "O5"

    text = format_trace(trace_chains(content(change)))
    tail = text[text.index("(geen knelpunt)") :]
    assert tail == (
        "(geen knelpunt)\n"
        "└─ O5 Losse opgave\n"
        "   ! opgave O5 gaat niet terug op een knelpunt\n"
        "   └─ A6 Regionale flexpool en gezamenlijk opleiden\n"
        "      ├─ resultaat: Medewerkers in de regionale flexpool: 0 → 150 (31 december 2025)\n"
        "      ├─ resultaat: Verzuim in de VVT: 8,1% → 6,5% (31 december 2026)\n"
        "      ├─ mijlpaal: Flexpool operationeel (2024-Q4)\n"
        "      ├─ mijlpaal: Eerste gezamenlijke opleidingsgroep gestart (2024-09-01)\n"
        "      └─ begroting: —\n"
    )
    assert "! opgave O4 heeft geen afspraken" in text


def test_empty_content() -> None:
    bare = Content.model_validate({"regio": {"naam": "Leeg", "zorgkantoorregio": "Leeg"}})
    assert trace_chains(bare) == []
    assert format_trace([]) == ""
    assert Keten().compleet


def test_the_begroting_column_names_the_posten() -> None:
    from regiogen.documents.trace import Keten

    keten = Keten(afspraak_id="A1", posten=["P3 Coördinatie: deel 2: € 1.000,00"])
    assert keten.post_namen == ["P3 Coördinatie: deel 2"]
    template = (Path(__file__).resolve().parent.parent / "templates" / "_macros.md.j2").read_text()
    assert 'k.post_namen|join("; ")' in template and "k.posten|length" not in template
