"""Form fields bound to the case: seeded from it, validated by pydantic, written back.

A value that fails validation stays in its widget (nothing the user typed is
lost) and a Swedish message says what is wrong; the case keeps its last valid
value until the input is corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from pydantic import BaseModel

from app_pages.parts import records_session, session
from iop.guide import updated
from iop.words import (
    DATE_FORMAT,
    AmountError,
    WholeNumber,
    format_hours,
    format_kronor,
    format_months,
    parse_hours,
    parse_kronor,
    parse_months,
    parse_sek_per_eur,
    parse_swedish_date,
)

# DATE_FORMAT and parse_swedish_date live in iop.words; other parts still read them through this module.
__all__ = ["DATE_FORMAT", "date", "hours", "long_text", "money", "months", "parse_swedish_date", "rate", "text",
           "validated"]

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], current: M, data: dict[str, Any], where: str) -> M:
    """``current`` updated with ``data`` if valid; otherwise only the valid fields, with the problems shown
    (``iop.guide.updated``). Each message quotes what the user typed: escaped, so it is shown and never rendered."""
    result, messages = updated(model, current, data, where)
    for message in messages:
        st.error(session.escape(message), icon=":material/error:")
    return result


def text(label: str, key: str, current: str, **kwargs: Any) -> str:
    kwargs.setdefault("disabled", records_session.locked())
    value: str = st.text_input(label, key=session.seeded(key, current), **kwargs)
    return value


def long_text(label: str, key: str, current: str, **kwargs: Any) -> str:
    kwargs.setdefault("disabled", records_session.locked())
    value: str = st.text_area(label, key=session.seeded(key, current), **kwargs)
    return value


def date(label: str, key: str, current: dt.date | None, **kwargs: Any) -> dt.date | None:
    """A date typed as text: Streamlit's date picker has an English calendar with Sunday first.

    An invalid date keeps the typed text and the last valid date, with a message.
    """
    kwargs.setdefault("disabled", records_session.locked())
    typed = st.text_input(label, key=session.seeded(key, current.isoformat() if current else ""),
                          placeholder=DATE_FORMAT, **kwargs)
    try:
        return parse_swedish_date(typed)
    except ValueError:
        st.error(session.escape(f"{label}: ”{typed.strip()}” är inget datum. Skriv datumet som {DATE_FORMAT}, "
                                "till exempel 2026-03-02."), icon=":material/error:")
        return current


def rate(label: str, key: str, current: float | None, **kwargs: Any) -> float | None:
    """An exchange rate typed with a comma (11,25) or a point, read by ``iop.parse_sek_per_eur``.

    What cannot be read or is implausible stays as typed, with a message quoting it,
    and the case keeps its last valid rate.
    """
    kwargs.setdefault("disabled", records_session.locked())
    shown = "" if current is None else f"{current:.2f}".replace(".", ",")
    typed = st.text_input(label, key=session.seeded(key, shown), placeholder="t.ex. 11,25", **kwargs)
    try:
        return parse_sek_per_eur(typed)
    except AmountError as problem:
        st.error(session.escape(f"{label}: {problem}"), icon=":material/error:")
        return current


def money(label: str, key: str, current: int | None, **kwargs: Any) -> int | None:
    """An amount in kronor typed as Swedes write it, shown as "850 000 kr" as soon as the field is left.

    Streamlit's number field shows 850000 with no thousands separator and
    accepts neither "850 000" nor a decimal comma, so this is a text field read
    by ``iop.parse_kronor``. What cannot be read stays as typed, with a message,
    and the case keeps its last valid amount.
    """
    return _whole(label, key, current, parse_kronor, format_kronor, "t.ex. 850 000 kr",
                  "Avrundat till hela kronor.", **kwargs)


def months(label: str, key: str, current: int | None, **kwargs: Any) -> int | None:
    """A duration in months, shown as "24 månader" (same rules as :func:`money`).

    Not Streamlit's number field: it refuses -5 only with an English tooltip and drops the value.
    """
    return _whole(label, key, current, parse_months, format_months, "t.ex. 24 månader",
                  "Avrundat till hela månader.", **kwargs)


def hours(label: str, key: str, current: int | None, **kwargs: Any) -> int | None:
    """Hours typed as Swedes write them, shown as "2 400 timmar" (same rules as :func:`money`)."""
    return _whole(label, key, current, parse_hours, format_hours, "t.ex. 2 400 timmar",
                  "Avrundat till hela timmar.", **kwargs)


def _whole(label: str, key: str, current: int | None, parse: Callable[[str], WholeNumber | None],
           show: Callable[[int | None], str], placeholder: str, rounded_note: str, **kwargs: Any) -> int | None:
    kwargs.setdefault("disabled", records_session.locked())
    full = session.seeded(key, show(current))
    rounded_key = full + ":rounded"

    def show_as_read() -> None:
        # Runs before the rerun: the field itself then shows the number as it was understood.
        try:
            number = parse(st.session_state[full])
        except AmountError:
            return  # keep what was typed; the message is shown below
        st.session_state[full] = show(number.value if number else None)
        st.session_state[rounded_key] = bool(number and number.rounded)

    typed: str = st.text_input(label, key=full, on_change=show_as_read, placeholder=placeholder, **kwargs)
    try:
        number = parse(typed)
    except AmountError as problem:
        st.error(session.escape(f"{label}: {problem}"), icon=":material/error:")
        return current
    if st.session_state.get(rounded_key):
        st.caption(rounded_note)
    return number.value if number else None
