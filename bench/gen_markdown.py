"""Generate realistic regioplan-like Markdown for benchmarks and visual checks.

``python bench/gen_markdown.py OUTDIR`` writes ``small.md`` (~5 pages), ``medium.md``
(~30 pages), ``large.md`` (~200 pages) and ``batch/regio-01.md`` … ``regio-31.md``
(31 documents of ~30 pages). The text is deterministic (seeded).
"""

from __future__ import annotations

import argparse
import random
from decimal import Decimal
from pathlib import Path

WORDS = [
    "zorg",
    "regio",
    "gemeente",
    "zorgverzekeraar",
    "huisarts",
    "ouderen",
    "wijkverpleging",
    "mantelzorg",
    "preventie",
    "samenwerking",
    "afspraken",
    "opgave",
    "knelpunt",
    "arbeidsmarkt",
    "personeel",
    "digitale",
    "gegevensuitwisseling",
    "ziekenhuis",
    "ggz",
    "sociaal",
    "domein",
    "inwoners",
    "toegankelijkheid",
    "betaalbaarheid",
    "kwaliteit",
    "passende",
    "zorg",
    "netwerk",
    "transformatie",
    "financiering",
    "monitoring",
    "resultaat",
    "indicator",
    "mijlpaal",
    "bestuurlijk",
    "overleg",
    "werkagenda",
    "uitvoering",
    "capaciteit",
    "wachttijden",
    "eerstelijn",
    "acute",
    "thuis",
    "wonen",
    "welzijn",
    "leefstijl",
    "gezondheid",
    "verschillen",
]
REGIONS = (
    "Noord-Veluwe", "Twente", "Drechtsteden", "Zuid-Limburg", "Amstelland", "Gooi en Vecht",
    "Midden-Holland", "Rijnmond", "Fryslân", "Groningen", "Drenthe", "IJsselland",
)  # fmt: skip
THEMES = ("Ouderenzorg", "Acute zorg", "GGZ", "Eerstelijnszorg", "Arbeidsmarkt", "Preventie")


def euro(value: Decimal) -> str:
    """Dutch money notation: € 1.234.567,00."""
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"€ {sign}{'.'.join(groups)},{cents}"


class Gen:
    """A seeded generator of document pieces."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.note = 0

    def sentence(self, n: int | None = None) -> str:
        words = [self.r.choice(WORDS) for _ in range(n or self.r.randint(8, 22))]
        if self.r.random() < 0.15:
            i = self.r.randrange(len(words))
            words[i] = f"**{words[i]}**"
        if self.r.random() < 0.1:
            i = self.r.randrange(len(words))
            words[i] = f"*{words[i]}*"
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        text = " ".join(self.sentence() for _ in range(self.r.randint(3, 6)))
        if self.r.random() < 0.35:
            self.note += 1
            ref = f"n{self.note}"
            text += f"[^{ref}]\n\n[^{ref}]: {self.sentence()} Zie ook *bijlage {self.note}*."
        return text

    def bullets(self) -> str:
        lines = []
        for _ in range(self.r.randint(3, 6)):
            lines.append(f"- {self.sentence(self.r.randint(5, 14))}")
            if self.r.random() < 0.3:
                lines.extend(f"  - {self.sentence(6)}" for _ in range(2))
        return "\n".join(lines)

    def ordered(self) -> str:
        lines = []
        for i in range(1, self.r.randint(3, 6) + 1):
            lines.append(f"{i}. {self.sentence(self.r.randint(5, 12))}")
            if self.r.random() < 0.3:
                lines.extend(f"   {j}. {self.sentence(6)}" for j in (1, 2))
        return "\n".join(lines)

    def table(self) -> str:
        years = (2024, 2025, 2026, 2027)
        head = "| Omschrijving | Aard | " + " | ".join(str(y) for y in years) + " |"
        sep = "|:--|:--|" + "|".join("--:" for _ in years) + "|"
        rows = [head, sep]
        totals = [Decimal(0)] * len(years)
        for _ in range(self.r.randint(4, 8)):
            amounts = [Decimal(self.r.randint(5_000, 2_500_000)) for _ in years]
            totals = [t + a for t, a in zip(totals, amounts, strict=True)]
            aard = self.r.choice(("incidenteel", "structureel"))
            desc = " ".join(self.r.choice(WORDS) for _ in range(self.r.randint(2, 5))).capitalize()
            rows.append(f"| {desc} | {aard} | " + " | ".join(euro(a) for a in amounts) + " |")
        rows.append("| **Totaal** | | " + " | ".join(f"**{euro(t)}**" for t in totals) + " |")
        return "\n".join(rows)

    def chapter(self, n: int) -> str:
        theme = THEMES[n % len(THEMES)]
        parts = [f"# {theme} in de regio {{#h{n}}}", self.paragraph(), self.paragraph()]
        for s in range(1, self.r.randint(2, 4) + 1):
            parts.append(f"## Opgave {n}.{s}: {self.sentence(4)[:-1].lower()}")
            parts.append(self.paragraph())
            parts.append(self.bullets() if s % 2 else self.ordered())
            parts.append(self.paragraph())
            if s == 2:
                parts.append(f"### Begroting {theme.lower()}")
                parts.append(self.table())
                parts.append(self.paragraph())
        parts.append(f"Zie ook [het overzicht](#h{max(n - 1, 1)}) en <https://www.iza.nl>.")
        return "\n\n".join(parts)


def document(seed: int, chapters: int, title: str, *, landscape: bool = False) -> str:
    """One regioplan-like document."""
    g = Gen(seed)
    front = (
        "---\n"
        f"titel: Regioplan IZA {title}\n"
        "ondertitel: Samen werken aan passende zorg 2024–2027\n"
        f"organisatie: Regiotafel IZA {title}\n"
        "datum: 2023-11-03\n"
        "versie: '1.0'\n"
        "classificatie: Intern vertrouwelijk\n"
        f"documentnummer: RP-{seed:04d}\n"
        "auteur: Programmabureau IZA\n"
        "onderwerp: Regioplan Integraal Zorgakkoord\n"
        "trefwoorden: [IZA, regioplan, zorg]\n"
        "inhoudsopgave: true\n"
        "nummering: true\n"
        "---\n\n"
    )
    body = [g.chapter(n) for n in range(1, chapters + 1)]
    if landscape:
        body.insert(
            min(2, len(body)),
            "::: landscape\n\n## Meerjarenbegroting (liggend)\n\n" + g.table() + "\n\n:::",
        )
    return front + "\n\n".join(body) + "\n"


SIZES = {"small": 2, "medium": 12, "large": 80}


def main() -> None:
    """Write the benchmark corpus."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args()
    out: Path = args.outdir
    out.mkdir(parents=True, exist_ok=True)
    for i, (name, chapters) in enumerate(SIZES.items()):
        (out / f"{name}.md").write_text(
            document(i + 1, chapters, REGIONS[i], landscape=True), encoding="utf-8"
        )
    batch = out / "batch"
    batch.mkdir(exist_ok=True)
    for i in range(31):
        text = document(100 + i, SIZES["medium"], REGIONS[i % len(REGIONS)])
        (batch / f"regio-{i + 1:02d}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
