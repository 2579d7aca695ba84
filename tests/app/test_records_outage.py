"""A ``?case=`` link opened while the register is out of reach keeps its case and opens it when it is back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from deploy.postgres import PostgresServer, postgres_bin
from iop.model.case import Case
from iop.store import ENV_VAR, open_register
from iop.store.records import CaseRegister
from tests.helpers import REPO


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this module's own, so stopping it disturbs no other test."""
    bin_dir = postgres_bin()
    assert bin_dir is not None, "PostgreSQL saknas; kör scripts/test som installerar det."
    server = PostgresServer(bin_dir)
    server.start()
    yield server
    server.stop()


def linked(case_id: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.query_params["case"] = case_id
    return at.run()


def param(at: AppTest, name: str) -> str:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else str(value)


@pytest.mark.parametrize("register_was_open", [False, True])
def test_a_deep_link_during_an_outage_waits_for_its_case_and_opens_it(
        own_server: PostgresServer, monkeypatch: pytest.MonkeyPatch, register_was_open: bool) -> None:
    url = own_server.new_database()
    monkeypatch.setenv(ENV_VAR, url)
    register = CaseRegister(open_register(url))
    stored = register.create_case(Case(title="Ungdomsbussen", diarienummer="KS 2026/14"), "Anna")
    register.engine.dispose()
    if register_was_open:  # the app opened the register before the outage; the link comes later
        assert not linked(stored.id).exception
    own_server.pause()
    try:
        at = linked(stored.id)
        assert not at.exception
        message = " ".join(e.value for e in at.error)
        assert "kan inte öppnas just nu" in message and "öppnar ärendet av sig själv" in message
        assert "127.0.0.1" not in message and "postgresql" not in message.lower()
        assert param(at, "case") == stored.id  # the link keeps its case id
        assert [t.key for t in at.main.text_input] == []  # no blank case to type into
        assert at.session_state["record:state"].id is None
    finally:
        own_server.start()  # the same data, on the same port
    at.button(key="record:retry").click().run()
    assert not at.exception
    assert at.session_state["record:state"].id == stored.id
    assert at.session_state["case"].title == "Ungdomsbussen"
    assert param(at, "case") == stored.id
    assert not any("kan inte öppnas just nu" in e.value for e in at.error)


@pytest.mark.parametrize("page", ["app_pages/workshop.py", "app_pages/workshop_join.py", "app_pages/cases.py"])
def test_a_register_that_cannot_be_reached_never_shows_its_address(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from app_pages.parts import workshop_state

    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://iop:hemligt@127.0.0.1:9/kommunens_register")
    workshop_state.store.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.session_state["record:user_name"] = "Anna Andersson"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    shown = " ".join(str(e.value) for kind in ("error", "warning", "info", "caption", "markdown")
                     for e in at.get(kind))
    assert "går inte att nå" in shown
    for secret in ("127.0.0.1", "kommunens_register", "hemligt", "postgresql", ":9"):
        assert secret not in shown, secret
    workshop_state.store.clear()
