"""Answers as people write them by hand, and the fast paths that read the usual full shape.

``Case._hand_written_answers`` returns answers that already have the full
shape untouched and rebuilds the rest; ``Case.facts`` and ``answer_problems``
test values against ``NOT_ANSWERED`` instead of calling ``Answer.option``.
These tests pin that the fast paths read every form exactly as the slow ones.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iop.engine.case_import import answer_problems, case_from_text
from iop.engine.compiled import compile_rulebook
from iop.io.errors import InputError
from iop.model.case import NOT_ANSWERED, Answer, Case
from iop.model.questions import UNKNOWN
from iop.rules.rulebook import Rulebook


def _answers(text: str, rulebook: Rulebook) -> dict[str, Answer]:
    return case_from_text(f"title: x\nanswers:\n{text}", rulebook).answers


def test_short_form_after_full_answers_is_still_read_as_the_option(rulebook: Rulebook):
    answers = _answers("  sanctions: {value: 'no', reasoning: r}\n  long_duration: {value: 'yes'}\n"
                       "  initiative: organisation\n", rulebook)
    assert answers["initiative"] == Answer(value="organisation")
    assert answers["sanctions"] == Answer(value="no", reasoning="r")
    assert answers["long_duration"].value == "yes"


def test_unquoted_yes_and_no_inside_a_full_answer_keep_reasoning_and_evidence(rulebook: Rulebook):
    answers = _answers("  sanctions: {value: no, reasoning: Inga viten, evidence: [avtal.pdf]}\n"
                       "  long_duration: {value: yes}\n", rulebook)
    assert answers["sanctions"] == Answer(value="no", reasoning="Inga viten", evidence=["avtal.pdf"])
    assert answers["long_duration"] == Answer(value="yes")


@pytest.mark.parametrize(("written", "read"), [("true", "yes"), ("false", "no"), ("yes", "yes"), ("no", "no")])
def test_a_bare_boolean_answer_is_read_as_yes_or_no(rulebook: Rulebook, written: str, read: str):
    assert _answers(f"  long_duration: {written}\n", rulebook)["long_duration"] == Answer(value=read)


def test_answers_already_in_full_shape_are_validated_unchanged(rulebook: Rulebook):
    answers = _answers("  sanctions: {value: 'no', reasoning: r, evidence: [a, b]}\n  initiative: {value: vet_ej}\n",
                       rulebook)
    assert answers == {"sanctions": Answer(value="no", reasoning="r", evidence=["a", "b"]),
                       "initiative": Answer(value="vet_ej")}


def test_a_full_answer_with_a_wrong_type_is_still_refused_in_swedish(rulebook: Rulebook):
    with pytest.raises(InputError) as info:
        _answers("  sanctions: {value: 'no'}\n  initiative: {value: 3}\n", rulebook)
    assert [(p.field, p.message) for p in info.value.problems] == [("svar › initiative › svar", "3 ska vara en text.")]


def test_an_empty_answer_is_refused_after_full_ones(rulebook: Rulebook):
    with pytest.raises(InputError) as info:
        _answers("  sanctions: {value: 'no'}\n  initiative:\n", rulebook)
    assert [p.field for p in info.value.problems] == ["svar › initiative"]


VALUES = st.sampled_from(["yes", "no", "organisation", "vet_ej", UNKNOWN, "", "maybe"])


@given(st.dictionaries(st.sampled_from(["sanctions", "initiative", "long_duration", "nonsense", "payment"]),
                       VALUES, max_size=5))
def test_facts_and_answer_problems_read_values_as_answer_option_does(rulebook: Rulebook, values: dict[str, str]):
    case = Case(title="x", answers={q: Answer(value=v) for q, v in values.items()})
    assert case.facts() == {q: a.option for q, a in case.answers.items() if a.option != UNKNOWN}
    assert all((a.option == UNKNOWN) == (a.value in NOT_ANSWERED) for a in case.answers.values())
    questions = rulebook.questions.questions
    expected = {q for q, a in case.answers.items()
                if q not in questions or (a.option != UNKNOWN and a.option not in questions[q].options)}
    assert {p.field.removeprefix("svar › ") for p in answer_problems(case, rulebook)} == expected


def test_an_unknown_criteria_set_is_reported_even_when_every_answer_is_valid(rulebook: Rulebook):
    case = Case(title="x", criteria_set="finns-inte", answers={"sanctions": Answer(value="no")})
    assert [p.field for p in answer_problems(case, rulebook)] == ["kriterieuppsättning"]


def test_answer_values_allow_each_option_and_every_way_to_say_vet_ej(rulebook: Rulebook):
    for qid, question in rulebook.questions.questions.items():
        assert compile_rulebook(rulebook).answer_values[qid] == {*question.options, "vet_ej", UNKNOWN, ""}
