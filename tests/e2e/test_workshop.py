"""End to end in headless Chromium: one facilitator and three phones run a workshop on a saved case.

The app runs on its own register (a fresh SQLite file) so the case the workshop
starts from is known, and the test reads the case's history from that file to
check that the group's conclusion landed in the case.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from iop.rules.rulebook import load_rulebook
from iop.store import open_register
from iop.store.records import CaseRegister
from tests.e2e.conftest import ARTIFACTS, running_app
from tests.helpers import make_case

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
WAIT = 60_000
CHART = "[data-testid='stVegaLiteChart']"
"""Two cores shared by four browsers and a server: give each expectation time, never a sleep."""


@pytest.fixture(scope="module")
def workshop_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(app URL, database URL) of an app server on a register of its own."""
    database = f"sqlite:///{tmp_path_factory.mktemp('workshop') / 'register.sqlite3'}"
    with running_app(database, "streamlit-workshop.log") as url:
        yield url, database


def _marker(page: Page) -> Locator:
    """The disagreement marker itself (the caption's summary sentence says "Gruppen är oenig" too)."""
    return page.locator("[data-testid='stAlert']").filter(has_text="Gruppen är oenig")


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _phone(browser: Browser, join_link: str, name: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=PHONE, locale="sv-SE", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(join_link)
    try:
        page.get_by_role("textbox", name="Ditt namn (frivilligt)").wait_for(timeout=WAIT)
    except Exception:
        _shot(page, "workshop-join-failed")
        raise
    if name == "Ali":
        _shot(page, "workshop-phone-join")
    page.get_by_role("textbox", name="Ditt namn (frivilligt)").fill(name)
    page.get_by_role("button", name="Gå med").click()
    expect(page.get_by_text("du deltar")).to_be_visible(timeout=WAIT)
    return context, page


def _answer(page: Page, label: str, statement_number: int) -> None:
    expect(page.get_by_text(f"Påstående {statement_number} av")).to_be_visible(timeout=WAIT)
    page.get_by_role("radiogroup").get_by_text(label, exact=True).click()
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_text(f"Ditt svar är sparat: {label}")).to_be_visible(timeout=WAIT)


def test_a_workshop_on_a_saved_case_from_start_to_conclusion(browser: Browser,
                                                             workshop_app: tuple[str, str]):
    url, database = workshop_app
    engine = open_register(database)
    register = CaseRegister(engine)
    case = make_case(initiative="vet_ej").model_copy(update={"title": "Ungdomsbussen"})
    case_id = register.create_case(case, "Anna Handläggare").id
    criteria = load_rulebook().sets[case.criteria_set].criteria

    lead_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    lead = lead_context.new_page()
    lead.set_default_timeout(WAIT)
    lead.goto(f"{url}/workshop")
    expect(lead.get_by_role("heading", name="Starta en ny workshop")).to_be_visible(timeout=WAIT)
    name = lead.get_by_role("textbox", name="Ditt namn", exact=True)  # the register's rule: who writes
    name.fill("Sara Samtalsledare")
    name.press("Enter")
    lead.get_by_role("button", name="Starta workshoppen").first.click()
    expect(lead.get_by_role("heading", name="Workshop 1: Workshop om Ungdomsbussen")).to_be_visible(timeout=WAIT)
    join_link = lead.get_by_role("link", name="/delta?kod=").get_attribute("href")
    assert join_link and join_link.startswith(url)
    lead.get_by_role("button", name="Visa det här påståendet").click()
    expect(lead.get_by_text(criteria[0].statement).first).to_be_visible(timeout=WAIT)
    # the projector shows the same workshop in its own page, refreshing by itself
    projector = lead_context.new_page()
    projector.set_viewport_size({"width": 1280, "height": 1500})
    projector.goto(lead.get_by_role("link", name="Öppna projektorvyn i ett eget fönster").get_attribute("href")
                   .replace("?", f"{url}/workshop?", 1))
    expect(projector.get_by_text(criteria[0].statement)).to_be_visible(timeout=WAIT)
    expect(projector.get_by_role("button", name="Stäng svaren")).to_have_count(0, timeout=WAIT)  # no controls

    phones = [_phone(browser, join_link, name) for name in ("Ali", "", "Bea")]
    for (_, phone), label in zip(phones, ["Håller inte med", "Håller med", "Håller med"], strict=True):
        _answer(phone, label, 1)

    # hidden until revealed: the count arrives by itself, the distribution does not
    expect(projector.get_by_text("3 svar av 3 deltagare")).to_be_visible(timeout=WAIT)
    expect(projector.get_by_text("Svaren är dolda")).to_be_visible(timeout=WAIT)
    expect(_marker(projector)).to_have_count(0, timeout=WAIT)
    expect(projector.locator(CHART)).to_have_count(0, timeout=WAIT)
    _shot(projector, "workshop-projected-hidden")

    lead.get_by_role("button", name="Stäng och visa resultatet").click()
    expect(_marker(projector)).to_be_visible(timeout=WAIT)
    expect(projector.locator(CHART)).to_have_count(1, timeout=WAIT)
    expect(projector.get_by_text("Från – till")).to_be_visible(timeout=WAIT)
    _shot(projector, "workshop-projected-revealed")
    # a phone cannot change its answer once the statement is closed
    expect(phones[0][1].get_by_text("Påståendet är stängt. Ditt svar: Håller inte med")).to_be_visible(timeout=WAIT)

    # the group's conclusion goes into the case
    lead.get_by_role("textbox", name="Gruppens motivering").fill("Föreningen kom själv med idén; gruppen var oenig om "
                                                  "hur mycket kommunen bidrog.")
    lead.get_by_role("button", name="För in slutsatsen i ärendet").click()
    expect(lead.get_by_text("Slutsatsen är införd i ärendet.")).to_be_visible(timeout=WAIT)
    history = register.history(case_id)
    assert "workshop 1" in history[-1].note and "3 deltagare" in history[-1].note
    assert "Föreningen kom själv med idén" in history[-1].case.answers["initiative"].reasoning
    assert history[-1].author == "Sara Samtalsledare (workshop 1)"

    # statement two: the phones follow by themselves; a reload keeps identity and answer
    lead.get_by_role("button", name="Nästa påstående").click()
    for (_, phone), label in zip(phones, ["Håller snarare med", "Håller med", "Håller med"], strict=True):
        _answer(phone, label, 2)
    reloaded = phones[1][1]
    reloaded.reload()
    expect(reloaded.get_by_text("Ditt svar är sparat: Håller med")).to_be_visible(timeout=WAIT)
    expect(reloaded.get_by_role("radiogroup").get_by_role("radio", name="Håller med", exact=True)).to_be_checked(timeout=WAIT)
    _shot(reloaded, "workshop-phone")
    expect(projector.get_by_text("Påstående 2 av")).to_be_visible(timeout=WAIT)
    expect(projector.get_by_text("3 svar av 3 deltagare")).to_be_visible(timeout=WAIT)
    lead.get_by_role("button", name="Stäng och visa resultatet").click()
    expect(projector.locator(CHART)).to_have_count(1, timeout=WAIT)
    expect(_marker(projector)).to_have_count(0, timeout=WAIT)
    expect(projector.get_by_text("Medelvärde (1–5)")).to_be_visible(timeout=WAIT)

    for context, _ in phones:
        context.close()
    lead_context.close()
    engine.dispose()
