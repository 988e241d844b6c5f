"""Generate a benchmark project: the 31 zorgkantoorregio's, each of realistic size.

Every region is the example region Lindeland, renamed, with its afspraken doubled (twelve
afspraken, each with results and milestones) so that a regioplan runs to about 17 pages.
The charts' CSV files under ``data/`` are copied with it.

With ``--gemeenten N`` the regions get N gemeenten between them (spread evenly), each with
its own plan of aanpak SPUK GALA (the example's plan for Beekveld, renamed and with the
gemeente's own code), so that ``--regios 42 --gemeenten 342`` is the scale of the whole
country: 342 gemeenten' GALA plans and 42 regions' documents in one build.

    python bench/gen_project.py bench/out/project31
    python bench/gen_project.py bench/out/scale --regios 42 --gemeenten 342
"""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import Any

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


#: Made-up place names for generated gemeenten (first part × second part, 20 × 20).
_VOOR = [
    "Alden", "Beek", "Oost", "Mare", "Sterre", "Vliet", "Linden", "Hoog", "Wester", "Zuider",
    "Noord", "Molen", "Kerk", "Brug", "Dijk", "Heide", "Ooster", "Ter", "Wolde", "Zand",
]  # fmt: skip
_NA = [
    "veld", "haven", "dal", "bos", "woude", "broek", "dorp", "horst", "wijk", "dam",
    "zijl", "lo", "rade", "meer", "hoven", "beek", "kamp", "stein", "burg", "sloot",
]  # fmt: skip
#: The example's gemeente whose GALA plan is the model for every generated plan.
_MODEL_NAAM, _MODEL_CODE = "Beekveld", "GM9902"


def region_names(count: int) -> list[str]:
    """The 31 zorgkantoorregio's, then made-up regions (``Regio 32`` …) up to ``count``."""
    extra = [f"Regio {i}" for i in range(len(ZORGKANTOORREGIOS) + 1, count + 1)]
    return (ZORGKANTOORREGIOS + extra)[:count]


def gemeente_names(count: int) -> list[str]:
    """``count`` distinct made-up gemeente names (at most 400)."""
    names = [voor + na for na in _NA for voor in _VOOR]
    if count > len(names):
        raise ValueError(f"hoogstens {len(names)} gemeenten")
    return names[:count]


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
    return _dump(data)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _with_gemeenten(
    regio_text: str, gala_text: str, gemeenten: list[tuple[str, str]]
) -> tuple[str, str]:
    """regio.yaml and gala.yaml of a region whose gemeenten are ``(naam, code)`` pairs."""
    regio = yaml.safe_load(regio_text)
    codes = [code for _naam, code in gemeenten]
    old = [g["code"] for g in regio["regio"]["gemeenten"]]
    regio["regio"]["gemeenten"] = [
        {"naam": naam, "code": code, **({"mandaatgemeente": True} if i == 0 else {})}
        for i, (naam, code) in enumerate(gemeenten)
    ]
    renamed = dict(zip(old, codes, strict=False))  # the example's parties keep their ids
    for partij in regio.get("partijen", []):
        if partij.get("gemeente") in renamed:
            partij["gemeente"] = renamed[partij["gemeente"]]
    mandaat = regio.get("mandaatstructuur")
    if mandaat:
        mandaat["mandaathouder"] = codes[0]
        mandaat["gemeenten"] = codes
    gala = yaml.safe_load(gala_text)
    model = next(p for p in gala["gala"] if p["gemeente"] == _MODEL_CODE)
    model_text = _dump(model)
    plans = []
    for naam, code in gemeenten:
        text = model_text.replace(_MODEL_NAAM, naam).replace(_MODEL_CODE, code)
        plans.append(yaml.safe_load(text))
    gala["gala"] = plans
    return _dump(regio), _dump(copy.deepcopy(gala))


def generate(target: Path, count: int = 31, gemeenten: int = 0) -> list[str]:
    """Write ``count`` regions under ``target/content``; return their folder names.

    With ``gemeenten`` the regions share that many generated gemeenten, each with a GALA
    plan; without, every region keeps the example's six gemeenten and its one plan.
    """
    if 0 < gemeenten < 6 * count:
        raise ValueError("ten minste zes gemeenten per regio (het voorbeeld heeft er zes)")
    if target.exists():
        shutil.rmtree(target)
    names = []
    all_gemeenten = [(naam, f"GM{8001 + i}") for i, naam in enumerate(gemeente_names(gemeenten))]
    for index, name in enumerate(region_names(count)):
        folder = target / "content" / slug(name)
        folder.mkdir(parents=True)
        for source in sorted(EXAMPLE.glob("*.yaml")):
            text = source.read_text("utf-8")
            text = text.replace("Regio Lindeland", f"Regio {name}")
            text = text.replace("zorgkantoorregio: Lindeland", f"zorgkantoorregio: {name}")
            if source.name == "afspraken.yaml":
                text = _grow_afspraken(text)
            if all_gemeenten and source.name != "gala.yaml":
                for i, (_naam, code) in enumerate(all_gemeenten[index::count][:6]):
                    text = text.replace(f"GM990{i + 1}", code)  # the example's GM9901-GM9906
            (folder / source.name).write_text(text, "utf-8")
        if all_gemeenten:
            share = all_gemeenten[index::count]  # spread evenly: 342 over 42 is 8 or 9
            regio_text, gala_text = _with_gemeenten(
                (folder / "regio.yaml").read_text("utf-8"),
                (folder / "gala.yaml").read_text("utf-8"),
                share,
            )
            (folder / "regio.yaml").write_text(regio_text, "utf-8")
            (folder / "gala.yaml").write_text(gala_text, "utf-8")
        if (EXAMPLE / "data").is_dir():
            shutil.copytree(EXAMPLE / "data", folder / "data")
        names.append(folder.name)
    (target / "regiogen.yaml").write_text(
        "organisatie: Benchmark\ngit_stempel: nee\nformaten: [md, docx]\n", "utf-8"
    )
    return names


def main() -> None:
    """Command line: ``gen_project.py OUT [--regios N] [--gemeenten M]``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="bench/out/project31", type=Path)
    parser.add_argument("--regios", type=int, default=31)
    parser.add_argument("--gemeenten", type=int, default=0)
    args = parser.parse_args()
    names = generate(args.out, args.regios, args.gemeenten)
    print(f"{len(names)} regio's in {args.out}")


if __name__ == "__main__":
    main()
