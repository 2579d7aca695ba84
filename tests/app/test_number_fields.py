"""The case page's number fields answer bad input in Swedish, quoting it, and keep what was typed.

Started from app.py with AppTest. Planned duration and the exchange rate are read
by the same rules as the amounts (``iop.words.kronor``); neither shows Streamlit's
English number-field tooltip nor drops the value silently.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextInput

from tests.helpers import REPO

MONTHS = "Planerad varaktighet (månader)"
RATE = "Växelkurs (kronor per euro)"


def _case_page() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run().switch_page("app_pages/case.py").run()


def _field(at: AppTest, label: str) -> TextInput:
    return next(t for t in at.text_input if t.label == label)


def _errors(at: AppTest) -> list[str]:
    """The error messages as a reader sees them (Markdown escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", e.value).replace("\u2060", "") for e in at.error]


def test_a_duration_is_read_as_typed_and_shown_in_months():
    at = _case_page()
    _field(at, MONTHS).input("36").run()
    assert at.session_state["case"].activity.planned_duration_months == 36
    assert _field(at, MONTHS).value == "36\u00a0månader"
    assert not at.error
    _field(at, MONTHS).input("1 mån").run()
    assert at.session_state["case"].activity.planned_duration_months == 1
    assert _field(at, MONTHS).value == "1\u00a0månad"


@pytest.mark.parametrize("typed, says", [
    ("-5", "”-5” är negativt. Det kan inte vara mindre än 1 månad."),
    ("0", "”0” är för litet. Det kan inte vara mindre än 1 månad."),
    ("601", "”601” är orimligt stort. Högst 600 månader går att ange"),
    ("två år", "”två år” är inget antal månader"),
])
def test_a_bad_duration_gets_a_visible_swedish_message_and_keeps_what_was_typed(typed: str, says: str):
    at = _case_page()
    _field(at, MONTHS).input("24").run()
    _field(at, MONTHS).input(typed).run()
    assert any(e.startswith(f"{MONTHS}: ") and says in e for e in _errors(at)), _errors(at)
    assert _field(at, MONTHS).value == typed  # what the user typed stays in the field
    assert at.session_state["case"].activity.planned_duration_months == 24  # the last valid value is kept
    assert not at.main.get("number_input")  # no Streamlit number field, whose refusal is an English tooltip


@pytest.mark.parametrize("typed, says", [
    ("1e309", "”1e309” är ingen växelkurs. Skriv bara siffror och decimalkomma, till exempel 11,25."),
    ("inf", "”inf” är ingen växelkurs. Skriv bara siffror och decimalkomma, till exempel 11,25."),
    ("500", "”500” är orimligt stort. Kursen ska ligga mellan 1 och 100 kronor per euro. Skriv till exempel 11,25."),
    ("0,5", "”0,5” är orimligt litet. Kursen ska ligga mellan 1 och 100 kronor per euro."),
    ("-11", "”-11” är negativt."),
])
def test_a_bad_exchange_rate_is_quoted_as_typed_with_a_decimal_comma_example(typed: str, says: str):
    at = _case_page()
    _field(at, RATE).input("11,25").run()
    _field(at, RATE).input(typed).run()
    errors = _errors(at)
    assert any(e.startswith(f"{RATE}: {says}") for e in errors), errors
    assert not any("Statsstöd ›" in e or "ändligt tal" in e or "11.2" in e for e in errors), errors
    assert _field(at, RATE).value == typed
    assert at.session_state["case"].state_aid.sek_per_eur == 11.25


def test_no_number_field_on_any_page_of_the_walk():
    """Streamlit's number field says "Number is outside the allowed range" in English: none may be drawn."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    for page in ("app_pages/case.py", "app_pages/criteria.py", "app_pages/recommendation.py",
                 "app_pages/export.py", "app_pages/start.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert not at.get("number_input"), page
