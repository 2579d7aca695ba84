"""Daily use in Chromium (issue 25): the walk's truth, history, the register, the workshop room, one file.

One app server on a register of its own, filled through the register's API, so the
test knows the cases; every step takes a screenshot under tests/artifacts/daily-*.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from iop.engine import Engine, load_case
from iop.records import AssessmentSnapshot, CaseStatus, Decision
from iop.rules import load_rulebook
from iop.store import CaseRegister, open_register
from iop.store.workshop_store import WorkshopStore
from iop.workshop import Phase, statements_from_case
from tests.e2e.conftest import ARTIFACTS, fill, open_page, running_app, wait_idle
from tests.helpers import CASES

pytestmark = pytest.mark.e2e

BOOK = load_rulebook()
ENGINE = Engine(BOOK)
WAIT = 60_000
LAPTOP = {"width": 1366, "height": 768}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
FULL_HD = {"width": 1920, "height": 1080}


@pytest.fixture(scope="module")
def daily(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, CaseRegister]]:
    """(app URL, its register) with three saved cases, one of them decided as a grant."""
    database = f"sqlite:///{tmp_path_factory.mktemp('daily') / 'register.sqlite3'}"
    register = CaseRegister(open_register(database),
                            recommender=lambda case: ENGINE.assess(case, explain_changes=False).recommendation)
    for name in ("laxhjalp-kostnadsersattning", "sommarkollo-marknad"):
        register.create_case(load_case(CASES / f"{name}.yaml", BOOK), "Anna Andersson")
    decided = load_case(CASES / "ungdomsbussen.yaml", BOOK).model_copy(update={"diarienummer": "SN 2026/12"})
    decided.organisation.org_number = "802000-1234"
    decided.organisation.contact = "Åsa Öberg"
    stored = register.create_case(decided, "Anna Andersson")
    assessed = register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Anna Andersson",
                                      snapshot=AssessmentSnapshot.of(ENGINE.assess(decided)))
    register.change_status(stored.id, CaseStatus.decided, assessed.revision, "Anna Andersson", decision=Decision(
        decision="bidrag", body="Socialnämnden", date=dt.date(2026, 3, 2), paragraph="§ 45", recommendation="iop",
        deviation_reason="Nämnden valde ett verksamhetsbidrag.", form="verksamhetsbidrag", sek_per_year=850_000))
    with running_app(database, "streamlit-daily.log") as url:
        yield url, register
    register.engine.dispose()


def _context(browser: Browser, viewport: dict[str, int] | None = None) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=viewport or LAPTOP, locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    return context, page


def _shot(page: Page, name: str) -> Path:
    """What the screen shows now (Streamlit scrolls inside its main area, so not a full-page shot)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"daily-{name}.png"
    page.screenshot(path=str(path))
    return path


