"""The page is Swedish to a reader and a screen reader: lang="sv" and no English interface text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

PAGES = ["Start", "Ärendet", "Kriterierna", "Bidrag, IOP eller upphandling", "Rekommendation", "Exportera",
         # the register and the workshop; the participant page hides the menu, so it comes last
         "Ärenden", "Status och historik", "Workshop", "Delta i workshop"]
ENGLISH = [
    "Drag and drop", "per file", "Browse files", "No results", "Help for", "Skip to main content",
    "Choose an option", "Upload", "Deploy", "Running", "Press Enter", "Clear all", "Close", "Collapse",
    "Expand", "Main menu", "Show password", "Select a date", "YYYY", "Sunday", "Monday", "Fullscreen",
    "Download", "Search", "Increment", "Decrement", "Help", "Sidebar", "App pages", "Link to heading",
    "file upload", "upload", "progress", "icon",
]
"""English interface strings Streamlit draws; none may reach a Swedish user or screen reader."""

_READ_TEXT = """() => {
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    // Icon ligatures (aria-hidden) are drawn as symbols and never read out.
    if (el && !skip.has(el.tagName) && !el.closest("[aria-hidden='true']") && n.nodeValue.trim()) {
      out.push(n.nodeValue.trim());
    }
  }
  for (const el of document.querySelectorAll("[aria-label],[title],[placeholder],[alt]")) {
    for (const a of ["aria-label", "title", "placeholder", "alt"]) {
      const v = el.getAttribute(a); if (v) out.push(v);
    }
  }
  return out;
}"""


def english_strings(page: Page) -> list[str]:
    found = []
    for text in page.evaluate(_READ_TEXT):
        for word in ENGLISH:
            if re.search(rf"\b{re.escape(word)}\b", text):
                found.append(f"{word!r} in {text[:80]!r}")
    return found


def go_to(page: Page, title: str) -> None:
    """Navigate with the side menu as a user would, opening it first on a narrow screen."""
    link = page.get_by_role("link", name=title, exact=True)
    on_screen = "e => { const r = e.getBoundingClientRect(); return r.right > 0 && r.left < window.innerWidth; }"
    if not link.evaluate(on_screen):
        page.locator("[data-testid='stExpandSidebarButton']").click()
        wait_idle(page)
    link.click()
    wait_idle(page)
    expect(page.locator("h1").first).to_be_visible()


@pytest.mark.parametrize("mode", ["Tjänsteperson", "Organisation"])
def test_every_page_is_swedish_in_lang_text_and_labels(page: Page, app_url: str, mode: str):
    open_page(page, app_url)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.get_by_text(f"{mode} –", exact=False).first.click()
    wait_idle(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    failures = {}
    for title in PAGES:
        go_to(page, title)
        expect(page.locator("html")).to_have_attribute("lang", "sv")
        found = english_strings(page)
        if found:
            failures[title] = found
    assert failures == {}


def test_streamlit_widget_texts_are_swedish_when_opened(page: Page, app_url: str):
    open_page(page, app_url)
    expect(page.get_by_text(re.compile(r"Högst \d+ MB per fil"))).to_be_visible()
    box = page.get_by_label("Välj ett exempel")
    box.click()
    page.keyboard.type("zzzz")
    expect(page.get_by_text("Inga träffar")).to_be_visible()
    page.keyboard.press("Escape")
    help_icons = page.locator("[data-testid='stTooltipHoverTarget']")
    if help_icons.count():
        help_icons.first.hover()
        page.wait_for_timeout(400)
    assert english_strings(page) == []


def test_on_a_phone_the_menu_closes_after_navigation(browser, app_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        open_page(page, app_url)
        page.locator("[data-testid='stExpandSidebarButton']").click()
        wait_idle(page)
        link = page.get_by_role("link", name="Kriterierna", exact=True)
        expect(link).to_be_visible()
        link.click()
        wait_idle(page)
        expect(page.get_by_role("heading", name="Kriterierna", level=1)).to_be_visible()
        expect(link).not_to_be_in_viewport()
        expect(page.locator("html")).to_have_attribute("lang", "sv")
        screenshot(page, "phone-kriterierna")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/arendet", "/rekommendation"])
def test_the_served_page_is_swedish_before_any_streamlit_script_runs(browser, app_url: str, path: str):
    # Streamlit's own scripts are blocked, so only what the server sent can set the language.
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    try:
        page.route("**/static/js/**", lambda route: route.abort())
        response = page.goto(app_url + path)
        assert response is not None and response.ok
        assert '<html lang="sv">' in response.text()
        assert 'lang="en"' not in response.text()
        assert page.evaluate("document.documentElement.lang") == "sv"
        assert page.title() == "IOP-stöd"
        assert page.locator("[data-testid='stAppViewContainer']").count() == 0  # Streamlit really did not run
    finally:
        context.close()
