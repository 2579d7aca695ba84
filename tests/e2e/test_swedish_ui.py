"""The page is Swedish to a reader and a screen reader: lang="sv" and no English interface text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from iop.rules import load_rulebook
from iop.store import WorkshopStore, open_register
from iop.store.records import CaseRegister
from iop.workshop import Phase, statements_from_case
from tests.e2e.conftest import fill, open_page, running_app, screenshot, wait_idle
from tests.helpers import make_case

pytestmark = pytest.mark.e2e

PAGES = ["Start", "Ärendet", "Kriterierna", "Bidrag, IOP eller upphandling", "Rekommendation", "Exportera",
         # the register and the workshop; the participant page hides the menu, so it comes last
         "Ärenden", "Översikt", "Status och historik", "Workshop", "Åtkomstlogg", "Tillgänglighetsredogörelse", "Delta i workshop"]
REGISTER_PAGES = ("Ärenden", "Översikt", "Status och historik", "Åtkomstlogg")
"""Organisation mode never lists or opens the register: these are not in its menu at all."""


def pages_for(page: Page, mode: str) -> list[str]:
    """The pages a user in ``mode`` has in the menu; the register's pages are absent in organisation mode."""
    if mode != "Organisation":
        return PAGES
    for title in REGISTER_PAGES:
        expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    return [title for title in PAGES if title not in REGISTER_PAGES]
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
    # the dialog and status when the server is gone
    "Connection", "Is Streamlit", "Streamlit server", "yourscript", "terminal", "not responding", "Connecting",
    "Please wait", "timed out",
    # what a screen reader hears from select boxes, the date field and its calendar
    "Dismiss", "Selected", "selected", "options", "option", "available", "Suggestions", "Multiselect",
    "Choose", "Previous", "Next", "month", "day", "year", "Today", "arrow keys", "Use arrow", "Start Date",
    "End Date", "Value must be", "Long press",
    # a chart's toolbar and Vega's descriptions of the chart
    "Show data", "Show chart", "as PNG", "Vega-Lite spec", "Copied", "visualization", "Vega", "axis", "titled",
    "mark container", "text mark", "View Source", "Save as", "Open in Vega Editor", "View Compiled Vega",
    # the docstring Streamlit's magic once wrote on the workshop pages
    "facilitator", "sidebar's",
]
"""English interface strings Streamlit draws; none may reach a Swedish user or screen reader."""

HEAR = """(() => {
  // What the page's live regions (role=log/status/alert, aria-live) hold when the browser renders
  // them, which is what a screen reader is handed: read in the animation frame after each change.
  if (window !== window.top) return;
  window.__iopHeard = [];
  const live = "[aria-live], [role='log'], [role='status'], [role='alert']";
  new MutationObserver((records) => {
    const regions = new Set();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const region = el && el.closest(live);
      if (region) regions.add(region);
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches(live)) regions.add(n);
        for (const inner of n.querySelectorAll(live)) regions.add(inner);
      }
    }
    if (regions.size === 0) return;
    requestAnimationFrame(() => {
      for (const region of regions) {
        for (const child of region.childNodes) {
          const text = child.textContent.trim();
          if (text) window.__iopHeard.push(text);
        }
      }
    });
  }).observe(document, {subtree: true, childList: true, characterData: true});
})();"""
"""An init script for a page: records every text its live regions announce, in window.__iopHeard."""

TEXT_ATTRIBUTES = ["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "aria-placeholder",
                   "aria-braillelabel", "aria-brailleroledescription", "title", "placeholder", "alt"]
"""Every attribute whose text a user sees or a screen reader reads."""

_READ_TEXT = """() => {
  const attributes = TEXT_ATTRIBUTES;
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
  // every element's text attributes, aria-hidden or not (a stricter reading than a screen reader's)
  for (const el of document.querySelectorAll("*")) {
    for (const a of attributes) { const v = el.getAttribute(a); if (v) out.push(v); }
  }
  for (const said of window.__iopHeard || []) out.push(said);
  return out;
}""".replace("TEXT_ATTRIBUTES", json.dumps(TEXT_ATTRIBUTES))


def heard(page: Page) -> list[str]:
    """What the page's live regions have announced since it was loaded (needs HEAR as an init script)."""
    said: list[str] = page.evaluate("() => window.__iopHeard || []")
    return said


@pytest.fixture
def page(page: Page) -> Page:
    """The conftest's page, also recording what its live regions announce."""
    page.add_init_script(HEAR)
    return page


def english_strings(page: Page) -> list[str]:
    found = []
    for text in page.evaluate(_READ_TEXT):
        for word in ENGLISH:
            if re.search(rf"\b{re.escape(word)}\b", text):
                found.append(f"{word!r} in {text[:80]!r}")
    return found


def go_to(page: Page, title: str) -> None:
    """Navigate with the side menu as a user would, opening it first on a narrow screen."""
    link = page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True)
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
    for title in pages_for(page, mode):
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
    names = page.locator("[data-testid='stIconMaterial']").all_text_contents()  # hidden ones too (a closed expander)
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


def test_select_boxes_are_announced_in_swedish(page: Page, app_url: str):
    # Streamlit runs its select boxes (React Aria) as en-US: "24 options available.", "Selected values".
    open_page(page, app_url)
    box = page.get_by_role("combobox", name="Välj ett exempel")
    box.click()
    page.keyboard.type("bu")
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("Escape")
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    go_to(page, "Ärenden")
    page.get_by_role("combobox", name="Status").click()
    page.get_by_role("option", name="Utkast").click()
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(page.get_by_role("group", name="Valda alternativ")).to_be_visible()
    said = heard(page)
    assert any(re.fullmatch(r"\d+ alternativ att välja bland\.", s) for s in said), said  # the recorder works
    assert english_strings(page) == []


