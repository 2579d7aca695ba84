"""WCAG 2.1 A/AA with axe-core on every page, held to the tillgänglighetsredogörelse; and the walk by keyboard.

The statement (content/tillganglighet.yaml) lists the known deviations, each with the axe-core rules
that find it. The scan keeps it true both ways: whatever axe finds must be listed there (a new
violation fails until it is fixed or declared), and a rule the statement lists must still be found
(a fixed deviation fails until the statement stops claiming it). The statement's claim about the
automated part of its assessment (axe-core and its version) must be the tool this scan runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from iop.documents import load_statement
from tests.e2e.conftest import open_page, screenshot, wait_idle
from tests.e2e.test_swedish_ui import go_to, pages_for, workshop_on_its_own_register  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
MODES = ["Tjänsteperson", "Organisation"]
WORKSHOP_VIEWS = ["facilitator", "projector", "participant"]


@dataclass
class Scan:
    """What axe found in one part of the app: rule id -> the pages it was found on, and a report per page."""

    found: dict[str, list[str]] = field(default_factory=dict)
    reports: dict[str, str] = field(default_factory=dict)
    engine: str = ""

    def add(self, where: str, response: dict[str, object], report: Callable[[], str]) -> None:
        engine = response.get("testEngine")
        self.engine = str(engine.get("version", "")) if isinstance(engine, dict) else ""
        violations = response.get("violations")
        assert isinstance(violations, list)
        for violation in violations:
            self.found.setdefault(violation["id"], []).append(where)
        if violations:
            self.reports[where] = report()


_SCANS: dict[str, Scan] = {}
"""Each part of the app is scanned once per test run, whichever test asks first."""


def _footer_is_there(page: Page) -> None:
    expect(page.locator(".st-key-iop-footer").get_by_role("link", name="Tillgänglighetsredogörelse")).to_be_visible()


def scan_pages(page: Page, app_url: str, viewport: str, mode: str) -> Scan:
    key = f"{viewport}-{mode}"
    if key in _SCANS:
        return _SCANS[key]
    page.set_viewport_size(VIEWPORTS[viewport])
    open_page(page, app_url)
    page.get_by_text(f"{mode} –", exact=False).first.click()
    wait_idle(page)
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    axe = Axe()
    scan = Scan()
    for title in pages_for(page, mode):
        go_to(page, title)
        _footer_is_there(page)
        result = axe.run(page, options=WCAG_21_AA)
        screenshot(page, f"axe-{viewport}-{mode}-{title}".replace(" ", "_").replace(",", ""))
        scan.add(title, result.response, result.generate_report)
    _SCANS[key] = scan
    return scan


def scan_workshop(page: Page, workshop: tuple[str, str, str], view: str) -> Scan:
    key = f"workshop-{view}"
    if key in _SCANS:
        return _SCANS[key]
    url, lead, code = workshop
    page.set_viewport_size(VIEWPORTS["phone" if view == "participant" else "desktop"])
    page.goto({"facilitator": f"{url}/workshop?leda={lead}", "projector": f"{url}/workshop?leda={lead}&vy=projektor",
               "participant": f"{url}/delta?kod={code}"}[view])
    ready = {"facilitator": page.get_by_role("heading", name="Gruppens slutsats"),
             "projector": page.locator("[data-testid='stVegaLiteChart']"),
             "participant": page.get_by_role("button", name="Gå med")}[view]
    expect(ready).to_be_visible(timeout=60_000)
    wait_idle(page)
    if view == "participant":
        page.get_by_role("button", name="Gå med").click()
        expect(page.get_by_text("du deltar")).to_be_visible(timeout=60_000)
        wait_idle(page)
    _footer_is_there(page)
    result = Axe().run(page, options=WCAG_21_AA)
    screenshot(page, f"axe-workshop-{view}")
    scan = Scan()
    scan.add(f"Workshop ({view})", result.response, result.generate_report)
    _SCANS[key] = scan
    return scan


def _not_in_statement(scan: Scan) -> dict[str, str]:
    listed = load_statement().axe_rules()
    return {where: report for where, report in scan.reports.items()
            if any(rule not in listed for rule, places in scan.found.items() if where in places)}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_nothing_the_statement_does_not_list_on_any_page(page: Page, app_url: str, mode: str,
                                                                  viewport: str):
    failures = _not_in_statement(scan_pages(page, app_url, viewport, mode))
    assert failures == {}, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


@pytest.mark.parametrize("view", WORKSHOP_VIEWS)
def test_axe_finds_nothing_the_statement_does_not_list_on_the_workshops_views(
        page: Page, workshop_on_its_own_register: tuple[str, str, str], view: str):  # noqa: F811
    failures = _not_in_statement(scan_workshop(page, workshop_on_its_own_register, view))
    assert failures == {}, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_every_deviation_the_statement_says_axe_finds_is_still_found_with_the_stated_tool(
        page: Page, app_url: str, workshop_on_its_own_register: tuple[str, str, str]):  # noqa: F811
    statement = load_statement()
    scans = [scan_pages(page, app_url, viewport, mode) for viewport in VIEWPORTS for mode in MODES]
    scans += [scan_workshop(page, workshop_on_its_own_register, view) for view in WORKSHOP_VIEWS]
    found = {rule for scan in scans for rule in scan.found}
    stale = {rule: deviation for rule, deviation in statement.axe_rules().items() if rule not in found}
    assert stale == {}, ("the statement lists these axe rules as known deviations, but axe no longer finds them; "
                         f"remove them from content/tillganglighet.yaml (and the deviation if it is fixed): {stale}")
    automated = statement.assessment.automated
    assert automated is not None and automated.tool == "axe-core"
    engines = sorted({scan.engine for scan in scans})
    assert len(engines) == 1 and engines[0].startswith(automated.version + "."), (
        f"the statement says axe-core {automated.version}; this scan ran {engines}: assess again and update it")


def test_a_criterion_can_be_answered_and_left_with_the_keyboard_only(nameless_page: Page, app_url: str):
    page = nameless_page
    open_page(page, f"{app_url}/kriterierna")
    first_option = page.get_by_role("radiogroup").first.get_by_role("radio").first
    first_option.focus()
    page.keyboard.press("Space")
    wait_idle(page)
    # The first edit without a name asks for it (a dialog that holds the focus); answered with the keyboard.
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("textbox", name="Ditt namn").press_sequentially("Kim Tangentbord")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_have_count(0)
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