def _choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in a select box; typing first, since a long list shows only some options at a time."""
    page.get_by_label(label, exact=True).click()
    page.keyboard.type(option[:12])
    page.get_by_role("option", name=option).first.click()
    wait_idle(page)


def _search(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Sök", exact=True)  # the table's toolbar has a "Sök" button too
    box.fill(text)
    box.press("Tab")
    wait_idle(page)


def _go(page: Page, link: str) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    wait_idle(page)


def _no_axe_violations(page: Page) -> None:
    """WCAG 2.1 AA with axe-core on what the page shows now (a state the page-by-page axe test never reaches)."""
    result = Axe().run(page, options=WCAG_21_AA)
    assert result.violations_count == 0, result.generate_report()


def _main_scrolls(page: Page) -> int:
    """How far the main area can scroll: 0 when everything is in view."""
    return int(page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                             " return Math.max(0, m.scrollHeight - m.clientHeight); }"))


def test_the_walk_counts_a_deciding_dont_know_and_marking_assessed_asks(browser: Browser,
                                                                        daily: tuple[str, CaseRegister]):
    url, register = daily
    context, page = _context(browser, {"width": 1400, "height": 1000})
    open_page(page, url)
    fill(page, "Ditt namn", "Karin Lind")
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    _go(page, "Kriterierna")
    counter = page.locator("[data-testid='stProgress']")
    total = re.search(r"av högst (\d+)", counter.inner_text())
    assert total, counter.inner_text()
    _choose(page, "Gå till steg", BOOK.sets["forum-2015"].criteria[0].title)
    question = BOOK.questions.questions["initiative"]
    page.get_by_role("radiogroup", name=question.text).get_by_text("Vet ej", exact=True).click()
    wait_idle(page)
    expect(counter).to_contain_text("(varav 1 besvarad med Vet ej)")
    expect(counter).to_contain_text(f"av högst {total.group(1)}")  # the total did not grow
    expect(page.get_by_text("Besvarat med Vet ej men avgör fortfarande rekommendationen")).to_be_visible()
    expect(page.get_by_text("Alla frågor som kan ändra rekommendationen är besvarade")).to_have_count(0)
    _shot(page, "walk-dont-know")
    # free navigation: back to step 1, and "Nästa" still leads on
    _choose(page, "Gå till steg", "1. Bidrag eller kontrakt")
    expect(page.get_by_role("button", name="Nästa →")).to_be_enabled()
    page.get_by_role("button", name="Nästa →").click()
    wait_idle(page)
    expect(counter).to_contain_text(f"av högst {total.group(1)}")

    _go(page, "Status och historik")
    page.get_by_role("button", name="Markera som bedömt").click()
    wait_idle(page)
    expect(page.get_by_text("Bedömningen är inte färdig.")).to_be_visible()
    case_id = re.search(r"case=([0-9a-f]+)", page.url).group(1)  # type: ignore[union-attr]
    assert register.load_case(case_id).status is CaseStatus.draft
    fill(page, "Varför ska ärendet ändå markeras som bedömt? *", "Nämnden beslutar nu; initiativet utreds.")
    _shot(page, "assess-confirm")
    _no_axe_violations(page)
    page.get_by_role("button", name="Ja, markera som bedömt").click()
    wait_idle(page)
    assert register.load_case(case_id).status is CaseStatus.assessed
    assert "Nämnden beslutar nu; initiativet utreds" in register.history(case_id)[-1].note
    expect(page.get_by_text("Det här hände:")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Status ändrades till Bedömd \(version \d+"))).to_be_visible()
    page.get_by_text("Skillnader i innehållet:").scroll_into_view_if_needed()
    _shot(page, "history")
    context.close()


def test_the_register_fits_1366_shows_the_decision_and_opens_a_case_by_its_row(browser: Browser,
                                                                                 daily: tuple[str, CaseRegister]):
    url, register = daily
    context, page = _context(browser)
    open_page(page, f"{url}/arenden")
    fill(page, "Ditt namn", "Karin Lind")
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    wait_idle(page)
    widths = page.evaluate("() => { const s = document.querySelector('[data-testid=stDataFrame] .dvn-scroller');"
                           " return [s.scrollWidth, s.clientWidth]; }")
    assert widths[0] <= widths[1] + 1, widths  # no column off to the right at 1366 px
    _shot(page, "register-1366")
    _search(page, "asa oberg")  # the contact, without the diacritics
    expect(page.get_by_text(re.compile(r"^1 av \d+ ärenden"))).to_be_visible()
    _search(page, "802000-1234")
    expect(page.get_by_text(re.compile(r"^1 av \d+ ärenden"))).to_be_visible()
    _choose(page, "Beslut", "Bidrag")
    expect(page.get_by_text(re.compile(r"^1 av \d+ ärenden"))).to_be_visible()
    grid.scroll_into_view_if_needed()
    _shot(page, "register-decision-filter")
    page.keyboard.press("Escape")
    # The list fades out after Escape; axe measured its half-transparent options as low contrast.
    expect(page.get_by_role("option")).to_have_count(0)
    wait_idle(page)
    _no_axe_violations(page)
    box = grid.bounding_box()
    assert box
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's selection box
    wait_idle(page)
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    decided = register.case_frame().query("decision == 'bidrag'")["id"].iloc[0]
    page.wait_for_url(re.compile(f"case={decided}"))
    expect(page.get_by_text("och låst", exact=False).first).to_be_visible()
    # a new case from here starts clean: not locked like the decided case open before
    _go(page, "Ärenden")
    page.get_by_role("button", name="Nytt ärende").click()
    wait_idle(page)
    expect(page.get_by_label("Rubrik *", exact=True)).to_be_enabled()
    expect(page.get_by_text("och låst", exact=False)).to_have_count(0)
    _shot(page, "register-new-case")
    context.close()


def _workshop(register: CaseRegister) -> tuple[WorkshopStore, int, str, str]:
    store = WorkshopStore(register.engine, register=register)
    draft = register.list_cases()[0]
    case = register.load_case(draft.id).case
    workshop, key = store.create("Workshop om läxhjälpen", statements_from_case(case, BOOK), case_id=draft.id)
    return store, workshop.id, key, workshop.statements[0].id


@pytest.mark.parametrize("viewport", [LAPTOP, FULL_HD], ids=["1366x768", "1920x1080"])
def test_the_projector_fits_the_screen_before_and_after_people_join_and_after_the_result(
        browser: Browser, daily: tuple[str, CaseRegister], viewport: dict[str, int]):
    url, register = daily
    store, workshop_id, key, first = _workshop(register)
    size = f"{viewport['width']}x{viewport['height']}"
    context, page = _context(browser, viewport)
    page.goto(f"{url}/workshop?leda={key}&vy=projektor")
    expect(page.get_by_text("Gå med på din telefon med koden")).to_be_visible()
    wait_idle(page)
    qr = page.get_by_role("img").first
    big = qr.bounding_box()
    assert _main_scrolls(page) == 0
    _shot(page, f"projector-{size}-empty")
    tokens = [store.join(workshop_id).token for _ in range(5)]
    store.set_active(workshop_id, first)
    expect(page.get_by_text("0 svar av 5 deltagare", exact=False)).to_be_visible()
    wait_idle(page)
    small = page.get_by_role("img").first.bounding_box()
    assert big and small and small["width"] < big["width"]  # the QR code shrinks once people have joined
    assert _main_scrolls(page) == 0
    _shot(page, f"projector-{size}-open")
    for token, value, comment in zip(tokens, (1, 2, 4, 5, 5), ("För lite styrning", "", "Bra idé", "", "Ja!"),
                                     strict=True):
        store.submit(token, first, value, comment)
    store.move(workshop_id, first, Phase.revealed)
    expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(1)
    expect(page.get_by_text("Gruppen är oenig.", exact=False).first).to_be_visible()
    wait_idle(page)
    assert _main_scrolls(page) == 0, "the result does not fit the projector's screen"
    chart = page.locator("[data-testid='stVegaLiteChart']").bounding_box()
    assert chart and chart["y"] + chart["height"] <= viewport["height"]
    _shot(page, f"projector-{size}-revealed")
    _no_axe_violations(page)
    store.end(workshop_id)
    context.close()


def test_the_facilitator_is_warned_on_a_decided_case_and_can_go_back_to_the_app(browser: Browser,
                                                                                 daily: tuple[str, CaseRegister]):
    url, register = daily
    context, page = _context(browser, {"width": 1400, "height": 1000})
    open_page(page, f"{url}/workshop")
    name = page.get_by_role("textbox", name="Ditt namn", exact=True)
    name.fill("Sara Samtalsledare")
    name.press("Enter")
    wait_idle(page)
    decided = register.case_frame().query("decision == 'bidrag'")["title"].iloc[0]
    _choose(page, "Ärende", decided)
    expect(page.get_by_text("en workshop kan inte föra in gruppens slutsatser", exact=False)).to_be_visible()
    expect(page.locator("[class*='st-key-ws'][class*='start_case']")).to_have_count(0)  # only copy or unrecorded
    expect(page.locator("[class*='st-key-ws'][class*='start_copy']")).to_have_count(1)
    _shot(page, "workshop-decided-case")
    page.get_by_role("button", name="Kopiera ärendet och starta workshoppen på kopian").click()
    expect(page.get_by_role("heading", name=re.compile(r"Workshop \d+: Workshop om Kopia av"))).to_be_visible()
    _shot(page, "workshop-facilitator")
    page.get_by_role("link", name="Till ärendet").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    expect(page.get_by_label("Rubrik *", exact=True)).to_have_value(re.compile("^Kopia av"))
    context.close()


def test_one_file_from_the_organisation_is_imported_by_the_official_as_theirs(browser: Browser,
                                                                              daily: tuple[str, CaseRegister],
                                                                              tmp_path: Path):
    url, register = daily
    context, page = _context(browser, {"width": 1400, "height": 1000})
    open_page(page, url)
    page.get_by_text("Organisation –", exact=False).first.click()
    wait_idle(page)
    expect(page.locator("[data-testid='stSidebar']").get_by_text("Läge: Organisation")).to_be_visible()
    _choose(page, "Välj ett exempel", "Språkcafé")
    page.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(page)
    _go(page, "Exportera")
    _shot(page, "organisation-export")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner filen att skicka till kommunen (PDF)").click()
    sent = tmp_path / download.value.suggested_filename
    download.value.save_as(sent)
    assert sent.suffix == ".pdf" and sent.read_bytes().startswith(b"%PDF-")
    context.close()

    context, page = _context(browser, {"width": 1400, "height": 1000})
    open_page(page, f"{url}/arenden")
    fill(page, "Ditt namn", "Karin Lind")
    before = len(register.case_frame())
    page.get_by_text("Importera ärenden", exact=True).click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(sent))
    wait_idle(page)
    expect(page.get_by_role("radiogroup", name="Svaren i filerna kommer från")
           .get_by_role("radio", name="Organisationen")).to_be_checked()
    _shot(page, "official-import")
    _no_axe_violations(page)
    page.get_by_role("button", name="Importera 1 ärende").click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    frame = register.case_frame()
    assert len(frame) == before + 1
    imported = frame.sort_values("updated_at").iloc[-1]
    assert imported["answers_from"] == "organisation"
    assert "Språkcafé" in imported["title"]
    context.close()
