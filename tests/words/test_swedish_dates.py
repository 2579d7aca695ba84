"""A date as Swedes type it (iop.words.parse_swedish_date): with or without separators, blank is no date."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.words import DATE_FORMAT, parse_swedish_date


@pytest.mark.parametrize("typed", ["2026-03-02", "2026 03 02", "20260302", "2026/3/2", " 2026.03.02 "])
def test_the_ways_a_date_is_written(typed: str):
    assert parse_swedish_date(typed) == dt.date(2026, 3, 2)


def test_blank_is_no_date():
    assert parse_swedish_date("  ") is None


@pytest.mark.parametrize("typed", ["2 mars 2026", "02-03-2026", "2026-13-01", "2026-02-30", "ÅÅÅÅ-MM-DD"])
def test_anything_else_is_refused(typed: str):
    with pytest.raises(ValueError):
        parse_swedish_date(typed)
    assert DATE_FORMAT == "ÅÅÅÅ-MM-DD"
