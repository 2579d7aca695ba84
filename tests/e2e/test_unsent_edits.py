"""In real Chromium: the browser asks before a reload only while typed text has not reached the server.

Streamlit sends a text field when it is left (or on Enter / Ctrl+Enter); the page
promises "Allt sparas när du lämnar ett fält". Text still in a field that has
focus would be lost by a reload, so the browser's "leave the page?" question
comes up then, and only then.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.e2e.conftest import free_port, open_page, running_app, wait_idle
from tests.helpers import REPO

pytestmark = pytest.mark.e2e

DESCRIPTION = "Beskrivning"


def _dialogs(page: Page) -> list[str]:
    seen: list[str] = []

    def answer(dialog: Dialog) -> None:
        seen.append(dialog.type)
        dialog.accept()  # leave the page, as a user who answers "Lämna"

    page.on("dialog", answer)
    return seen


def _type_then_reload(page: Page, text: str, send: str | None = None) -> list[str]:
    """Type into the description on Ärendet, send it with ``send`` (a key) or not, reload: the dialogs seen."""
    seen = _dialogs(page)
    field = page.get_by_label(DESCRIPTION, exact=True)
    field.click()
    field.press_sequentially(text)
    if send is not None:
        field.press(send)
        wait_idle(page)
    page.reload()
    expect(page.get_by_role("heading", name="Ärendet")).to_be_visible()
    return seen


def test_a_reload_with_typed_text_not_yet_sent_asks_first(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    assert _type_then_reload(page, "Läxhjälp för unga") == ["beforeunload"]  # still in the field: nothing sent yet


def test_a_reload_after_the_field_was_left_asks_nothing(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    assert _type_then_reload(page, "Läxhjälp för unga", send="Tab") == []  # leaving the field sends it


def test_ctrl_enter_in_a_text_area_sends_it_and_a_reload_asks_nothing(page: Page, app_url: str):
    open_page(page, f"{app_url}/arendet")
    assert _type_then_reload(page, "Läxhjälp", send="Control+Enter") == []


def _earlier_version(tmp_path: Path) -> Path:
    """serve.py as it was before the warning moved into the served head (only the translating script there)."""
    text = (REPO / "serve.py").read_text(encoding="utf-8")
    now = "head=swedish_chrome.head(also=unsent_edits.SCRIPT)"
    assert now in text
    text = text.replace(now, "head=swedish_chrome.script()").replace('st.App("app.py"', f"st.App({str(REPO / 'app.py')!r}")
    launcher = tmp_path / "serve_earlier.py"
    launcher.write_text(text, encoding="utf-8")
    return launcher


def test_a_tab_cached_under_an_earlier_version_still_asks_after_the_upgrade(page: Page, tmp_path: Path):
    # The start page was loaded (and cached) from an earlier version; the server is upgraded on the same address,
    # and the user opens the app again. A browser revalidates its cached page, and Streamlit's index.html, the
    # same file in both versions, was answered "304 Not Modified": the tab kept the earlier head, without the warning.
    port, register = free_port(), f"sqlite:///{tmp_path / 'register.sqlite3'}"
    with running_app(register, "streamlit-earlier.log", port=port, launcher=_earlier_version(tmp_path)) as url:
        open_page(page, url)
    with running_app(register, "streamlit-upgraded.log", port=port) as url:
        open_page(page, url)
        assert page.evaluate("window.__iopUnsentEdits === true"), "the served head is the earlier version's"
        page.get_by_role("link", name="Ärendet").click()
        assert _type_then_reload(page, "Läxhjälp för unga") == ["beforeunload"]  # nothing sent yet
