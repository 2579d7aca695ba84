"""On a phone (390×844) the spectrum picture's words are drawn at a readable size."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle
from tests.e2e.test_swedish_ui import go_to

pytestmark = pytest.mark.e2e

def _swedish_page(browser: Browser, viewport: dict[str, int]) -> tuple[BrowserContext, Page]:
    """A Swedish browser page at ``viewport``; under 600 px wide it is a touch phone."""
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, locale="sv-SE", is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


MIN_PX = 12.0
"""The smallest text size in CSS pixels a reader can take in on a phone without zooming."""


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1400, "height": 1000}])
def test_the_spectrum_pictures_words_are_at_least_12_px_on_screen(browser: Browser, app_url: str, viewport):
    context, page = _swedish_page(browser, viewport)
    try:
        open_page(page, app_url)
        page.get_by_role("button", name="Öppna exemplet").click()
        wait_idle(page)
        go_to(page, "Bidrag, IOP eller upphandling")
        picture = page.locator("img[data-testid='spectrum-picture']")
        expect(picture).to_be_visible()
        src = picture.get_attribute("src") or ""
        svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8")
        view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        shown_width = picture.evaluate("img => img.getBoundingClientRect().width")
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
        smallest_on_screen = min(sizes) * shown_width / view_width
        assert smallest_on_screen >= MIN_PX, f"{smallest_on_screen:.1f} px"
        assert "Vem tog initiativet?" in svg and "Rekommendation: IOP" in svg
        picture.scroll_into_view_if_needed()
        screenshot(page, f"spectrum-{viewport['width']}x{viewport['height']}")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1400, "height": 1000}])
def test_long_answers_wrap_in_the_picture_instead_of_being_cut(browser: Browser, app_url: str, viewport):
    context, page = _swedish_page(browser, viewport)
    try:
        open_page(page, app_url)
        box = page.get_by_label("Välj ett exempel")
        box.click()
        page.keyboard.type("Fritidsgård")
        page.keyboard.press("Enter")
        wait_idle(page)
        page.get_by_role("button", name="Öppna exemplet").click()
        wait_idle(page)
        go_to(page, "Bidrag, IOP eller upphandling")
        picture = page.locator("img[data-testid='spectrum-picture']")
        expect(picture).to_be_visible()
        svg = base64.b64decode((picture.get_attribute("src") or "").split(",", 1)[1]).decode("utf-8")
        assert "…" not in svg
        answer = re.search(r'Ett stöd till organisationens egen verksamhet[^"]*', picture.get_attribute("alt") or "")
        assert answer is not None
        words = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
        assert " ".join(words).count(answer.group(0).split(";")[0].strip()) == 1
        view_width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
        shown_width = picture.evaluate("img => img.getBoundingClientRect().width")
        smallest = min(float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)) * shown_width / view_width
        assert smallest >= MIN_PX, f"{smallest:.1f} px"
        expect(page.get_by_text("Rekommendationen är", exact=False)).to_have_count(0)
        picture.scroll_into_view_if_needed()
        screenshot(page, f"spectrum-fritidsgard-{viewport['width']}x{viewport['height']}")
    finally:
        context.close()
