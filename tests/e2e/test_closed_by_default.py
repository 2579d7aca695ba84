"""Closed by default, tested on real server processes: what each set-up listens on and what a request gets.

A request "from another computer" is one that arrives through a proxy: the server's
web layer (uvicorn) takes the client's address from ``X-Forwarded-For`` when a
proxy on this machine sends it, as HAProxy or nginx in front of the app do. The
servers themselves only ever listen on loopback here.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from app_pages.parts.login_errors import LOGIN_FAILED, PROVIDER_UNREACHABLE
from iop.io import network_host
from iop.records.access import LOOPBACK_NAME_ONLY, NETWORK_CLOSED, NETWORK_WORKSHOP_ONLY, OPEN_BANNER
from iop.workshop import CHOICES
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, running_app, screenshot, wait_idle

pytestmark = pytest.mark.e2e

ELSEWHERE = {"X-Forwarded-For": "192.0.2.77"}
"""A phone on the municipality's network, as a proxy on this machine reports it."""


def listening(port: int) -> set[str]:
    """The local addresses a socket listens on for ``port`` (from the kernel's own tables)."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            fields = line.split()
            address, state = fields[1], fields[3]
            host, port_hex = address.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            if width == 8:
                found.add(".".join(str(int(host[i:i + 2], 16)) for i in (6, 4, 2, 0)))
            else:
                found.add("::" if set(host) == {"0"} else host)
    return found


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture
def register_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'register.sqlite3'}"


@pytest.fixture
def elsewhere(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="sv-SE",
                                  extra_http_headers=ELSEWHERE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_the_default_start_listens_on_loopback_only_and_refuses_anyone_else(register_url: str) -> None:
    with running_app(register_url, "closed-default.log", address=None) as url:  # as scripts/start runs it
        port = urlsplit(url).port
        assert port is not None and listening(port) == {"127.0.0.1"}
        status, body = get(url + "/")
        assert status == 200 and 'lang="sv"' in body
        status, body = get(url + "/arenden", ELSEWHERE)
        assert status == 403 and NETWORK_CLOSED.split(",")[0] in body and 'lang="sv"' in body
        status, _ = get(url + "/_stcore/health", ELSEWHERE)
        assert status == 403
        log = (Path(__file__).resolve().parents[1] / "artifacts" / "closed-default.log").read_text()
        assert "Traceback" not in log


def test_the_workshop_setting_lets_phones_reach_only_the_participant_page(register_url: str, page: Page,
                                                                         elsewhere: Page) -> None:
    with running_app(register_url, "closed-workshop.log", env={"IOP_NETWORK": "workshop"}) as url:
        status, _ = get(url + "/delta", ELSEWHERE)
        assert status == 200  # the page is served; what it shows is decided per page
        elsewhere.goto(url + "/delta")
        expect(elsewhere.get_by_role("heading", name="Delta i workshop")).to_be_visible()
        for path in ("/arenden", "/", "/workshop", "/atkomstlogg"):
            elsewhere.goto(url + path)
            expect(elsewhere.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
            expect(elsewhere.get_by_text(NETWORK_WORKSHOP_ONLY)).to_be_visible()
            # the menu has only what a phone may reach: the participant page and the accessibility statement
            links = elsewhere.get_by_role("navigation").get_by_role("link")
            expect(links).to_have_count(2)
            expect(links.filter(has_text="Ärenden")).to_have_count(0)
        screenshot(elsewhere, "closed-workshop-phone-register")
        page.goto(url + "/arenden")  # the facilitator's own computer reaches everything
        expect(page.get_by_role("heading", name="Ärenden", level=1)).to_be_visible()
        expect(page.get_by_text(re.compile("deltagarsidan från nätverket"))).to_be_visible()


def test_the_open_setting_serves_everyone_and_every_page_says_so(register_url: str, elsewhere: Page) -> None:
    with running_app(register_url, "closed-open.log", env={"IOP_NETWORK": "oppen"}) as url:
        for path, heading in (("/", "IOP-stöd"), ("/arenden", "Ärenden"), ("/workshop", "Workshop")):
            elsewhere.goto(url + path)
            expect(elsewhere.get_by_role("heading", name=heading, level=1)).to_be_visible()
            wait_idle(elsewhere)
            expect(elsewhere.get_by_text(OPEN_BANNER)).to_be_visible()
        screenshot(elsewhere, "closed-open-banner")


def test_with_login_configured_other_computers_get_the_page_and_a_login(register_url: str, tmp_path: Path,
                                                                        elsewhere: Page) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "'
                       + "k" * 40 + '"\nclient_id = "iop"\nclient_secret = "hemligt"\n'
                       'server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"\n',
                       encoding="utf-8")
    with running_app(register_url, "closed-login.log", secrets=secrets) as url:
        status, _ = get(url + "/", ELSEWHERE)
        assert status == 200
        elsewhere.goto(url + "/arenden")
        expect(elsewhere.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
        expect(elsewhere.get_by_role("button", name="Logga in").first).to_be_visible()
        elsewhere.goto(url + "/")  # no account: the organisation's self-check
        expect(elsewhere.get_by_role("heading", name="IOP-stöd", level=1)).to_be_visible()
        wait_idle(elsewhere)
        expect(elsewhere.get_by_text("Organisation – pröva er idé innan ni kontaktar kommunen")).to_be_checked()
        screenshot(elsewhere, "closed-login-start")
        # the provider cannot be reached (nothing listens at its address): Swedish, not "Authentication error"
        elsewhere.get_by_role("button", name="Logga in").first.click()
        expect(elsewhere.get_by_role("heading", name="Inloggningen kunde inte starta")).to_be_visible()
        expect(elsewhere.get_by_text(PROVIDER_UNREACHABLE)).to_be_visible()
        screenshot(elsewhere, "closed-login-provider-unreachable")
        elsewhere.get_by_role("link", name="Tillbaka till IOP-stöd").click()
        expect(elsewhere.get_by_role("heading", name="IOP-stöd", level=1)).to_be_visible()
        # the provider sent the person back without a login (cancelled, refused): said on the start page
        elsewhere.goto(url + "/oauth2callback?error=access_denied&state=gammal")
        expect(elsewhere.get_by_text(LOGIN_FAILED)).to_be_visible()
        screenshot(elsewhere, "closed-login-broken-off")


REBOUND = "rebound.example"
"""A site the person at this machine visits, whose name its owner has pointed at 127.0.0.1 (DNS rebinding)."""


@pytest.fixture
def rebinding_browser(browser: Browser) -> Iterator[Browser]:
    """A Chromium that resolves REBOUND to 127.0.0.1, as after the site's owner rebound the name."""
    rebound = browser.browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1"])
    yield rebound
    rebound.close()


