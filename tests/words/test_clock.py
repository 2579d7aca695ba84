"""Swedish time, written the Swedish way, across the switches to and from summer time."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.words.clock import in_swedish_time, swedish_time, swedish_today


@pytest.mark.parametrize(("utc", "shown"), [
    (dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC), "2026-01-15 13:00"),  # winter: UTC+1
    (dt.datetime(2026, 7, 15, 12, 0, tzinfo=dt.UTC), "2026-07-15 14:00"),  # summer: UTC+2
    (dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC), "2026-03-29 01:59"),  # the last minute of winter time
    (dt.datetime(2026, 3, 29, 1, 0, tzinfo=dt.UTC), "2026-03-29 03:00"),  # clocks jump from 02:00 to 03:00
    (dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC), "2026-10-25 02:30"),  # 02:30 summer time ...
    (dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC), "2026-10-25 02:30"),  # ... and again in winter time
    (dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), "2027-01-01 00:30"),  # a new year in Sweden, not in UTC
])
def test_a_moment_is_shown_on_the_swedish_clock(utc: dt.datetime, shown: str):
    assert swedish_time(utc) == shown


def test_the_parts_a_page_can_show():
    moment = dt.datetime(2026, 5, 9, 12, 3, 7, tzinfo=dt.UTC)
    assert [swedish_time(moment, part) for part in ("date", "minute", "second", "clock", "clock_seconds")] == [
        "2026-05-09", "2026-05-09 14:03", "2026-05-09 14:03:07", "14:03", "14:03:07"]


def test_any_zone_comes_out_on_swedish_time():
    new_york = dt.timezone(dt.timedelta(hours=-5))
    assert swedish_time(dt.datetime(2026, 1, 15, 7, 0, tzinfo=new_york)) == "2026-01-15 13:00"


def test_a_moment_without_zone_is_utc_as_the_register_keeps_it():
    """SQLite hands back timestamps without their zone; the store writes UTC."""
    assert swedish_time(dt.datetime(2026, 1, 15, 12, 0)) == "2026-01-15 13:00"
    assert in_swedish_time(dt.datetime(2026, 1, 15, 12, 0)).utcoffset() == dt.timedelta(hours=1)


def test_today_is_the_date_in_sweden():
    assert swedish_today() == in_swedish_time(dt.datetime.now(dt.UTC)).date()
