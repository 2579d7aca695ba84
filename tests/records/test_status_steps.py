"""Which status step a person is offered (iop.records.status_offer), and the decision form read into a Decision
(iop.records.read_decision): every problem at once, in Swedish, and nothing half-registered."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.records import (
    FORM_OPTIONS,
    REVIEWED_NOTE,
    AccessSettings,
    Action,
    AssessmentSnapshot,
    CaseStatus,
    Decision,
    Identity,
    Panel,
    Role,
    StatusRecord,
    assessed_anyway_note,
    decision_line,
    decision_start,
    may,
    read_decision,
    status_note,
    status_note_addition,
    status_offer,
)

LOGIN = AccessSettings(login=True)
DAY = dt.date(2026, 3, 2)


def allowed(*roles: Role):  # noqa: ANN201  (a predicate over actions)
    who = Identity(name="N", verified=True, roles=frozenset(roles))
    return lambda action: may(who, action, LOGIN)


@pytest.mark.parametrize(("status", "roles", "panel", "review", "give_back"), [
    (CaseStatus.draft, (Role.case_officer,), Panel.assess, False, False),
    (CaseStatus.draft, (Role.reader,), Panel.waiting, False, False),
    (CaseStatus.draft, (Role.reviewer, Role.decision_maker), Panel.waiting, False, False),
    (CaseStatus.assessed, (Role.reviewer,), Panel.review, True, True),
    (CaseStatus.assessed, (Role.decision_maker,), Panel.decide, False, False),
    (CaseStatus.assessed, (Role.reviewer, Role.decision_maker), Panel.decide, True, False),
    (CaseStatus.assessed, (Role.case_officer,), Panel.waiting, False, False),
    (CaseStatus.reviewed, (Role.reviewer,), Panel.reviewed, False, True),
    (CaseStatus.reviewed, (Role.decision_maker,), Panel.decide, False, False),
    (CaseStatus.reviewed, (Role.reader,), Panel.waiting, False, False),
    (CaseStatus.decided, (Role.decision_maker,), Panel.decided, False, False),
    (CaseStatus.archived, (Role.case_officer,), Panel.archived, False, False),
])
def test_each_role_is_offered_only_its_own_step(status: CaseStatus, roles: tuple[Role, ...], panel: Panel,
                                                 review: bool, give_back: bool):
    offer = status_offer(status, allowed(*roles))
    assert (offer.panel, offer.may_review, offer.may_return) == (panel, review, give_back)


def test_without_login_the_person_at_the_machine_decides_and_may_review():
    every = lambda action: action is not Action.view_audit_log  # noqa: E731  (every role, as without login)
    assert status_offer(CaseStatus.assessed, every).panel is Panel.decide
    assert status_offer(CaseStatus.assessed, every).may_review


def read(**fields: object):  # noqa: ANN201
    form = {"kind": "bidrag", "body": "Socialnämnden", "day": DAY, "paragraph": "§ 45", "form": None,
            "amount": "350 000", "period_start": None, "period_end": None, "recommendation": "grant", "reason": ""}
    return read_decision(**{**form, **fields})  # type: ignore[arg-type]


def test_a_whole_form_is_a_decision():
    made = read(form="verksamhetsbidrag", period_start=dt.date(2026, 1, 1)).decision
    assert made == Decision(decision="bidrag", body="Socialnämnden", date=DAY, paragraph="§ 45",
                            recommendation="grant", form="verksamhetsbidrag", sek_per_year=350_000,
                            period_start=dt.date(2026, 1, 1))
    assert read(amount="").decision is not None and read(amount="").decision.sek_per_year is None  # type: ignore[union-attr]


def test_every_problem_is_said_at_once_and_nothing_is_registered():
    reading = read(kind=None, body=" ", paragraph="", amount="mycket", period_start=dt.date(2026, 6, 1),
                   period_end=dt.date(2026, 1, 1))
    assert reading.decision is None
    assert reading.problems[:3] == ("Välj vilket beslut som fattades.", "Ange beslutsorganet, t.ex. Socialnämnden.",
                                    "Ange paragrafen i protokollet, t.ex. § 45.")
    assert reading.problems[3].startswith("Belopp: ")
    assert reading.problems[4] == "Perioden slutar före den börjar; rätta datumen."


def test_a_form_that_does_not_fit_the_decision_is_named():
    assert read(kind="iop", form="lou", recommendation="iop").problems == (
        "Formen upphandling enligt LOU passar inte ett beslut om idéburet offentligt partnerskap (IOP); välj en annan form eller "
        "Ingen särskild form.",)


def test_a_decision_against_the_recommendation_needs_a_reason():
    assert read(kind="avslag").problems == ("Beslutet avviker från rekommendationen: skriv en motivering.",)
    made = read(kind="avslag", reason="Budgeten räcker inte.").decision
    assert made is not None and not made.follows_recommendation


def test_the_form_starts_from_the_latest_frozen_recommendation(engine):  # noqa: ANN001  (the conftest's engine)
    from tests.helpers import make_case

    snapshot = AssessmentSnapshot.of(engine.assess(make_case()))
    first = StatusRecord(status=CaseStatus.assessed, revision=2, author="A", created_at=dt.datetime.now(dt.UTC),
                         snapshot=snapshot)
    start = decision_start([first, StatusRecord(status=CaseStatus.reviewed, revision=3, author="B",
                                                created_at=dt.datetime.now(dt.UTC))])
    assert (start.recommendation, start.form) == (snapshot.recommendation, snapshot.form)
    assert FORM_OPTIONS[start.form_index] == (snapshot.form if snapshot.form in FORM_OPTIONS else None)
    assert decision_start([]).recommendation == "undecided" and decision_start([]).form_index == 0


def test_a_decision_in_one_line():
    made = read(form="verksamhetsbidrag").decision
    assert made is not None
    assert decision_line(made) == ("Beslut: Bidrag, verksamhetsbidrag, 350\u00a0000\u00a0kr per år, Socialnämnden "
                                   "2026-03-02 § 45; följer rekommendationen.")
    against = read(kind="avslag", reason="Budgeten.").decision
    assert against is not None and decision_line(against).endswith("; avviker från rekommendationen: Budgeten..")


def test_the_waiting_text_says_why_in_words_true_for_who_is_looking():
    from iop.records import Identity, Role, waiting_text

    nobody = waiting_text(CaseStatus.draft, None)
    assert "angett vem du är" in nobody and "roll" not in nobody.split(". ", 1)[1]
    no_role = waiting_text(CaseStatus.assessed, Identity(name="Olle", verified=True))
    assert "ingen roll som får ändra" in no_role and "rollen ingen" not in no_role
    reader = waiting_text(CaseStatus.reviewed, Identity(name="Lisa", roles=frozenset({Role.reader}), verified=True))
    assert reader.endswith("Du har rollen läsare: ärendet visas men kan inte ändras här.")


def test_a_status_note_is_written_from_its_parts_and_its_addition_read_back_beside_the_writer():
    assert status_note(CaseStatus.assessed) == "Status: Bedömd"
    assert status_note(CaseStatus.decided, "enligt nämndens beslut.") == "Status: Beslutad enligt nämndens beslut."
    assert status_note_addition(CaseStatus.decided, status_note(CaseStatus.decided)) == ""
    assert status_note_addition(CaseStatus.decided, "") == ""
    assert status_note_addition(CaseStatus.decided, status_note(CaseStatus.decided, "x y.")) == "x y."
    # A step's own note is its whole addition; so is a note that names another status.
    assert status_note_addition(CaseStatus.reviewed, REVIEWED_NOTE) == "Granskat"
    assert status_note_addition(CaseStatus.draft, "Status: Bedömd") == "Status: Bedömd"


def test_marking_assessed_with_points_open_writes_the_reason_and_what_was_open():
    note = assessed_anyway_note(" Nämnden beslutar nu. ", ["Statsstöd: inte utrett", "Obesvarad, men avgör: Vem?"])
    assert note == ("Status: Bedömd trots öppna punkter. Skäl: Nämnden beslutar nu. "
                    "Öppet då: Statsstöd: inte utrett; Obesvarad, men avgör: Vem?")
    assert status_note_addition(CaseStatus.assessed, note) == note.removeprefix("Status: Bedömd ")
    assert assessed_anyway_note("Skäl", ["Statsstöd: inte utrett"]).endswith("Öppet då: Statsstöd: inte utrett.")