def test_the_date_field_and_its_calendar_are_swedish(page: Page, app_url: str):
    open_page(page, app_url)
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    go_to(page, "Status och historik")
    page.get_by_role("button", name="Markera som bedömt").click()
    wait_idle(page)
    found = english_strings(page)
    page.get_by_role("button", name="Välj datum", exact=True).first.click()  # Beslutsdatum; the period has two more
    calendar = page.get_by_role("dialog", name="Välj datum")
    expect(calendar).to_be_visible()
    expect(calendar.get_by_role("grid", name=re.compile(r"^Välj datum, \w+ \d{4}$"))).to_be_visible()
    expect(page.get_by_role("button", name="Föregående månad")).to_be_visible()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    screenshot(page, "date-calendar-swedish")
    found += english_strings(page)
    page.keyboard.press("Escape")
    today = page.evaluate("() => new Date().toLocaleDateString('sv-SE', {day: 'numeric', month: 'long', year: 'numeric'})")
    expect(page.get_by_text(f"Valt datum: {today}")).to_be_attached()  # the date as Swedish, not "December 05"
    assert found == []


@pytest.fixture(scope="module")
def workshop_on_its_own_register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """(app URL, facilitator key, join code) of a workshop whose first statement's result is shown."""
    database = f"sqlite:///{tmp_path_factory.mktemp('swedish-workshop') / 'register.sqlite3'}"
    engine = open_register(database)
    register = CaseRegister(engine)
    case = make_case(initiative="vet_ej").model_copy(update={"title": "Ungdomsbussen"})
    case_id = register.create_case(case, "Anna Handläggare").id
    store = WorkshopStore(engine, register=register)
    statements = statements_from_case(case, load_rulebook())
    workshop, key = store.create("Workshop om Ungdomsbussen", statements, case_id=case_id,
                                 criteria_set=case.criteria_set)
    first = statements[0].id
    store.set_active(workshop.id, first)
    for value in (1, 5, 5):
        store.submit(store.join(workshop.id).token, first, value)
    store.move(workshop.id, first, Phase.revealed)
    engine.dispose()
    with running_app(database, "streamlit-swedish-workshop.log") as url:
        yield url, key, workshop.code


@pytest.mark.parametrize("view", ["facilitator", "projector", "participant"])
def test_the_workshop_pages_are_swedish_with_the_chart_and_its_toolbar(
        page: Page, workshop_on_its_own_register: tuple[str, str, str], view: str):
    url, key, code = workshop_on_its_own_register
    address = {"facilitator": f"{url}/workshop?leda={key}", "projector": f"{url}/workshop?leda={key}&vy=projektor",
               "participant": f"{url}/delta?kod={code}"}[view]
    page.goto(address)
    ready = {"facilitator": page.get_by_role("heading", name="Gruppens slutsats"),
             "projector": page.locator("[data-testid='stVegaLiteChart']"),
             "participant": page.get_by_role("button", name="Gå med")}[view]
    expect(ready).to_be_visible(timeout=60_000)
    wait_idle(page)
    if view != "participant":
        chart = page.locator("[data-testid='stVegaLiteChart']")
        expect(chart).to_have_count(1, timeout=60_000)
        chart.hover()
        expect(page.get_by_role("button", name="Visa uppgifterna som tabell")).to_be_attached()
        expect(page.get_by_role("button", name="Ladda ner som bild (PNG)")).to_be_attached()
        # Vega puts the chart's role and name on Streamlit's container; the description is the chart's own
        expect(chart).to_have_attribute("role", "graphics-document")
        expect(chart).to_have_attribute("aria-label", re.compile(r"^Stapeldiagram, antal svar per alternativ: "))
        expect(chart).to_have_attribute("aria-roledescription", "diagram")
    else:
        page.get_by_role("button", name="Gå med").click()
        wait_idle(page)
        expect(page.get_by_text("du deltar")).to_be_visible(timeout=60_000)
    screenshot(page, f"workshop-swedish-{view}")
    assert english_strings(page) == []


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])  # Streamlit words its message by the host name
def test_the_connection_error_dialog_is_swedish(tmp_path: Path, page: Page, host: str):
    with running_app(f"sqlite:///{tmp_path / 'register.sqlite3'}", f"streamlit-connection-{host}.log") as url:
        open_page(page, url.replace("127.0.0.1", host))
    # the server is stopped under the open page
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=60_000)
    expect(dialog.get_by_role("heading", name="Ingen kontakt med servern")).to_be_visible()
    expect(dialog).to_contain_text("försöker ansluta igen av sig själv")
    expect(dialog.locator("[data-testid='stErrorCodeBlock']")).to_be_hidden()  # "streamlit run yourscript.py"
    screenshot(page, f"connection-error-{host}")
    assert english_strings(page) == []


def test_a_page_that_never_reaches_the_server_is_swedish_too(page: Page, app_url: str):
    # Behind a proxy that drops the connection, the app's own script never arrives: what the page shows
    # (the connection-error dialog) is translated by the script the server put in the page's head.
    page.route("**/_stcore/health", lambda route: route.abort())
    page.goto(app_url.replace("127.0.0.1", "localhost"))
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=60_000)
    expect(dialog.get_by_role("heading", name="Ingen kontakt med servern")).to_be_visible()
    assert page.locator("[data-testid='stAppViewContainer'] h1").count() == 0  # the app really never ran
    screenshot(page, "never-connected")
    assert english_strings(page) == []
