"""WCAG 2.1 A/AA with axe-core on every page, and the walk done with the keyboard."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle
from tests.e2e.test_swedish_ui import PAGES, go_to

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("mode", ["Tjänsteperson", "Organisation"])
def test_every_page_has_no_wcag_21_aa_violations(page: Page, app_url: str, mode: str, viewport: str):
    page.set_viewport_size(VIEWPORTS[viewport])
    open_page(page, app_url)
    page.get_by_text(f"{mode} –", exact=False).first.click()
    wait_idle(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    axe = Axe()
    failures = {}
    for title in PAGES:
        go_to(page, title)
        result = axe.run(page, options=WCAG_21_AA)
        screenshot(page, f"axe-{viewport}-{mode}-{title}".replace(" ", "_").replace(",", ""))
        if result.violations_count:
            failures[title] = result.generate_report()
    assert failures == {}, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_a_criterion_can_be_answered_and_left_with_the_keyboard_only(page: Page, app_url: str):
    open_page(page, f"{app_url}/kriterierna")
    first_option = page.get_by_role("radiogroup").first.get_by_role("radio").first
    first_option.focus()
    page.keyboard.press("Space")
    wait_idle(page)
    expect(page.get_by_role("radiogroup").first.get_by_role("radio").first).to_be_checked()
    next_button = page.get_by_role("button", name="Nästa →")
    for _ in range(40):  # tab forward until the button has focus, as a keyboard user would
        page.keyboard.press("Tab")
        if next_button.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Knappen Nästa nås inte med tabbtangenten")
    page.keyboard.press("Enter")
    wait_idle(page)
    # the next step, numbered among all the walk's steps ("Steg 2 av högst 14"), not step 1 again
    expect(page.get_by_text(re.compile(r"Steg (?!1 )\d+ av högst \d+ ·"))).to_be_visible()
    expect(page.get_by_text("1 fråga besvarad", exact=False).first).to_be_visible()
