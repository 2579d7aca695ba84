"""Real logins through st.login against a real OpenID Connect provider on loopback, in Chromium.

The provider is ``oidc-provider-mock`` (a Flask app built on Authlib's provider side):
the app fetches its discovery document, sends the browser to its authorisation page,
exchanges the code for tokens and checks the ID token's signature, as with Entra ID
or Keycloak. Its users carry the claims a municipality's provider would send: app
roles in ``roles``, group object ids in ``groups``.
"""

from __future__ import annotations

import os
import re
import secrets as random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from iop.model.case import Case
from iop.records.access import EXPIRED
from iop.records.audit import AuditKind
from iop.records.record import CaseStatus
from iop.store import open_register
from iop.store.audit import AuditLog
from iop.store.records import CaseRegister
from iop.store.workshop_store import WorkshopStore
from tests.e2e.conftest import fill, free_port, running_app, screenshot, wait_idle

pytestmark = pytest.mark.e2e

os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider on plain http on loopback, as in its docs
from oidc_provider_mock import User, run_server_in_thread  # noqa: E402  (after the variable it reads)

ADMIN_GROUP = "5f0c2a9e-7d41-4c1b-9a55-3b7e0d2c4a11"
"""An Entra ID group object id: groups arrive as ids unless the app registration says otherwise."""
USERS = [
    User(sub="hanna", claims={"name": "Hanna Handläggare", "email": "hanna@kommun.example",
                              "roles": ["IOP.Handlaggare"]}),
    User(sub="gustav", claims={"name": "Gustav Granskare", "email": "gustav@kommun.example",
                               "roles": ["IOP.Granskare"]}),
    User(sub="bea", claims={"name": "Bea Beslutsfattare", "email": "bea@kommun.example",
                            "roles": ["IOP.Beslutsfattare"]}),
    User(sub="lisa", claims={"name": "Lisa Läsare", "email": "lisa@kommun.example", "roles": ["IOP.Lasare"]}),
    User(sub="ada", claims={"name": "Ada Administratör", "email": "ada@kommun.example", "groups": [ADMIN_GROUP]}),
    User(sub="olle", claims={"name": "Olle Utanför", "email": "olle@kommun.example",
                             "groups": ["9d1e7a4b-0000-4000-8000-000000000001"]}),
]


