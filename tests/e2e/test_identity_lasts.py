"""Without login, the typed name lasts in this browser, and an edit made before a name is never dropped."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import fill, open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def has_name(page: Page, name: str) -> None:
    expect(page.get_by_test_id("stSidebar").get_by_role("textbox", name="Ditt namn")).to_have_value(name)


def test_the_first_edit_asks_for_the_name_and_then_saves_it(nameless_page: Page, app_url: str) -> None:
    page = nameless_page
    open_page(page, app_url)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    expect(page.get_by_role("dialog")).to_have_count(0)  # opening an example is not an edit
    field = page.get_by_role("textbox", name="Diarienummer")
    field.fill("SN 2026/6")
    field.press("Tab")  # the first edit
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Vem arbetar med ärendet?")).to_be_visible()
    screenshot(page, "identity-first-edit-asks")
    dialog.get_by_role("button", name="Spara ärendet").click()
    expect(dialog.get_by_text("Skriv ditt namn för att spara ärendet")).to_be_visible()
    dialog.get_by_role("textbox", name="Ditt namn").fill("Dora Dahl")
    dialog.get_by_role("button", name="Spara ärendet").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    wait_idle(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 1"))).to_be_visible()
    assert re.search(r"case=[0-9a-f]{16}", page.url)
    has_name(page, "Dora Dahl")
    expect(page.get_by_role("textbox", name="Diarienummer")).to_have_value("SN 2026/6")  # the edit was kept
    fill(page, "Diarienummer", "SN 2026/7")
    expect(page.get_by_test_id("stSidebar").get_by_text(re.compile("version 2"))).to_be_visible()


def test_the_typed_name_survives_a_reload_a_new_tab_and_a_bookmark(nameless_page: Page, app_url: str) -> None:
    page = nameless_page
    open_page(page, app_url)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("textbox", name="Ditt namn").fill("Erik Ek")
    sidebar.get_by_role("textbox", name="Ditt namn").press("Tab")
    wait_idle(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    expect(page.get_by_role("dialog")).to_have_count(0)  # a name was given: saved at once, nothing asked
    bookmark = page.url
    assert "case=" in bookmark
    page.reload()
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)
    has_name(page, "Erik Ek")
    tab = page.context.new_page()
    open_page(tab, app_url + "/arenden")
    has_name(tab, "Erik Ek")
    tab.close()
    later = page.context.new_page()  # the bookmark opened another day, in the same browser
    later.goto(bookmark)
    later.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(later)
    has_name(later, "Erik Ek")
    fill(later, "Diarienummer", "SN 2026/8")
    expect(later.get_by_test_id("stSidebar").get_by_text(re.compile("Sparat .*version 2"))).to_be_visible()
    expect(later.get_by_role("dialog")).to_have_count(0)
    screenshot(later, "identity-bookmark-keeps-name")
