"""The assessment engine: a case and a criteria set in, a reasoned recommendation out.

Evaluation is a pure function of the answers (``evaluate``); ``assess`` adds
the trace a reader needs and the what-if for every unknown answer, computed
by re-evaluating the case with each possible answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from iop.assessment import (
    AnswerTrace,
    Assessment,
    CriteriaSetRef,
    CriterionResult,
    GateResult,
    IndicatorHit,
    OpenQuestion,
    RuleRef,
    Warning,
    WhatIf,
)
from iop.case import Case
from iop.decision_table import ABSENT, DecisionTable, Rule
from iop.outcome import Outcome, conjunction
from iop.questions import UNKNOWN
from iop.rulebook import GATE_ORDER, Rulebook
from iop.source import Source
from iop.state_aid import amount_inputs, compute_figures


@dataclass(frozen=True)
class Evaluation:
    """The bare result of evaluating answers: outcomes and the rules that matched."""

    outcomes: dict[str, Outcome]
    necessary: Outcome
    should: Outcome
    gate_rules: dict[str, Rule]
    rule: Rule
    recommendation: str
    form: str | None

    @property
    def verdict(self) -> tuple[str, str | None]:
        return self.recommendation, self.form


def derived_answers(case: Case) -> dict[str, str]:
    """Answers the engine can read off other case facts when the user left them open.

    Co-financing follows from the contributions entered for each party, so an
    organisation that filled in its budget need not answer the same thing twice.
    """
    public = case.public_party.contribution.contributes()
    organisation = case.organisation.contribution.contributes()
    if public and organisation:
        return {"co_financing": "both"}
    if public and organisation is False:
        return {"co_financing": "public_only"}
    if organisation and public is False:
        return {"co_financing": "organisation_only"}
    return {}


class Engine:
    """Evaluates cases against one rulebook; holds the per-set lookups it precomputes."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        criterion_ids = {c.id for s in rulebook.sets.values() for c in s.criteria}
        # Every input a table may read starts as unknown/absent, so a rule never
        # sees a missing key and an unanswered question matches "unknown".
        self._base_context = {f"q.{q}": UNKNOWN for q in rulebook.questions.questions}
        self._base_context.update({f"c.{c}": ABSENT for c in criterion_ids})
        self._recommendation_rules = {sid: rulebook.recommendation_rules(sid) for sid in rulebook.sets}
        self._table_of_rule: dict[str, dict[int, DecisionTable]] = {
            sid: {id(r): t for t in (rulebook.legal_layer, rulebook.policy_tables[sid]) for r in t.rules}
            for sid in rulebook.sets
        }

    def evaluate(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Evaluation:
        """Criteria, gates and the recommendation table for one set of answers."""
        criteria_set = self.rulebook.sets[set_id]
        outcomes = {c.id: c.evaluate(facts) for c in criteria_set.criteria}
        necessary = conjunction(outcomes[c.id] for c in criteria_set.criteria if c.kind == "necessary")
        should = conjunction(outcomes[c.id] for c in criteria_set.criteria if c.kind == "should")

        context = dict(self._base_context)
        context.update({f"q.{q}": a for q, a in facts.items()})
        context.update({f"c.{c}": o.value for c, o in outcomes.items()})
        context.update(amounts)
        context["necessary"] = necessary.value
        context["should"] = should.value

        gate_rules: dict[str, Rule] = {}
        for gate in GATE_ORDER:
            rule = self.rulebook.gates[gate].first_match(context)
            if rule is None:  # every gate table ends in a catch-all; the rulebook tests pin this
                raise AssertionError(f"no rule matched in gate {gate}")
            gate_rules[gate] = rule
            context.update(rule.outputs(context))

        for rule in self._recommendation_rules[set_id]:
            if rule.matches(context):
                out = rule.outputs(context)
                return Evaluation(outcomes, necessary, should, gate_rules, rule,
                                  out["recommendation"] or "undecided", out["form"])
        raise AssertionError(f"no recommendation rule matched for {set_id}")

    def table_of(self, set_id: str, rule: Rule) -> DecisionTable:
        return self._table_of_rule[set_id][id(rule)]

    def assess(self, case: Case, set_id: str | None = None, today: dt.date | None = None,
               explain_changes: bool = True) -> Assessment:
        """The full reasoned recommendation for ``case`` under ``set_id`` (default: the case's set)."""
        rulebook = self.rulebook
        set_id = set_id or case.criteria_set
        criteria_set = rulebook.criteria_set(set_id)
        day = case.assessment_date(today)

        derived = {q: a for q, a in derived_answers(case).items() if q not in case.facts()}
        facts = {**derived, **case.facts()}
        figures = compute_figures(case, rulebook.parameters, day)
        amounts = amount_inputs(figures)
        result = self.evaluate(set_id, facts, amounts)

        relevant = rulebook.relevant_questions(set_id)
        open_questions = [
            self._what_if(set_id, facts, amounts, qid, result) for qid in relevant if qid not in facts
        ]
        if result.recommendation == "undecided" and not any(q.decisive for q in open_questions):
            open_questions = self._pairs_that_decide(set_id, facts, amounts, open_questions, result)
        open_questions.sort(key=lambda q: (not q.decisive, not q.decides_with))
        changes: list[OpenQuestion] = []
        if explain_changes:
            for qid in relevant:
                if qid in facts:
                    alternative = self._what_if(set_id, facts, amounts, qid, result)
                    if alternative.decisive:
                        changes.append(alternative)

        return Assessment(
            case_title=case.title,
            diarienummer=case.diarienummer,
            date=day,
            recommendation=result.recommendation,  # type: ignore[arg-type]
            form=result.form,
            rule=self._rule_ref(self.table_of(set_id, result.rule), result.rule),
            criteria_set=CriteriaSetRef(
                id=criteria_set.id,
                version=criteria_set.version,
                title=criteria_set.title,
                hash=criteria_set.content_hash(rulebook.questions, rulebook.policy_tables[set_id]),
            ),
            necessary=result.necessary,
            should=result.should,
            criteria=self._criteria_trace(case, set_id, facts, derived, result),
            gates=self._gate_trace(facts, result),
            open_questions=open_questions,
            changes=changes,
            warnings=self._warnings(case, set_id, day, result),
            state_aid=figures,
        )

    # --- pieces of the trace -------------------------------------------------

    def _what_if(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str],
                 qid: str, base: Evaluation) -> OpenQuestion:
        question = self.rulebook.questions.questions[qid]
        outcomes = []
        for option, label in question.options.items():
            if facts.get(qid) == option:
                continue
            alt = self.evaluate(set_id, {**facts, qid: option}, amounts)
            outcomes.append(WhatIf(option=option, option_label=label, recommendation=alt.recommendation,  # type: ignore[arg-type]
                                   form=alt.form, rule=alt.rule.id))
        decisive = any((w.recommendation, w.form) != base.verdict for w in outcomes)
        return OpenQuestion(question=qid, text=question.text, group=question.group,
                            decisive=decisive, what_if=outcomes)

    MAX_PAIR_QUESTIONS = 16
    """Pairs are searched among at most this many open questions (120 pairs), to bound the cost."""

    def _pairs_that_decide(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str],
                           open_questions: list[OpenQuestion], base: Evaluation) -> list[OpenQuestion]:
        """When no single answer decides an undecided case, find the pairs of answers that do."""
        questions = self.rulebook.questions.questions
        candidates = [q.question for q in open_questions][: self.MAX_PAIR_QUESTIONS]
        partners: dict[str, set[str]] = {q: set() for q in candidates}
        for i, first in enumerate(candidates):
            for second in candidates[i + 1:]:
                if any(
                    self.evaluate(set_id, {**facts, first: a, second: b}, amounts).verdict != base.verdict
                    for a in questions[first].options for b in questions[second].options
                ):
                    partners[first].add(second)
                    partners[second].add(first)
        return [q.model_copy(update={"decides_with": sorted(partners.get(q.question, ()))}) for q in open_questions]

    @staticmethod
    def _rule_ref(table: DecisionTable, rule: Rule) -> RuleRef:
        return RuleRef(table=table.id, table_title=table.title, layer=table.layer, id=rule.id,
                       annotation=rule.annotation, source=rule.source,
                       warning=rule.warning, remedy=rule.remedy)

    def _criteria_trace(self, case: Case, set_id: str, facts: Mapping[str, str],
                        derived: Mapping[str, str], result: Evaluation) -> list[CriterionResult]:
        questions = self.rulebook.questions.questions
        results = []
        for criterion in self.rulebook.sets[set_id].criteria:
            traces = []
            for qid, effects in criterion.questions.items():
                option = facts.get(qid, UNKNOWN)
                answer = case.answers.get(qid)
                traces.append(AnswerTrace(
                    question=qid,
                    text=questions[qid].text,
                    answer=option,
                    answer_label=questions[qid].options.get(option, "Vet ej / inte besvarad"),
                    effect=Outcome.unknown if option == UNKNOWN else effects[option],
                    reasoning=answer.reasoning if answer else "",
                    evidence=list(answer.evidence) if answer else [],
                    derived=qid in derived,
                ))
            results.append(CriterionResult(id=criterion.id, title=criterion.title, kind=criterion.kind,
                                           outcome=result.outcomes[criterion.id], answers=traces,
                                           source=criterion.source))
        return results

    @staticmethod
    def _applicable_gates(result: Evaluation) -> set[str]:
        """Gates that bear on the recommendation: grant rules only if not a contract, the route only for procurement."""
        gates = {"contract"}
        if result.gate_rules["contract"].then["contract_test"] != "contract":
            gates |= {"lawful_grant", "state_aid"}
        if result.recommendation == "procurement":
            gates.add("procurement_route")
        return gates

    def _gate_trace(self, facts: Mapping[str, str], result: Evaluation) -> list[GateResult]:
        applicable = self._applicable_gates(result)
        gates = []
        for gate in GATE_ORDER:
            table = self.rulebook.gates[gate]
            rule = result.gate_rules[gate]
            matched = [i for i in table.indicators if facts.get(i.question) == i.option]
            by_side = {
                side: [IndicatorHit(question=i.question, label=i.label, reference=i.reference,
                                    confidence=i.confidence) for i in matched if i.points_to == side]
                for side in ("contract", "grant")
            }
            gates.append(GateResult(gate=gate, title=table.title, value=rule.then[table.outputs[0]] or "",
                                    rule=self._rule_ref(table, rule), applies=gate in applicable,
                                    for_contract=by_side["contract"], for_grant=by_side["grant"]))
        return gates

    def _warnings(self, case: Case, set_id: str, day: dt.date, result: Evaluation) -> list[Warning]:
        """Warnings from the gates that bear on this recommendation, and validity checks."""
        warnings: list[Warning] = []
        applicable = self._applicable_gates(result)
        for gate in GATE_ORDER:
            rule = result.gate_rules[gate]
            if gate in applicable and rule.warning:
                warnings.append(Warning(text=rule.warning, source=rule.source, remedy=rule.remedy))
        criteria_set = self.rulebook.sets[set_id]
        if day < criteria_set.valid_from or (criteria_set.valid_until and day > criteria_set.valid_until):
            warnings.append(Warning(
                text=f"Kriterieuppsättningen {criteria_set.id} gäller inte på bedömningsdatumet {day.isoformat()}.",
                source=Source(document=criteria_set.reference.document, title=criteria_set.reference.title),
            ))
        return warnings
