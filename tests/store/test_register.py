"""The case register on SQLite and PostgreSQL: revisions, statuses, stale saves, copies, archive."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event

from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case
from iop.records.record import AssessmentSnapshot, CaseStatus, Decision
from iop.store import InvalidTransition, StaleRevision, StoreUnavailable
from iop.store.records import CaseRegister


def answered(case: Case, qid: str, value: str, reasoning: str = "") -> Case:
    return case.model_copy(update={"answers": {**case.answers, qid: Answer(value=value, reasoning=reasoning)}})


def test_created_case_loads_back_identical(register: CaseRegister) -> None:
    case = Case(title="Ungdomsbussen", diarienummer="KS 2026/14")
    stored = register.create_case(answered(case, "initiative", "organisation"), "Anna")
    loaded = register.load_case(stored.id)
    assert loaded.case == answered(case, "initiative", "organisation")
    assert (loaded.revision, loaded.status, loaded.updated_by) == (1, CaseStatus.draft, "Anna")


def test_every_save_is_a_revision_with_author_note_and_content(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Läxhjälp"), "Anna")
    second = register.save_case(stored.id, answered(stored.case, "initiative", "organisation"), 1, "Bo")
    register.save_case(stored.id, second.case.model_copy(update={"title": "Läxhjälp i Gottsunda"}), 2, "Anna",
                       note="Titeln preciserad")
    history = register.history(stored.id)
    assert [(r.number, r.author) for r in history] == [(1, "Anna"), (2, "Bo"), (3, "Anna")]
    assert history[2].note == "Titeln preciserad"
    assert register.describe(history[0].case, history[1].case) == [
        "Frågan ”Vem tog först initiativ till verksamheten?” besvarades: Den idéburna organisationen."]


def test_stale_save_is_refused_with_the_other_persons_changes(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Kafé"), "Anna")
    register.save_case(stored.id, stored.case.model_copy(update={"diarienummer": "KS 2026/7"}), 1, "Bo")
    with pytest.raises(StaleRevision) as refused:
        register.save_case(stored.id, answered(stored.case, "initiative", "public"), 1, "Anna")
    assert refused.value.head_author == "Bo"
    assert refused.value.changes == ["Diarienummer ändrades från (tomt) till ”KS 2026/7”."]
    assert "Bo sparade ärendet" in str(refused.value)
    current = register.load_case(stored.id)
    assert (current.revision, current.case.answers) == (2, {})


def test_two_simultaneous_saves_from_the_same_revision_let_exactly_one_win(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Samtidigt"), "Anna")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(author: str, value: str) -> None:
        barrier.wait()
        try:
            register.save_case(stored.id, answered(stored.case, "initiative", value), 1, author)
            outcomes[author] = "saved"
        except StaleRevision:
            outcomes[author] = "stale"

    threads = [threading.Thread(target=save, args=("Anna", "organisation")),
               threading.Thread(target=save, args=("Bo", "public"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["saved", "stale"]
    winner = next(a for a, o in outcomes.items() if o == "saved")
    current = register.load_case(stored.id)
    assert current.revision == 2 and current.updated_by == winner
    assert len(register.history(stored.id)) == 2


def test_assessed_freezes_the_whole_assessment_and_locks_the_answers(register: CaseRegister,
                                                                        engine: Engine) -> None:
    stored = register.create_case(answered(Case(title="Bussen"), "initiative", "organisation"), "Anna")
    assessment = engine.assess(stored.case)
    snapshot = AssessmentSnapshot.of(assessment)
    assessed = register.change_status(stored.id, CaseStatus.assessed, 1, "Anna", snapshot=snapshot)
    assert assessed.status is CaseStatus.assessed
    [record] = register.status_records(stored.id)
    assert (record.status, record.revision, record.author) == (CaseStatus.assessed, 2, "Anna")
    assert record.snapshot == snapshot
    assert record.snapshot.assessment() == assessment
    assert record.snapshot.criteria_set_hash == assessment.criteria_set.hash
    with pytest.raises(InvalidTransition, match="kan inte ändras"):
        register.save_case(stored.id, answered(stored.case, "initiative", "public"), 2, "Anna")
    assert register.history(stored.id)[-1].status_change is CaseStatus.assessed


def test_decided_records_the_decision_and_whether_it_follows(register: CaseRegister, engine: Engine) -> None:
    stored = register.create_case(Case(title="Beslut"), "Anna")
    snapshot = AssessmentSnapshot.of(engine.assess(stored.case))
    register.change_status(stored.id, CaseStatus.assessed, 1, "Anna", snapshot=snapshot)
    decision = Decision(decision="avslag", body="Socialnämnden", date="2026-03-12", paragraph="§ 45",
                        recommendation=snapshot.recommendation, deviation_reason="Budgeten räcker inte.")
    register.change_status(stored.id, CaseStatus.decided, 2, "Cecilia", decision=decision)
    records = register.status_records(stored.id)
    assert [r.status for r in records] == [CaseStatus.assessed, CaseStatus.decided]
    assert records[1].decision == decision and not records[1].decision.follows_recommendation
    with pytest.raises(InvalidTransition):
        register.change_status(stored.id, CaseStatus.draft, 3, "Anna")


def test_status_rules_refuse_skipping_assessment(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Hopp"), "Anna")
    decision = Decision(decision="iop", body="KS", date="2026-01-01", paragraph="§ 1", recommendation="iop")
    with pytest.raises(InvalidTransition, match="ett utkast kan inte bli beslutat"):
        register.change_status(stored.id, CaseStatus.decided, 1, "Anna", decision=decision)
    assert register.load_case(stored.id).revision == 1


def test_archived_case_stays_listed_and_restores_to_its_status(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Arkiv"), "Anna")
    register.change_status(stored.id, CaseStatus.archived, 1, "Anna")
    frame = register.case_frame()
    assert frame.loc[frame["id"] == stored.id, "status"].tolist() == ["arkiverad"]
    restored = register.restore(stored.id, "Bo")
    assert (restored.status, restored.revision) == (CaseStatus.draft, 3)


def test_copy_is_a_new_draft_with_the_same_answers(register: CaseRegister) -> None:
    stored = register.create_case(answered(Case(title="Original", diarienummer="KS 1"), "initiative",
                                           "organisation"), "Anna")
    copy = register.copy_case(stored.id, "Bo")
    assert copy.id != stored.id and copy.status is CaseStatus.draft
    assert copy.case.title == "Kopia av Original" and copy.case.diarienummer == ""
    assert copy.case.answers == stored.case.answers
    assert len(register.case_frame()) == 2


def test_list_columns_follow_the_saved_content(register: CaseRegister, engine: Engine) -> None:
    case = Case(title="Listad", diarienummer="SN 2025/3", date="2025-05-01")
    case.organisation.name = "Stadsmissionen"
    case.public_party.name = "Västerås stad"
    case.public_party.committee = "Socialnämnden"
    stored = register.create_case(case, "Anna")
    [row] = register.list_cases()
    assert (row.id, row.diarienummer, row.organisation, row.public_body, row.committee, row.year) == (
        stored.id, "SN 2025/3", "Stadsmissionen", "Västerås stad", "Socialnämnden", 2025)
    assert row.recommendation == engine.assess(case).recommendation


def test_the_registration_fields_are_list_columns_and_follow_every_save(register: CaseRegister) -> None:
    case = Case(title="Ungdomsbussen")
    stored = register.create_case(case, "Anna")
    [row] = register.list_cases()
    assert (row.subject, row.secrecy, row.retention) == ("Ungdomsbussen", "", "Bevaras")
    changed = stored.case.model_copy(deep=True)
    changed.registration.subject = "Ansökan om IOP för Ungdomsbussen"
    changed.registration.officer = "Karin Lind"
    changed.registration.decision_body = "Socialnämnden"
    changed.registration.secrecy.marked = True
    changed.registration.secrecy.provision = "OSL 31 kap. 16 §"
    changed.registration.retention.disposal = "gallras"
    changed.registration.retention.after = "10 år efter ärendets avslut"
    register.save_case(stored.id, changed, stored.revision, "Anna")
    [row] = register.list_cases()
    assert (row.subject, row.officer, row.decision_body, row.secrecy, row.retention) == (
        "Ansökan om IOP för Ungdomsbussen", "Karin Lind", "Socialnämnden", "OSL 31 kap. 16 §",
        "Gallras 10 år efter ärendets avslut")
    assert register.load_case(stored.id).case.registration == changed.registration
    assert any("Ärendemening" in change for change in register.describe(stored.case, changed))


def test_append_revision_records_another_modules_note(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Workshop"), "Anna")
    register.append_revision(stored.id, "Workshop 3", "Från workshop 3 den 2026-04-02 med 7 deltagare",
                             case=answered(stored.case, "initiative", "joint"))
    last = register.history(stored.id)[-1]
    assert (last.author, last.note, last.case.answers["initiative"].value) == (
        "Workshop 3", "Från workshop 3 den 2026-04-02 med 7 deltagare", "joint")


def test_a_write_that_fails_half_way_changes_nothing(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Halvvägs"), "Anna")
    before = (register.load_case(stored.id), register.history(stored.id), register.case_frame())

    def fail_on_revision_insert(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO REVISIONS"):
            raise RuntimeError("simulated crash after the head was moved")

    event.listen(register.engine, "before_cursor_execute", fail_on_revision_insert)
    try:
        with pytest.raises(StoreUnavailable, match="Ingenting ändrades i registret"):
            register.save_case(stored.id, answered(stored.case, "initiative", "organisation"), 1, "Anna")
    finally:
        event.remove(register.engine, "before_cursor_execute", fail_on_revision_insert)
    after = (register.load_case(stored.id), register.history(stored.id), register.case_frame())
    assert after[0] == before[0] and after[1] == before[1]
    assert after[2].equals(before[2])


def test_the_kept_case_list_follows_every_write_even_from_another_process(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Först"), "Anna")
    assert register.case_frame()["title"].tolist() == ["Först"]
    register.save_case(stored.id, Case(title="Sedan"), 1, "Anna")
    assert register.case_frame()["title"].tolist() == ["Sedan"]
    other = CaseRegister(register.engine)  # another process: its own kept list, same database
    other.change_status(stored.id, CaseStatus.archived, 2, "Bo")
    assert register.case_frame()["status"].tolist() == ["arkiverad"]
    other.restore(stored.id, "Bo")
    other.copy_case(stored.id, "Bo")
    frame = register.case_frame()
    assert sorted(frame["title"]) == ["Kopia av Sedan", "Sedan"] and set(frame["status"]) == {"utkast"}
