"""The page is Swedish to a reader and a screen reader: lang="sv" and no English interface text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import fill, open_page, screenshot, wait_idle

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
    # the table's toolbar and column menu
    "Show/hide", "columns", "as CSV", "Sort ascending", "Sort descending", "Statistics", "Autosize", "Pin column",
    "Unpin column", "Hide column", "Copy column", "Type to search", "Select all", "Clear selection", "No data",
    "Distinct", "Average", "Standard deviation", "Calendar", "Button action menu", "Copy",
    # the uploader's refusal of a file and its add button, the dialog for an unknown address
    "Error", "File must be", "or smaller", "Remove", "retry", "Add files", "add icon", "Page not found",
    "requested page", "Running the app",
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
    found = english_strings(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    for title in ["Ärendet", "Kriterierna"]:  # pages with many help texts: every tooltip, shown
        go_to(page, title)
        help_icons = page.locator("[data-testid='stMain'] [data-testid='stTooltipHoverTarget']")
        assert help_icons.count() > 0
        for icon in help_icons.all():
            icon.hover()
            expect(page.get_by_role("tooltip").first).to_be_visible()
            found += english_strings(page)
    assert found == []


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


def test_icons_keep_their_ligatures_and_are_not_read_out_in_english(page: Page, app_url: str):
    # Translating an icon's ligature ("upload" -> "ladda upp") drew garbage on the upload button.
    open_page(page, app_url)
    go_to(page, "Ärenden")
    names = page.locator("[data-testid='stIconMaterial']").all_inner_texts()
    assert names and all(re.fullmatch(r"[a-z0-9_]+", n.strip()) for n in names), names
    assert page.locator("span[role='img'][aria-label$=' icon']").count() == 0


def test_the_case_tables_toolbar_and_column_menu_are_swedish(page: Page, app_url: str):
    open_page(page, app_url)
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    go_to(page, "Ärenden")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.hover()
    expect(page.get_by_role("button", name="Ladda ner som CSV")).to_be_attached()
    found = english_strings(page)
    box = grid.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 110, box["y"] + 15)  # the first column's menu button appears on hover (after the row boxes)
    page.mouse.click(box["x"] + 111, box["y"] + 15)
    expect(page.get_by_text("Sortera stigande")).to_be_visible()
    page.get_by_text("Statistik").hover()
    page.wait_for_timeout(500)
    screenshot(page, "cases-table-column-menu")
    found += english_strings(page)
    page.keyboard.press("Escape")
    grid.hover()
    page.get_by_role("button", name="Visa eller dölj kolumner").click()
    page.wait_for_timeout(400)
    found += english_strings(page)
    assert found == []
