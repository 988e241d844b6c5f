"""Dates and milestone moments in Dutch."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiogen.source.dates import (
    MONTHS,
    DateError,
    Moment,
    format_datum,
    kwartaal,
    parse_datum,
    parse_moment,
)

DATE_HOW = 'schrijf een datum als 2023-11-03 (jaar-maand-dag) of "3 november 2023"'
MOMENT_HOW = (
    "schrijf een moment als 2024 (jaar), 2024-Q4 (kwartaal), 2024-11 (maand) of 2024-11-03 (dag)"
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 11, 3), "3 november 2023"),
        (date(2024, 1, 1), "1 januari 2024"),
        (date(2024, 3, 31), "31 maart 2024"),
        (date(2023, 12, 20), "20 december 2023"),
        (date(2025, 5, 9), "9 mei 2025"),
    ],
)
def test_format_datum(day: date, expected: str) -> None:
    assert format_datum(day) == expected


def test_month_names() -> None:
    assert len(MONTHS) == 12
    assert MONTHS[0] == "januari" and MONTHS[7] == "augustus" and MONTHS[11] == "december"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-11-03", date(2023, 11, 3)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("3 november 2023", date(2023, 11, 3)),
        ("03 November 2023", date(2023, 11, 3)),
        ("1 MEI 2025", date(2025, 5, 1)),
    ],
)
def test_parse_datum(text: str, expected: date) -> None:
    assert parse_datum(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f"lege datum: {DATE_HOW}"),
        ("gisteren", f'ongeldige datum "gisteren": {DATE_HOW}'),
        ("2023-11-3", f'ongeldige datum "2023-11-3": {DATE_HOW}'),
        ("0000-01-01", f'ongeldige datum "0000-01-01": {DATE_HOW}'),
        (
            "2023-02-29",
            'ongeldige datum "2023-02-29": februari 2023 heeft geen dag 29 (wel 1 t/m 28)',
        ),
        ("2023-04-31", 'ongeldige datum "2023-04-31": april 2023 heeft geen dag 31 (wel 1 t/m 30)'),
        ("2023-13-01", 'ongeldige datum "2023-13-01": maand 13 bestaat niet'),
        ("2023-00-10", 'ongeldige datum "2023-00-10": maand 0 bestaat niet'),
        ("03-11-2023", 'ongeldige datum "03-11-2023": schrijf 2023-11-03 (jaar-maand-dag)'),
        ("3/11/2023", 'ongeldige datum "3/11/2023": schrijf 2023-11-03 (jaar-maand-dag)'),
        (
            "3 novmber 2023",
            'onbekende maand "novmber" in "3 novmber 2023": gebruik een Nederlandse maandnaam '
            'zoals "november", of schrijf 2023-11-03',
        ),
        (
            "32 januari 2024",
            'ongeldige datum "32 januari 2024": januari 2024 heeft geen dag 32 (wel 1 t/m 31)',
        ),
    ],
)
def test_parse_datum_rejects(text: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_datum(text)
    assert str(info.value) == message
    assert info.value.code == "schema.date"
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024"),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "1e kwartaal 2024"),
        ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30), "2e kwartaal 2024"),
        ("2024-q3", date(2024, 7, 1), date(2024, 9, 30), "3e kwartaal 2024"),
        ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31), "4e kwartaal 2024"),
        ("Q4 2024", date(2024, 10, 1), date(2024, 12, 31), "4e kwartaal 2024"),
        ("4e kwartaal 2024", date(2024, 10, 1), date(2024, 12, 31), "4e kwartaal 2024"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "februari 2024"),
        ("2024-11", date(2024, 11, 1), date(2024, 11, 30), "november 2024"),
        ("november 2024", date(2024, 11, 1), date(2024, 11, 30), "november 2024"),
        ("2024-11-03", date(2024, 11, 3), date(2024, 11, 3), "3 november 2024"),
        ("3 november 2024", date(2024, 11, 3), date(2024, 11, 3), "3 november 2024"),
    ],
)
def test_parse_moment(text: str, start: date, end: date, label: str) -> None:
    moment = parse_moment(text)
    assert (moment.start, moment.end, moment.text, moment.label) == (start, end, text, label)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f"leeg moment: {MOMENT_HOW}"),
        ("morgen", f'ongeldig moment "morgen": {MOMENT_HOW}'),
        ("2024-Q5", f'ongeldig moment "2024-Q5": {MOMENT_HOW}'),
        ("24-Q1", f'ongeldig moment "24-Q1": {MOMENT_HOW}'),
        ("2024-13", f'ongeldig moment "2024-13": maand 13 bestaat niet; {MOMENT_HOW}'),
        (
            "2024-02-30",
            'ongeldige datum "2024-02-30": februari 2024 heeft geen dag 30 (wel 1 t/m 29)',
        ),
        ("30-11-2024", 'ongeldige datum "30-11-2024": schrijf 2024-11-30 (jaar-maand-dag)'),
    ],
)
def test_parse_moment_rejects(text: str, message: str) -> None:
    with pytest.raises(DateError) as info:
        parse_moment(text)
    assert str(info.value) == message


def test_moments_sort_by_end_then_start() -> None:
    texts = ["2025", "2024-12-31", "2024-Q4", "2024", "2024-11", "2024-06-01", "2024-Q2"]
    ordered = [m.text for m in sorted(parse_moment(t) for t in texts)]
    assert ordered == ["2024-06-01", "2024-Q2", "2024-11", "2024", "2024-Q4", "2024-12-31", "2025"]


def test_moment_comparisons() -> None:
    early, late = parse_moment("2024-Q1"), parse_moment("2024-Q2")
    assert early < late and early <= late and late > early and late >= early
    assert early == parse_moment("2024-Q1") and early != late
    with pytest.raises(TypeError):
        _ = early < "2024"  # type: ignore[operator]


def test_moment_is_frozen_and_hashable() -> None:
    moment = parse_moment("2024-Q4")
    assert len({moment, parse_moment("2024-Q4")}) == 1
    with pytest.raises(AttributeError):
        moment.text = "x"  # type: ignore[misc]


def test_moment_other_period_label_and_order_check() -> None:
    assert Moment(date(2024, 3, 1), date(2024, 4, 15), "x").label == (
        "1 maart 2024 t/m 15 april 2024"
    )
    assert Moment(date(2024, 2, 1), date(2024, 4, 30), "x").label == (
        "1 februari 2024 t/m 30 april 2024"
    )
    with pytest.raises(DateError):
        Moment(date(2024, 5, 1), date(2024, 4, 1), "x")


days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@settings(max_examples=200, deadline=None)
@given(days)
def test_dates_round_trip(day: date) -> None:
    assert parse_datum(day.isoformat()) == day
    assert parse_datum(format_datum(day)) == day


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1000, max_value=9999),
    st.sampled_from(["year", "quarter", "month"]),
    st.integers(min_value=1, max_value=12),
)
def test_moment_label_parses_back(year: int, kind: str, month: int) -> None:
    text = {
        "year": f"{year}",
        "quarter": f"{year}-Q{(month + 2) // 3}",
        "month": f"{year}-{month:02d}",
    }[kind]
    moment = parse_moment(text)
    again = parse_moment(moment.label)
    assert (again.start, again.end) == (moment.start, moment.end)


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2024, 1, 1), "2024-Q1"),
        (date(2024, 6, 30), "2024-Q2"),
        (date(2024, 12, 31), "2024-Q4"),
    ],
)
def test_kwartaal_names_the_quarter_that_parse_moment_reads_back(day: date, label: str) -> None:
    assert kwartaal(day) == label
    quarter = parse_moment(label)
    assert quarter.start <= day <= quarter.end and kwartaal(quarter.end) == label
