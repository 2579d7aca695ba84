"""In real Chromium: a bad duration or exchange rate gets a visible Swedish message, and no English tooltip.

Streamlit's number field refused -5 months with an English hover text ("Number is
outside the allowed range") and dropped the value; the field now reads the typed
text like the amounts do and says in Swedish, on the page, what is wrong.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

MONTHS = "Planerad varaktighet (månader)"
RATE = "Växelkurs (kronor per euro)"


def _type_and_leave(page: Page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.click()
    field.press_sequentially(text)  # key by key, as a user types
    field.press("Tab")
    wait_idle(page)


def test_a_negative_duration_is_explained_in_swedish_on_the_page_and_kept(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    _type_and_leave(page, MONTHS, "-5")
    alert = page.get_by_test_id("stAlertContentError").filter(has_text=MONTHS)
    expect(alert).to_contain_text("”-5” är negativt. Det kan inte vara mindre än 1 månad.")
    expect(page.get_by_label(MONTHS, exact=True)).to_have_value("-5")  # what was typed stays
    page.get_by_label(MONTHS, exact=True).hover()
    page.wait_for_timeout(300)
    body = page.locator("body").inner_text()
    assert "Number is outside" not in body and "allowed range" not in body
    screenshot(page, "duration-negative")


def test_a_duration_is_shown_in_months_once_the_field_is_left(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    _type_and_leave(page, MONTHS, "36")
    expect(page.get_by_label(MONTHS, exact=True)).to_have_value("36\u00a0månader")
    assert not page.get_by_test_id("stAlertContentError").filter(has_text=MONTHS).count()


def test_an_exchange_rate_beyond_any_float_is_quoted_as_typed(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    _type_and_leave(page, RATE, "1e309")
    alert = page.get_by_test_id("stAlertContentError").filter(has_text=RATE)
    expect(alert).to_contain_text(f"{RATE}: ”1e309” är ingen växelkurs. Skriv bara siffror och decimalkomma, till exempel 11,25.")
    body = page.locator("body").inner_text()
    assert "inf är inte" not in body and "11.2" not in body
    screenshot(page, "exchange-rate-1e309")
