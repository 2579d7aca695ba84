"""The guarded register: every action checked against the person's roles, recorded with the role, and logged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.records.access import AccessSettings, Identity, Role
from iop.records.audit import AuditKind
from iop.records.record import AssessmentSnapshot, CaseStatus, Decision
from iop.store.audit import AuditLog
from iop.store.desk import CaseDesk
from iop.store.errors import AccessDenied
from iop.store.records import CaseRegister

LOGIN = AccessSettings(login=True)
SECRET_TITLE = "Skyddade boendet på Hemliga gatan 7"


def person(name: str, *roles: Role) -> Identity:
    return Identity(name=name, email=f"{name.lower()}@kommun.se", subject=f"sub-{name}", roles=frozenset(roles),
                    verified=True)


HANNA = person("Hanna", Role.case_officer)
GUSTAV = person("Gustav", Role.reviewer)
BEA = person("Bea", Role.decision_maker)
LISA = person("Lisa", Role.reader)
OLLE = person("Olle")
ADMIN = person("Ada", Role.administrator)


def desk(register: CaseRegister, who: Identity | None, settings: AccessSettings = LOGIN) -> CaseDesk:
    return CaseDesk(register, AuditLog(register.engine, settings.audit_retention_days), who, settings)


def snapshot(engine: Engine, case: Case) -> AssessmentSnapshot:
    return AssessmentSnapshot.of(engine.assess(case))


def test_each_step_of_a_case_is_done_in_its_role_and_the_revision_says_who_and_which_role(
        register: CaseRegister, engine: Engine) -> None:
    case = Case(title="Läxhjälp")
    stored = desk(register, HANNA).create_case(case)
    stored = desk(register, HANNA).save_case(stored.id, case.model_copy(update={"diarienummer": "SN 1"}),
                                             stored.revision)
    stored = desk(register, HANNA).change_status(stored.id, CaseStatus.assessed, stored.revision,
                                                 snapshot=snapshot(engine, case))
    stored = desk(register, GUSTAV).change_status(stored.id, CaseStatus.reviewed, stored.revision)
    decision = Decision(decision="bidrag", body="Socialnämnden", date=dt.date(2026, 3, 1), paragraph="§ 4",
                        recommendation="grant")
    stored = desk(register, BEA).change_status(stored.id, CaseStatus.decided, stored.revision, decision=decision)
    history = register.history(stored.id)
    assert [(r.author, r.role, r.author_id) for r in history] == [
        ("Hanna <hanna@kommun.se>", "handlaggare", "id:sub-Hanna"),
        ("Hanna <hanna@kommun.se>", "handlaggare", "id:sub-Hanna"),
        ("Hanna <hanna@kommun.se>", "handlaggare", "id:sub-Hanna"),
        ("Gustav <gustav@kommun.se>", "granskare", "id:sub-Gustav"),
        ("Bea <bea@kommun.se>", "beslutsfattare", "id:sub-Bea")]
    assert [r.status for r in register.status_records(stored.id)] == [
        CaseStatus.assessed, CaseStatus.reviewed, CaseStatus.decided]


@pytest.mark.parametrize(("who", "action"), [
    (LISA, "save"), (LISA, "create"), (HANNA, "review"), (GUSTAV, "decide"), (HANNA, "decide"),
    (OLLE, "open"), (ADMIN, "open"), (None, "open"), (BEA, "create"),
])
def test_an_action_outside_the_persons_roles_is_refused_and_nothing_changes(
        register: CaseRegister, engine: Engine, who: Identity | None, action: str) -> None:
    case = Case(title="Läxhjälp")
    stored = desk(register, HANNA).create_case(case)
    if action in ("review", "decide"):
        stored = desk(register, HANNA).change_status(stored.id, CaseStatus.assessed, stored.revision,
                                                     snapshot=snapshot(engine, case))
    before = len(register.history(stored.id))
    acting = desk(register, who)
    decision = Decision(decision="iop", body="Nämnden", date=dt.date(2026, 3, 1), paragraph="§ 1",
                        recommendation="iop")
    attempts = {
        "save": lambda: acting.save_case(stored.id, case, stored.revision),
        "create": lambda: acting.create_case(case),
        "review": lambda: acting.change_status(stored.id, CaseStatus.reviewed, stored.revision),
        "decide": lambda: acting.change_status(stored.id, CaseStatus.decided, stored.revision, decision=decision),
        "open": lambda: acting.open_case(stored.id),
    }
    with pytest.raises(AccessDenied):
        attempts[action]()
    assert len(register.history(stored.id)) == before
    assert len(register.list_cases()) == 1


def test_a_denied_attempt_is_logged_without_leaking_the_case(register: CaseRegister) -> None:
    stored = desk(register, HANNA).create_case(Case(title=SECRET_TITLE, diarienummer="SN 2026/99"))
    with pytest.raises(AccessDenied) as refused:
        desk(register, OLLE).open_case(stored.id)
    assert SECRET_TITLE not in str(refused.value) and "SN 2026/99" not in str(refused.value)
    [denied] = [e for e in AuditLog(register.engine).events() if not e.allowed]
    assert denied.actor == "Olle <olle@kommun.se>" and denied.actor_id == "id:sub-Olle"
    assert denied.kind is AuditKind.opened and denied.case_id == stored.id and denied.role == ""
    assert denied.detail == "nekad: läsa ärenden"
    with register.engine.connect() as conn:  # nothing of the case in any column of the log
        rows = conn.execute(text("SELECT * FROM audit_events")).all()
    dumped = json.dumps([list(map(str, row)) for row in rows], ensure_ascii=False)
    assert "Hemliga" not in dumped and "2026/99" not in dumped


def test_the_log_says_who_opened_exported_and_changed_which_case_and_when(register: CaseRegister) -> None:
    stored = desk(register, HANNA).create_case(Case(title="Läxhjälp"))
    desk(register, LISA).open_case(stored.id)
    desk(register, LISA).exported(stored.id, "beslutsunderlag (Word)")
    desk(register, HANNA).save_case(stored.id, Case(title="Läxhjälp 2"), stored.revision)
    events = AuditLog(register.engine).events(case_id=stored.id)
    assert [(e.actor.split()[0], e.role, e.kind, e.detail) for e in reversed(events)] == [
        ("Hanna", "handlaggare", AuditKind.created, ""),
        ("Lisa", "lasare", AuditKind.opened, ""),
        ("Lisa", "lasare", AuditKind.exported, "beslutsunderlag (Word)"),
        ("Hanna", "handlaggare", AuditKind.changed, "version 2")]
    assert all(e.allowed and e.at.tzinfo is not None for e in events)


def test_the_log_is_thinned_after_the_retention_period(register: CaseRegister) -> None:
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]
    log = AuditLog(register.engine, retention_days=30, clock=lambda: now[0])
    log.record(actor="Anna", kind=AuditKind.opened, case_id="a")
    now[0] += dt.timedelta(days=20)
    log.record(actor="Bo", kind=AuditKind.opened, case_id="b")
    now[0] += dt.timedelta(days=15)
    assert log.prune() == 1
    assert [e.actor for e in log.events()] == ["Bo"]


def test_the_four_eyes_rule_refuses_the_assessor_deciding_alone(register: CaseRegister, engine: Engine) -> None:
    rule = AccessSettings(login=True, four_eyes=True)
    dana = person("Dana", Role.case_officer, Role.decision_maker)
    case = Case(title="Läxhjälp")
    stored = desk(register, dana, rule).create_case(case)
    stored = desk(register, dana, rule).change_status(stored.id, CaseStatus.assessed, stored.revision,
                                                      snapshot=snapshot(engine, case))
    decision = Decision(decision="bidrag", body="Nämnden", date=dt.date(2026, 3, 1), paragraph="§ 2",
                        recommendation="grant")
    assert "fyra ögon" in desk(register, dana, rule).decision_refusal(stored.id)  # said before the form
    with pytest.raises(AccessDenied, match="fyra ögon"):
        desk(register, dana, rule).change_status(stored.id, CaseStatus.decided, stored.revision, decision=decision)
    stored = desk(register, GUSTAV, rule).change_status(stored.id, CaseStatus.reviewed, stored.revision)
    assert desk(register, dana, rule).decision_refusal(stored.id) == ""
    decided = desk(register, dana, rule).change_status(stored.id, CaseStatus.decided, stored.revision,
                                                       decision=decision)
    assert decided.status is CaseStatus.decided


def test_without_login_the_named_person_may_do_everything_and_is_recorded_by_name(register: CaseRegister,
                                                                                   engine: Engine) -> None:
    from iop.records.access import local_identity

    anna = local_identity("Anna Andersson")
    case = Case(title="Läxhjälp")
    stored = desk(register, anna, AccessSettings()).create_case(case)
    stored = desk(register, anna, AccessSettings()).change_status(stored.id, CaseStatus.assessed, stored.revision,
                                                                  snapshot=snapshot(engine, case))
    [_, assessed] = register.history(stored.id)
    assert assessed.author == "Anna Andersson" and assessed.author_id == "namn:anna andersson"
    assert assessed.role == "handlaggare"
    unnamed = desk(register, None, AccessSettings())
    assert unnamed.open_case(stored.id).id == stored.id  # reading needs no name at one's own machine
    with pytest.raises(AccessDenied, match="Skriv ditt namn"):  # writing does: the history records it
        unnamed.save_case(stored.id, case, stored.revision)
    opened = [e for e in AuditLog(register.engine).events() if e.kind is AuditKind.opened]
    assert opened[0].actor == "inget namn angivet"


def test_a_very_long_name_is_shortened_to_fit_the_register_not_refused(register: CaseRegister,
                                                                       engine: Engine) -> None:
    """A name typed without a limit (or a long name and e-mail from the provider) once made every save fail on
    PostgreSQL, whose author columns hold 200 characters, with a message that the register could not be reached."""
    from iop.records.access import local_identity

    typed = local_identity("Anna " + "Långnamnsson" * 30)
    twin = local_identity("Anna " + "Långnamnsson" * 30 + " den yngre")
    assert typed is not None and twin is not None
    case = Case(title="Läxhjälp")
    stored = desk(register, typed, AccessSettings()).create_case(case)
    stored = desk(register, typed, AccessSettings()).save_case(
        stored.id, case.model_copy(update={"diarienummer": "SN 1"}), stored.revision)
    stored = desk(register, twin, AccessSettings()).change_status(stored.id, CaseStatus.assessed, stored.revision,
                                                                  snapshot=snapshot(engine, case))
    signed = person("Bo " + "Beslutsfattarsson" * 20, Role.decision_maker)
    decision = Decision(decision="bidrag", body="Nämnden", date=dt.date(2026, 3, 1), paragraph="§ 2",
                        recommendation="grant")
    desk(register, signed, LOGIN).change_status(stored.id, CaseStatus.decided, stored.revision, decision=decision)
    history = register.history(stored.id)
    assert all(len(r.author) <= 200 and len(r.author_id) <= 200 for r in history)
    assert history[0].author.startswith("Anna Långnamnsson") and history[-1].author.startswith("Bo Beslut")
    assert history[0].author_id != history[-2].author_id  # two long names alike in their first 200 characters
    rule = AccessSettings(login=True, four_eyes=True)  # and the one who assessed is still known as the same person
    dana = person("Dana " + "Dubbelrollsson" * 20, Role.case_officer, Role.decision_maker)
    stored = desk(register, dana, rule).create_case(case)
    stored = desk(register, dana, rule).change_status(stored.id, CaseStatus.assessed, stored.revision,
                                                      snapshot=snapshot(engine, case))
    with pytest.raises(AccessDenied, match="fyra ögon"):
        desk(register, dana, rule).change_status(stored.id, CaseStatus.decided, stored.revision, decision=decision)


def test_refused_attempts_are_found_however_many_allowed_events_came_after(register: CaseRegister) -> None:
    """The audit page shows the newest 1 000 events; "only refused" must look among all, not among those 1 000."""
    log = AuditLog(register.engine)
    log.record(actor="Olle", kind=AuditKind.opened, case_id="c1", allowed=False, detail="nekad: läsa ärenden")
    for _ in range(30):
        log.record(actor="Lisa", kind=AuditKind.opened, case_id="c1")
    assert all(e.allowed for e in log.events(limit=20))
    [refused] = log.events(limit=20, allowed=False)
    assert refused.actor == "Olle"
    assert len(log.events(allowed=True)) == 30


def test_a_page_refused_before_the_register_is_logged_with_who_tried_or_that_nobody_was_named(
        register: CaseRegister) -> None:
    desk(register, OLLE).refused(AuditKind.listed, "abc123", "nekad: sidan Ärenden")
    desk(register, None).refused(AuditKind.page, None, "nekad: sidan Åtkomstlogg")
    desk(register, None, AccessSettings()).refused(AuditKind.page, None, "nekad: sidan Ärendet")
    events = list(reversed(AuditLog(register.engine).events()))
    assert [(e.actor, e.actor_id, e.kind, e.case_id, e.allowed, e.detail) for e in events] == [
        ("Olle <olle@kommun.se>", "id:sub-Olle", AuditKind.listed, "abc123", False, "nekad: sidan Ärenden"),
        ("ingen inloggad", "", AuditKind.page, None, False, "nekad: sidan Åtkomstlogg"),
        ("inget namn angivet", "", AuditKind.page, None, False, "nekad: sidan Ärendet")]
