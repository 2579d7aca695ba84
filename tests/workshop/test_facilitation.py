"""The facilitator's rules without a page: the buttons each statement offers, starting on a case, the conclusion."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.model.case import Answer
from iop.model.questions import DONT_KNOW
from iop.records.record import CaseStatus
from iop.rules.rulebook import load_rulebook
from iop.words.swedish import DONT_KNOW_LABEL
from iop.workshop.facilitation import (
    Step,
    chosen_at_first,
    conclusion_due,
    conclusion_fields,
    controls,
    from_case,
    recorded,
    recorded_note,
    statement_labels,
    takes_conclusions,
)
from iop.workshop.live import ALLOWED_MOVES, Conclusion, Phase, Workshop, check_move
from iop.workshop.statements import Statement, statements_from_case
from tests.helpers import make_case

BOOK = load_rulebook()
CREATED = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


def _workshop(*phases: Phase, active: str | None = None, case_id: str | None = None,
              statements: tuple[Statement, ...] | None = None) -> Workshop:
    statements = statements or tuple(Statement(id=f"p{i}", text=f"Påstående {i}") for i in range(1, len(phases) + 1))
    return Workshop(id=3, number=3, code="ACDEFG", title="Träff", created_at=CREATED,
                    expires_at=CREATED + dt.timedelta(days=1), statements=statements, case_id=case_id,
                    phases={s.id: p for s, p in zip(statements, phases, strict=True)}, active=active)


def _offered(workshop: Workshop, chosen: str) -> list[tuple[Step, str, Phase | None]]:
    return [(c.step, c.statement_id, c.target) for c in controls(workshop, chosen)]


def test_before_the_first_statement_the_list_starts_on_it_and_offers_to_show_it():
    workshop = _workshop(Phase.waiting, Phase.waiting)
    assert chosen_at_first(workshop) == "p1"
    [show] = controls(workshop, "p1")
    assert (show.step, show.label, show.statement_id, show.target, show.primary) == (
        Step.activate, "Visa det här påståendet", "p1", None, True)
    assert show.failure == "Påståendet kunde inte visas"


def test_a_statement_other_than_the_one_shown_offers_only_to_show_it():
    workshop = _workshop(Phase.revealed, Phase.open, Phase.waiting, active="p2")
    assert chosen_at_first(workshop) == "p2"
    assert _offered(workshop, "p1") == [(Step.activate, "p1", None)]
    assert _offered(workshop, "p3") == [(Step.activate, "p3", None)]


def test_an_open_statement_closes_reveals_and_leads_to_the_next():
    workshop = _workshop(Phase.open, Phase.waiting, active="p1")
    assert _offered(workshop, "p1") == [(Step.close, "p1", Phase.closed), (Step.reveal, "p1", Phase.revealed),
                                        (Step.next, "p2", None)]
    labels = [c.label for c in controls(workshop, "p1")]
    assert labels == ["Stäng svaren", "Stäng och visa resultatet", "Nästa påstående"]
    assert [c.primary for c in controls(workshop, "p1")] == [False, True, False]


def test_a_closed_statement_opens_again_until_its_result_is_shown():
    workshop = _workshop(Phase.closed, Phase.waiting, active="p1")
    assert _offered(workshop, "p1") == [(Step.reopen, "p1", Phase.open), (Step.reveal, "p1", Phase.revealed),
                                        (Step.next, "p2", None)]
    revealed = _workshop(Phase.revealed, Phase.waiting, active="p1")
    assert _offered(revealed, "p1") == [(Step.next, "p2", None)]


def test_the_last_statement_offers_no_next():
    workshop = _workshop(Phase.revealed, Phase.revealed, active="p2")
    assert controls(workshop, "p2") == []
    assert [c.step for c in controls(_workshop(Phase.revealed, Phase.open, active="p2"), "p2")] == [
        Step.close, Step.reveal]


@pytest.mark.parametrize("phase", list(Phase))
def test_every_move_a_button_offers_is_one_the_store_allows(phase: Phase):
    workshop = _workshop(phase, Phase.waiting, active="p1")
    moves = {c.target for c in controls(workshop, "p1") if c.target is not None}
    assert moves <= ALLOWED_MOVES[phase]
    for target in moves:
        check_move(phase, target)  # raises if the store would refuse it


def test_a_statement_not_in_the_workshop_offers_nothing():
    with pytest.raises(ValueError):
        controls(_workshop(Phase.open, active="p1"), "p9")


def test_the_list_names_each_statement_with_its_number_cut_text_and_phase():
    long = Statement(id="p1", text="Ett " + "mycket " * 30 + "långt påstående")
    workshop = _workshop(Phase.closed, Phase.waiting, statements=(long, Statement(id="p2", text="Kort")))
    labels = statement_labels(workshop)
    assert list(labels) == ["p1", "p2"]
    assert labels["p1"] == f"1. {long.text[:80]} (stängt, resultatet dolt)"
    assert labels["p2"] == "2. Kort (inte öppnat)"


def test_only_a_draft_takes_a_workshops_conclusions():
    assert [s for s in CaseStatus if takes_conclusions(s)] == [CaseStatus.draft]


def test_a_workshop_on_a_case_is_named_after_it_and_asks_about_its_criteria():
    case = make_case().model_copy(update={"title": "Ungdomsbussen"})
    title, statements = from_case(case, BOOK)
    assert title == "Workshop om Ungdomsbussen"
    assert statements == statements_from_case(case, BOOK)


def _case_workshop(phase: Phase, case_id: str | None = "c1") -> tuple[Workshop, Statement]:
    case = make_case(initiative="vet_ej")
    statements = tuple(statements_from_case(case, BOOK))
    first = statements[0]
    phases = [phase] + [Phase.waiting] * (len(statements) - 1)
    return _workshop(*phases, active=first.id, case_id=case_id, statements=statements), first


def test_a_conclusion_is_due_on_the_shown_revealed_criterion_of_a_case_workshop_only():
    workshop, first = _case_workshop(Phase.revealed)
    assert conclusion_due(workshop) == first
    assert conclusion_due(_case_workshop(Phase.open)[0]) is None  # not yet revealed
    assert conclusion_due(_case_workshop(Phase.revealed, case_id=None)[0]) is None  # records into no case
    assert conclusion_due(workshop.model_copy(update={"active": None})) is None
    free = _workshop(Phase.revealed, active="p1", case_id="c1")  # a typed statement belongs to no criterion
    assert conclusion_due(free) is None


def _conclusion(statement: Statement, answers: dict[str, str], reasoning: str = "Så tycker vi") -> Conclusion:
    return Conclusion(statement_id=statement.id, criterion_id=statement.criterion_id or "", answers=answers,
                      reasoning=reasoning, participants=9, recorded_at=CREATED)


def test_the_conclusion_starts_from_the_case_answer_and_else_from_vet_ej():
    case = make_case(initiative="vet_ej")
    _, first = _case_workshop(Phase.revealed)
    fields = conclusion_fields(first, BOOK.questions, case, None)
    assert [f.question_id for f in fields] == list(first.question_ids)
    for field in fields:
        question = BOOK.questions.questions[field.question_id]
        assert field.text == question.text
        assert field.options == (*question.options, DONT_KNOW)
        assert field.labels == {**question.options, DONT_KNOW: DONT_KNOW_LABEL}
        given = case.answers.get(field.question_id)
        expected = given.value if given is not None and given.value in field.options else DONT_KNOW
        assert field.default == expected
        assert field.options[field.default_index] == field.default
    assert {f.question_id: f.default for f in fields}["initiative"] == DONT_KNOW


def test_a_recorded_conclusion_wins_over_the_case_and_an_unknown_option_falls_back_to_vet_ej():
    case = make_case()
    _, first = _case_workshop(Phase.revealed)
    qid = first.question_ids[0]
    option = next(o for o in BOOK.questions.questions[qid].options if o != case.answers[qid].value)
    done = _conclusion(first, {qid: option})
    assert {f.question_id: f.default for f in conclusion_fields(first, BOOK.questions, case, done)}[qid] == option
    odd = case.model_copy(update={"answers": {**case.answers, qid: Answer(value="inte_ett_alternativ")}})
    [field] = [f for f in conclusion_fields(first, BOOK.questions, odd, None) if f.question_id == qid]
    assert field.default == DONT_KNOW and field.default_index == len(field.options) - 1


def test_the_latest_conclusion_of_a_statement_is_found_and_said_with_its_time_and_room():
    _, first = _case_workshop(Phase.revealed)
    older, newer = _conclusion(first, {}, "Först"), _conclusion(first, {}, "Sedan")
    assert recorded([older, newer], first.id) == newer
    assert recorded([older], "annat") is None
    note = recorded_note(newer)
    assert note.startswith("Slutsatsen är införd i ärendet 2026-03-04 10:00 med 9 deltagare.")
    assert note.endswith("Du kan föra in en ny om gruppen ändrar sig.")
