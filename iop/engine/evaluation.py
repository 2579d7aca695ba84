"""The assessment engine: a case and a criteria set in, a reasoned recommendation out.

Evaluation is a pure function of the answers (``evaluate``); ``assess`` adds
the trace a reader needs and the what-if for every unknown answer, computed
by re-evaluating the case with each possible answer. The work is done by one
module per job, all reading the one compiled rulebook (``compile_rulebook``):

- iop/engine/compiled.py: the rulebook compiled once, a record per gate, set and criterion;
- iop/engine/answers.py: the answers read, the user's and the derived;
- iop/engine/criteria_sets.py: each criterion's outcome and the totals;
- iop/engine/tables.py: the gates and the recommendation layers, by first match;
- iop/engine/what_if.py: what other answers would lead to;
- iop/engine/trace.py: the record's trace and warnings;
- iop/engine/leaning.py: the preliminary leaning of an undecided case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from iop.engine import what_if
from iop.engine.answers import case_facts, derive
from iop.engine.compiled import UNDECIDED, CompiledRulebook, compile_rulebook
from iop.engine.leaning import build_leaning, lean, stopping_answers
from iop.engine.tables import Evaluation, applicable_gates
from iop.engine.trace import criteria_trace, gate_trace, warnings
from iop.model.assessment_record import Assessment, StateAidFigures
from iop.model.case import Case
from iop.rules.decision_table import DecisionTable
from iop.rules.rulebook import Rulebook
from iop.rules.state_aid import compute_figures
from iop.words.clock import swedish_today

__all__ = ["Engine", "Evaluation", "case_facts"]


class Engine:
    """Evaluates cases against one rulebook, through the rulebook compiled once (``compile_rulebook``).

    The compiled records are built from the rulebook's own objects (``Rule.conditions``,
    ``Criterion.ranked_effects``) and read by the rulebook's own matcher
    (``first_match_index``, ``criterion_rank``): speed without a second
    reading of the semantics.
    """

    MAX_PAIR_QUESTIONS = what_if.MAX_PAIR_QUESTIONS
    MAX_JOINT_COMBINATIONS = what_if.MAX_JOINT_COMBINATIONS

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.compiled: CompiledRulebook = compile_rulebook(rulebook)

    def evaluate(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Evaluation:
        """Criteria, gates and the recommendation table for one set of answers."""
        return what_if.evaluate(self.compiled, set_id, facts, amounts)

    def amount_inputs(self, figures: StateAidFigures) -> dict[str, str]:
        """The computed inputs ``amount.*`` (criteria/rulebook.yaml), by the functions it names."""
        return what_if.amount_inputs(self.compiled, figures)

    def table_of(self, set_id: str, result: Evaluation) -> DecisionTable:
        """The layer whose rule decided: the recommendation table is the legal layer, then the policy layer."""
        if result.position < result.compiled.legal_rules:
            return self.rulebook.legal_layer
        return self.rulebook.policy_tables[set_id]

    def questions_that_matter(self, case: Case, set_id: str | None = None) -> frozenset[str]:
        """Questions not yet put to the user whose answer can still change the outcome (see ``what_if``)."""
        return what_if.questions_that_matter(self.compiled, case, set_id or case.criteria_set)

    def assess(self, case: Case, set_id: str | None = None, today: dt.date | None = None,
               explain_changes: bool = True) -> Assessment:
        """The full reasoned recommendation for ``case`` under ``set_id`` (default: the case's set)."""
        book = self.compiled
        cset = book.set(set_id or case.criteria_set)  # an unknown set: a Swedish InputError, not a KeyError
        day = case.assessment_date(today or swedish_today())

        answered = case.facts()
        derived = {q: d for q, d in derive(book, case, answered).items() if q not in answered}
        facts = {**{q: option for q, (option, _why) in derived.items()}, **answered}
        figures = compute_figures(case, self.rulebook.parameters, day)
        amounts = what_if.amount_inputs(book, figures)
        baseline = what_if.baseline(book, cset.id, facts, amounts)
        result = baseline.result

        open_questions = what_if.open_questions(book, baseline, answered)
        # An undecided case always needs its answered blockers (the leaning names them), so they are
        # looked for even when the caller did not ask for the changes.
        undecided = result.recommendation == UNDECIDED
        changes = what_if.changes(book, baseline, answered) if explain_changes or undecided else []
        applicable = applicable_gates(result)
        gates = gate_trace(book, case, facts, derived, result, applicable)
        leaning = None
        if undecided:
            stopping = stopping_answers(book, changes, gates, facts, open_questions)
            leaning = build_leaning(book, lean(book, cset.id, facts, amounts), open_questions,
                                    result.rule.annotation, stopping)
        totals: dict[str, Any] = result.totals_by_name  # the record's fields named as criteria/rulebook.yaml names them
        return Assessment(
            case_title=case.title,
            diarienummer=case.diarienummer,
            date=day,
            recommendation=result.recommendation,  # type: ignore[arg-type]
            form=result.form,
            rule=cset.recommendation.rules[result.position].ref,
            criteria_set=cset.ref,
            criteria=criteria_trace(cset, case, facts, derived, result),
            gates=gates,
            open_questions=open_questions,
            changes=changes,
            warnings=warnings(cset, day, result, applicable),
            state_aid=figures,
            leaning=leaning,
            **totals,
        )
