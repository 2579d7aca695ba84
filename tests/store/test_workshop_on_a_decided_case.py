"""A workshop that could conclude into a decided case is refused at its start; a copy takes the conclusions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iop.engine.evaluation import Engine as AssessmentEngine
from iop.records.record import AssessmentSnapshot, CaseStatus, Decision
from iop.rules.rulebook import load_rulebook
from iop.store.records import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop.export import summary_markdown
from iop.workshop.live import Phase, WorkshopError
from iop.workshop.statements import statements_from_case
from tests.helpers import make_case
from tests.workshop_fixtures import save_case, sqlite_register

BOOK = load_rulebook()


def test_a_decided_case_cannot_start_a_workshop_that_concludes_into_it_but_a_copy_can(tmp_path: Path):
    engine = sqlite_register(tmp_path)
    store, register = WorkshopStore(engine), CaseRegister(engine)
    case = make_case()
    case_id = save_case(engine, case)
    assessment = AssessmentEngine(BOOK).assess(case)
    assessed = register.change_status(case_id, CaseStatus.assessed, 1, "Anna",
                                      snapshot=AssessmentSnapshot.of(assessment))
    register.change_status(case_id, CaseStatus.decided, assessed.revision, "Anna", decision=Decision(
        decision="avslag", body="KS", date=dt.date(2026, 1, 2), paragraph="§ 1",
        recommendation=assessment.recommendation, deviation_reason="Budgeten räcker inte."))
    with pytest.raises(WorkshopError, match="beslutat: en workshop kan inte föra in"):
        store.create("W", statements_from_case(case, BOOK), case_id=case_id)
    assert store.ongoing() == []
    unrecorded, _ = store.create("W", statements_from_case(case, BOOK))  # from the case, into no case
    assert unrecorded.case_id is None
    copy_id = store.copy_for_workshop(case_id, "Anna")
    assert store.case_status(copy_id) is CaseStatus.draft
    workshop, _ = store.create("W", statements_from_case(case, BOOK), case_id=copy_id)
    statement = workshop.statements[0]
    store.set_active(workshop.id, statement.id)
    store.move(workshop.id, statement.id, Phase.revealed)
    store.record_conclusion(workshop.id, statement.id, {statement.question_ids[0]: "organisation"}, "Idén är deras.",
                            author="Anna")
    assert register.load_case(copy_id).case.answers[statement.question_ids[0]].value == "organisation"
    assert register.load_case(case_id).status is CaseStatus.decided
    engine.dispose()


def test_the_summary_shows_the_chosen_answer_the_spread_and_the_motivering(tmp_path: Path):
    engine = sqlite_register(tmp_path)
    store = WorkshopStore(engine)
    case = make_case()
    case_id = save_case(engine, case)
    workshop, _ = store.create("W", statements_from_case(case, BOOK), case_id=case_id)
    statement = workshop.statements[0]
    store.set_active(workshop.id, statement.id)
    for value in (1, 3, 5, 5):
        store.submit(store.join(workshop.id).token, statement.id, value)
    store.move(workshop.id, statement.id, Phase.revealed)
    qid = statement.question_ids[0]
    store.record_conclusion(workshop.id, statement.id, {qid: "organisation"}, "Idén växte fram i föreningen.",
                            author="Anna")
    text = summary_markdown(workshop, store.revealed_answers(workshop.id), store.participant_count(workshop.id),
                            store.conclusions(workshop.id), case.title, BOOK.questions)
    question = BOOK.questions.questions[qid]
    assert question.text in text and question.options["organisation"] in text  # the answer chosen, in words
    assert "Spridning: 1,7 steg, från 1 till 5" in text
    assert "Gruppens motivering: Idén växte fram i föreningen." in text
    assert "Ingen slutsats förd in i ärendet." in text  # the other statements say so
    engine.dispose()
