"""iop.guide.said_above: sections below Rekommendation's box refer back to it only for what the box shows."""

from __future__ import annotations

from iop.engine import Engine, load_case, plain_leaning
from iop.guide import not_yet_below_box, plain_leaning_below_box, settle_below_box, warnings_below_box
from iop.guide.said_above import REMEDY_SEE_BOX, SEE_BOX_ANSWERED, SEE_BOX_OPEN, SEE_BOX_OPEN_MANY
from iop.model.case import Answer
from iop.rules import load_rulebook
from iop.words import blocking_questions
from tests.helpers import CASES

RULEBOOK = load_rulebook()


def _stopped():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    case = case.model_copy(update={"answers": {**case.answers, "general_interest": Answer(value="no")}})
    assessment = Engine(RULEBOOK).assess(case)
    assert assessment.leaning is not None
    return assessment


def test_the_plain_leaning_points_to_the_box_only_when_the_box_names_what_decides():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions, plain=True)[:3]
    below = plain_leaning_below_box(leaning, shown)
    assert SEE_BOX_ANSWERED in below and leaning.settle[0].plain_remedy not in below
    assert below.endswith("Det här är en preliminär bedömning, inte ett besked.")
    assert plain_leaning_below_box(leaning, []) == plain_leaning(leaning)


def test_the_settle_list_leaves_out_only_what_the_box_lists():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions)[:3]
    lead, rest = settle_below_box(leaning, shown)
    assert {q.question for q in rest}.isdisjoint(b.question for b in shown)
    assert settle_below_box(leaning, []) == ("Det som avgör, viktigast först:", list(leaning.settle))


def test_the_reason_for_undecided_is_left_out_only_when_a_shown_text_quotes_it():
    leaning = _stopped().leaning
    because = leaning.not_yet.split("eftersom: ", 1)[1]
    short = not_yet_below_box(leaning, [f"Avgörande regel: L3 i … {because}"])
    assert because not in short and short.startswith("Detta är en preliminär bedömning")
    assert not_yet_below_box(leaning, ["Källa: något annat"]) == leaning.not_yet


def test_a_warning_keeps_its_statute_and_source_and_refers_to_the_box_for_the_remedy():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions)[:3]
    remedy = leaning.settle[0].remedy
    item = f"Bidraget strider mot kommunallagen. Vad som kan göras: {remedy} (Källa: KL)"
    other = "Kontrollera statsstödsreglerna. (Källa: FEUF)"
    assert warnings_below_box([item, other], leaning, shown) == [
        f"Bidraget strider mot kommunallagen. {REMEDY_SEE_BOX} (Källa: KL)", other]
    assert warnings_below_box([item, other], leaning, []) == [item, other]
    # An organisation's warning that is nothing but the box's sentence is left out.
    assert warnings_below_box([leaning.settle[0].plain_remedy, other], leaning, shown) == [other]


def test_the_plain_leaning_points_to_the_open_questions_in_the_box_in_singular_or_plural():
    case = load_case(CASES / "nattvandring-oklart-avtal.yaml", RULEBOOK)
    assessment = Engine(RULEBOOK).assess(case)
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions, plain=True)[:3]
    assert len(shown) > 1 and not leaning.settle[0].answer
    assert SEE_BOX_OPEN_MANY in plain_leaning_below_box(leaning, shown)
    assert SEE_BOX_OPEN in plain_leaning_below_box(leaning, shown[:1])
    assert leaning.settle[0].plain.rstrip("?").lower() not in plain_leaning_below_box(leaning, shown).lower()


def test_a_leaning_stored_before_the_reason_was_kept_apart_is_shown_whole():
    # Records frozen before Leaning.undecided_because existed load with it empty; nothing is taken apart.
    leaning = _stopped().leaning
    stored = leaning.model_dump(mode="json")
    del stored["undecided_because"]
    old = type(leaning).model_validate(stored)
    assert old.undecided_because == ""
    assert not_yet_below_box(old, [leaning.undecided_because]) == old.not_yet
    assert not_yet_below_box(leaning, [leaning.undecided_because]) != leaning.not_yet
