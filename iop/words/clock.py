"""One clock for everything a person reads: Swedish time (Europe/Stockholm), written the Swedish way.

Moments are kept with their zone: the register stores UTC in ``timestamp with time zone``
columns (SQLite drops the zone; the store puts UTC back on what it reads), and code that
takes the time takes it aware (``datetime.now(UTC)``). Whatever zone the server runs in (containers
usually run in UTC), what a page, the history, a document, a CSV file or a workshop shows
is converted here, with the IANA zone data from the ``tzdata`` package where the system
has none, so summer and winter time are right.

The form is the Swedish standard numeric one (SS-ISO 8601): ``2026-05-09 14:03``, 24-hour
clock, no zone written out (every time shown is Swedish time). A date a person types is read the
same way (``parse_swedish_date``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal
from zoneinfo import ZoneInfo

SWEDISH_ZONE = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(SWEDISH_ZONE)

Shown = Literal["date", "minute", "second", "clock", "clock_seconds"]

_FORMAT: dict[str, str] = {
    "date": "%Y-%m-%d",
    "minute": "%Y-%m-%d %H:%M",
    "second": "%Y-%m-%d %H:%M:%S",
    "clock": "%H:%M",
    "clock_seconds": "%H:%M:%S",
}


def in_swedish_time(moment: dt.datetime) -> dt.datetime:
    """The moment on Swedish wall-clock time. A moment without a zone is UTC, as the register stores it."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(STOCKHOLM)


def swedish_today() -> dt.date:
    """Today's date in Sweden (a server on UTC is still on yesterday for an hour or two after midnight)."""
    return dt.datetime.now(STOCKHOLM).date()


def swedish_time(moment: dt.datetime, shown: Shown = "minute") -> str:
    """The moment as a Swede reads it on a Swedish clock: ``2026-05-09 14:03`` (``shown`` picks the parts).

    ``date`` 2026-05-09, ``minute`` 2026-05-09 14:03, ``second`` 2026-05-09 14:03:07,
    ``clock`` 14:03, ``clock_seconds`` 14:03:07.
    """
    return in_swedish_time(moment).strftime(_FORMAT[shown])


DATE_FORMAT = "ÅÅÅÅ-MM-DD"
"""How a date field asks for its date (in Swedish letters)."""


def parse_swedish_date(text: str) -> dt.date | None:
    """A date as Swedes write it (2026-03-02, 2026 03 02, 20260302); None for blank; ValueError otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = re.fullmatch(r"(\d{4})[-/. ]?(\d{1,2})[-/. ]?(\d{1,2})", cleaned)
    if not match:
        raise ValueError(cleaned)
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


def date_problem(label: str, typed: str) -> str:
    """What to say about a typed date that is no date."""
    return f"{label}: ”{typed.strip()}” är inget datum. Skriv datumet som {DATE_FORMAT}, till exempel 2026-03-02."
