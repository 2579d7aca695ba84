"""A server restart under an open tab loses nothing: the tab reloads the stored case before taking an edit.

The server is killed (as a crash would) and started again on the same port while
Chromium keeps the page open. Streamlit's page reconnects without running the
app again, so the user's next edit is the first run of a new session: it must be
saved on top of the stored case, under the same name, and nothing may snap back.
Runs on SQLite and on PostgreSQL, and prints its counts.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from iop.model.case import Case
from iop.rules import load_rulebook
from iop.store import open_register
from iop.store.records import CaseRegister
from tests.e2e.conftest import ARTIFACTS, _free_port, fill, open_page, screenshot, wait_idle
from tests.helpers import REPO
from tests.postgres_server import PostgresServer, postgres_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.e2e


class AppServer:
    """The app on a fixed loopback port, so it can be killed and started again under the same address."""

    def __init__(self, database_url: str, log_name: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url
        self.log_name = log_name
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**{k: v for k, v in os.environ.items() if k != "IOP_PAGE_ERRORS"},
               "PYTHONUNBUFFERED": "1", "IOP_DATABASE_URL": self.database_url, "PYTHONPATH": str(REPO)}
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with open(ARTIFACTS / self.log_name, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(REPO / "serve.py"), "--server.port", str(self.port),
                 "--server.address", "127.0.0.1", "--server.headless", "true"],
                cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"Streamlit-servern startade inte inom 60 sekunder; se tests/artifacts/{self.log_name}")

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would end it: no clean shutdown."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.new_database()


@pytest.fixture
def server(database_url: str) -> Iterator[AppServer]:
    app = AppServer(database_url, f"restart-{'pg' if database_url.startswith('postgresql') else 'sqlite'}.log")
    app.start()
    try:
        yield app
    finally:
        app.stop()


def restart_under(page: Page, server: AppServer) -> None:
    server.kill()
    page.wait_for_timeout(500)  # the page notices the lost connection
    server.start()
    # The page reconnects by itself (no reload): wait until its connection status has cleared.
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(1500)


def register(server: AppServer) -> CaseRegister:
    return CaseRegister(open_register(server.database_url))


def test_typing_on_after_a_restart_saves_the_edit_and_nothing_snaps_back(page: Page, server: AppServer,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    open_page(page, server.url)
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    case_id = re.search(r"case=([0-9a-f]+)", page.url).group(1)  # type: ignore[union-attr]
    confirmed: dict[str, str] = {}
    fill(page, "Diarienummer", "SN 2026/42")
    expect(page.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d"))).to_be_visible()
    confirmed["diarienummer"] = "SN 2026/42"

    for round_number in (1, 2):
        restart_under(page, server)
        typed = f"Unga 13–19 år, omgång {round_number}"
        fill(page, "Målgrupp", typed)  # the first edit after the restart
        expect(page.get_by_label("Målgrupp", exact=True)).to_have_value(typed)  # it did not snap back
        expect(page.get_by_label("Ditt namn", exact=True)).to_have_value("Anna Andersson")
        expect(page.get_by_label("Diarienummer", exact=True)).to_have_value("SN 2026/42")
        expect(page.get_by_text(re.compile(r"Sparat \d\d:\d\d:\d\d"))).to_be_visible()
        confirmed["target_group"] = typed
        fill(page, "Område", f"Gottsunda {round_number}")  # and typing on
        expect(page.get_by_label("Område", exact=True)).to_have_value(f"Gottsunda {round_number}")
        confirmed["area"] = f"Gottsunda {round_number}"
        page.wait_for_timeout(300)
    screenshot(page, "restart-typed-on")


    # The walk's place is not in the address: an answer given on a later step after a restart stays there.
    page.get_by_role("link", name="Start").click()
    wait_idle(page)
    fill(page, "Rubrik för det nya ärendet", "Läxhjälp")
    page.get_by_role("button", name="Skapa nytt ärende").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.get_by_role("link", name="Kriterierna").click()
    expect(page.get_by_role("heading", name="Kriterierna", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]case=[0-9a-f]+"))
    answer_case = re.search(r"case=([0-9a-f]+)", page.url).group(1)  # type: ignore[union-attr]
    page.get_by_role("button", name="Nästa →").click()
    wait_idle(page)
    step = page.locator("[data-testid='stMain'] h2").first.inner_text()
    restart_under(page, server)
    questions = load_rulebook().questions.questions
    group = page.get_by_role("radiogroup").first
    label = group.get_attribute("aria-label") or ""
    qid = next(q for q, question in questions.items() if question.text.strip() == label.strip())
    option_id, option_text = list(questions[qid].options.items())[-1]
    group.get_by_text(option_text, exact=True).click()
    wait_idle(page)
    expect(page.locator("[data-testid='stMain'] h2").first).to_have_text(step)  # the same step, not the first
    expect(group.get_by_role("radio", name=option_text)).to_be_checked()
    confirmed["answer"] = option_id
    answered = register(server).load_case(answer_case).case.answers.get(qid)
    stored = register(server).load_case(case_id)
    found = {"diarienummer": stored.case.diarienummer, "target_group": stored.case.activity.target_group,
             "area": stored.case.activity.area, "answer": answered.value if answered else None}
    lost = {field: value for field, value in confirmed.items() if found[field] != value}
    with capsys.disabled():
        print(f"\nrestart ({'PostgreSQL' if server.database_url.startswith('postgresql') else 'SQLite'}): "
              f"3 restarts, saves confirmed {len(confirmed)}, saves found {len(confirmed) - len(lost)}, "
              f"lost: {len(lost)}")
    assert lost == {}
    assert stored.updated_by == "Anna Andersson"
    assert "conflict" not in page.content().lower() and not page.get_by_text("medan du arbetade").count()


def test_a_save_by_someone_else_during_the_restart_is_not_overwritten(page: Page, server: AppServer) -> None:
    open_page(page, server.url)
    fill(page, "Ditt namn", "Anna Andersson")
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.wait_for_url(re.compile(r"[?&]version=\d+"))
    case_id = re.search(r"case=([0-9a-f]+)", page.url).group(1)  # type: ignore[union-attr]
    server.kill()
    other = register(server)  # Bo saves while the server is down for Anna
    stored = other.load_case(case_id)
    other.save_case(case_id, Case.model_validate({**stored.case.model_dump(), "diarienummer": "KS 2026/9"}),
                    stored.revision, "Bo Berg")
    other.engine.dispose()
    page.wait_for_timeout(500)
    server.start()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(1500)
    fill(page, "Målgrupp", "Unga 13–19 år")
    expect(page.get_by_text(re.compile("Bo Berg sparade ärendet"))).to_be_visible()
    screenshot(page, "restart-conflict")
    page.get_by_role("button", name="Slå ihop mina ändringar med den nya versionen").click()
    wait_idle(page)
    expect(page.get_by_label("Diarienummer", exact=True)).to_have_value("KS 2026/9")
    expect(page.get_by_label("Målgrupp", exact=True)).to_have_value("Unga 13–19 år")
    merged = register(server).load_case(case_id).case
    assert (merged.diarienummer, merged.activity.target_group) == ("KS 2026/9", "Unga 13–19 år")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_organisations_self_check_is_not_saved_in_the_register_after_a_restart(page: Page,
                                                                                  server: AppServer) -> None:
    open_page(page, server.url)
    page.get_by_text("Organisation – pröva er idé innan ni kontaktar kommunen").click()
    wait_idle(page)
    fill(page, "Ditt namn", "Föreningen Kim")
    fill(page, "Rubrik för det nya ärendet", "Vår läxhjälp")
    page.get_by_role("button", name="Skapa nytt ärende").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    fill(page, "Målgrupp", "Barn i årskurs 4–6")
    assert register(server).list_cases() == []  # an organisation's self-check stays in the browser
    restart_under(page, server)
    fill(page, "Område", "Gottsunda")
    expect(page.get_by_label("Område", exact=True)).to_have_value("Gottsunda")
    page.wait_for_timeout(500)
    assert register(server).list_cases() == []  # not even after a restart
