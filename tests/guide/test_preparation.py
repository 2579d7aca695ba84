import pytest

from iop.engine.evaluation import Engine
from iop.guide.preparation import NEEDS_WORK, preparation_list
from iop.model.questions import Question
from iop.rules.rulebook import Rulebook
from iop.words.plain_language import has_legal_reference
from tests.helpers import make_case

IOP_FORM = {"support_form": "signed_agreement", "own_activity": "formulated_together",
            "municipal_role": "joint_steering", "time_frame": "developed_together"}
"""How the money is given and who steers, answered as in an IOP (make_case leaves them open)."""


def test_a_case_that_meets_everything_still_lists_programme_and_budget(engine: Engine, rulebook: Rulebook):
    case = make_case(**IOP_FORM)
    points = preparation_list(engine.assess(case, "forum-2015"), rulebook, case=case)
    assert any("överenskommelse" in p for p in points)
    assert any("budget" in p for p in points)
    assert not any(p.startswith(NEEDS_WORK) for p in points)


def test_unanswered_and_unmet_points_come_first_and_are_marked(engine: Engine, rulebook: Rulebook):
    case = make_case(political_programme="vet_ej", co_financing="public_only", **IOP_FORM)
    points = preparation_list(engine.assess(case, "forum-2015"), rulebook, case=case)
    marked = [p for p in points if p.startswith(NEEDS_WORK)]
    assert len(marked) == 2
    assert points[1:3] == marked
    assert any("budget" in p for p in marked) and any("överenskommelse" in p for p in marked)


# --- The grant-or-IOP questions (issue 22): what each answer asks for, and what is still open -------------

GRANT_FORM = ("support_form", "own_activity", "municipal_role", "time_frame")


def _when(rulebook: Rulebook, question: str, option: str) -> str:
    return rulebook.questions.questions[question].prepare_when[option]


def test_a_grant_by_decision_lists_the_application_and_the_report_not_an_agreement(engine: Engine,
                                                                                    rulebook: Rulebook):
    case = make_case(support_form="decision_on_application", own_activity="own_ongoing",
                     municipal_role="report_only", time_frame="yearly", joint_governance="no", joint_follow_up="no")
    points = preparation_list(engine.assess(case, "forum-2015"), rulebook, case=case)
    for question, option in (("support_form", "decision_on_application"), ("own_activity", "own_ongoing"),
                             ("municipal_role", "report_only"), ("time_frame", "yearly")):
        assert _when(rulebook, question, option) in points, question
    assert _when(rulebook, "support_form", "signed_agreement") not in points
    # The generic questions ("decide whether ...") are settled by the answers and are not asked again.
    for question in GRANT_FORM:
        assert not any(rulebook.questions.questions[question].prepare in p for p in points), question


def test_an_iop_lists_the_draft_agreement_and_joint_steering_once(engine: Engine, rulebook: Rulebook):
    case = make_case(**IOP_FORM)
    points = preparation_list(engine.assess(case, "skl-2017"), rulebook, case=case)
    assert _when(rulebook, "support_form", "signed_agreement") in points
    assert _when(rulebook, "time_frame", "developed_together") in points
    steering = _when(rulebook, "municipal_role", "joint_steering")
    assert points.count(steering) == 1  # the same point as the criterion of joint governance, said once
    assert len(points) == len(set(points))


def test_an_open_grant_form_question_that_can_change_the_outcome_needs_work(engine: Engine, rulebook: Rulebook):
    case = make_case(joint_governance="vet_ej", joint_follow_up="vet_ej")
    assessment = engine.assess(case, "forum-2015")
    open_ids = {q.question for q in assessment.open_questions if q.decisive or q.decides_with}
    assert "municipal_role" in open_ids
    points = preparation_list(assessment, rulebook, case=case)
    assert NEEDS_WORK + rulebook.questions.questions["municipal_role"].prepare in points  # type: ignore[operator]
    # One that cannot change the outcome is not listed.
    for question in set(GRANT_FORM) - open_ids:
        assert not any(rulebook.questions.questions[question].prepare in p for p in points), question


def test_an_answer_that_leaves_the_point_open_needs_work(engine: Engine, rulebook: Rulebook):
    for option in ("not_decided", "agreement_with_deliverables"):
        case = make_case(support_form=option)
        points = preparation_list(engine.assess(case, "forum-2015"), rulebook, case=case)
        assert NEEDS_WORK + rulebook.questions.questions["support_form"].prepare in points, option  # type: ignore[operator]


def test_a_grant_that_fits_another_of_the_municipalitys_grants_says_apply_for_it(engine: Engine, rulebook: Rulebook):
    case = make_case(normed_grant_fit="other_grant")
    points = preparation_list(engine.assess(case, "kristianstad-2016"), rulebook, case=case)
    assert _when(rulebook, "normed_grant_fit", "other_grant") in points
    assert rulebook.questions.questions["normed_grant_fit"].prepare not in points


def test_every_grant_form_answer_but_the_open_ones_says_what_to_prepare_in_plain_words(rulebook: Rulebook):
    for question in GRANT_FORM:
        q = rulebook.questions.questions[question]
        assert q.prepare, question
        leaves_open = {"not_decided", "agreement_with_deliverables"} if question == "support_form" else set()
        assert set(q.prepare_when) == set(q.options) - leaves_open, question
        for text in (q.prepare, *q.prepare_when.values()):
            assert not has_legal_reference(text), (question, text)


def test_a_preparation_text_for_an_answer_the_question_lacks_is_refused():
    with pytest.raises(ValueError, match="prepare_when nämner svar som frågan inte har: maybe"):
        Question(id="q", group="grant_form", text="t", plain="p", help="h", options={"a": "A", "b": "B"},
                 prepare_when={"maybe": "x"})
