"""Money: parsing amounts as written in YAML, and Dutch formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regiogen.source.money import MoneyError, format_euro, format_percent, parse_money

HOW = 'schrijf een bedrag zoals 120000, 120000.50 of "€ 120.000,50"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120000", "120000"),
        ("120000.50", "120000.50"),
        ("120000.5", "120000.5"),
        ("-5", "-5"),
        ("+5", "5"),
        ("\u22125", "-5"),
        ("0", "0"),
        ("-0", "0"),
        ("€ 120.000,50", "120000.50"),
        ("€120.000", "120000"),
        ("€ 1.000", "1000"),
        ("€ 12.500", "12500"),
        ("120.000,50", "120000.50"),
        ("1.234.567,89", "1234567.89"),
        ("1.234.567", "1234567"),
        ("1,5", "1.5"),
        ("0,05", "0.05"),
        ("1 234 567", "1234567"),
        ("1\u00a0234\u00a0567", "1234567"),
        ("1\u202f234,50", "1234.50"),
        ("EUR 1.000,00", "1000.00"),
        ("eur 250", "250"),
        ("EUR1000", "1000"),
        ("€ 100,-", "100.00"),
        ("1.000,-", "1000.00"),
        ("-€ 1.234,00", "-1234.00"),
        ("€ -5", "-5"),
        ("  42  ", "42"),
        ("1234.5", "1234.5"),
    ],
)
def test_parse_money_accepts(text: str, expected: str) -> None:
    value = parse_money(text)
    assert value == Decimal(expected)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            "1.000",
            "schema.money-ambiguous",
            'bedrag "1.000" is dubbelzinnig: schrijf 1000 (duizendtallen) of 1.00 / "1,00" '
            "(punt als decimaalteken); gebruik een punt alleen als decimaalteken of schrijf "
            'het bedrag met euroteken als "€ 1.000"',
        ),
        (
            "12.500",
            "schema.money-ambiguous",
            'bedrag "12.500" is dubbelzinnig: schrijf 12500 (duizendtallen) of 12.50 / "12,50" '
            "(punt als decimaalteken); gebruik een punt alleen als decimaalteken of schrijf "
            'het bedrag met euroteken als "€ 12.500"',
        ),
        (
            "-1.000",
            "schema.money-ambiguous",
            'bedrag "-1.000" is dubbelzinnig: schrijf -1000 (duizendtallen) of -1.00 / "-1,00" '
            "(punt als decimaalteken); gebruik een punt alleen als decimaalteken of schrijf "
            'het bedrag met euroteken als "-€ 1.000"',
        ),
        (
            "12.345",
            "schema.money-ambiguous",
            'bedrag "12.345" is dubbelzinnig: schrijf 12345 als duizendtallen bedoeld zijn '
            "(een bedrag heeft hoogstens twee decimalen); gebruik een punt alleen als "
            'decimaalteken of schrijf het bedrag met euroteken als "€ 12.345"',
        ),
        ("", "schema.money", f"leeg bedrag: {HOW}"),
        ("   ", "schema.money", f"leeg bedrag: {HOW}"),
        ("abc", "schema.money", f'ongeldig bedrag "abc": {HOW}'),
        ("€", "schema.money", f'ongeldig bedrag "€": {HOW}'),
        ("1e5", "schema.money", f'ongeldig bedrag "1e5": {HOW}'),
        ("NaN", "schema.money", f'ongeldig bedrag "NaN": {HOW}'),
        ("Infinity", "schema.money", f'ongeldig bedrag "Infinity": {HOW}'),
        ("--5", "schema.money", f'ongeldig bedrag "--5": {HOW}'),
        ("1,", "schema.money", f'ongeldig bedrag "1,": {HOW}'),
        (".5", "schema.money", f'ongeldig bedrag ".5": {HOW}'),
        ("12a", "schema.money", f'ongeldig bedrag "12a": {HOW}'),
        ("١٢٣", "schema.money", f'ongeldig bedrag "١٢٣": {HOW}'),
        (
            "1,000.50",
            "schema.money",
            'bedrag "1,000.50" gebruikt Engelse notatie (komma tussen duizendtallen, punt als '
            'decimaalteken): schrijf 1000.50 of in Nederlandse notatie "€ 1.000,50"',
        ),
        (
            "1,000,000",
            "schema.money",
            'bedrag "1,000,000" bevat meer dan één komma: de komma is het decimaalteken; '
            'schrijf 1000000 of "€ 1.000.000,00"',
        ),
        (
            "1,505",
            "schema.money",
            'bedrag "1,505" heeft meer dan twee decimalen: een bedrag is in hele centen; '
            "schrijf hoogstens twee cijfers na het decimaalteken, of 1505 als duizendtallen "
            "bedoeld zijn",
        ),
        (
            "1.5055",
            "schema.money",
            'bedrag "1.5055" heeft meer dan twee decimalen: een bedrag is in hele centen; '
            "schrijf hoogstens twee cijfers na het decimaalteken",
        ),
        (
            "1.23.456",
            "schema.money",
            'bedrag "1.23.456" heeft een onjuiste groepering: zet punten alleen tussen '
            'groepjes van drie cijfers, zoals "€ 1.234.567,89", of schrijf het bedrag zonder '
            "punten: 1234567.89",
        ),
        (
            "12 34",
            "schema.money",
            'bedrag "12 34" heeft een onjuiste groepering: zet spaties alleen tussen groepjes '
            'van drie cijfers, zoals "1 234 567,89"',
        ),
        ("9" * 70, "schema.money", f"bedrag is te lang (70 tekens): {HOW}"),
    ],
)
def test_parse_money_rejects(text: str, code: str, message: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_money(text)
    assert info.value.code == code
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("text", ["0.500", "1.2.3", "1 234.567", "1.000,000.5", "1.00.000,00"])
def test_parse_money_rejects_more(text: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_money(text)
    assert info.value.code == "schema.money"


def test_parse_money_refuses_non_text() -> None:
    with pytest.raises(TypeError):
        parse_money(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "decimals", "expected"),
    [
        (Decimal("1234567.89"), 2, "€ 1.234.567,89"),
        (Decimal("0"), 2, "€ 0,00"),
        (Decimal("5"), 2, "€ 5,00"),
        (Decimal("999"), 2, "€ 999,00"),
        (Decimal("1000"), 2, "€ 1.000,00"),
        (Decimal("-1234"), 2, "-€ 1.234,00"),
        (Decimal("0.005"), 2, "€ 0,01"),
        (Decimal("0.015"), 2, "€ 0,02"),
        (Decimal("2.675"), 2, "€ 2,68"),
        (Decimal("-0.004"), 2, "€ 0,00"),
        (Decimal("-0.005"), 2, "-€ 0,01"),
        (Decimal("1234567.5"), 0, "€ 1.234.568"),
        (Decimal("1234567.49"), 0, "€ 1.234.567"),
        (412000, 2, "€ 412.000,00"),
        (Decimal("1E+6"), 2, "€ 1.000.000,00"),
    ],
)
def test_format_euro(amount: Decimal | int, decimals: int, expected: str) -> None:
    assert format_euro(amount, decimals) == expected


@pytest.mark.parametrize("bad", [1.5, True, "12", None])
def test_format_euro_refuses_non_decimal(bad: object) -> None:
    with pytest.raises(TypeError):
        format_euro(bad)  # type: ignore[arg-type]


def test_format_euro_refuses_nan_and_negative_decimals() -> None:
    with pytest.raises(ValueError):
        format_euro(Decimal("NaN"))
    with pytest.raises(ValueError):
        format_euro(Decimal(1), -1)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("12.5"), 1, "12,5%"),
        (Decimal("12.45"), 1, "12,5%"),
        (Decimal("100"), 0, "100%"),
        (Decimal("1234.5"), 1, "1234,5%"),
        (Decimal("-3"), 1, "-3,0%"),
        (7, 2, "7,00%"),
    ],
)
def test_format_percent(value: Decimal | int, decimals: int, expected: str) -> None:
    assert format_percent(value, decimals) == expected


cents = st.decimals(
    min_value=Decimal("-1000000000000"),
    max_value=Decimal("1000000000000"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=300, deadline=None)
@given(cents)
def test_format_then_parse_round_trips(amount: Decimal) -> None:
    assert parse_money(format_euro(amount)) == amount


@settings(max_examples=300, deadline=None)
@given(cents)
def test_plain_notation_parses(amount: Decimal) -> None:
    assert parse_money(f"{amount:f}") == amount


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))  # MAX_DIGITS: 15
def test_dutch_grouping_without_euro_sign_parses(number: int) -> None:
    grouped = format_euro(number)[2:]  # "1.234,00" without "€ "
    assert parse_money(grouped) == number


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,-€ EUR\u00a0+", max_size=20))
def test_parse_money_never_crashes(text: str) -> None:
    try:
        value = parse_money(text)
    except MoneyError as exc:
        assert exc.code in {"schema.money", "schema.money-ambiguous"}
    else:
        assert value.is_finite()
        assert -value.as_tuple().exponent <= 2  # type: ignore[operator]
