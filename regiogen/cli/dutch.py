"""Dutch for click's own words: usage, help, and command-line errors.

click marks its texts for gettext but ships no Dutch catalogue. This module gives the click
modules a translating ``_`` and ``ngettext`` that know the texts a regiogen user meets; any
other text stays as click wrote it. Installed once, by :mod:`regiogen.cli.main`.
"""

from __future__ import annotations

import importlib
from typing import Any

_SINGULAR: dict[str, str] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "Missing argument": "Argument ontbreekt",
    "Missing option": "Optie ontbreekt",
    "Missing parameter": "Parameter ontbreekt",
    "Missing command.": "Geen opdracht gegeven.",
    "Missing {param_type}": "{param_type} ontbreekt",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Aborted!": "Afgebroken.",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
}

_PLURAL: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "Onverwacht extra argument ({args})",
        "Onverwachte extra argumenten ({args})",
    ),
    "Option {name!r} requires an argument.": (
        "Optie {name!r} vraagt een waarde.",
        "Optie {name!r} vraagt {nargs} waarden.",
    ),
    "{value!r} is not {choice}.": (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    "Did you mean {possibility}?": (
        "Bedoelde u {possibility}?",
        "(Bedoelde u een van: {possibilities}?)",
    ),
}


def gettext_nl(message: str) -> str:
    """The Dutch text for one of click's messages, or the message itself."""
    return _SINGULAR.get(message, message)


def ngettext_nl(singular: str, plural: str, n: int) -> str:
    """The Dutch singular or plural for one of click's messages."""
    if singular in _PLURAL:
        one, many = _PLURAL[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    """Give click's modules the Dutch ``_`` and ``ngettext``, and Dutch type names."""
    import click

    click.types.IntParamType.name = "geheel getal"
    click.types.IntRange.name = "geheel getal"
    click.types.FloatParamType.name = "getal"
    for name in (
        "click.core",
        "click.decorators",
        "click.exceptions",
        "click.formatting",
        "click.parser",
        "click.types",
        "click.termui",
        "click.utils",
    ):
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = gettext_nl  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext_nl  # type: ignore[attr-defined]


def translate_parameters(group: Any) -> None:
    """Dutch type names for the parameters of every command in ``group``.

    click names a path parameter ("file", "directory") when the decorator runs, which is
    before :func:`install` when a command module is imported first; so the names are set
    again here, once all commands are known.
    """
    import click

    commands = [group, *getattr(group, "commands", {}).values()]
    for command in commands:
        for param in command.params:
            if isinstance(param.type, click.Path):
                param.type.name = gettext_nl(param.type.name)
