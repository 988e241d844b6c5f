"""The value forms regiogen reads, as JSON Schema patterns and schema fragments for editors.

A date (:data:`DATE_PATTERN`), a moment (:data:`MOMENT_PATTERN`), ja/nee
(:data:`YES_NO_PATTERN`) and an amount (:data:`MONEY_PATTERN`) as the regexes an editor checks
while typing, and the ``$defs`` nodes :mod:`regiogen.build.schema` puts in every schema for
them (``Datum``, ``Moment``, ``JaNee``, ``Bedrag``), with Dutch descriptions, examples and
error messages. May import :mod:`regiogen.source` (the Dutch month names) and the standard
library; nothing of :mod:`regiogen.build`.
"""

from __future__ import annotations

__all__ = [
    "DATE_PATTERN",
    "DATE_SCHEMA",
    "MOMENT_PATTERN",
    "MOMENT_SCHEMA",
    "MONEY_PATTERN",
    "MONEY_SCHEMA",
    "YES_NO_PATTERN",
    "YES_NO_SCHEMA",
]


def _any_case(word: str) -> str:
    """A regex for ``word`` in any case (JSON Schema patterns have no flags)."""
    return "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in word)


def _months() -> str:
    from regiogen.source.dates import MONTHS

    return "(" + "|".join(_any_case(m) for m in MONTHS) + ")"


_YEAR = "[1-9][0-9]{3}"
_ISO_DATE = f"{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_DUTCH_DATE = f"[0-9]{{1,2}}\\s+{_months()}\\s+{_YEAR}"
#: Dates as :func:`regiogen.source.dates.parse_datum` reads them.
DATE_PATTERN = f"^\\s*({_ISO_DATE}|{_DUTCH_DATE})\\s*$"
_QUARTER = f"{_YEAR}-[Qq][1-4]|[Qq][1-4]\\s+{_YEAR}|[1-4]e\\s+kwartaal\\s+{_YEAR}"
_MONTH = f"{_YEAR}-(0[1-9]|1[0-2])|{_months()}\\s+{_YEAR}"
#: Moments as :func:`regiogen.source.dates.parse_moment` reads them.
MOMENT_PATTERN = f"^\\s*({_YEAR}|{_QUARTER}|{_MONTH}|{_ISO_DATE}|{_DUTCH_DATE})\\s*$"
_YES_NO_WORDS = ("ja", "yes", "true", "waar", "j", "y", "1", "on", "aan",
                 "nee", "no", "false", "onwaar", "n", "0", "off", "uit")  # fmt: skip
#: The ja/nee words of :mod:`regiogen.model.types`, in any case.
YES_NO_PATTERN = "^\\s*(" + "|".join(_any_case(w) for w in _YES_NO_WORDS) + ")\\s*$"
_SPACE = "[ \u00a0\u202f\u2009]"
#: The shape of an amount :func:`regiogen.source.money.parse_money` may read.
MONEY_PATTERN = (
    f"^{_SPACE}*[-+\u2212]?{_SPACE}*(€|{_any_case('euro')}|{_any_case('eur')})?{_SPACE}*"
    f"[-+\u2212]?{_SPACE}*[0-9]([0-9.,]|{_SPACE}[0-9])*(,--?)?{_SPACE}*$"
)

#: Dutch messages for editors that show a schema's ``errorMessage`` (yaml-language-server).
_MONEY_ERROR = 'geen bedrag: schrijf 120000, 120000.50 of "€ 120.000,50"'
_MOMENT_ERROR = "geen moment: schrijf 2024, 2024-Q1 t/m 2024-Q4, 2024-11 of 2024-11-30"
_DATE_ERROR = "geen datum: schrijf 2023-12-20 (jaar-maand-dag) of 20 december 2023"
_YES_NO_ERROR = "schrijf ja of nee (of true/false)"


MONEY_SCHEMA = {
    "description": 'Bedrag in euro: 120000, 120000.50 of "€ 120.000,50"',
    "examples": ["120000", "120000.50", "€ 120.000,50"],
    "type": ["number", "string"],
    "pattern": MONEY_PATTERN,  # applies to text only
    "errorMessage": _MONEY_ERROR,
}
MOMENT_SCHEMA = {
    "description": "Moment: een jaar (2024), kwartaal (2024-Q1 t/m 2024-Q4), maand (2024-11) "
    "of dag (2024-11-30)",
    "examples": ["2024-Q4", "2025-06", "2025-12-31"],
    "type": ["integer", "string"],
    "minimum": 1000,  # a year; minimum and maximum apply to numbers only
    "maximum": 9999,
    "pattern": MOMENT_PATTERN,
    "errorMessage": _MOMENT_ERROR,
}
DATE_SCHEMA = {
    "description": "Datum: 2023-12-20 (jaar-maand-dag) of 20 december 2023",
    "examples": ["2023-12-20", "20 december 2023"],
    "type": "string",
    "pattern": DATE_PATTERN,
    "errorMessage": _DATE_ERROR,
}
YES_NO_SCHEMA = {
    "description": "ja of nee (ook true/false)",
    "examples": ["ja", "nee"],
    "type": ["boolean", "integer", "string"],
    "minimum": 0,
    "maximum": 1,
    "pattern": YES_NO_PATTERN,
    "errorMessage": _YES_NO_ERROR,
}
# One schema per form, not an anyOf of alternatives: 'pattern' applies to text only and
# 'minimum'/'maximum' to numbers only, so one node says it, and an editor shows its Dutch
# errorMessage instead of merging the alternatives' English type errors.
