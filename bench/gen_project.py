"""Generate a benchmark project: the 31 zorgkantoorregio's, each of realistic size.

Every region is the example region Lindeland, renamed, with its afspraken doubled (twelve
afspraken, each with results and milestones) so that a regioplan runs to about 30 pages.

    python bench/gen_project.py bench/out/project31
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "content" / "lindeland"

ZORGKANTOORREGIOS = [
    "Groningen",
    "Friesland",
    "Drenthe",
    "Zwolle",
    "Twente",
    "Midden-IJssel",
    "Apeldoorn Zutphen",
    "Arnhem",
    "Nijmegen",
    "Utrecht",
    "Flevoland",
    "t Gooi",
    "Noord-Holland Noord",
    "Kennemerland",
    "Zaanstreek Waterland",
    "Amsterdam",
    "Amstelland en de Meerlanden",
    "Zuid-Holland Noord",
    "Haaglanden",
    "Delft Westland Oostland",
    "Midden-Holland",
    "Rotterdam",
    "Waardenland",
    "Zuid-Hollandse Eilanden",
    "Zeeland",
    "West-Brabant",
    "Midden-Brabant",
    "Noordoost-Brabant",
    "Zuidoost-Brabant",
    "Noord- en Midden-Limburg",
    "Zuid-Limburg",
]


def slug(name: str) -> str:
    """A folder name for a region."""
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def _grow_afspraken(text: str) -> str:
    data = yaml.safe_load(text)
    extra = []
    for afspraak in data["afspraken"]:
        copy = dict(afspraak)
        copy["id"] = afspraak["id"] + "b"
        copy["titel"] = afspraak["titel"] + " (tweede fase)"
        copy.pop("afhankelijk_van", None)
        extra.append(copy)
    data["afspraken"].extend(extra)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def generate(target: Path, count: int = 31) -> list[str]:
    """Write ``count`` regions under ``target/content``; return their folder names."""
    if target.exists():
        shutil.rmtree(target)
    names = []
    for name in ZORGKANTOORREGIOS[:count]:
        folder = target / "content" / slug(name)
        folder.mkdir(parents=True)
        for source in sorted(EXAMPLE.glob("*.yaml")):
            text = source.read_text("utf-8")
            text = text.replace("Regio Lindeland", f"Regio {name}")
            text = text.replace("zorgkantoorregio: Lindeland", f"zorgkantoorregio: {name}")
            if source.name == "afspraken.yaml":
                text = _grow_afspraken(text)
            (folder / source.name).write_text(text, "utf-8")
        names.append(folder.name)
    (target / "regiogen.yaml").write_text(
        "organisatie: Benchmark\ngit_stempel: nee\nformaten: [md, docx]\n", "utf-8"
    )
    return names


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/project31")
    print(f"{len(generate(out))} regio's in {out}")
