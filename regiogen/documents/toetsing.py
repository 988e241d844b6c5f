"""The toetsing: a region's plan reviewed against the criteria, the way a reviewer reads them.

The criteria are grouped as a reviewer (an adviser, the NZa, the ministry, the two marktleider
zorgverzekeraars) meets them: first the NZa's three points of 8 February 2024, then the
regioplan (IZA 2022 §3.2, handreiking §1.2–1.3), the SPUK IZA aanvraag (Regeling SPUK
IZA-doelen) and the transformatieplan (Beoordelingskader, Regeling SPUK transformatiemiddelen,
Addendum). Each criterion is judged by the rules behind it: *voldoet* when they find nothing,
*deels* when they only warn, *niet* when one finds an error. A group is only shown for the
document kinds the region produces, so a region with only a transformatieplan is judged on the
transformatieplan alone.

Every rule belongs to exactly one criterion (a test holds that), so the toetsing shows every
finding ``check`` gives, at its place in the content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from regiogen.diagnostics import Diagnostic, Severity
from regiogen.rules import rules_by_id

VOLDOET, DEELS, NIET = "voldoet", "deels", "niet"


@dataclass(frozen=True)
class Criterium:
    """One criterion: what is asked, where it comes from, and the rules that judge it."""

    titel: str
    bron: str
    regels: tuple[str, ...]


@dataclass(frozen=True)
class Groep:
    """Criteria a reviewer reads together, and the document kind they belong to."""

    id: str
    titel: str
    kinds: tuple[str, ...]
    criteria: tuple[Criterium, ...]


GROEPEN: tuple[Groep, ...] = (
    Groep(
        "nza",
        "De drie punten van de NZa",
        ("regioplan", "werkagenda"),
        (
            Criterium(
                "Doelen zijn specifiek, meetbaar en tijdgebonden",
                "NZa 8-2-2024",
                (
                    "iza.afspraak.resultaat",
                    "iza.afspraak.resultaat-meetbaar",
                    "iza.ambitie.meetbaar",
                ),
            ),
            Criterium(
                "Taken en verantwoordelijkheden zijn toegewezen",
                "NZa 8-2-2024; handreiking §1.2",
                (
                    "iza.afspraak.partijen",
                    "iza.afspraak.trekker",
                    "iza.afspraak.trekker-partij",
                    "iza.regio.marktleider",
                    "iza.regio.mandaatgemeente",
                ),
            ),
            Criterium(
                "Een werkagenda met mijlpalen voor de komende maanden en jaren",
                "NZa 8-2-2024; IZA 2022 §3.2 p.44–45",
                (
                    "iza.afspraak.mijlpalen",
                    "iza.werkagenda.looptijd",
                    "iza.werkagenda.na-plandatum",
                    "iza.werkagenda.volgende-stap",
                    "iza.werkagenda.alleen-plan",
                ),
            ),
        ),
    ),
    Groep(
        "regioplan",
        "Het regioplan",
        ("regioplan",),
        (
            Criterium(
                "Het plan rust op het regiobeeld",
                "IZA 2022 §3.2 p.44–45; handreiking §1.2",
                ("iza.opgave.knelpunt", "iza.knelpunt.opgepakt"),
            ),
            Criterium(
                "Een beperkt aantal opgaven, met een uitgelegde prioritering",
                "IZA 2022 §3.2 p.44–45; handreiking §1.2",
                ("iza.opgaven.aantal", "iza.opgave.prioritering"),
            ),
            Criterium(
                "Per opgave regio-afspraken: oplossing, schaal, voortgang",
                "IZA 2022 §3.2 p.44–45",
                (
                    "iza.opgave.afspraak",
                    "iza.afspraak.oplossing",
                    "iza.afspraak.schaal",
                    "iza.afspraak.voortgang",
                ),
            ),
            Criterium("Gezondheid en preventie", "handreiking §1.2", ("iza.preventie",)),
            Criterium(
                "Landelijke randvoorwaarden: wat, van wie, waarom",
                "handreiking §1.2",
                ("iza.randvoorwaarden", "iza.randvoorwaarde.concreet"),
            ),
            Criterium(
                "Afstemming met het ROAZ over de acute zorg",
                "IZA 2022 §3.2 p.44–45",
                ("iza.roaz", "iza.roaz.knelpunt"),
            ),
            Criterium(
                "Inwoners, patiënten en achterban betrokken",
                "IZA 2022 §3.2 p.44–45",
                ("iza.betrokkenheid",),
            ),
            Criterium(
                "Monitoring: hoe vaak, door wie, aan wie",
                "NZa 8-2-2024; handreiking §1.2",
                ("iza.monitoring",),
            ),
            Criterium(
                "Vastgesteld aan een bestuurlijke tafel",
                "handreiking §1.3",
                ("iza.vaststelling",),
            ),
        ),
    ),
    Groep(
        "spuk",
        "De aanvraag SPUK IZA",
        ("spuk-iza-bijlage",),
        (
            Criterium(
                "De aanvraag is compleet: begroting, regioplan of toelichting, mandaatstructuur",
                "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964); handreiking §1.5.2",
                ("iza.aanvraag.onderdelen", "iza.aanvraag.toelichting"),
            ),
            Criterium(
                "Ingediend door de mandaathouder, op tijd, met kloppende datums",
                "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964)",
                ("iza.aanvraag.indiener", "iza.aanvraag.termijn", "iza.aanvraag.datums"),
            ),
            Criterium(
                "De begroting klopt en past bij het toegekende bedrag",
                "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964)",
                (
                    "iza.aanvraag.jaren",
                    "iza.begroting.totalen",
                    "iza.begroting.toegekend",
                    "iza.begroting.onbesteed",
                    "iza.begroting.periode",
                    "iza.begroting.post-soort",
                    "iza.begroting.post-aard",
                    "iza.begroting.negatief",
                ),
            ),
        ),
    ),
    Groep(
        "transformatieplan",
        "De transformatieplannen",
        ("transformatieplan",),
        (
            Criterium(
                "Gemaakt met de partijen die het raakt",
                "Beoordelingskader voorwaarde 4",
                ("iza.transformatie.partijen",),
            ),
            Criterium(
                "Sluit aan op regiobeeld en regioplan",
                "Addendum transformatiemiddelen",
                ("iza.transformatie.aansluiting",),
            ),
            Criterium(
                "SMART afspraken en een mijlpaalplanning met bedragen",
                "Beoordelingskader voorwaarde 1 en 4; Regeling SPUK transformatiemiddelen "
                "(Stcrt. 2024, 17398) art. 6",
                ("iza.transformatie.smart", "iza.transformatie.mijlpalen"),
            ),
            Criterium(
                "Een business case: kosten en opbrengsten per jaar",
                "Beoordelingskader voorwaarde 2; Regeling SPUK transformatiemiddelen "
                "(Stcrt. 2024, 17398) art. 6",
                (
                    "iza.transformatie.incidenteel-structureel",
                    "iza.transformatie.kosten-bedragen",
                    "iza.transformatie.kosten-negatief",
                    "iza.transformatie.baten",
                ),
            ),
            Criterium(
                "Impact op zorggebruik, herverdeling, personeel en vastgoed",
                "Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398) art. 3",
                ("iza.transformatie.impact",),
            ),
            Criterium(
                "Resultaten binnen vijf jaar",
                "Beoordelingskader voorwaarde 5",
                ("iza.transformatie.vijf-jaar",),
            ),
            Criterium(
                "Een financieringsroute, goedgekeurd door beide marktleiders, op tijd, met een "
                "bevoegde penvoerder",
                "Beoordelingskader; Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398) "
                "art. 6",
                (
                    "iza.transformatie.financiering",
                    "iza.transformatie.marktleiders",
                    "iza.transformatie.goedkeuring-2026",
                    "iza.transformatie.penvoerder",
                ),
            ),
            Criterium(
                "Structurele kosten: sociaal domein volgens het addendum, en na 2027",
                "Addendum transformatiemiddelen",
                (
                    "iza.transformatie.uitzondering-route",
                    "iza.transformatie.dekking-2027",
                    "iza.transformatie.uitzondering-gegevens",
                    "iza.transformatie.na-2027",
                ),
            ),
        ),
    ),
    Groep(
        "regiobeeld",
        "Het regiobeeld",
        ("regiobeeld",),
        (
            Criterium(
                "Elk knelpunt met cijfers, bron en jaar",
                "IZA 2022 §3.2; criteria regiobeeld 21-12-2022",
                ("iza.regiobeeld.knelpunt-data",),
            ),
            Criterium(
                "Capaciteit, prognoses van vraag en aanbod, en de kloof",
                "IZA 2022 §3.2; criteria regiobeeld 21-12-2022",
                ("iza.regiobeeld.capaciteit", "iza.regiobeeld.prognose"),
            ),
            Criterium(
                "Duiding door inwoners en professionals, en het gemeentelijk domein",
                "IZA 2022 §3.2; criteria regiobeeld 21-12-2022",
                ("iza.regiobeeld.duiding", "iza.regiobeeld.gemeentelijk-domein"),
            ),
        ),
    ),
    Groep(
        "gala",
        "De plannen van aanpak SPUK GALA",
        ("gala-plan-van-aanpak",),
        (
            Criterium(
                "Alle delen van het format, uitgewerkt per aangevraagd onderdeel",
                "Regeling SPUK GALA (Stcrt. 2023, 4245)",
                ("iza.gala.onderdelen", "iza.gala.onderdeel-uitwerking", "iza.gala.verwijzingen"),
            ),
            Criterium(
                "Meetbare resultaten",
                "NZa 8-2-2024",
                ("iza.gala.resultaat-meetbaar",),
            ),
            Criterium(
                "Ondertekend en op tijd ingediend",
                "Regeling SPUK GALA (Stcrt. 2023, 4245); handreiking §1.5.1",
                ("iza.gala.ondertekening", "iza.gala.aanvraagperiode"),
            ),
        ),
    ),
    Groep(
        "voortgang",
        "De voortgang na de vaststelling",
        ("voortgangsrapportage", "verantwoording"),
        (
            Criterium(
                "Mijlpalen met hun stand, metingen die naar het doel gaan",
                "IZA 2022 §3.2 p.44–45; Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398) "
                "art. 9–10",
                ("iza.voortgang.mijlpaal-status", "iza.voortgang.meting-verder-van-doel"),
            ),
            Criterium(
                "Niet meer besteed dan toegekend",
                "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964)",
                ("iza.voortgang.realisatie-toegekend",),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Bevinding:
    """A finding as the memo shows it: what, where, how bad."""

    ernst: str
    melding: str
    waar: str
    regel: str

    @property
    def kort(self) -> str:
        """What is wrong, without the advice how to fix it (the part after the first ';')."""
        return self.melding.split("; ", 1)[0]


@dataclass(frozen=True)
class Oordeel:
    """One criterion judged."""

    criterium: Criterium
    oordeel: str
    bevindingen: list[Bevinding] = field(default_factory=list)


@dataclass(frozen=True)
class Groepsoordeel:
    """The criteria of one group, judged."""

    groep: Groep
    oordelen: list[Oordeel]

    def telling(self) -> dict[str, int]:
        """How many criteria voldoen, deels, niet."""
        counts = {VOLDOET: 0, DEELS: 0, NIET: 0}
        for o in self.oordelen:
            counts[o.oordeel] += 1
        return counts


def waar(d: Diagnostic, region_path: str) -> str:
    """Where a finding is: ``afspraken.yaml, regel 13``, or the region as a whole."""
    path = d.path
    if path.startswith(region_path + "/"):
        path = path[len(region_path) + 1 :]
    elif path == region_path:
        return "het plan als geheel"
    return f"{path}, regel {d.line}" if d.line is not None else path


def judge(
    findings: Sequence[Diagnostic], kinds: Sequence[str], region_path: str
) -> list[Groepsoordeel]:
    """Judge each criterion of the groups that apply to ``kinds`` by the findings."""
    result = []
    for groep in GROEPEN:
        if not set(groep.kinds) & set(kinds):
            continue
        oordelen = []
        for criterium in groep.criteria:
            found = sorted(
                (d for d in findings if d.code in criterium.regels),
                key=lambda d: (*d.sort_key(), d.message),
            )
            if any(d.severity is Severity.ERROR for d in found):
                oordeel = NIET
            elif any(d.severity is Severity.WARNING for d in found):
                oordeel = DEELS
            else:
                oordeel = VOLDOET
            bevindingen = [
                Bevinding(d.severity.value, d.message, waar(d, region_path), d.code) for d in found
            ]
            oordelen.append(Oordeel(criterium, oordeel, bevindingen))
        result.append(Groepsoordeel(groep, oordelen))
    return result


def unassigned_rules() -> list[str]:
    """Rules that no criterion names (should be none), and names that are no rule."""
    known = set(rules_by_id())
    named = [r for g in GROEPEN for c in g.criteria for r in c.regels]
    return sorted((known - set(named)) | (set(named) - known))


def open_punten(findings: Sequence[Diagnostic], kind: str, region_path: str) -> list[Bevinding]:
    """The errors and warnings of the rules of one document kind, for its "Open punten"."""
    rules = rules_by_id()
    found = sorted(
        (
            d
            for d in findings
            if d.severity is not Severity.INFO and d.code in rules and kind in rules[d.code].kinds
        ),
        key=lambda d: (*d.sort_key(), d.message),
    )
    return [Bevinding(d.severity.value, d.message, waar(d, region_path), d.code) for d in found]
