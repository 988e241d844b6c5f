"""The list of abbreviations: those of the built-in glossary that the text uses."""

from __future__ import annotations

from regiogen.documents.afkortingen import abbreviations_in, with_abbreviations

TEXT = """---
titel: Plan over de Wlz
trefwoorden: [GALA]
---

# Inleiding {#seh-ROAZ}

De SEH en de VVT werken in het ROAZ samen; zie [de Zvw](https://example.org/Wmo).
Een WMO-loket noemt de wet niet en `Wlz` is code. Een ggz-aanbieder telt ook.
"""


def test_only_abbreviations_of_the_body_text_count() -> None:
    found = [a for a, _ in abbreviations_in(TEXT)]
    assert found == ["ggz", "ROAZ", "SEH", "VVT", "Zvw"]


def test_an_abbreviation_in_a_compound_counts() -> None:
    found = [a for a, _ in abbreviations_in("# Kop\n\nMinder SEH-bezoeken en Wlz-zorg.\n")]
    assert found == ["SEH", "Wlz"]


def test_the_section_is_added_once_at_the_end() -> None:
    text = with_abbreviations(TEXT)
    assert text.rstrip().endswith("| Zvw | Zorgverzekeringswet |")
    assert "# Afkortingen {#afkortingen .unnumbered}" in text
    assert "| SEH | spoedeisende hulp |" in text
    assert with_abbreviations(text) == text
    assert with_abbreviations("# Kop\n\nAlleen de SEH.\n") == "# Kop\n\nAlleen de SEH.\n"
