"""The workshop's shared state in the register: what several processes see and what is refused."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine

from iop.engine.evaluation import Engine as AssessmentEngine
from iop.records.record import AssessmentSnapshot, CaseStatus
from iop.rules.rulebook import load_rulebook
from iop.store import StoreError, open_register
from iop.store.records import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop.live import Phase, WorkshopError
from iop.workshop.results import summarise
from iop.workshop.statements import (
    Statement,
    statements_from_case,
    statements_from_text,
)
from tests.helpers import REPO, make_case
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.workshop_fixtures import save_case, sqlite_register

BOOK = load_rulebook()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    engine = sqlite_register(tmp_path)
    yield WorkshopStore(engine)
    engine.dispose()


def _free(store: WorkshopStore, text: str = "Ett\nTvå"):
    return store.create("Träff", statements_from_text(text))


def test_a_new_workshop_has_a_code_and_every_statement_waiting(store: WorkshopStore):
    workshop, key = _free(store)
    assert store.by_code(workshop.code) == workshop
    assert store.by_facilitator_key(key) == (workshop, key)
    assert set(workshop.phases.values()) == {Phase.waiting}
    assert workshop.active is None


def test_answers_are_accepted_only_while_the_statement_is_open(store: WorkshopStore):
    workshop, _ = _free(store)
    alice = store.join(workshop.id, "Alice")
    with pytest.raises(WorkshopError, match="stängt"):
        store.submit(alice.token, "p1", 4)
    store.set_active(workshop.id, "p1")
    store.submit(alice.token, "p1", 4, "ok")
    store.move(workshop.id, "p1", Phase.closed)
    with pytest.raises(WorkshopError, match="stängt"):
        store.submit(alice.token, "p1", 1)
    assert store.my_answer(alice.token, "p1").value == 4  # the refused change left the answer as it was


def test_a_changed_or_double_submitted_answer_counts_once(store: WorkshopStore):
    workshop, _ = _free(store)
    store.set_active(workshop.id, "p1")
    alice = store.join(workshop.id)
    for value in (1, 5, 5):
        store.submit(alice.token, "p1", value)
    assert store.answer_counts(workshop.id) == {"p1": 1}
    assert store.my_answer(alice.token, "p1").value == 5


def test_results_stay_in_the_store_until_revealed(store: WorkshopStore):
    workshop, _ = _free(store)
    store.set_active(workshop.id, "p1")
    for value in (1, 2, 5):
        store.submit(store.join(workshop.id).token, "p1", value)
    assert store.revealed_answers(workshop.id) == {}
    assert store.answer_counts(workshop.id) == {"p1": 3}
    store.move(workshop.id, "p1", Phase.revealed)
    revealed = store.revealed_answers(workshop.id)
    assert sorted(a.value for a in revealed["p1"]) == [1, 2, 5]
    assert summarise(a.value for a in revealed["p1"]).disagreement
    with pytest.raises(WorkshopError):
        store.move(workshop.id, "p1", Phase.open)


def test_a_wrong_or_ended_or_expired_workshop_refuses_new_participants(tmp_path: Path):
    clock = [dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)]
    engine = sqlite_register(tmp_path)
    store = WorkshopStore(engine, clock=lambda: clock[0])
    workshop, _ = _free(store)
    assert store.by_code("ACDEFG" if workshop.code != "ACDEFG" else "ACDEFH") is None
    bob = store.join(workshop.id)
    clock[0] += dt.timedelta(hours=25)
    with pytest.raises(WorkshopError, match="gått ut"):
        store.join(workshop.id)
    clock[0] -= dt.timedelta(hours=24)
    store.set_active(workshop.id, "p1")
    store.end(workshop.id)
    with pytest.raises(WorkshopError, match="avslutades"):
        store.join(workshop.id)
    with pytest.raises(WorkshopError, match="avslutades"):
        store.submit(bob.token, "p1", 3)
    assert store.ongoing() == []
    engine.dispose()


def test_an_unknown_participant_token_is_refused(store: WorkshopStore):
    workshop, _ = _free(store)
    store.set_active(workshop.id, "p1")
    with pytest.raises(WorkshopError, match="känns inte igen"):
        store.submit("x" * 24, "p1", 3)


def test_a_comment_that_is_too_long_is_refused_and_nothing_is_stored(store: WorkshopStore):
    workshop, _ = _free(store)
    store.set_active(workshop.id, "p1")
    alice = store.join(workshop.id)
    with pytest.raises(WorkshopError, match="högst 500"):
        store.submit(alice.token, "p1", 3, "x" * 501)
    assert store.my_answer(alice.token, "p1") is None


def test_sixty_concurrent_participants_lose_no_answer(store: WorkshopStore):
    workshop, _ = _free(store)
    store.set_active(workshop.id, "p1")
    tokens = [store.join(workshop.id).token for _ in range(60)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda t: store.submit(t[1], "p1", t[0] % 6), enumerate(tokens)))
    assert store.answer_counts(workshop.id) == {"p1": 60}


def test_another_process_sees_the_same_workshop(tmp_path: Path, store: WorkshopStore):
    engine = sqlite_register(tmp_path)
    local = WorkshopStore(engine)
    workshop, _ = _free(local)
    local.set_active(workshop.id, "p1")
    token = local.join(workshop.id).token
    script = (
        "import sys; from iop.store import open_register; from iop.store.workshop_store import WorkshopStore;"
        "s = WorkshopStore(open_register(sys.argv[1])); s.submit(sys.argv[2], 'p1', 2, 'från en annan process')"
    )
    subprocess.run([sys.executable, "-c", script, f"sqlite:///{tmp_path / 'register.sqlite3'}", token],
                   check=True, cwd=REPO, timeout=60)
    assert local.answer_counts(workshop.id) == {"p1": 1}
    assert local.my_answer(token, "p1").comment == "från en annan process"
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = (f"sqlite:///{tmp_path / 'register.sqlite3'}" if request.param == "sqlite"
           else str(request.getfixturevalue("postgres_url")))
    engine = open_register(url)
    yield engine
    engine.dispose()


def test_the_conclusion_lands_in_the_case_with_a_revision_naming_the_workshop(any_engine: Engine):
    store = WorkshopStore(any_engine)
    case = make_case(initiative="vet_ej")
    case_id = save_case(any_engine, case)
    statements = statements_from_case(case, BOOK)
    workshop, _ = store.create("Workshop om testärendet", statements, case_id=case_id,
                               criteria_set=case.criteria_set)
    for _ in range(3):
        store.join(workshop.id)
    first = statements[0]
    conclusion = store.record_conclusion(workshop.id, first.id, {"initiative": "organisation"},
                                         "Föreningen kom med idén 2024.", author="Samtalsledare Sara")
    assert conclusion.participants == 3
    history = CaseRegister(any_engine).history(case_id)
    saved = history[-1].case
    assert saved.answers["initiative"].value == "organisation"
    assert "Föreningen kom med idén 2024." in saved.answers["initiative"].reasoning
    assert [r.number for r in history] == [1, 2] and history[-1].author == "Samtalsledare Sara"
    assert f"workshop {workshop.number}" in history[-1].note and "3 deltagare" in history[-1].note
    assert f"{dt.datetime.now(dt.UTC):%Y}" in history[-1].note
    assert store.conclusions(workshop.id) == [conclusion]


def test_the_workshop_flow_works_the_same_on_postgresql_and_sqlite(any_engine: Engine):
    store = WorkshopStore(any_engine)
    workshop, _ = _free(store)
    store.set_active(workshop.id, "p1")
    tokens = [store.join(workshop.id).token for _ in range(20)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda t: store.submit(t[1], "p1", 1 + t[0] % 5), enumerate(tokens)))
    store.submit(tokens[0], "p1", 5)  # a change counts once
    store.move(workshop.id, "p1", Phase.closed)
    with pytest.raises(WorkshopError, match="stängt"):
        store.submit(tokens[1], "p1", 3)
    store.move(workshop.id, "p1", Phase.revealed)
    assert len(store.revealed_answers(workshop.id)["p1"]) == 20


def test_a_conclusion_on_a_case_that_is_no_longer_a_draft_is_refused_and_the_case_kept(tmp_path: Path):
    engine = sqlite_register(tmp_path)
    store = WorkshopStore(engine)
    register = CaseRegister(engine)
    case = make_case()
    case_id = save_case(engine, case)
    workshop, _ = store.create("W", statements_from_case(case, BOOK), case_id=case_id)
    snapshot = AssessmentSnapshot.of(AssessmentEngine(BOOK).assess(case))
    register.change_status(case_id, CaseStatus.assessed, base_revision=1, author="Anna", snapshot=snapshot)
    before = register.history(case_id)
    with pytest.raises(StoreError, match="utkast"):
        store.record_conclusion(workshop.id, workshop.statements[0].id, {"initiative": "public"}, "skäl",
                                author="x")
    assert register.history(case_id) == before
    assert store.conclusions(workshop.id) == []
    engine.dispose()


def test_a_conclusion_needs_reasoning_and_a_case(store: WorkshopStore):
    workshop, _ = _free(store)
    with pytest.raises(WorkshopError, match="motivering"):
        store.record_conclusion(workshop.id, "p1", {}, "  ", author="x")
    with pytest.raises(WorkshopError, match="inte kopplad"):
        store.record_conclusion(workshop.id, "p1", {}, "skäl", author="x")


def test_statement_ids_must_be_unique(store: WorkshopStore):
    with pytest.raises(WorkshopError):
        store.create("x", [Statement(id="a", text="A"), Statement(id="a", text="B")])
