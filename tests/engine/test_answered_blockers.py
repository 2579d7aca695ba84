"""An undecided case names what actually blocks it, also when that is an answered question.

The tester's case: Ungdomsbussen with "allmänt intresse / anknytning till
kommunen" answered Nej. Gate 2 says the grant is unlawful, so the case is
undecided whatever the open questions say; naming open questions as "what
decides" (while the same page calls them ones that do not change the
recommendation) sends the reader to the wrong place.
"""

from __future__ import annotations

from itertools import product

import pytest

from iop.documents import build_outline, plain_wording
from iop.documents.text_report import to_markdown
from iop.engine import Engine, load_case
from iop.guide import preparation_list
from iop.model import Case
from iop.model.assessment_record import Assessment
from iop.model.case import Answer
from iop.rules import load_rulebook
from iop.words import PLAIN, voice
from tests.helpers import CASES

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)
QUESTIONS = RULEBOOK.questions.questions
BLOCKER = "general_interest"


def with_answer(case: Case, qid: str, option: str) -> Case:
    return case.model_copy(update={"answers": {**case.answers, qid: Answer(value=option)}})


def stopped_case() -> Case:
    return with_answer(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), BLOCKER, "no")


def not_changing(assessment: Assessment) -> set[str]:
    """The open questions the open-questions section lists as not changing the recommendation."""
    return {q.question for q in assessment.open_questions if not q.decisive and not q.decides_with}


def test_the_answered_gate_question_is_what_settles_the_stopped_case_first():
    assessment = ENGINE.assess(stopped_case())
    assert assessment.recommendation == "undecided"
    assert assessment.leaning is not None
    first = assessment.leaning.settle[0]
    assert first.question == BLOCKER
    assert first.answer == QUESTIONS[BLOCKER].options["no"]
    assert first.remedy and first.plain_remedy


def test_the_stopped_case_lists_no_settling_question_it_also_calls_not_changing():
    assessment = ENGINE.assess(stopped_case())
    assert assessment.leaning is not None
    assert not_changing(assessment), "the case must have open questions that change nothing, or this proves nothing"
    assert not {q.question for q in assessment.leaning.settle} & not_changing(assessment)


@pytest.mark.parametrize("plain", [False, True])
def test_the_blocker_named_first_is_the_answered_question_with_what_can_be_done(plain: bool):
    assessment = ENGINE.assess(stopped_case())
    blockers = voice(plain).blockers(assessment, RULEBOOK.questions)
    assert blockers and blockers[0].question == BLOCKER
    assert blockers[0].answered
    settle = assessment.leaning.settle[0] if assessment.leaning else None
    assert settle is not None
    assert (settle.plain_remedy if plain else settle.remedy) in blockers[0].find_out
    # Another answer to it decides the case: the reader is told which.
    assert any(o.endswith("IOP") for o in blockers[0].outcomes)


def test_organisation_preparation_list_starts_with_the_blocker_and_its_fix():
    assessment = ENGINE.assess(stopped_case())
    points = preparation_list(assessment, RULEBOOK, blockers=PLAIN.blockers(assessment, RULEBOOK.questions))
    assert QUESTIONS[BLOCKER].plain in points[0]
    assert "begränsa stödet" in points[0]


def test_plain_leaning_names_the_blocker_and_the_answer_given():
    assessment = ENGINE.assess(stopped_case())
    assert assessment.leaning is not None
    text = PLAIN.leaning(assessment.leaning)
    main = text.split("Det som avgör är främst: ")[1]
    assert main.lower().startswith(QUESTIONS[BLOCKER].plain.lower()[:30])
    assert "Ni har svarat Nej" in text


@pytest.mark.parametrize("plain", [False, True])
def test_the_markdown_export_names_the_blocker_first_in_what_decides(plain: bool):
    assessment = ENGINE.assess(stopped_case())
    wording = plain_wording(RULEBOOK, assessment.criteria_set.id) if plain else None
    markdown = to_markdown(build_outline(assessment, wording) if wording else build_outline(assessment))
    lead = "Det som avgör, viktigast först:" if plain else "Det som avgör ärendet, viktigast först:"
    listed = markdown.split(lead)[1].strip().split("\n\n")[0]
    first = listed.splitlines()[0]
    assert (QUESTIONS[BLOCKER].plain if plain else QUESTIONS[BLOCKER].text.split()[0]) in first
    for qid in not_changing(assessment):
        assert QUESTIONS[qid].text not in listed and QUESTIONS[qid].plain not in listed


@pytest.mark.parametrize("plain", [False, True])
def test_the_spectrum_verdict_says_a_gate_stops_the_case_and_why(plain: bool):
    verdict = voice(plain).spectrum_verdict(ENGINE.assess(stopped_case()))
    assert verdict.outcome is None
    assert "Stoppas" in verdict.label
    assert "stoppar ärendet" in verdict.explanation
    assert (QUESTIONS[BLOCKER].plain.lower()[:30] if plain else "grind") in verdict.explanation.lower()


def _reference_variants() -> list[tuple[str, str, str]]:
    """Every reference case in every set, as filed and with the gate question answered Nej."""
    return [(path.name, set_id, variant) for path, set_id, variant in
            product(sorted(CASES.glob("*.yaml")), sorted(RULEBOOK.sets), ("as_filed", "general_interest_no"))]


@pytest.mark.parametrize(("file", "set_id", "variant"), _reference_variants())
def test_undecided_reference_cases_name_only_blockers_that_change_the_result(file: str, set_id: str, variant: str):
    case = load_case(CASES / file, RULEBOOK)
    if variant == "general_interest_no":
        case = with_answer(case, BLOCKER, "no")
    assessment = ENGINE.assess(case, set_id)
    if assessment.recommendation != "undecided":
        return
    assert assessment.leaning is not None
    settle = {q.question for q in assessment.leaning.settle}
    assert not settle & not_changing(assessment)
    for plain in (False, True):
        for blocker in voice(plain).blockers(assessment, RULEBOOK.questions):
            open_question = next((q for q in assessment.open_questions if q.question == blocker.question), None)
            if open_question is not None and open_question.decides_with:
                continue  # decides only with another answer; the pair search has shown that
            others = [o for o in QUESTIONS[blocker.question].options if o != case.answers.get(
                blocker.question, Answer()).option]
            assert any(ENGINE.assess(with_answer(case, blocker.question, o), set_id).recommendation != "undecided"
                       for o in others), blocker.question
