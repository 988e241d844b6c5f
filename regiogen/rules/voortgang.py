"""Rules on the voortgang after adoption: mijlpalen that fell due, metingen, realisatie.

The IZA asks how the voortgang is made visible (IZA 2022 §3.2 p.44–45); the Regeling SPUK
transformatiemiddelen pays out on realised costs when the mijlpalen are met (art. 9–10, SiSa);
SPUK IZA is accounted for per year up to the amount granted. All figures come from
:mod:`regiogen.model.voortgang`, as in the voortgangsrapportage and the verantwoording.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from regiogen.diagnostics import Severity
from regiogen.model.voortgang import mijlpalen, realisatie, resultaten
from regiogen.rules.registry import Finding, RuleContext, RuleSet, label
from regiogen.source.dates import format_datum
from regiogen.source.money import format_euro

regels = RuleSet()

VOORTGANG = ("voortgangsrapportage", "verantwoording")
BRON_IZA = "IZA 2022 §3.2 p.44–45"
BRON_TRANSFORMATIE = "Regeling SPUK transformatiemiddelen (Stcrt. 2024, 17398) art. 9–10"
BRON_SPUK_IZA = "Regeling SPUK IZA-doelen (Stcrt. 2023, 19964)"


@regels.rule(
    "iza.voortgang.mijlpaal-status",
    Severity.WARNING,
    "Een mijlpaal waarvan de datum voorbij is, heeft een status (gehaald, vertraagd, vervallen)",
    f"{BRON_IZA}; {BRON_TRANSFORMATIE}",
    VOORTGANG,
)
def mijlpaal_status(ctx: RuleContext) -> Iterator[Finding]:
    """A mijlpaal due before the peildatum with no status, or still 'gepland'."""
    peildatum = ctx.peildatum
    if peildatum is None:
        return
    for stand in mijlpalen(ctx.content, peildatum):
        if stand.stand != "over-tijd":
            continue
        wanneer = stand.mijlpaal.wanneer
        assert wanneer is not None
        nog = "staat nog op 'gepland'" if stand.status == "gepland" else "heeft geen status"
        yield Finding(
            stand.path,
            f"mijlpaal '{stand.mijlpaal.wat}' van {label(stand.bron, stand.bron_titel)} was "
            f"gepland voor {wanneer.label} en {nog} op de peildatum {format_datum(peildatum)}; "
            "vul 'status:' (gehaald, vertraagd of vervallen) met 'statusdatum:' en 'toelichting:'",
        )


@regels.rule(
    "iza.voortgang.meting-verder-van-doel",
    Severity.WARNING,
    "Een meting ligt niet verder van de streefwaarde dan de nulmeting",
    BRON_IZA,
    VOORTGANG,
)
def meting_verder_van_doel(ctx: RuleContext) -> Iterator[Finding]:
    """A measurement further from the streefwaarde than the nulmeting was."""
    peildatum = ctx.peildatum or date.max
    for stand in resultaten(ctx.content, peildatum):
        for i, meting in stand.verder_van_doel():
            yield Finding(
                (*stand.path, "metingen", i, "waarde"),
                f"meting van {format_datum(meting.datum)} voor '{stand.resultaat.indicator}' "
                f"({label(stand.afspraak, stand.afspraak_titel)}) is {meting.waarde}: verder "
                f"van de streefwaarde ({stand.resultaat.streefwaarde}) dan de nulmeting "
                f"({stand.resultaat.nulmeting}); licht toe wat de partijen doen om bij te sturen",
            )


@regels.rule(
    "iza.voortgang.realisatie-toegekend",
    Severity.WARNING,
    "Per jaar niet meer gerealiseerd dan toegekend",
    f"{BRON_SPUK_IZA}; {BRON_TRANSFORMATIE}",
    VOORTGANG,
)
def realisatie_toegekend(ctx: RuleContext) -> Iterator[Finding]:
    """The realised amounts of a year exceed the amount toegekend for that year."""
    begroting = ctx.content.begroting
    if begroting is None:
        return
    for jaar in realisatie(begroting).jaren:
        over = jaar.boven_toegekend
        if over is None:
            continue
        assert jaar.gerealiseerd is not None and jaar.toegekend is not None
        yield Finding(
            ("begroting", "toegekend", str(jaar.jaar)),
            f"in {jaar.jaar} is {format_euro(jaar.gerealiseerd)} gerealiseerd: "
            f"{format_euro(over)} meer dan toegekend ({format_euro(jaar.toegekend)}); de "
            "specifieke uitkering dekt ten hoogste het toegekende bedrag",
        )
