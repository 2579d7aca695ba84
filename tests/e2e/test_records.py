"""End to end in headless Chromium: a saved case survives a reload, and two people cannot overwrite each other."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import fill, open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def _open_example_as(page: Page, app_url: str, name: str) -> str:
    """Type a name, open the Ungdomsbussen example; returns the case id from the URL."""
    open_page(page, app_url)
    fill(page, "Ditt namn", name)
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    match = re.search(r"case=([0-9a-f]+)", page.url)
    assert match
    return match.group(1)


def test_reload_and_a_new_tab_return_to_the_saved_case(page: Page, app_url: str) -> None:
    case_id = _open_example_as(page, app_url, "Anna Andersson")
    fill(page, "Diarienummer", "SN 2026/42")
    expect(page.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 2"))).to_be_visible()
    page.reload()
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)
    expect(page.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/42")
    expect(page.get_by_label("Rubrik *", exact=True)).to_have_value(re.compile("^Ungdomsbussen"))
    assert f"case={case_id}" in page.url
    screenshot(page, "records-after-reload")

    other = page.context.new_page()
    other.goto(f"{app_url}/arendet?case={case_id}")
    other.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(other)
    expect(other.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/42")
    other.close()


def test_two_people_editing_at_once_see_a_conflict_and_can_merge(browser: Browser, app_url: str) -> None:
    anna_ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    bo_ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    try:
        anna, bo = anna_ctx.new_page(), bo_ctx.new_page()
        for p in (anna, bo):
            p.set_default_timeout(20_000)
        case_id = _open_example_as(anna, app_url, "Anna Andersson")
        bo.goto(f"{app_url}/arendet?case={case_id}")
        bo.wait_for_selector("[data-testid='stAppViewContainer'] h1")
        wait_idle(bo)
        fill(bo, "Ditt namn", "Bo Berg")

        fill(anna, "Diarienummer", "SN 2026/7")
        fill(bo, "Målgrupp", "Unga 13–19 år")
        expect(bo.get_by_text(re.compile("Anna Andersson sparade ärendet"))).to_be_visible()
        expect(bo.get_by_text("Diarienummer ändrades från (tomt) till ”SN 2026/7”.")).to_be_visible()
        bo.get_by_text(re.compile("Anna Andersson sparade ärendet")).scroll_into_view_if_needed()
        bo.screenshot(path=str(screenshot(bo, "records-conflict")))  # the viewport: the app scrolls inside

        bo.get_by_role("button", name="Slå ihop mina ändringar med den nya versionen").click()
        wait_idle(bo)
        expect(bo.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/7")
        expect(bo.get_by_label("Målgrupp", exact=True)).to_have_value("Unga 13–19 år")
        expect(bo.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 3"))).to_be_visible()

        anna.reload()
        anna.wait_for_selector("[data-testid='stAppViewContainer'] h1")
        wait_idle(anna)
        expect(anna.get_by_label("Målgrupp", exact=True)).to_have_value("Unga 13–19 år")
    finally:
        anna_ctx.close()
        bo_ctx.close()


def test_case_list_shows_saved_cases(page: Page, app_url: str) -> None:
    _open_example_as(page, app_url, "Cecilia Carlsson")
    page.get_by_role("link", name="Ärenden").click()
    expect(page.get_by_role("heading", name="Ärenden", level=1)).to_be_visible()
    wait_idle(page)
    expect(page.get_by_text(re.compile("nås bara från den här datorn")).first).to_be_visible()
    screenshot(page, "records-case-list")
    page.get_by_role("link", name="Status och historik").click()
    expect(page.get_by_role("heading", name="Status och historik", level=1)).to_be_visible()
    wait_idle(page)
    page.get_by_role("button", name="Markera som bedömt").click()
    wait_idle(page)
    expect(page.get_by_text("Frysta uppgifter")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Status: Bedömd · Version 2"))).to_be_visible()
    screenshot(page, "records-history")
    page.get_by_role("link", name="Ärendet", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text(re.compile("bedömt och låst")).first).to_be_visible()
    screenshot(page, "records-locked")