def secrets_file(folder: Path, app_port: int, provider: str, extra: str = "") -> Path:
    path = folder / "secrets.toml"
    path.write_text(f"""
[auth]
redirect_uri = "http://localhost:{app_port}/oauth2callback"
cookie_secret = "{random.token_urlsafe(32)}"
client_id = "iop-stod"
client_secret = "{random.token_urlsafe(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[iop]
{extra}

[iop.roles]
lasare = ["IOP.Lasare"]
handlaggare = ["IOP.Handlaggare"]
granskare = ["IOP.Granskare"]
beslutsfattare = ["IOP.Beslutsfattare"]
administrator = ["{ADMIN_GROUP}"]
""", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with run_server_in_thread(port=0, user_claims=USERS) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def login_app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(the app's address as the browser uses it, the register's URL)."""
    folder = tmp_path_factory.mktemp("login-app")
    register = f"sqlite:///{folder / 'register.sqlite3'}"
    port = free_port()
    with running_app(register, "login-app.log", secrets=secrets_file(folder, port, provider), port=port):
        yield f"http://localhost:{port}", register


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def new_page(browser: Browser, contexts: list[BrowserContext]) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def log_in(page: Page, app: str, provider: str, sub: str) -> None:
    """Through the app's own Logga in button and the provider's authorisation page, as a person does."""
    page.goto(app + "/")
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)
    page.get_by_role("button", name="Logga in").first.click()
    page.wait_for_url(re.compile(re.escape(provider) + "/oauth2/authorize"))
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(re.compile(re.escape(app) + "/"))
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)


def go(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)


def signed_in_as(page: Page, name: str, role: str) -> None:
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Inloggad som {name}")).to_contain_text(role)


def test_a_case_goes_through_every_role_with_real_logins(browser: Browser, contexts: list[BrowserContext],
                                                         provider: str, login_app: tuple[str, str]) -> None:
    app, register_url = login_app
    register = CaseRegister(open_register(register_url))
    hanna = new_page(browser, contexts)
    log_in(hanna, app, provider, "hanna")
    signed_in_as(hanna, "Hanna Handläggare", "handläggare")
    expect(hanna.get_by_role("link", name="Åtkomstlogg")).to_have_count(0)
    hanna.get_by_role("button", name="Öppna exemplet").click()
    wait_idle(hanna)
    fill(hanna, "Diarienummer", "SN 2026/41")
    case_id = re.search(r"case=([0-9a-f]+)", hanna.url).group(1)  # type: ignore[union-attr]
    hanna.get_by_role("link", name="Status och historik").click()
    wait_idle(hanna)
    hanna.get_by_role("button", name="Markera som bedömt").click()
    wait_idle(hanna)
    expect(hanna.get_by_text("Frysta uppgifter")).to_be_visible()
    screenshot(hanna, "login-handlaggare-status")

    gustav = new_page(browser, contexts)
    log_in(gustav, app, provider, "gustav")
    go(gustav, f"{app}/status-och-historik?case={case_id}")
    signed_in_as(gustav, "Gustav Granskare", "granskare")
    expect(gustav.get_by_role("button", name="Registrera beslut")).to_have_count(0)
    gustav.get_by_role("button", name="Markera som granskat").click()
    wait_idle(gustav)

    bea = new_page(browser, contexts)
    log_in(bea, app, provider, "bea")
    go(bea, f"{app}/status-och-historik?case={case_id}")
    expect(bea.get_by_role("button", name="Markera som granskat")).to_have_count(0)
    bea.get_by_text("Bidrag", exact=True).click()
    bea.get_by_label("Beslutsorgan").fill("Socialnämnden")
    bea.get_by_label("Paragraf").fill("§ 12")
    bea.get_by_label(re.compile("Motivering om beslutet avviker")).fill("Nämnden valde bidrag i år.")
    bea.get_by_role("button", name="Registrera beslut").click()
    wait_idle(bea)
    expect(bea.get_by_text(re.compile("Ärendet är beslutat och kan inte ändras"))).to_be_visible()
    screenshot(bea, "login-beslutsfattare-history")

    lisa = new_page(browser, contexts)
    log_in(lisa, app, provider, "lisa")
    go(lisa, f"{app}/arendet?case={case_id}")
    signed_in_as(lisa, "Lisa Läsare", "läsare")
    expect(lisa.get_by_role("textbox", name="Diarienummer")).to_be_disabled()
    expect(lisa.get_by_role("textbox", name="Diarienummer")).to_have_value("SN 2026/41")
    expect(lisa.get_by_role("link", name="Workshop", exact=True)).to_have_count(0)
    lisa.get_by_role("link", name="Exportera").click()
    wait_idle(lisa)
    with lisa.expect_download(timeout=60_000) as download:  # Exportera builds its documents first; slow under load
        lisa.get_by_role("button", name="Ladda ner ärendet (YAML)").click()
    assert "SN 2026/41" in Path(download.value.path()).read_text(encoding="utf-8")

    ada = new_page(browser, contexts)
    log_in(ada, app, provider, "ada")
    signed_in_as(ada, "Ada Administratör", "administratör")
    go(ada, f"{app}/arenden")
    expect(ada.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
    go(ada, f"{app}/atkomstlogg")
    expect(ada.get_by_role("heading", name="Åtkomstlogg")).to_be_visible()
    screenshot(ada, "login-administrator-audit")

    history = register.history(case_id)
    assert {(r.author.split(" <")[0], r.role) for r in history} >= {
        ("Hanna Handläggare", "handlaggare"), ("Gustav Granskare", "granskare"),
        ("Bea Beslutsfattare", "beslutsfattare")}
    assert all(r.author_id.startswith("id:") for r in history)
    assert [r.status for r in register.status_records(case_id)] == [
        CaseStatus.assessed, CaseStatus.reviewed, CaseStatus.decided]
    opened = {e.actor.split(" <")[0] for e in AuditLog(register.engine).events(case_id=case_id)
              if e.kind is AuditKind.opened}
    assert {"Gustav Granskare", "Bea Beslutsfattare", "Lisa Läsare"} <= opened
    [downloaded] = [e for e in AuditLog(register.engine).events(case_id=case_id) if e.kind is AuditKind.exported]
    assert downloaded.actor.startswith("Lisa Läsare") and downloaded.role == "lasare"
    assert downloaded.detail == "arende (yaml)"


def test_a_user_outside_every_role_is_denied_and_so_is_a_deep_link(browser: Browser, contexts: list[BrowserContext],
                                                                   provider: str, login_app: tuple[str, str]) -> None:
    app, register_url = login_app
    register = CaseRegister(open_register(register_url))
    case_id = register.create_case(Case(title="Skyddat boende, Hemliga gatan 7"), "Cecilia").id
    olle = new_page(browser, contexts)
    log_in(olle, app, provider, "olle")
    expect(olle.get_by_text(re.compile("Olle Utanför .* men har ingen roll i IOP-stöd")).first).to_be_visible()
    go(olle, f"{app}/?case={case_id}")
    expect(olle.get_by_text(re.compile("Ärendet i adressen kan inte öppnas"))).to_be_visible()
    expect(olle.get_by_text("Hemliga gatan")).to_have_count(0)
    go(olle, f"{app}/arenden")
    expect(olle.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
    screenshot(olle, "login-outsider-denied")
    denied = [e for e in AuditLog(register.engine).events(case_id=case_id) if not e.allowed]
    assert denied and denied[0].actor.startswith("Olle Utanför") and "Hemliga" not in denied[0].detail


def test_the_login_survives_a_reload_and_a_new_tab_and_logout_ends_it(browser: Browser,
                                                                      contexts: list[BrowserContext], provider: str,
                                                                      login_app: tuple[str, str]) -> None:
    app, _ = login_app
    hanna = new_page(browser, contexts)
    log_in(hanna, app, provider, "hanna")
    hanna.reload()
    hanna.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(hanna)
    signed_in_as(hanna, "Hanna Handläggare", "handläggare")
    tab = hanna.context.new_page()
    go(tab, f"{app}/arenden")
    signed_in_as(tab, "Hanna Handläggare", "handläggare")
    expect(tab.get_by_role("heading", name="Ärenden", level=1)).to_be_visible()
    tab.get_by_role("button", name="Logga ut").click()
    tab.wait_for_url(re.compile(re.escape(provider) + "/oauth2/end_session"))
    tab.get_by_role("button", name="End session").click()
    tab.wait_for_url(re.compile(re.escape(app) + "/"))
    tab.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(tab)
    expect(tab.get_by_role("button", name="Logga in").first).to_be_visible()
    go(tab, f"{app}/arenden")
    expect(tab.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
    screenshot(tab, "login-after-logout")


def test_a_participant_reaches_neither_the_register_nor_the_facilitators_controls(
        browser: Browser, contexts: list[BrowserContext], provider: str, login_app: tuple[str, str]) -> None:
    app, register_url = login_app
    hanna = new_page(browser, contexts)
    log_in(hanna, app, provider, "hanna")
    go(hanna, f"{app}/workshop")
    hanna.get_by_role("tab", name="Från en egen lista").click()
    hanna.get_by_role("button", name="Starta workshoppen").last.click()
    hanna.wait_for_url(re.compile(r"leda="))
    wait_idle(hanna)
    key = re.search(r"leda=([A-Za-z0-9_-]+)", hanna.url).group(1)  # type: ignore[union-attr]
    store = WorkshopStore(open_register(register_url))
    workshop, _ = store.by_facilitator_key(key)  # type: ignore[misc]

    phone = new_page(browser, contexts)  # a participant: no account
    go(phone, f"{app}/delta?kod={workshop.code}")
    phone.get_by_role("button", name="Gå med").click()
    wait_idle(phone)
    expect(phone.get_by_text(re.compile("du deltar anonymt"))).to_be_visible()
    token = re.search(r"deltagare=([A-Za-z0-9_-]+)", phone.url).group(1)  # type: ignore[union-attr]
    again = phone.context.new_page()  # the code scanned once more in the same browser: the same participant
    again.goto(f"{app}/delta?kod={workshop.code}")  # the participant's view has no page title to wait for
    expect(again.get_by_text(re.compile("du deltar anonymt"))).to_be_visible(timeout=20_000)
    assert f"deltagare={token}" in again.url and store.participant_count(workshop.id) == 1
    for path in ("/arenden", f"/workshop?leda={key}", f"/workshop?leda={key}&vy=projektor", "/atkomstlogg"):
        go(phone, app + path)
        expect(phone.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
        expect(phone.get_by_role("button", name="Stäng svaren")).to_have_count(0)
        expect(phone.get_by_text(workshop.code[:3])).to_have_count(0)
    screenshot(phone, "login-participant-facilitator-link")

    lisa = new_page(browser, contexts)  # a colleague who only reads cases may not take the workshop over
    log_in(lisa, app, provider, "lisa")
    go(lisa, f"{app}/workshop?leda={key}")
    expect(lisa.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
    expect(lisa.get_by_text(re.compile("behövs rollen handläggare, granskare eller beslutsfattare"))).to_be_visible()

    guessed = random.token_urlsafe(18)
    go(hanna, f"{app}/workshop?leda={guessed}")
    expect(hanna.get_by_text(re.compile("Länken till workshoppen känns inte igen"))).to_be_visible()
    refused = [e for e in AuditLog(store.engine).events() if not e.allowed and e.kind is AuditKind.workshop]
    assert {e.actor.split(" <")[0] for e in refused} >= {"ingen inloggad", "Lisa Läsare"}


def test_an_expired_login_asks_to_log_in_again(browser: Browser, contexts: list[BrowserContext], provider: str,
                                               tmp_path: Path) -> None:
    port = free_port()
    secrets = secrets_file(tmp_path, port, provider, extra="max_session_hours = 0.003  # 10.8 seconds")
    with running_app(f"sqlite:///{tmp_path / 'register.sqlite3'}", "login-expiry.log", secrets=secrets,
                     port=port):
        app = f"http://localhost:{port}"
        hanna = new_page(browser, contexts)
        log_in(hanna, app, provider, "hanna")
        signed_in_as(hanna, "Hanna Handläggare", "handläggare")
        started = time.monotonic()
        time.sleep(max(0.0, 12 - (time.monotonic() - started)))
        go(hanna, f"{app}/arenden")
        expect(hanna.get_by_text(EXPIRED)).to_be_visible()
        expect(hanna.get_by_role("button", name="Logga in igen")).to_be_visible()
        expect(hanna.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
        screenshot(hanna, "login-expired")
        hanna.get_by_role("button", name="Logga in igen").click()
        hanna.wait_for_url(re.compile(re.escape(provider) + "/oauth2/authorize"))
        hanna.get_by_role("button", name="hanna", exact=True).click()
        hanna.wait_for_url(re.compile(re.escape(app) + "/"))
        hanna.wait_for_selector("[data-testid='stAppViewContainer'] h1")
        wait_idle(hanna)
        signed_in_as(hanna, "Hanna Handläggare", "handläggare")
