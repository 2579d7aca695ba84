"""One clock in the browser: a server started with TZ=UTC shows Swedish time (see tests/app/test_one_clock.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from iop.records import CaseStatus
from iop.store import CaseRegister, open_register
from tests.e2e.conftest import fill, open_page, running_app, screenshot, wait_idle

pytestmark = pytest.mark.e2e

SWEDEN = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def utc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('clock-register') / 'register.sqlite3'}"
    with running_app(url, "streamlit-tz-utc.log", {"TZ": "UTC"}) as app_url:
        yield app_url, url


def test_a_server_on_utc_shows_swedish_time(page: Page, utc_server: tuple[str, str]) -> None:
    app_url, database = utc_server
    open_page(page, app_url)
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    case_id = re.search(r"case=([0-9a-f]+)", page.url).group(1)  # type: ignore[union-attr]
    fill(page, "Diarienummer", "SN 2026/9")
    expect(page.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d, version 2"))).to_be_visible()

    engine = open_register(database)
    try:
        register = CaseRegister(engine)
        stored = register.load_case(case_id)
        saved = stored.updated_at.astimezone(SWEDEN)
        expect(page.get_by_text(f"Sparat {saved:%H:%M:%S}, version 2")).to_be_visible()

        page.get_by_role("link", name="Status och historik").click()  # same session: the name stays typed
        expect(page.get_by_role("heading", name="Status och historik", level=1)).to_be_visible()
        wait_idle(page)
        page.get_by_role("button", name="Markera som bedömt").click()
        wait_idle(page)
        [assessed] = [r for r in register.status_records(case_id) if r.status is CaseStatus.assessed]
        frozen = assessed.created_at.astimezone(SWEDEN)
        expect(page.get_by_text(f"i version {assessed.revision}, {frozen:%Y-%m-%d %H:%M}, av Anna Andersson")
               ).to_be_visible()
        screenshot(page, "one-clock-status-on-utc-server")
    finally:
        engine.dispose()
