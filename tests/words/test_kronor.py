"""Amounts typed as Swedes write them are read, and shown as a Swedish document prints them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iop.words.kronor import (
    AmountError,
    WholeNumber,
    format_hours,
    format_kronor,
    format_months,
    parse_hours,
    parse_kronor,
    parse_months,
    parse_sek_per_eur,
)


@pytest.mark.parametrize("typed, expected", [
    ("850000", WholeNumber(850000, False)),
    ("850 000", WholeNumber(850000, False)),
    ("850\u00a0000", WholeNumber(850000, False)),
    ("850.000", WholeNumber(850000, False)),
    ("1.250.000", WholeNumber(1250000, False)),
    ("850 000 kr", WholeNumber(850000, False)),
    ("850000kr", WholeNumber(850000, False)),
    ("850 000 SEK", WholeNumber(850000, False)),
    ("850 000:-", WholeNumber(850000, False)),
    ("850 000,50", WholeNumber(850001, True)),
    ("850 000,49", WholeNumber(850000, True)),
    ("850000.50", WholeNumber(850001, True)),
    ("0", WholeNumber(0, False)),
])
def test_amounts_written_the_swedish_ways_are_read(typed: str, expected: WholeNumber):
    assert parse_kronor(typed) == expected


def test_an_empty_field_is_no_amount():
    assert parse_kronor("   ") is None


@pytest.mark.parametrize("typed, says", [
    ("tio tusen", "är inget belopp"),
    ("-5000", "är negativt"),
    ("kr", "innehåller inget belopp"),
    ("850,000", "kan betyda både 850,00 kr och 850\u00a0000 kr"),
    ("85 0a", "är inget belopp"),
    ("99999999999999999999999", "är orimligt stort"),
    ("1 000 000 000 001", "Högst 1\u00a0000\u00a0000\u00a0000\u00a0000 kr"),
])
def test_what_cannot_be_read_gets_a_swedish_message_quoting_it(typed: str, says: str):
    with pytest.raises(AmountError) as problem:
        parse_kronor(typed)
    assert says in str(problem.value) and f"”{typed}”" in str(problem.value)


def test_an_amount_is_shown_with_a_space_between_thousands_and_kr():
    assert format_kronor(850000) == "850\u00a0000\u00a0kr"
    assert format_kronor(None) == ""


@given(st.integers(min_value=0, max_value=10**12))
def test_what_is_shown_reads_back_as_the_same_amount(value: int):
    assert parse_kronor(format_kronor(value)) == WholeNumber(value, False)


def test_hours_are_read_the_same_way_and_shown_with_timmar():
    assert parse_hours("2 400 timmar") == WholeNumber(2400, False)
    assert parse_hours("2400") == WholeNumber(2400, False)
    assert format_hours(2400) == "2\u00a0400\u00a0timmar"
    with pytest.raises(AmountError, match="inget antal timmar"):
        parse_hours("många")


def test_hours_beyond_a_year_of_any_organisation_are_refused():
    with pytest.raises(AmountError, match="orimligt stort"):
        parse_hours("1 000 000 000")


def test_a_huge_whole_number_is_printed_exactly_not_through_a_float():
    assert format_kronor(10**23 - 1) == "99\u00a0999\u00a0999\u00a0999\u00a0999\u00a0999\u00a0999\u00a0999\u00a0kr"


def test_months_are_read_like_amounts_and_shown_in_swedish():
    assert parse_months("24") == WholeNumber(24, False)
    assert parse_months("24 månader") == WholeNumber(24, False)
    assert parse_months("1 mån") == WholeNumber(1, False)
    assert parse_months("2,5") == WholeNumber(3, True)
    assert parse_months("") is None
    assert format_months(24) == "24\u00a0månader"
    assert format_months(1) == "1\u00a0månad"
    assert format_months(None) == ""


@pytest.mark.parametrize("typed, says", [
    ("-5", "”-5” är negativt. Det kan inte vara mindre än 1 månad."),
    ("0", "”0” är för litet. Det kan inte vara mindre än 1 månad."),
    ("601", "”601” är orimligt stort. Högst 600 månader"),
    ("ett år", "”ett år” är inget antal månader"),
])
def test_a_duration_that_cannot_be_a_number_of_months_is_refused_quoting_it(typed: str, says: str):
    with pytest.raises(AmountError) as problem:
        parse_months(typed)
    assert says in str(problem.value)


@pytest.mark.parametrize("typed, rate", [("11,25", 11.25), ("11.25", 11.25), ("11", 11.0), (" 10,9876 ", 10.9876),
                                         ("", None)])
def test_an_exchange_rate_is_read_with_a_decimal_comma_or_point(typed: str, rate: float | None):
    assert parse_sek_per_eur(typed) == rate


@pytest.mark.parametrize("typed, says", [
    ("1e309", "”1e309” är ingen växelkurs. Skriv bara siffror och decimalkomma, till exempel 11,25."),
    ("nan", "”nan” är ingen växelkurs."),
    ("abc", "”abc” är ingen växelkurs."),
    ("-2", "”-2” är negativt."),
    ("1000", "”1000” är orimligt stort. Kursen ska ligga mellan 1 och 100 kronor per euro. Skriv till exempel 11,25."),
    ("0,2", "”0,2” är orimligt litet."),
])
def test_an_exchange_rate_that_cannot_be_used_is_refused_quoting_it(typed: str, says: str):
    with pytest.raises(AmountError) as problem:
        parse_sek_per_eur(typed)
    assert says in str(problem.value)
