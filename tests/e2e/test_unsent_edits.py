"""In real Chromium: the browser asks before a reload only while typed text has not reached the server.

Streamlit sends a text field when it is left (or on Enter / Ctrl+Enter); the page
promises "Allt sparas när du lämnar ett fält". Text still in a field that has
focus would be lost by a reload, so the browser's "leave the page?" question
comes up then, and only then.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.e2e.conftest import open_page, wait_idle

pytestmark = pytest.mark.e2e

DESCRIPTION = "Beskrivning"


def _dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def answer(dialog: Dialog) -> None:
        seen.append(dialog.type)
        dialog.accept()  # leave the page, as a user who answers "Lämna"

    page.on("dialog", answer)
    return seen


def test_a_reload_with_typed_text_not_yet_sent_asks_first(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    seen = _dialogs(page)
    field = page.get_by_label(DESCRIPTION, exact=True)
    field.click()
    field.press_sequentially("Läxhjälp för unga")  # still in the field: nothing sent yet
    page.reload()
    expect(page.get_by_role("heading", name="Ärendet")).to_be_visible()
    assert seen == ["beforeunload"]


def test_a_reload_after_the_field_was_left_asks_nothing(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    seen = _dialogs(page)
    field = page.get_by_label(DESCRIPTION, exact=True)
    field.click()
    field.press_sequentially("Läxhjälp för unga")
    field.press("Tab")  # leaving the field sends it
    wait_idle(page)
    page.reload()
    expect(page.get_by_role("heading", name="Ärendet")).to_be_visible()
    assert seen == []


def test_ctrl_enter_in_a_text_area_sends_it_and_a_reload_asks_nothing(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    seen = _dialogs(page)
    field = page.get_by_label(DESCRIPTION, exact=True)
    field.click()
    field.press_sequentially("Läxhjälp")
    field.press("Control+Enter")
    wait_idle(page)
    page.reload()
    expect(page.get_by_role("heading", name="Ärendet")).to_be_visible()
    assert seen == []
