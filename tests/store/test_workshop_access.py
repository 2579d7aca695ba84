"""Workshops under the register's rules: facilitator controls need a role, one browser is one participant,
and joins are rate-limited per workshop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop.model.case import Case
from iop.records.access import AccessSettings, Identity, Role
from iop.records.audit import AuditKind
from iop.store.audit import AuditLog
from iop.store.desk import CaseDesk
from iop.store.errors import AccessDenied
from iop.store.records import CaseRegister
from iop.store.workshop_desk import WorkshopDesk
from iop.store.workshop_store import WorkshopStore
from iop.workshop.codes import new_token
from iop.workshop.live import JOINS_PER_WINDOW, MAX_PARTICIPANTS, Phase, WorkshopError, join_refusal
from iop.workshop.statements import statements_from_text
from tests.workshop_fixtures import sqlite_register

LOGIN = AccessSettings(login=True)


def person(name: str, *roles: Role) -> Identity:
    return Identity(name=name, subject=f"sub-{name}", roles=frozenset(roles), verified=True)


@pytest.fixture
def clock() -> list[dt.datetime]:
    return [dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)]


@pytest.fixture
def store(tmp_path: Path, clock: list[dt.datetime]) -> Iterator[WorkshopStore]:
    engine = sqlite_register(tmp_path)
    yield WorkshopStore(engine, clock=lambda: clock[0])
    engine.dispose()


def facilitator(store: WorkshopStore, who: Identity | None) -> WorkshopDesk:
    register = store.register
    return WorkshopDesk(store, CaseDesk(register, AuditLog(register.engine), who, LOGIN))


def test_the_same_browser_joins_as_the_same_participant_and_answers_once(store: WorkshopStore) -> None:
    workshop, _ = store.create("Träff", statements_from_text("Ett\nTvå"))
    store.set_active(workshop.id, workshop.statements[0].id)
    browser = new_token()
    first = store.join(workshop.id, "Kim", browser=browser)
    for _ in range(5):
        again = store.join(workshop.id, "Kim igen", browser=browser)
        assert again.token == first.token
        store.submit(again.token, workshop.statements[0].id, 5)
    store.submit(first.token, workshop.statements[0].id, 2)  # changing the answer is fine
    assert store.participant_count(workshop.id) == 1
    assert store.answer_counts(workshop.id) == {workshop.statements[0].id: 1}
    assert store.my_answer(first.token, workshop.statements[0].id).value == 2  # type: ignore[union-attr]
    assert store.browser_participant(workshop.id, browser) == first
    assert store.join(workshop.id, browser=new_token()).token != first.token  # another browser is another person


def test_a_browser_id_is_stored_only_as_a_hash(store: WorkshopStore) -> None:
    from sqlalchemy import text

    workshop, _ = store.create("Träff", statements_from_text("Ett"))
    browser = new_token()
    store.join(workshop.id, browser=browser)
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT browser FROM workshop_participants")).scalar()
    assert stored and browser not in stored and len(stored) == 64


def test_joins_are_rate_limited_per_workshop_with_a_swedish_message(store: WorkshopStore,
                                                                   clock: list[dt.datetime]) -> None:
    crowded, _ = store.create("Stor träff", statements_from_text("Ett"))
    other, _ = store.create("Annan träff", statements_from_text("Ett"))
    for _ in range(JOINS_PER_WINDOW):
        store.join(crowded.id)
    with pytest.raises(WorkshopError, match="Många går med i workshoppen just nu"):
        store.join(crowded.id)
    assert store.participant_count(crowded.id) == JOINS_PER_WINDOW
    store.join(other.id)  # another workshop is not slowed down
    clock[0] += dt.timedelta(seconds=61)
    store.join(crowded.id)  # a minute later the door opens again
    assert store.participant_count(crowded.id) == JOINS_PER_WINDOW + 1


def test_the_join_rule_counts_recent_joins_and_caps_the_room() -> None:
    assert join_refusal(JOINS_PER_WINDOW - 1, 10) is None
    assert join_refusal(JOINS_PER_WINDOW, 10) is not None
    assert "tar inte emot fler" in (join_refusal(0, MAX_PARTICIPANTS) or "")


@pytest.mark.parametrize("who", [None, person("Olle"), person("Lisa", Role.reader),
                                 person("Ada", Role.administrator)])
def test_every_facilitator_control_is_refused_without_a_role_that_runs_workshops(
        store: WorkshopStore, who: Identity | None) -> None:
    workshop, key = store.create("Träff", statements_from_text("Ett"))
    desk = facilitator(store, who)
    statement = workshop.statements[0].id
    for attempt in (lambda: desk.ongoing(), lambda: desk.by_facilitator_key(key),
                    lambda: desk.create("Ny", statements_from_text("Tre")),
                    lambda: desk.set_active(workshop.id, statement),
                    lambda: desk.move(workshop.id, statement, Phase.revealed), lambda: desk.end(workshop.id),
                    lambda: desk.revealed_answers(workshop.id), lambda: desk.exported(workshop, "CSV")):
        with pytest.raises(AccessDenied):
            attempt()
    assert store.get(workshop.id).ended_at is None and store.get(workshop.id).active is None
    assert len(store.ongoing()) == 1
    refused = [e for e in AuditLog(store.engine).events() if not e.allowed]
    assert len(refused) == 8 and all(e.kind is AuditKind.workshop for e in refused[1:])


@pytest.mark.parametrize("role", [Role.case_officer, Role.reviewer, Role.decision_maker])
def test_a_register_role_runs_a_workshop_and_the_log_says_so(store: WorkshopStore, role: Role) -> None:
    desk = facilitator(store, person("Hanna", role))
    workshop, key = desk.create("Träff", statements_from_text("Ett"))
    assert desk.by_facilitator_key(key) == (workshop, key)
    desk.set_active(workshop.id, workshop.statements[0].id)
    desk.end(workshop.id)
    details = [e.detail for e in AuditLog(store.engine).events() if e.detail]
    assert details == [f"avslutade workshop {workshop.number}", f"startade workshop {workshop.number}"]


def test_a_conclusion_is_written_as_the_facilitator_in_their_role(store: WorkshopStore) -> None:
    from iop.rules.rulebook import load_rulebook
    from iop.workshop.statements import statements_from_case

    hanna = person("Hanna", Role.case_officer)
    register: CaseRegister = store.register
    case = Case(title="Läxhjälp")
    stored = CaseDesk(register, AuditLog(register.engine), hanna, LOGIN).create_case(case)
    desk = facilitator(store, hanna)
    statements = statements_from_case(case, load_rulebook())
    workshop, _ = desk.create("Om läxhjälp", statements, case_id=stored.id, criteria_set=case.criteria_set)
    statement = statements[0]
    desk.set_active(workshop.id, statement.id)
    desk.move(workshop.id, statement.id, Phase.revealed)
    answer = {statement.question_ids[0]: "vet_ej"}
    with pytest.raises(AccessDenied):  # a granskare may run the workshop but not write into a draft
        facilitator(store, person("Gustav", Role.reviewer)).record_conclusion(
            workshop.id, statement.id, answer, "Vi vet inte")
    desk.record_conclusion(workshop.id, statement.id, answer, "Vi vet inte än")
    last = register.history(stored.id)[-1]
    assert last.author == f"Hanna (workshop {workshop.number})" and last.role == "handlaggare"


def test_the_facilitators_buttons_do_what_they_say_through_the_desk(store: WorkshopStore) -> None:
    from iop.workshop.facilitation import Step, controls

    desk = facilitator(store, person("Hanna", Role.case_officer))
    workshop, _ = desk.create("Träff", statements_from_text("Ett\nTvå"))

    def press(step: Step, chosen: str) -> None:
        nonlocal workshop
        [control] = [c for c in controls(workshop, chosen) if c.step is step]
        workshop = desk.take(workshop.id, control)
        assert workshop == store.get(workshop.id)

    press(Step.activate, "p1")
    assert (workshop.active, workshop.phases["p1"]) == ("p1", Phase.open)
    press(Step.close, "p1")
    assert workshop.phases["p1"] is Phase.closed
    press(Step.reopen, "p1")
    assert workshop.phases["p1"] is Phase.open
    press(Step.reveal, "p1")
    assert workshop.phases["p1"] is Phase.revealed
    press(Step.next, "p1")
    assert (workshop.active, workshop.phases["p2"]) == ("p2", Phase.open)
    [close] = [c for c in controls(workshop, "p2") if c.step is Step.close]
    with pytest.raises(AccessDenied):  # the same button pressed by someone without the role does nothing
        facilitator(store, person("Lisa", Role.reader)).take(workshop.id, close)
    assert store.get(workshop.id).phases["p2"] is Phase.open


def test_a_workshop_starts_on_a_case_recording_into_it_or_not(store: WorkshopStore) -> None:
    from iop.rules.rulebook import load_rulebook
    from iop.workshop.statements import statements_from_case

    book = load_rulebook()
    hanna = person("Hanna", Role.case_officer)
    register: CaseRegister = store.register
    case = Case(title="Läxhjälp")
    stored = CaseDesk(register, AuditLog(register.engine), hanna, LOGIN).create_case(case)
    desk = facilitator(store, hanna)
    recording, key = desk.start_from_case(stored.id, book)
    assert (recording.title, recording.case_id, recording.criteria_set) == ("Workshop om Läxhjälp", stored.id,
                                                                            case.criteria_set)
    assert list(recording.statements) == statements_from_case(case, book)
    assert desk.by_facilitator_key(key) == (recording, key)
    apart, _ = desk.start_from_case(stored.id, book, records=False)
    assert apart.case_id is None and apart.statements == recording.statements
    with pytest.raises(AccessDenied):
        facilitator(store, person("Lisa", Role.reader)).start_from_case(stored.id, book)
    assert len(store.ongoing()) == 2
