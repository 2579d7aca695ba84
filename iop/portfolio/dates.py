"""Dates as a Swedish municipality reads them: today in Stockholm, ISO dates, months added as in a calendar.

The clock itself is ``iop.words.clock`` (one for the whole app); this adds the calendar
arithmetic the agreement's schedule needs.

The server may run in UTC; a follow-up due "today" must be due on the Stockholm
calendar day, and a time shown to an official is Stockholm's wall-clock time
(summer time included). Dates are written as SS-ISO 8601 (2026-03-02), as the
rest of the app and Swedish public documents write them.
"""

from __future__ import annotations

import calendar
import datetime as dt

from iop.words.clock import STOCKHOLM, in_swedish_time, swedish_time

__all__ = ["STOCKHOLM", "add_months", "days_word", "local_time", "swedish_date", "today", "years_before"]


def today(now: dt.datetime | None = None) -> dt.date:
    """The calendar day in Stockholm at ``now`` (default: this moment)."""
    return in_swedish_time(now or dt.datetime.now(dt.UTC)).date()


def local_time(moment: dt.datetime, seconds: bool = False) -> str:
    """A stored instant as Stockholm's wall-clock time, ``2026-03-02 14:05`` (``14:05:09`` with seconds)."""
    return swedish_time(moment, "second" if seconds else "minute")


def swedish_date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus (or minus) whole calendar months; the 31st becomes the month's last day.

    Calendar arithmetic with the standard library (as ``dateutil.relativedelta`` and pandas'
    ``DateOffset`` do it): Att göra adds months three times per agreement, and either library
    cost fifty times more per call, most of the page's time on 10,000 cases.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if day.day <= 28:  # every month has the day
        return dt.date(year, month + 1, day.day)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (29 February becomes 28 February)."""
    return add_months(day, -12 * years)


def days_word(days: int) -> str:
    return "1 dag" if abs(days) == 1 else f"{abs(days)} dagar"
