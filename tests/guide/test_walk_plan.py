"""The guided walk asks only what can still change the outcome, and still reaches the right verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.engine import Engine, compile_rulebook, load_case
from iop.guide.walk import MORE_STEP_ID, given_on_case, plan_for, play_walk, walk_steps
from iop.model import Case, ReferenceCase
from iop.rules import load_rulebook
from tests.helpers import CASES

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)
REFERENCE = [(path, set_id) for path in sorted(CASES.glob("*.yaml"))
             for set_id in load_case(path, RULEBOOK).expected]


def _load(path: Path) -> ReferenceCase:
    return load_case(path, RULEBOOK)


@pytest.mark.parametrize(("path", "set_id"), REFERENCE, ids=[f"{p.stem}-{s}" for p, s in REFERENCE])
def test_walk_answered_in_order_reaches_the_expected_verdict_with_fewer_questions(path: Path, set_id: str):
    case = _load(path)
    run = play_walk(ENGINE, case, set_id)
    result = ENGINE.assess(run.case, set_id)
    expected = case.expected[set_id]
    assert (result.recommendation, result.form) == (expected.recommendation, expected.form)
    today = len(RULEBOOK.relevant_questions(set_id))
    assert len(run.asked) < today
    assert len(set(run.screens)) <= len(walk_steps(compile_rulebook(RULEBOOK), set_id))
    assert len(set(run.asked)) == len(run.asked), "a question was asked twice"


def test_walk_starts_with_the_contract_question_that_alone_can_make_it_a_purchase():
    plan = plan_for(ENGINE, Case(title="Tomt"), "forum-2015")
    assert plan.first_step() == "gate:contract"
    assert "sanctions" in plan.pending
    assert "initiative" not in plan.pending, "no criterion matters while the legal layer says 'unclear'"


def test_route_questions_are_not_asked_when_nothing_points_to_procurement():
    case = _load(CASES / "ungdomsbussen.yaml")
    run = play_walk(ENGINE, case, "forum-2015")
    route = {q for q, question in RULEBOOK.questions.questions.items() if question.group == "procurement_route"}
    assert route.isdisjoint(run.asked)
    plan = plan_for(ENGINE, run.case, "forum-2015")
    given = given_on_case(compile_rulebook(RULEBOOK), run.case)  # answered by the facts on Ärendet: asked nowhere
    assert (route & set(RULEBOOK.relevant_questions("forum-2015"))) - given <= set(plan.more)


def test_exceptional_reasons_are_not_asked_after_no_business_support():
    case = _load(CASES / "ungdomsbussen.yaml")
    assert case.answers["business_support"].value == "no"
    run = play_walk(ENGINE, case, "forum-2015")
    assert "business_support" in run.asked
    assert "exceptional_reasons" not in run.asked


def test_every_relevant_question_is_either_in_a_step_or_under_more():
    case = _load(CASES / "motesplats-aldre-oppna-fragor.yaml")
    plan = plan_for(ENGINE, case, "forum-2015")
    shown = [q for step in plan.steps for q in step.questions]
    assert sorted(shown + list(plan.more)) == sorted(RULEBOOK.relevant_questions("forum-2015"))
    assert MORE_STEP_ID not in plan.step_ids()


def test_next_step_wraps_to_an_earlier_step_that_has_a_question_to_ask():
    plan = plan_for(ENGINE, Case(title="Tomt"), "forum-2015")
    last = plan.step_ids()[-1]
    assert plan.next_step(last) == plan.first_step()


def test_an_answered_question_stays_in_its_step_to_be_reviewed():
    case = Case(title="T", answers={"sanctions": "no", "business_support": "no"})  # type: ignore[arg-type]
    plan = plan_for(ENGINE, case, "forum-2015")
    shown = {q for step in plan.steps for q in step.questions}
    assert {"sanctions", "business_support"} <= shown
    assert "sanctions" not in plan.pending
