"""Dates in Dutch: ``3 november 2023``, and milestone moments such as ``2024-Q4``.

:func:`parse_datum` reads ISO dates (``2023-11-03``) and Dutch written dates
(``3 november 2023``). :func:`parse_moment` reads the moments milestones are planned for, at
the precision the plan knows: a year (``2024``), a quarter (``2024-Q4``, ``Q4 2024`` or
``4e kwartaal 2024``), a month (``2024-11`` or ``november 2024``) or a day (``2024-11-03`` or
``3 november 2024``). A :class:`Moment` covers the whole period, so milestones sort by when
they are due: by end date, then start date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "MONTHS",
    "MONTHS_SHORT",
    "DateError",
    "Moment",
    "format_datum",
    "format_maand_kort",
    "kwartaal",
    "parse_datum",
    "parse_moment",
]

#: Dutch month names, January first; written in lower case, as Dutch does.
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
#: Their short forms, as a Dutch reader expects them under a chart (``mrt``, not ``maa``).
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_MONTH_NUMBER = {name: number for number, name in enumerate(MONTHS, start=1)}

_ISO = re.compile(r"([1-9]\d{3})-(\d{2})-(\d{2})")
_DUTCH = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\s+([1-9]\d{3})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]([1-9]\d{3})")
_YEAR = re.compile(r"[1-9]\d{3}")
_MONTH = re.compile(r"([1-9]\d{3})-(\d{2})")
_MONTH_DUTCH = re.compile(r"([^\W\d_]+)\s+([1-9]\d{3})")
_QUARTER = re.compile(
    r"([1-9]\d{3})-[Qq]([1-4])|[Qq]([1-4])\s+([1-9]\d{3})|([1-4])e\s+kwartaal\s+([1-9]\d{3})"
)
_DATE_HOW = 'schrijf een datum als 2023-11-03 (jaar-maand-dag) of "3 november 2023"'
_MOMENT_HOW = (
    "schrijf een moment als 2024 (jaar), 2024-Q4 (kwartaal), 2024-11 (maand) of 2024-11-03 (dag)"
)


class DateError(ValueError):
    """A date or moment that cannot be read; the message is Dutch. ``code`` is ``schema.date``."""

    code = "schema.date"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def format_datum(d: date) -> str:
    """Write a date the Dutch way, without leading zero: ``3 november 2023``."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def format_maand_kort(day: date) -> str:
    """The month of ``day`` the short Dutch way: ``jun 2024``."""
    return f"{MONTHS_SHORT[day.month - 1]} {day.year}"


def kwartaal(day: date) -> str:
    """``2024-Q2`` for a day in the second quarter of 2024 (:func:`parse_moment` reads it back)."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _month(name: str, raw: str) -> int:
    number = _MONTH_NUMBER.get(name.lower())
    if number is None:
        raise DateError(
            f'onbekende maand "{name}" in "{raw}": gebruik een Nederlandse maandnaam zoals '
            '"november", of schrijf 2023-11-03'
        )
    return number


def _make_date(year: int, month: int, day: int, raw: str) -> date:
    if not 1 <= month <= 12:
        raise DateError(f'ongeldige datum "{raw}": maand {month} bestaat niet')
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(
            f'ongeldige datum "{raw}": {MONTHS[month - 1]} {year} heeft geen dag {day} '
            f"(wel 1 t/m {last})"
        )
    return date(year, month, day)


def parse_datum(text: str) -> date:
    """Parse ``2023-11-03`` or ``3 november 2023`` into a date; raise :class:`DateError`."""
    if not isinstance(text, str):
        raise TypeError(f"parse_datum verwacht tekst, geen {type(text).__name__}")
    raw = text.strip()
    if match := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day, raw)
    if match := _DUTCH.fullmatch(raw):
        return _make_date(int(match[3]), _month(match[2], raw), int(match[1]), raw)
    if match := _DMY.fullmatch(raw):
        iso = f"{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}"
        raise DateError(f'ongeldige datum "{raw}": schrijf {iso} (jaar-maand-dag)')
    if not raw:
        raise DateError(f"lege datum: {_DATE_HOW}")
    raise DateError(f'ongeldige datum "{raw[:40]}": {_DATE_HOW}')


@dataclass(frozen=True)
class Moment:
    """A period a milestone is due in: ``start`` and ``end`` inclusive, ``text`` as written.

    Moments order by ``end``, then ``start``, then ``text``, so a list of milestones sorts by
    when each is due at the latest.
    """

    start: date
    end: date
    text: str

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise DateError(f'moment "{self.text}" eindigt vóór het begint')

    def _key(self) -> tuple[date, date, str]:
        return (self.end, self.start, self.text)

    def __lt__(self, other: Moment) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Moment) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Moment) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Moment) -> bool:
        if not isinstance(other, Moment):
            return NotImplemented
        return self._key() >= other._key()

    @property
    def label(self) -> str:
        """Dutch text: ``2024``, ``4e kwartaal 2024``, ``november 2024`` or ``3 november 2024``.

        A period that is none of these reads ``1 maart 2024 t/m 15 april 2024``.
        """
        start, end = self.start, self.end
        if start == end:
            return format_datum(start)
        month_end = calendar.monthrange(end.year, end.month)[1]
        if start.year == end.year and start.day == 1 and end.day == month_end:
            if start.month == 1 and end.month == 12:
                return str(start.year)
            if start.month == end.month:
                return f"{MONTHS[start.month - 1]} {start.year}"
            if start.month % 3 == 1 and end.month == start.month + 2:
                return f"{end.month // 3}e kwartaal {start.year}"
        return f"{format_datum(start)} t/m {format_datum(end)}"


def _month_moment(year: int, month: int, raw: str) -> Moment:
    if not 1 <= month <= 12:
        raise DateError(f'ongeldig moment "{raw}": maand {month} bestaat niet; {_MOMENT_HOW}')
    last = calendar.monthrange(year, month)[1]
    return Moment(date(year, month, 1), date(year, month, last), raw)


def parse_moment(text: str) -> Moment:
    """Parse a milestone moment (year, quarter, month or day) into a :class:`Moment`.

    Raises :class:`DateError` with a Dutch message saying which forms are accepted.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_moment verwacht tekst, geen {type(text).__name__}")
    raw = text.strip()
    if _YEAR.fullmatch(raw):
        year = int(raw)
        return Moment(date(year, 1, 1), date(year, 12, 31), raw)
    if match := _QUARTER.fullmatch(raw):
        groups = [g for g in match.groups() if g is not None]
        year_text, quarter_text = (groups[0], groups[1]) if raw[:4].isdigit() else groups[::-1]
        year, quarter = int(year_text), int(quarter_text)
        first = _month_moment(year, quarter * 3 - 2, raw)
        last = _month_moment(year, quarter * 3, raw)
        return Moment(first.start, last.end, raw)
    if match := _MONTH.fullmatch(raw):
        return _month_moment(int(match[1]), int(match[2]), raw)
    if match := _MONTH_DUTCH.fullmatch(raw):
        return _month_moment(int(match[2]), _month(match[1], raw), raw)
    if _ISO.fullmatch(raw) or _DUTCH.fullmatch(raw) or _DMY.fullmatch(raw):
        day = parse_datum(raw)
        return Moment(day, day, raw)
    if not raw:
        raise DateError(f"leeg moment: {_MOMENT_HOW}")
    raise DateError(f'ongeldig moment "{raw[:40]}": {_MOMENT_HOW}')
