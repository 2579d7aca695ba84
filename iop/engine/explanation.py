"""Why this recommendation: the chain that decided, as data a reader can follow without Python.

Each gate in reading order with the rule that gave its value, the criteria with their outcomes,
and the rule that decided, each with its place in criteria/ (file and line) and the answers it
read, marked as given, derived or not answered. Words are added by ``iop.documents.explanation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from iop.model.assessment_record import AnswerTrace, Assessment, RuleRef
from iop.model.questions import UNKNOWN
from iop.model.three_valued import Outcome
from iop.rules.decision_table import DecisionTable
from iop.rules.locations import Place, place_of
from iop.rules.rulebook import Rulebook

How = Literal["given", "derived", "not_answered"]


@dataclass(frozen=True, slots=True)
class ReadAnswer:
    """One answer a table or a criterion read, and how the case came to hold it."""

    question: str
    text: str
    answer_label: str
    """The option's label; empty for an answer that is none of the options (``how`` is then "not_answered")."""
    how: How
    derived_from: str
    place: Place


@dataclass(frozen=True, slots=True)
class RuleStep:
    """A rule that matched, where it stands, and what it read."""

    rule: RuleRef
    place: Place
    read: tuple[ReadAnswer, ...]


@dataclass(frozen=True, slots=True)
class GateStep:
    gate: str
    title: str
    value: str
    applies: bool
    step: RuleStep


@dataclass(frozen=True, slots=True)
class CriterionStep:
    id: str
    title: str
    kind: str
    outcome: Outcome
    place: Place
    read: tuple[ReadAnswer, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    case_title: str
    set_id: str
    set_version: str
    set_hash: str
    gates: tuple[GateStep, ...]
    criteria: tuple[CriterionStep, ...]
    necessary: Outcome
    should: Outcome
    decided: RuleStep
    recommendation: str
    form: str | None


def _how(answer: AnswerTrace) -> How:
    if answer.derived:
        return "derived"
    return "not_answered" if answer.answer == UNKNOWN else "given"


def _read(rulebook: Rulebook, answers: list[AnswerTrace]) -> tuple[ReadAnswer, ...]:
    return tuple(ReadAnswer(a.question, a.text, a.answer_label, _how(a), a.derived_from,
                            place_of(rulebook.root, "questions.yaml", a.question)) for a in answers)


def _table_of(rulebook: Rulebook, rule: RuleRef, set_id: str) -> DecisionTable:
    if rule.table in rulebook.gates:
        return rulebook.gates[rule.table]
    return rulebook.legal_layer if rule.layer == "legal" else rulebook.policy_tables[set_id]


def _rule_place(rulebook: Rulebook, rule: RuleRef, set_id: str) -> Place:
    return place_of(rulebook.root, rulebook.table_file(_table_of(rulebook, rule, set_id)), rule.id)


def explain(assessment: Assessment, rulebook: Rulebook) -> Explanation:
    """The chain behind ``assessment``, every step placed in the rulebook it was made with."""
    set_id = assessment.criteria_set.id
    gates = tuple(
        GateStep(g.gate, g.title, g.value, g.applies,
                 RuleStep(g.rule, _rule_place(rulebook, g.rule, set_id), _read(rulebook, g.facts)))
        for g in assessment.gates)
    set_file = f"sets/{set_id}.yaml"
    criteria = tuple(
        CriterionStep(c.id, c.title, c.kind, c.outcome, place_of(rulebook.root, set_file, c.id),
                      _read(rulebook, c.answers))
        for c in assessment.criteria)
    # The deciding rule reads the gates' values and the criteria's outcomes, all listed above it.
    decided = RuleStep(assessment.rule, _rule_place(rulebook, assessment.rule, set_id), ())
    return Explanation(
        case_title=assessment.case_title, set_id=set_id, set_version=assessment.criteria_set.version,
        set_hash=assessment.criteria_set.hash, gates=gates, criteria=criteria,
        necessary=assessment.necessary, should=assessment.should, decided=decided,
        recommendation=assessment.recommendation, form=assessment.form)
