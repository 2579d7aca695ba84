"""In Chromium: the spectrum picture agrees with the verdict; an undecided case shows its preliminary leaning."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _open_example(page: Page, app_url: str, mode: str, title: str) -> None:
    open_page(page, app_url)
    page.get_by_text(mode, exact=False).first.click()
    wait_idle(page)
    page.get_by_label("Välj ett exempel").click()
    # The list shows only the options that fit on screen (it is virtualised): type to narrow it.
    page.keyboard.type(title)
    page.get_by_role("option", name=title).first.click()
    wait_idle(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)


def _go(page: Page, link: str) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    wait_idle(page)


@pytest.mark.parametrize("mode", ["Tjänsteperson", "Organisation"])
def test_the_spectrum_page_shows_the_recommendation_for_the_fritidsgard_case(page: Page, app_url: str, mode: str):
    _open_example(page, app_url, mode, "Fritidsgård")
    _go(page, "Bidrag, IOP eller upphandling")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Rekommendation: Upphandling.").first).to_be_visible()
    assert "drar svaren mot" not in main.inner_text()
    assert "Rekommendation: Upphandling" in page.locator("img[alt^='Ärendets läge']").get_attribute("alt")
    screenshot(page, f"leaning-spectrum-fritidsgard-{mode}")


@pytest.mark.parametrize("mode", ["Tjänsteperson", "Organisation"])
def test_an_undecided_case_shows_its_preliminary_leaning_without_wcag_violations(page: Page, app_url: str, mode: str):
    _open_example(page, app_url, mode, "Nattvandring")
    _go(page, "Rekommendation")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Preliminär bedömning – inte en rekommendation")).to_be_visible()
    if mode == "Organisation":
        expect(main.get_by_text("Som det ser ut nu", exact=False).first).to_be_visible()
        expect(main.get_by_text("Det som avgör är", exact=False).first).to_be_visible()
    axe = Axe()
    for link in ("Rekommendation", "Bidrag, IOP eller upphandling"):
        _go(page, link)
        result = axe.run(page, options=WCAG_21_AA)
        screenshot(page, f"leaning-{link[:5]}-nattvandring-{mode}")
        assert result.violations_count == 0, result.generate_report()
