"""Re-assessment when the facts change: the stored assessment against one run with the new facts.

An agreement runs for years, and the facts it was judged on move: a market
appears, the municipality starts steering the work. A follow-up records the
answers that changed; the case is assessed again with them, under the same
criteria set, and compared with the assessment frozen when the case was bedömd.
The difference is said in words: the recommendation, each criterion and each
gate that now comes out differently.
"""

from __future__ import annotations

from collections.abc import Mapping

from iop.engine.evaluation import Engine
from iop.model.assessment_record import Assessment
from iop.model.case import Answer, Case
from iop.model.questions import QuestionCatalog
from iop.records.agreement import Reassessment
from iop.words.swedish import FORM, GATE_VALUE, OUTCOME, RECOMMENDATION_SHORT

WATCHED = ("companies_offer", "procured_before", "detail_regulation", "binding_obligations", "payment_basis",
           "sanctions", "need_defined_by", "co_financing", "joint_governance", "economic_activity",
           "organisation_profit", "long_duration")
"""The facts a follow-up asks about first: a market, steering, obligations, money, how the work is run."""


def with_changes(case: Case, changed: Mapping[str, str], note: str) -> Case:
    """``case`` with ``changed`` answers (question id -> option), each noting where the new answer came from."""
    updated = case.model_copy(deep=True)
    for qid, option in changed.items():
        previous = updated.answers.get(qid)
        evidence = list(previous.evidence) if previous else []
        updated.answers[qid] = Answer(value=option, reasoning=note, evidence=evidence)
    return updated


def verdict_short(recommendation: str, form: str | None) -> str:
    """The recommendation in a word or two, with its sub-form: "Upphandling (upphandling enligt LOU)"."""
    text = RECOMMENDATION_SHORT.get(recommendation, recommendation)
    return f"{text} ({FORM.get(form, form)})" if form else text


def differences(before: Assessment, after: Assessment) -> list[str]:
    """What comes out differently, in words: recommendation first, then criteria, then gates."""
    lines = []
    if (before.recommendation, before.form) != (after.recommendation, after.form):
        lines.append(f"Rekommendationen blir {verdict_short(after.recommendation, after.form)} "
                     f"(var {verdict_short(before.recommendation, before.form)}).")
    was = {c.id: c for c in before.criteria}
    for criterion in after.criteria:
        old = was.get(criterion.id)
        if old is not None and old.outcome != criterion.outcome:
            lines.append(f"Kriteriet ”{criterion.title}” blir {OUTCOME[criterion.outcome].lower()} "
                         f"(var {OUTCOME[old.outcome].lower()}).")
    gates = {g.gate: g for g in before.gates}
    for gate in after.gates:
        old_gate = gates.get(gate.gate)
        if old_gate is not None and old_gate.value != gate.value:
            lines.append(f"{gate.title}: {GATE_VALUE.get(gate.value, gate.value)} "
                         f"(var {GATE_VALUE.get(old_gate.value, old_gate.value)}).")
    return lines


def reassess(engine: Engine, case: Case, stored: Assessment, changed: Mapping[str, str],
             note: str = "Ändrat vid uppföljning") -> Reassessment:
    """The case assessed again with ``changed`` answers, under the stored assessment's criteria set and date."""
    after = engine.assess(with_changes(case, changed, note), stored.criteria_set.id, today=stored.date,
                          explain_changes=False)
    return Reassessment(before=stored.recommendation, before_form=stored.form, after=after.recommendation,
                        after_form=after.form, differences=tuple(differences(stored, after)))


def changed_answer_lines(case: Case, changed: Mapping[str, str], catalog: QuestionCatalog) -> list[str]:
    """Each changed fact in words: the question, the answer before and the answer now."""
    lines = []
    for qid, option in changed.items():
        question = catalog.questions.get(qid)
        if question is None:
            continue
        before = case.answers.get(qid)
        old = question.option_label(before.option) if before else None
        lines.append(f"{question.text} {old or 'Vet ej'} → {question.option_label(option) or option}")
    return lines
