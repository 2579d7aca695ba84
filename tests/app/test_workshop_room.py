"""The workshop in the room: a decided case is caught at the start, the facilitator can go back to the app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.parts import workshop_state
from iop.engine import Engine
from iop.records import AssessmentSnapshot, CaseStatus, Decision
from iop.rules import load_rulebook
from iop.store import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop import statements_from_case
from tests.helpers import REPO, make_case
from tests.workshop_fixtures import save_case, sqlite_register

BOOK = load_rulebook()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkshopStore]:
    monkeypatch.setenv("IOP_DATABASE_URL", f"sqlite:///{tmp_path / 'register.sqlite3'}")
    workshop_state.store.clear()
    engine = sqlite_register(tmp_path)
    yield WorkshopStore(engine)
    workshop_state.store.clear()
    engine.dispose()


def _page(page: str, name: str = "", **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    if name:
        at.session_state["record:user_name"] = name
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


def _decided(store: WorkshopStore) -> str:
    case = make_case()
    case_id = save_case(store.engine, case)
    register = CaseRegister(store.engine)
    assessment = Engine(BOOK).assess(case)
    assessed = register.change_status(case_id, CaseStatus.assessed, 1, "Anna",
                                      snapshot=AssessmentSnapshot.of(assessment))
    register.change_status(case_id, CaseStatus.decided, assessed.revision, "Anna", decision=Decision(
        decision="avslag", body="KS", date=dt.date(2026, 1, 2), paragraph="§ 1",
        recommendation=assessment.recommendation, deviation_reason="Budgeten räcker inte."))
    return case_id


def test_a_decided_case_is_warned_at_the_start_and_offered_a_copy(store: WorkshopStore):
    case_id = _decided(store)
    at = _page("app_pages/workshop.py", name="Sara Samtalsledare")
    assert not at.exception
    assert any("beslutat: en workshop kan inte föra in" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "ws:start_case"]
    at.button(key="ws:start_copy").click().run()
    (workshop, _), = store.ongoing()
    assert workshop.case_id not in (None, case_id)
    assert store.case_status(workshop.case_id) is CaseStatus.draft
    assert store.saved_case(workshop.case_id).title.startswith("Kopia av")


def test_a_decided_case_can_still_give_a_workshop_that_records_nothing(store: WorkshopStore):
    _decided(store)
    at = _page("app_pages/workshop.py", name="Sara Samtalsledare")
    at.button(key="ws:start_unrecorded").click().run()
    (workshop, _), = store.ongoing()
    assert workshop.case_id is None and all(s.criterion_id for s in workshop.statements)


def test_the_facilitator_view_links_back_to_the_app_and_to_the_case(store: WorkshopStore):
    case_id = save_case(store.engine, make_case())
    _, key = store.create("W", statements_from_case(make_case(), BOOK), case_id=case_id)
    at = _page("app_pages/workshop.py", name="Sara", leda=key)
    assert not at.exception
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    assert "Till IOP-stöd" in links and "Till ärendet" in links
    assert case_id in links["Till ärendet"].page or case_id in str(links["Till ärendet"])


WORKSHOP_PAGES = ["app_pages/workshop.py", "app_pages/workshop_join.py", "app_pages/parts/workshop_lead.py",
                  "app_pages/parts/workshop_phone.py", "app_pages/parts/workshop_room.py",
                  "app_pages/parts/workshop_start.py", "app_pages/parts/workshop_state.py"]


@pytest.mark.parametrize("page", WORKSHOP_PAGES)
def test_the_workshop_pages_stay_thin(page: str):
    """Issue 18: a page is layout (the rules are iop.workshop's), no file over ~150 lines, no escaping by hand."""
    text = (REPO / page).read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 150
    assert '"&amp;"' not in text and ".replace(\".\", \",\")" not in text
