"""End to end in headless Chromium through HAProxy: two app processes on one PostgreSQL, as in production.

The fixture starts what ``scripts/serve-cluster`` starts (deploy/cluster.py): a PostgreSQL
server, two ``streamlit run serve.py`` processes and HAProxy running deploy/haproxy.cfg as it
stands, all on free loopback ports, and stops exactly those processes afterwards. Which
process a browser is on is read from HAProxy's affinity cookie (``IOPSTOD=p1``), and HAProxy's
own count of open connections per process confirms that the WebSockets are there.

The test that kills a process comes last: the module's cluster has one process left after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from deploy.cluster import COOKIE, Cluster, ClusterError, cluster
from iop.rules.rulebook import load_rulebook
from iop.store import open_register
from iop.store.records import CaseRegister
from tests.e2e.conftest import ARTIFACTS, fill, screenshot, wait_idle
from tests.helpers import make_case

pytestmark = pytest.mark.e2e

WAIT = 60_000
"""Two cores shared by two app processes, PostgreSQL, HAProxy and the browsers: time, never a sleep."""
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def running() -> Iterator[Cluster]:
    try:
        with cluster(folder=ARTIFACTS / "cluster") as started:
            yield started
    except ClusterError as exc:  # never a skip: scripts/test installs HAProxy and PostgreSQL
        pytest.fail(str(exc))


def _context(browser: Browser, **options: object) -> BrowserContext:
    options = {"viewport": {"width": 1400, "height": 1000}, **options}
    return browser.new_context(locale="sv-SE", ignore_https_errors=True, **options)  # type: ignore[arg-type]


def process_of(context: BrowserContext) -> str:
    """The app process HAProxy pinned this browser to: the value of its affinity cookie."""
    values = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    assert len(values) == 1, f"ingen eller flera {COOKIE}-cookies: {context.cookies()}"
    return values[0]


def _open(page: Page, url: str) -> None:
    page.set_default_timeout(WAIT)
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1", timeout=WAIT)
    wait_idle(page)


def _users_on(browser: Browser, running: Cluster, *wanted: str) -> tuple[list[tuple[BrowserContext, Page]],
                                                                       list[BrowserContext]]:
    """New browsers, one on each process named in ``wanted``, as HAProxy (leastconn) sends them.

    Browsers are opened one after another until each wanted process has its own; those HAProxy sent
    elsewhere stay open (closing them would hand the next one the same choice) and are returned
    second, for the caller to close.
    """
    chosen: list[tuple[BrowserContext, Page] | None] = [None] * len(wanted)
    extra: list[BrowserContext] = []
    for _ in range(len(wanted) + 4):
        context = _context(browser)
        page = context.new_page()
        _open(page, running.url)
        where = process_of(context)
        slot = next((i for i, name in enumerate(wanted) if name == where and chosen[i] is None), None)
        if slot is None:
            extra.append(context)
        else:
            chosen[slot] = (context, page)
        if all(chosen):
            return [c for c in chosen if c is not None], extra
    for context in [c[0] for c in chosen if c is not None] + extra:
        context.close()
    pytest.fail(f"HAProxy skickade inte nya webbläsare till {wanted}")


def _open_example_as(page: Page, name: str) -> str:
    fill(page, "Ditt namn", name)
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible(timeout=WAIT)
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    match = re.search(r"case=([0-9a-f]+)", page.url)
    assert match
    return match.group(1)


def _moved_to(context: BrowserContext, page: Page, process: str) -> None:
    """Wait until the browser has reconnected through HAProxy to ``process`` and its page has been drawn again."""
    page.wait_for_timeout(200)
    for _ in range(300):
        if process_of(context) == process:
            break
        page.wait_for_timeout(200)
    assert process_of(context) == process
    wait_idle(page)


def _connections(running: Cluster) -> dict[str, int]:
    return {name: int(row["scur"]) for name, row in running.proxy.servers().items()}


def _register(running: Cluster) -> CaseRegister:
    return CaseRegister(open_register(running.database_url))


def test_two_users_on_different_processes_editing_one_case_get_the_conflict_panel(browser: Browser,
                                                                                    running: Cluster) -> None:
    [(anna_ctx, anna), (bo_ctx, bo)], extra = _users_on(browser, running, "p1", "p2")
    try:
        # each browser's WebSocket is open on its own process
        assert _connections(running)["p1"] >= 1 and _connections(running)["p2"] >= 1
        case_id = _open_example_as(anna, "Anna Andersson")
        bo.goto(f"{running.url}/arendet?case={case_id}")
        bo.wait_for_selector("[data-testid='stAppViewContainer'] h1")
        wait_idle(bo)
        fill(bo, "Ditt namn", "Bo Berg")
        assert (process_of(anna_ctx), process_of(bo_ctx)) == ("p1", "p2")

        fill(anna, "Diarienummer", "SN 2026/7")
        expect(anna.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 2"))).to_be_visible(timeout=WAIT)
        fill(bo, "Målgrupp", "Unga 13–19 år")
        # Bo's process learns of Anna's save from PostgreSQL, not from its own memory
        expect(bo.get_by_text(re.compile("Anna Andersson sparade ärendet"))).to_be_visible(timeout=WAIT)
        expect(bo.get_by_text("Diarienummer ändrades från (tomt) till ”SN 2026/7”.")).to_be_visible()
        bo.get_by_text(re.compile("Anna Andersson sparade ärendet")).scroll_into_view_if_needed()
        bo.screenshot(path=str(ARTIFACTS / "cluster-conflict.png"))

        bo.get_by_role("button", name="Slå ihop mina ändringar med den nya versionen").click()
        wait_idle(bo)
        expect(bo.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/7")
        expect(bo.get_by_label("Målgrupp", exact=True)).to_have_value("Unga 13–19 år")
        expect(bo.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 3"))).to_be_visible(timeout=WAIT)

        anna.reload()
        anna.wait_for_selector("[data-testid='stAppViewContainer'] h1")
        wait_idle(anna)
        expect(anna.get_by_label("Målgrupp", exact=True)).to_have_value("Unga 13–19 år")
        expect(anna.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/7")
        assert process_of(anna_ctx) == "p1"  # a reload stays on its process

        # nothing lost: the register holds both edits, in order, each by its author
        register = _register(running)
        history = register.history(case_id)
        assert [r.author for r in history[-2:]] == ["Anna Andersson", "Bo Berg"]
        assert history[-1].case.diarienummer == "SN 2026/7"
        assert history[-1].case.activity.target_group == "Unga 13–19 år"
    finally:
        for context in (anna_ctx, bo_ctx, *extra):
            context.close()


def _join(browser: Browser, link: str, name: str) -> tuple[BrowserContext, Page]:
    context = _context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    page.goto(link)
    page.get_by_role("textbox", name="Ditt namn (frivilligt)").fill(name)
    page.get_by_role("button", name="Gå med").click()
    expect(page.get_by_text("du deltar")).to_be_visible(timeout=WAIT)
    return context, page


def test_a_workshop_whose_participants_are_on_both_processes(browser: Browser, running: Cluster) -> None:
    register = _register(running)
    case = make_case(initiative="vet_ej").model_copy(update={"title": "Ungdomsbussen"})
    register.create_case(case, "Anna Handläggare")
    first = load_rulebook().sets[case.criteria_set].criteria[0]

    lead_ctx = _context(browser)
    contexts = [lead_ctx]
    try:
        lead = lead_ctx.new_page()
        _open(lead, f"{running.url}/workshop")
        name = lead.get_by_role("textbox", name="Ditt namn", exact=True)
        name.fill("Sara Samtalsledare")
        name.press("Enter")
        lead.get_by_role("button", name="Starta workshoppen").first.click()
        expect(lead.get_by_role("heading", name=re.compile("Workshop om Ungdomsbussen"))).to_be_visible(timeout=WAIT)
        link = lead.get_by_role("link", name="/delta?kod=").get_attribute("href")
        assert link and link.startswith(running.url)  # the link names the proxy, not a process
        lead.get_by_role("button", name="Visa det här påståendet").click()
        expect(lead.get_by_text(first.statement).first).to_be_visible(timeout=WAIT)

        phones = [_join(browser, link, who) for who in ("Ali", "Bea", "Cem", "Dan")]
        contexts += [context for context, _ in phones]
        where = {who: process_of(context) for who, (context, _) in zip(("Ali", "Bea", "Cem", "Dan"), phones,
                                                                        strict=True)}
        assert set(where.values()) == {"p1", "p2"}, f"alla deltagare på samma process: {where}"

        for (_, phone), label in zip(phones, ["Håller med", "Håller inte med", "Håller med", "Håller med"],
                                     strict=True):
            expect(phone.get_by_text("Påstående 1 av")).to_be_visible(timeout=WAIT)
            phone.get_by_role("radiogroup").get_by_text(label, exact=True).click()
            phone.get_by_role("button", name="Skicka svar").click()
            expect(phone.get_by_text(f"Ditt svar är sparat: {label}")).to_be_visible(timeout=WAIT)
        # the facilitator's process counts the answers given through both processes
        expect(lead.get_by_text("4 svar av 4 deltagare")).to_be_visible(timeout=WAIT)
        lead.get_by_role("button", name="Stäng och visa resultatet").click()
        expect(lead.locator("[data-testid='stVegaLiteChart']")).to_have_count(1, timeout=WAIT)
        for _, phone in phones:  # every phone, on either process, sees the statement closed
            expect(phone.get_by_text(re.compile("Påståendet är stängt. Ditt svar: "))).to_be_visible(timeout=WAIT)
        lead.screenshot(path=str(ARTIFACTS / "cluster-workshop.png"), full_page=True)
        phones[0][1].screenshot(path=str(ARTIFACTS / "cluster-workshop-phone.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()


def test_a_killed_process_sends_its_users_to_the_other_with_their_case(browser: Browser, running: Cluster) -> None:
    [(anna_ctx, anna), (cem_ctx, cem), (bo_ctx, bo)], extra = _users_on(browser, running, "p1", "p1", "p2")
    try:
        anna_case = _open_example_as(anna, "Anna Andersson")
        fill(anna, "Diarienummer", "SN 2026/99")
        expect(anna.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 2"))).to_be_visible(timeout=WAIT)

        cem_case = _open_example_as(cem, "Cem Çelik")
        cem.get_by_role("link", name="Kriterierna").click()
        expect(cem.get_by_role("heading", name="Kriterierna", level=1)).to_be_visible(timeout=WAIT)
        wait_idle(cem)
        reasoning = cem.locator("[data-testid='stMain']").get_by_label("Motivering").first
        reasoning.fill("Föreningen kom med idén.")
        reasoning.press("Tab")
        wait_idle(cem)
        expect(cem.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 2"))).to_be_visible(timeout=WAIT)

        bo_case = _open_example_as(bo, "Bo Berg")
        assert [process_of(c) for c in (anna_ctx, cem_ctx, bo_ctx)] == ["p1", "p1", "p2"]

        running.app("p1").kill()  # SIGKILL, after checking the pid still runs the command the fixture started
        running.proxy.wait_status({"p1": "DOWN", "p2": "UP"})

        # Anna and Cem come back through p2, on the page they were on, with their case as they left it
        _moved_to(anna_ctx, anna, "p2")
        expect(anna.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/99", timeout=WAIT)
        assert f"case={anna_case}" in anna.url and "/arendet" in anna.url
        fill(anna, "Målgrupp", "Unga i Västerås")  # and keep working: the save lands on version 3
        expect(anna.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 3"))).to_be_visible(timeout=WAIT)
        screenshot(anna, "cluster-after-failover")

        _moved_to(cem_ctx, cem, "p2")
        expect(cem.get_by_role("heading", name="Kriterierna", level=1)).to_be_visible(timeout=WAIT)
        expect(cem.locator("[data-testid='stMain']").get_by_label("Motivering").first).to_have_value(
            "Föreningen kom med idén.", timeout=WAIT)
        assert f"case={cem_case}" in cem.url
        cem.reload()  # a reload too goes to the process that is left, and finds the case
        cem.wait_for_selector("[data-testid='stAppViewContainer'] h1")
        wait_idle(cem)
        expect(cem.locator("[data-testid='stMain']").get_by_label("Motivering").first).to_have_value(
            "Föreningen kom med idén.", timeout=WAIT)
        assert process_of(cem_ctx) == "p2"

        # Bo, on the process that kept running, notices nothing and keeps saving
        fill(bo, "Diarienummer", "SN 2026/100")
        expect(bo.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 2"))).to_be_visible(timeout=WAIT)

        register = _register(running)
        assert register.history(anna_case)[-1].case.activity.target_group == "Unga i Västerås"
        assert register.history(anna_case)[-1].case.diarienummer == "SN 2026/99"
        assert register.history(bo_case)[-1].case.diarienummer == "SN 2026/100"
    finally:
        for context in (anna_ctx, cem_ctx, bo_ctx, *extra):
            context.close()