def test_a_site_whose_name_points_at_this_computer_reaches_nothing(register_url: str,
                                                                 rebinding_browser: Browser) -> None:
    page = rebinding_browser.new_page(locale="sv-SE")
    page.set_default_timeout(20_000)
    with running_app(register_url, "closed-rebinding.log") as url:
        port = urlsplit(url).port
        status, body = get(url + "/arenden", {"Host": f"{REBOUND}:{port}"})
        assert status == 403 and "localhost" in body
        page.goto(f"http://{REBOUND}:{port}/arenden")
        expect(page.get_by_text(LOOPBACK_NAME_ONLY)).to_be_visible()
        screenshot(page, "closed-rebinding-default")
    with running_app(register_url, "closed-rebinding-workshop.log", env={"IOP_NETWORK": "workshop"}) as url:
        page.goto(f"http://{REBOUND}:{urlsplit(url).port}/arenden")  # served; the page itself refuses
        expect(page.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
        expect(page.get_by_text(NETWORK_WORKSHOP_ONLY)).to_be_visible()
        expect(page.get_by_role("navigation").get_by_role("link", name="Ärenden")).to_have_count(0)
    page.close()


def test_with_the_workshop_setting_a_phone_follows_the_projected_link_and_answers(register_url: str, page: Page,
                                                                                  browser: Browser) -> None:
    """The facilitator on localhost, the phone on the machine's network address: the link the page shows works."""
    host = network_host()
    if host is None:
        pytest.skip("this machine has no network address to reach itself by")  # said, never counted as passed
    with running_app(register_url, "closed-workshop-link.log", env={"IOP_NETWORK": "workshop"},
                     address="0.0.0.0") as url:
        port = urlsplit(url).port
        page.goto(f"http://localhost:{port}/workshop")
        expect(page.get_by_role("heading", name="Starta en ny workshop")).to_be_visible()
        name = page.get_by_role("textbox", name="Ditt namn", exact=True)
        name.fill("Sara Samtalsledare")
        name.press("Enter")
        wait_idle(page)
        page.get_by_role("tab", name="Från en egen lista").click()  # the seed statements
        page.get_by_role("button", name="Starta workshoppen").last.click()
        wait_idle(page)
        link = page.get_by_role("link", name="/delta?kod=").first.get_attribute("href") or ""
        assert urlsplit(link).hostname == host and urlsplit(link).port == port
        page.get_by_role("button", name="Visa det här påståendet").click()
        wait_idle(page)
        screenshot(page, "closed-workshop-link-facilitator")

        phone_context = browser.new_context(viewport={"width": 390, "height": 844}, locale="sv-SE", is_mobile=True)
        phone = phone_context.new_page()
        phone.set_default_timeout(20_000)
        phone.goto(link)  # a connection from the network address, not loopback: only the participant page
        phone.get_by_role("button", name="Gå med").click()
        expect(phone.get_by_text("du deltar")).to_be_visible()
        phone.get_by_role("radiogroup").get_by_text(CHOICES[5], exact=True).click()
        phone.get_by_role("button", name="Skicka svar").click()
        expect(phone.get_by_text(f"Ditt svar är sparat: {CHOICES[5]}")).to_be_visible()
        screenshot(phone, "closed-workshop-link-phone")
        phone.goto(f"http://{host}:{port}/arenden")  # the same phone, the register: refused
        expect(phone.get_by_role("heading", name="Ingen åtkomst")).to_be_visible()
        phone_context.close()
