"""End to end in headless Chromium: a case marked bedömd cannot be changed in the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import fill, open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def test_marking_a_case_assessed_disables_every_radio_and_field(page: Page, app_url: str) -> None:
    open_page(page, app_url)
    fill(page, "Ditt namn", "Karin Lind")
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_label("Diarienummer", exact=True)).to_be_enabled()

    page.get_by_role("link", name="Status och historik").click()
    wait_idle(page)
    page.get_by_role("button", name="Markera som bedömt").click()
    wait_idle(page)
    # The caption above the history says it; so may the history's own table, whose cells are text too.
    expect(main.locator("p", has_text=re.compile(r"Status: Bedömd")).first).to_be_visible()

    page.get_by_role("link", name="Ärendet", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text(re.compile("bedömt och låst")).first).to_be_visible()
    fields = main.locator("input[type='text'], textarea")
    assert fields.count() > 20
    assert [i for i in range(fields.count()) if fields.nth(i).is_enabled()] == []
    expect(page.get_by_role("combobox", name=re.compile("Kriterieuppsättning"))).to_be_disabled()
    screenshot(page, "locked-case-page")

    page.get_by_role("link", name="Kriterierna").click()
    wait_idle(page)
    radios = main.get_by_role("radio")
    assert radios.count() > 0
    assert [i for i in range(radios.count()) if radios.nth(i).is_enabled()] == []
    expect(main.get_by_label("Motivering").first).to_be_disabled()
    expect(main.get_by_role("combobox", name=re.compile("Gå till steg"))).to_be_enabled()  # still readable
    screenshot(page, "locked-criteria-page")

    page.get_by_role("link", name="Rekommendation").click()
    wait_idle(page)
    expect(page.get_by_text(re.compile("Bedömningen frystes .* av Karin Lind"))).to_be_visible()
    screenshot(page, "locked-recommendation-page")
