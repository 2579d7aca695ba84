"""In real Chromium: a facilitator who reopens the workshop's address in a new browser can still record
the group's conclusion. The facilitator's page hides the sidebar, so the name is asked for on the page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from iop.rules import load_rulebook
from iop.store import WorkshopStore, open_register
from iop.store.records import CaseRegister
from iop.workshop import Phase, statements_from_case
from tests.e2e.conftest import ARTIFACTS, running_app, screenshot, wait_idle
from tests.helpers import make_case

pytestmark = pytest.mark.e2e

WAIT = 60_000


@pytest.fixture(scope="module")
def app_and_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    database = f"sqlite:///{tmp_path_factory.mktemp('reopened') / 'register.sqlite3'}"
    with running_app(database, "streamlit-workshop-reopened.log") as url:
        yield url, database


def test_a_reopened_facilitator_page_takes_the_name_on_the_page_and_records_the_conclusion(
        browser: Browser, app_and_database: tuple[str, str]):
    url, database = app_and_database
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
    for value in (4, 5, 5):
        store.submit(store.join(workshop.id).token, first, value)
    store.move(workshop.id, first, Phase.revealed)

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")  # a new session
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(f"{url}/workshop?leda={key}")
    expect(page.get_by_role("heading", name="Gruppens slutsats")).to_be_visible(timeout=WAIT)
    wait_idle(page)
    expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()  # the page's own look: no sidebar
    expect(page.get_by_text("sidofältet")).to_have_count(0)
    name = page.get_by_role("textbox", name="Ditt namn", exact=True)
    expect(name).to_be_visible()
    name.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "workshop-reopened-asks-name.png"))
    name.fill("Sara Samtalsledare")
    name.press("Enter")
    reasoning = page.get_by_role("textbox", name="Gruppens motivering")
    expect(reasoning).to_be_visible(timeout=WAIT)
    screenshot(page, "workshop-reopened-named")
    reasoning.fill("Föreningen kom själv med idén.")
    page.get_by_role("button", name="För in slutsatsen i ärendet").click()
    expect(page.get_by_text("Slutsatsen är införd i ärendet.")).to_be_visible(timeout=WAIT)
    history = register.history(case_id)
    assert history[-1].author == "Sara Samtalsledare (workshop 1)"
    assert "Föreningen kom själv med idén." in history[-1].case.answers["initiative"].reasoning
    context.close()
    engine.dispose()
