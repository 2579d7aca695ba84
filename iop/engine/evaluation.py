"""The assessment engine: a case and a criteria set in, a reasoned recommendation out.

Evaluation is a pure function of the answers (``evaluate``); ``assess`` adds
the trace a reader needs and the what-if for every unknown answer, computed
by re-evaluating the case with each possible answer.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import get_args

from iop.engine.leaning import build_leaning, lean, stopping_answers
from iop.model.assessment_record import (
    AnswerTrace,
    Assessment,
    Caution,
    CriteriaSetRef,
    CriterionResult,
    GateResult,
    IndicatorHit,
    OpenQuestion,
    RuleRef,
    StateAidFigures,
    WhatIf,
)
from iop.model.case import Case
from iop.model.questions import UNKNOWN
from iop.model.source import Source
from iop.model.three_valued import BY_RANK, Outcome
from iop.rules.criteria import CriterionKind, RankedEffects, criterion_rank
from iop.rules.decision_table import ABSENT, Conditions, DecisionTable, Rule, failing_inputs, first_match_index
from iop.rules.derivations import AMOUNTS, FROM_ANSWERS, TOTALS
from iop.rules.rulebook import Rulebook, load_rulebook
from iop.rules.state_aid import compute_figures
from iop.words.clock import swedish_today


@dataclass(slots=True)
class Evaluation:
    """The bare result of evaluating answers: outcomes and the rules that matched.

    Slotted, not frozen, and free of dicts: the what-if builds thousands of
    these per second, and a frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field) costs four times as much. Read-only by
    convention: a what-if that changes nothing returns its baseline's result.
    """

    ranks: tuple[int, ...]
    """Each criterion's outcome rank, in the set's order (see ``outcomes``)."""
    criterion_ids: tuple[str, ...]
    necessary: Outcome
    should: Outcome
    gate_ids: tuple[str, ...]
    """The gates in reading order (criteria/rulebook.yaml)."""
    gate_tables: tuple[tuple[Rule, ...], ...]
    """Each gate's rules, in the order of ``gate_ids`` (shared by every evaluation, never copied)."""
    rule: Rule
    recommendation: str
    form: str | None
    positions: tuple[int, ...] = ()
    """Index of the matched rule in each gate table (reading order), then in the recommendation table."""

    @property
    def verdict(self) -> tuple[str, str | None]:
        return self.recommendation, self.form

    @property
    def matched_gates(self) -> tuple[Rule, ...]:
        """The rule that matched in each gate, in the order of ``gate_ids``.

        Read off ``positions`` on demand: most what-ifs need only the verdict.
        """
        return tuple(rules[index] for rules, index in zip(self.gate_tables, self.positions, strict=False))

    @property
    def gate_rules(self) -> dict[str, Rule]:
        """Gate id -> the rule that matched in it."""
        return dict(zip(self.gate_ids, self.matched_gates, strict=True))

    @property
    def outcomes(self) -> dict[str, Outcome]:
        """Criterion id -> outcome (built on demand: a what-if needs only the verdict)."""
        return {cid: BY_RANK[rank] for cid, rank in zip(self.criterion_ids, self.ranks, strict=True)}


def implied_changes(answered: Mapping[str, str], new: Mapping[str, str],
                    rulebook: Rulebook | None = None) -> dict[str, str]:
    """The implied answers (criteria/rulebook.yaml) re-derived once the answers ``new`` are given.

    An implied answer is a derived answer that reads only other answers. It is
    only ever derived for a question the user left open (not in ``answered``)
    and never overrides an answer given in ``new`` itself.
    """
    out: dict[str, str] = {}
    given: dict[str, str] | None = None
    for derived in (rulebook or load_rulebook()).implied_answers:
        if derived.question in answered or derived.question in new:
            continue
        if any(qid in new for qid in derived.reads_questions):
            given = given if given is not None else {**answered, **new}
            option = FROM_ANSWERS[derived.function](given)
            out[derived.question] = option if option is not None else UNKNOWN
    return out


def answers_with(facts: Mapping[str, str], answered: Mapping[str, str], new: Mapping[str, str],
                 rulebook: Rulebook | None = None) -> dict[str, str]:
    """``facts`` with the answers ``new`` given, and the answers they imply re-derived."""
    return {**facts, **implied_changes(answered, new, rulebook), **new}


def derived_answers(case: Case, rulebook: Rulebook | None = None) -> dict[str, tuple[str, str]]:
    """Answers the engine reads off other case facts, as criteria/rulebook.yaml declares them: option and why."""
    return _derive(case, case.facts(), rulebook or load_rulebook())


def _derive(case: Case, facts: Mapping[str, str], rulebook: Rulebook) -> dict[str, tuple[str, str]]:
    derived: dict[str, tuple[str, str]] = {}
    for question, reads_answers, function, evidence in rulebook.derivation_steps:
        option = function(facts) if reads_answers else function(case)
        if option is not None:
            derived[question] = (option, evidence)
    return derived


def case_facts(case: Case, rulebook: Rulebook | None = None) -> dict[str, str]:
    """The answers the engine reads: the user's, plus derived ones for questions left open."""
    derived = {q: option for q, (option, _why) in derived_answers(case, rulebook).items()}
    return {**derived, **case.facts()}


_VALUE = {outcome: outcome.value for outcome in Outcome}
_VALUE_BY_RANK = {rank: outcome.value for rank, outcome in BY_RANK.items()}
"""Enum ``.value`` is a descriptor call; the what-if reads these thousands of times per case."""

_NOT_ANSWERED_LABEL = "Vet ej / inte besvarad"
_KINDS = frozenset(get_args(CriterionKind))


@dataclass(frozen=True, slots=True)
class _CompiledTable:
    """A table's rules in reading order, as first match reads them, and what each match depended on."""

    name: str
    conditions: tuple[Conditions, ...]
    """``Rule.conditions`` of each rule: what ``first_match_index`` reads."""
    rules: tuple[Rule, ...]
    reads: tuple[frozenset[str], ...]
    """For each rule: the inputs first match examined to stop at it (its own conditions and every
    earlier rule's) and the inputs its ``$`` outputs read. While none of them changes, first match
    stops at the same rule with the same outputs, so the table need not be read again."""
    own: tuple[frozenset[str], ...]
    """For each rule: the inputs of its own conditions and those its ``$`` outputs read."""
    fixed: tuple[dict[str, str | None] | None, ...]
    """For each rule: its outputs when none is a ``$`` reference (the same in every context), else None."""

    @classmethod
    def of(cls, name: str, rules: Sequence[Rule]) -> _CompiledTable:
        seen: set[str] = set()
        reads, own = [], []
        for rule in rules:
            seen |= set(rule.when)
            refs = {name for _output, name in rule.references}
            reads.append(frozenset(seen | refs))
            own.append(frozenset(set(rule.when) | refs))
        fixed = tuple(None if rule.references else dict(rule.then) for rule in rules)
        return cls(name, tuple(r.conditions for r in rules), tuple(rules), tuple(reads), tuple(own), fixed)

    def outputs(self, index: int, context: Mapping[str, str]) -> dict[str, str | None]:
        """Rule ``index``'s outputs (``Rule.outputs``); a rule without references gives the same dict every time."""
        fixed = self.fixed[index]
        return fixed if fixed is not None else self.rules[index].outputs(context)

    def first_match(self, context: Mapping[str, str]) -> int:
        index = first_match_index(self.conditions, context)
        if index < 0:  # the loader refuses a gate or policy table without a catch-all
            raise AssertionError(f"no rule matched in {self.name}")
        return index


@dataclass(frozen=True, slots=True)
class _CompiledSet:
    """Per-set lookups built once, so evaluating a what-if costs a few dict operations."""

    set_id: str
    criteria: tuple[tuple[str, str, RankedEffects], ...]
    """(criterion id, kind, Criterion.ranked_effects) in the set's order."""
    ids: tuple[str, ...]
    criterion_keys: tuple[str, ...]
    """The table input ``c.<id>`` of each criterion, in the set's order."""
    kinds: tuple[str, ...]
    kind_of: dict[str, str]
    """``c.<criterion>`` -> the criterion's kind, which is also the name of the total it counts in."""
    by_question: dict[str, tuple[int, ...]]
    recommendation: _CompiledTable
    """The legal layer's rules, then the policy table's: one first match over both."""
    affected_keys: dict[str, frozenset[str]]
    alike: dict[str, dict[str, tuple[object, ...]]]
    """question id -> {answer (or unknown) -> what every table condition and criterion of the set makes of
    it}. Two answers alike give the same evaluation, so a what-if evaluates only one of them. Absent for a
    question an implied answer or a ``$`` output reads."""
    """question id -> every context key a change of its answer can alter."""


@dataclass(slots=True)
class _Baseline:
    """One evaluation kept as the starting point of what-ifs: the context it decided in and what it examined.

    Read-only by convention, not frozen: built once per assessment, and a frozen
    dataclass's ``__init__`` sets each of its nine fields through ``object.__setattr__``.
    """

    compiled: _CompiledSet
    facts: Mapping[str, str]
    context: Mapping[str, str]
    """The context after the tables were read (answers, outcomes, totals, amounts and gate outputs)."""
    ranks: tuple[int, ...]
    result: Evaluation
    examined: frozenset[str]
    """The inputs ``result`` depends on (``Engine._examined``)."""
    sensitive: frozenset[str]
    """Inputs a change of which, alone, may change ``result``'s rule (``Engine._sensitivity``)."""
    jointly: tuple[frozenset[str], ...]
    """Sets of inputs that may change ``result``'s rule only by all changing at once."""
    jointly_any: frozenset[str]
    """Every input in ``jointly``: what does not touch it needs no subset test."""

    def may_change(self, keys: Collection[str]) -> bool:
        """Whether changing the inputs ``keys`` (and no other) may change the rule that decided ``result``.

        False means first match stops at the same rules in every table the
        result was read through, so the recommendation, form and rule stay.
        """
        if not self.sensitive.isdisjoint(keys):
            return True
        return not self.jointly_any.isdisjoint(keys) and any(inputs.issubset(keys) for inputs in self.jointly)


TracePlan = tuple[tuple[str, str, Mapping[str, str], Mapping[str, Outcome]], ...]
"""Questions to trace, each as (id, text, option labels, what each answer or UNKNOWN implies)."""


def _answer_traces(plan: TracePlan, case: Case, facts: Mapping[str, str],
                   derived: Mapping[str, tuple[str, str]]) -> list[AnswerTrace]:
    """The trace of each answer in ``plan``: what was answered, why, and whether the engine derived it.

    One loop over a precomputed plan with its lookups bound once: the record
    traces about thirty answers per case, and a method call per answer cost a
    fifth of the trace.
    """
    answers = case.answers
    out = []
    for qid, text, labels, effects in plan:
        option = facts.get(qid, UNKNOWN)
        answer = answers.get(qid)
        why = derived.get(qid)
        if answer is None and why is None:
            out.append(AnswerTrace(qid, text, option, labels.get(option, _NOT_ANSWERED_LABEL), effects[option]))
        else:
            out.append(AnswerTrace(qid, text, option, labels.get(option, _NOT_ANSWERED_LABEL), effects[option],
                                   answer.reasoning if answer else "", list(answer.evidence) if answer else [],
                                   why is not None, why[1] if why is not None else ""))
    return out


class Engine:
    """Evaluates cases against one rulebook; holds the per-set lookups it precomputes.

    The lookups are built from the rulebook's own objects (``Rule.conditions``,
    ``Criterion.ranked_effects``) and read by the rulebook's own matcher
    (``first_match_index``, ``criterion_rank``): speed without a second
    reading of the semantics.
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        questions = rulebook.questions.questions
        criterion_ids = {c.id for s in rulebook.sets.values() for c in s.criteria}
        # Every input a table may read starts as unknown/absent, so an
        # unanswered question matches "unknown".
        self._answer_keys = {q: f"q.{q}" for q in questions}
        """question id -> its table input ``q.<id>``, spelt once."""
        self._base_context = {f"q.{q}": UNKNOWN for q in questions}
        self._base_context.update({f"c.{c}": ABSENT for c in criterion_ids})
        self._base_context.update({c.name: "unknown" for c in rulebook.computed_inputs})
        self._totals = tuple((c.name, TOTALS[c.function]) for c in rulebook.computed_inputs if c.function in TOTALS)
        self._amounts = tuple(dict.fromkeys(AMOUNTS[c.function] for c in rulebook.computed_inputs
                                            if c.function in AMOUNTS))
        for gate in rulebook.gate_order:
            self._base_context.update(dict.fromkeys(rulebook.gates[gate].outputs, ""))
        self._gates = tuple(_CompiledTable.of(gate, table.rules) for gate, table in rulebook.gates.items())
        self._gate_ids = tuple(gate.name for gate in self._gates)
        self._gate_tables = tuple(gate.rules for gate in self._gates)
        self._gate_outputs = tuple(tuple(rule.then[gate.name] or "" for rule in gate.rules) for gate in self._gates)
        """Each gate's value by rule, in reading order."""
        self._implying = frozenset(q for derived in rulebook.implied_answers for q in derived.reads_questions)
        """Questions some implied answer reads: only their what-ifs re-derive implied answers."""
        # What the trace shows of each question and table, read once rather than once per case.
        self._texts = {qid: q.text for qid, q in questions.items()}
        self._labels = {qid: dict(q.options) for qid, q in questions.items()}
        self._gate_reads = {
            gate: tuple(q for q in questions if f"q.{q}" in table.input_names)
            for gate, table in rulebook.gates.items()
        }
        """The answers each gate's table reads, in asking order (for the trace)."""
        self._indicator_hits = {
            gate: tuple((i.question, i.option, i.points_to,
                         IndicatorHit(question=i.question, label=i.label, reference=i.reference,
                                      confidence=i.confidence, weight=i.weight))
                        for i in table.indicators)
            for gate, table in rulebook.gates.items()
        }
        self._gate_plans = tuple(
            (gate, table, table.outputs[0], self._gate_reads[gate], self._indicator_hits[gate])
            for gate, table in rulebook.gates.items()
        )
        """What the gate trace reads of each gate, in reading order."""
        self._gate_answers = tuple(dict.fromkeys(q for reads in self._gate_reads.values() for q in reads))
        """Every answer some gate reads, once each."""
        unknown = {option: Outcome.unknown for option in (*{o for q in questions.values() for o in q.options},
                                                         UNKNOWN)}
        self._gate_answer_plan: TracePlan = tuple((qid, self._texts[qid], self._labels[qid], unknown)
                                                  for qid in self._gate_answers)
        """The gate trace's plan: a gate has no criterion effect, so every answer's effect is unknown."""
        self._criteria_plans = {
            sid: tuple((criterion.id, criterion.title, criterion.kind, criterion.source, criterion.weight,
                        tuple((qid, self._texts[qid], self._labels[qid], {**effects, UNKNOWN: Outcome.unknown})
                              for qid, effects in criterion.questions.items()))
                       for criterion in criteria_set.criteria)
            for sid, criteria_set in rulebook.sets.items()
        }
        """Each set's criteria (id, title, kind, source, weight) with what each answer (or none) implies, for the
        criteria trace."""
        self._gate_applies = tuple((gate.id, gate.conditions) for gate in rulebook.gate_entries)
        """Each gate's ``applies_when`` (``GateEntry.conditions``), read by the one matcher."""
        self._cautions = tuple(
            tuple(Caution(text=rule.warning, source=rule.source, remedy=rule.remedy) if rule.warning else None
                  for rule in table.rules)
            for table in rulebook.gates.values())
        """Each gate rule's warning as the record shows it, by gate and rule position (None: no warning):
        rulebook data only, frozen, so built once and shared."""
        self._rule_refs: dict[tuple[str, str], RuleRef] = {}
        for table in [*rulebook.gates.values(), rulebook.legal_layer, *rulebook.policy_tables.values()]:
            for rule in table.rules:
                self._rule_refs[table.id, rule.id] = self._new_rule_ref(table, rule)
        self._relevant = {sid: tuple(rulebook.relevant_questions(sid)) for sid in rulebook.sets}
        self._compiled: dict[str, _CompiledSet] = {}
        self._hash: dict[str, str] = {}
        self._set_refs: dict[str, CriteriaSetRef] = {}
        """The record's reference to each set: rulebook data only, frozen, so built once and shared."""
        for sid, criteria_set in rulebook.sets.items():
            by_question: dict[str, list[int]] = {}
            for index, criterion in enumerate(criteria_set.criteria):
                for qid in criterion.questions:
                    by_question.setdefault(qid, []).append(index)
            affected: dict[str, frozenset[str]] = {}
            for qid in questions:
                keys = {f"q.{qid}"}
                for index in by_question.get(qid, []):
                    criterion = criteria_set.criteria[index]
                    keys |= {f"c.{criterion.id}", criterion.kind}
                affected[qid] = frozenset(keys)
            for implied in rulebook.implied_answers:
                # Changing an answer can also change the answers it implies.
                for qid in implied.reads_questions:
                    affected[qid] = affected[qid] | affected[implied.question]
            self._compiled[sid] = _CompiledSet(
                set_id=sid,
                criteria=tuple((c.id, c.kind, c.ranked_effects) for c in criteria_set.criteria),
                ids=tuple(c.id for c in criteria_set.criteria),
                criterion_keys=tuple(f"c.{c.id}" for c in criteria_set.criteria),
                kinds=tuple(c.kind for c in criteria_set.criteria),
                kind_of={f"c.{c.id}": c.kind for c in criteria_set.criteria},
                by_question={q: tuple(i) for q, i in by_question.items()},
                recommendation=_CompiledTable.of(f"the recommendation table of {sid}",
                                                 rulebook.recommendation_rules(sid)),
                affected_keys=affected,
                alike=self._alike(sid),
            )
            self._hash[sid] = criteria_set.content_hash(rulebook.questions, rulebook.policy_tables[sid])
            self._set_refs[sid] = CriteriaSetRef(id=criteria_set.id, version=criteria_set.version,
                                                 title=criteria_set.title, hash=self._hash[sid])

    def _alike(self, set_id: str) -> dict[str, dict[str, tuple[object, ...]]]:
        """For each question, what each of its answers means to the set's tables and criteria (``_CompiledSet.alike``).

        Each condition on the question is asked through the one matcher and each
        criterion through ``criterion_rank``: answers with the same signature
        cannot be told apart by any rule or criterion of the set.
        """
        rulebook = self.rulebook
        rules = [rule for table in rulebook.tables_for(set_id) for rule in table.rules]
        referenced = {name for rule in rules for _output, name in rule.references}
        criteria = rulebook.sets[set_id].criteria
        alike: dict[str, dict[str, tuple[object, ...]]] = {}
        for qid, question in rulebook.questions.questions.items():
            key = f"q.{qid}"
            if qid in self._implying or key in referenced:
                continue
            conditions = [condition for rule in rules for condition in rule.conditions if condition[0] == key]
            readers = [c.ranked_effects for c in criteria if qid in c.questions]
            alike[qid] = {
                option: (tuple(first_match_index(((condition,),), {key: option}) == 0 for condition in conditions),
                         tuple(criterion_rank(effects, {qid: option}) for effects in readers))
                for option in [*question.options, UNKNOWN]
            }
        return alike

    def _decide(self, compiled: _CompiledSet, context: dict[str, str], ranks: Sequence[int]) -> Evaluation:
        """Totals, gates and the recommendation layers over a prepared context (modified in place), every table read."""
        totals: dict[str, Outcome] = {}
        for name, total in self._totals:
            totals[name] = outcome = BY_RANK[total(ranks, compiled.kinds)]
            context[name] = _VALUE[outcome]
        positions = []
        for gate in self._gates:
            index = gate.first_match(context)
            positions.append(index)
            context[gate.name] = gate.rules[index].then[gate.name] or ""
        table = compiled.recommendation
        index = table.first_match(context)
        positions.append(index)
        out = table.outputs(index, context)
        return Evaluation(tuple(ranks), compiled.ids, totals["necessary"], totals["should"], self._gate_ids,
                          self._gate_tables, table.rules[index], out["recommendation"] or "undecided", out["form"],
                          tuple(positions))

    def _decide_again(self, compiled: _CompiledSet, context: dict[str, str], ranks: tuple[int, ...],
                      base: Evaluation, changed: set[str], kinds: Collection[str]) -> Evaluation:
        """``_decide`` again after a change: ``base``'s decided context with the keys in ``changed`` altered.

        A table is read again only when an input its matched rule depended on
        changed (``_CompiledTable.reads``); a total or gate output that comes
        out different joins ``changed`` (modified in place), so later tables
        see it. ``kinds`` are the kinds of the criteria whose outcome changed:
        a total named after a kind (criteria/rulebook.yaml) is computed again
        only when a criterion of that kind changed, any other total whenever a
        criterion changed.
        """
        necessary, should = base.necessary, base.should
        if kinds:
            for name, total in self._totals:
                if name in kinds or name not in _KINDS:
                    outcome = BY_RANK[total(ranks, compiled.kinds)]
                    if name == "necessary":
                        necessary = outcome
                    elif name == "should":
                        should = outcome
                    value = _VALUE[outcome]
                    if context[name] != value:
                        changed.add(name)
                        context[name] = value
        positions: Sequence[int] = base.positions
        moved: list[int] | None = None  # positions, copied once a table's match moves
        for number, gate in enumerate(self._gates):
            if changed.isdisjoint(gate.reads[positions[number]]):
                continue  # first match over unchanged inputs stops at the same rule
            index = gate.first_match(context)
            if index == positions[number]:
                continue
            if moved is None:
                positions = moved = list(positions)
            moved[number] = index
            value = gate.rules[index].then[gate.name] or ""
            if context[gate.name] != value:
                changed.add(gate.name)
                context[gate.name] = value
        table = compiled.recommendation
        if changed.isdisjoint(table.reads[positions[-1]]):
            if moved is None and ranks is base.ranks:
                return base  # no table read differently and no outcome changed: the same evaluation
            rule, recommendation, form = base.rule, base.recommendation, base.form
        else:
            index = table.first_match(context)
            if index != positions[-1]:
                if moved is None:
                    positions = moved = list(positions)
                moved[-1] = index
            rule = table.rules[index]
            out = table.outputs(index, context)
            recommendation, form = out["recommendation"] or "undecided", out["form"]
        return Evaluation(ranks, compiled.ids, necessary, should, self._gate_ids, self._gate_tables,
                          rule, recommendation, form, base.positions if moved is None else tuple(moved))

    def _examined(self, compiled: _CompiledSet, result: Evaluation) -> frozenset[str]:
        """Inputs on which ``result`` depends: any other result needs one of them to change.

        First match means the rules after the matched one were never read. Walking
        back from the recommendation table, a gate's examined inputs count only if
        its output was itself examined by a later table.
        """
        needed = set(compiled.recommendation.reads[result.positions[-1]])
        # positions has one more entry than there are gates (the recommendation table last): stop at the gates.
        for gate, index in reversed(list(zip(self._gates, result.positions, strict=False))):
            if gate.name in needed:
                needed |= gate.reads[index]
        return frozenset(needed)

    def _sensitivity(self, compiled: _CompiledSet, result: Evaluation,
                     context: Mapping[str, str]) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
        """What may change ``result``'s rule: inputs that may alone, and sets of inputs that may only together.

        Finer than ``_examined``. In each table the result was read through,
        the matched rule stops matching only if one of its own inputs changes
        (or one its ``$`` outputs read); an earlier rule, which failed, can
        match only once every input whose condition failed has changed
        (``failing_inputs``). Walking back from the recommendation table, a
        gate counts only if a later table's answer may change with its output,
        and in a gate an earlier rule with the same output as the matched one
        does not count: were it to match instead, the gate would say the same.
        So a what-if that changes none of ``sensitive`` and no whole set in
        ``jointly`` finds the same rule in the recommendation table, and the
        same output in every gate that counts.
        """
        sensitive: set[str] = set()
        jointly: list[frozenset[str]] = []

        def read(table: _CompiledTable, index: int, by_output: bool = False) -> None:
            sensitive.update(table.own[index])
            output = table.fixed[index] if by_output else None
            for number, earlier in enumerate(table.conditions[:index]):
                if output is not None and table.fixed[number] == output:
                    continue
                if len(earlier) == 1:
                    # First match passed this rule, so its one condition failed: no need to ask which.
                    sensitive.add(earlier[0][0])
                    continue
                failing = failing_inputs(earlier, context)
                if len(failing) == 1:
                    sensitive.update(failing)
                else:
                    jointly.append(failing)

        read(compiled.recommendation, result.positions[-1])
        # positions has one more entry than there are gates (the recommendation table last): stop at the gates.
        for gate, index in reversed(list(zip(self._gates, result.positions, strict=False))):
            if gate.name in sensitive or any(gate.name in inputs for inputs in jointly):
                read(gate, index, by_output=True)
        return frozenset(sensitive), tuple(jointly)

    def _prepare(self, compiled: _CompiledSet, facts: Mapping[str, str],
                 amounts: Mapping[str, str]) -> tuple[dict[str, str], list[int]]:
        """The context before gates: answers, criterion outcomes, amounts."""
        context = dict(self._base_context)
        context.update(zip(map(self._answer_keys.__getitem__, facts), facts.values(), strict=True))
        context.update(amounts)
        ranks = [criterion_rank(effects, facts) for _id, _kind, effects in compiled.criteria]
        context.update(zip(compiled.criterion_keys, map(_VALUE_BY_RANK.__getitem__, ranks), strict=True))
        return context, ranks

    def evaluate(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Evaluation:
        """Criteria, gates and the recommendation table for one set of answers."""
        compiled = self._compiled[set_id]
        context, ranks = self._prepare(compiled, facts, amounts)
        return self._decide(compiled, context, ranks)

    def _baseline(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> _Baseline:
        """``evaluate``, keeping what the what-ifs start from."""
        compiled = self._compiled[set_id]
        context, ranks = self._prepare(compiled, facts, amounts)
        result = self._decide(compiled, context, ranks)
        examined = self._examined(compiled, result)
        sensitive, jointly = self._sensitivity(compiled, result, context)
        return _Baseline(compiled, facts, context, result.ranks, result, examined, sensitive, jointly,
                         frozenset().union(*jointly))

    def _evaluate_changed(self, baseline: _Baseline, delta: Mapping[str, str], prune: bool = True) -> Evaluation:
        """``evaluate`` for the baseline's facts with the answers in ``delta`` changed, re-reading only what reads them.

        With ``prune``, when what changed cannot change the baseline's rule
        (``_Baseline.may_change``), first match finds the same rules, so that
        result itself is the answer (its recommendation and rule; gates it did
        not read through may differ).
        """
        compiled = baseline.compiled
        updates = {"q." + qid: option for qid, option in delta.items()}
        ranks = baseline.ranks
        kinds: set[str] = set()
        """The totals a changed criterion may alter (pruning must see them: a rule may read only the total)."""
        by_question = compiled.by_question
        touched = ({i for qid in delta for i in by_question.get(qid, ())} if len(delta) > 1
                   else by_question.get(next(iter(delta)), ()) if delta else ())
        if touched:
            answers = {**baseline.facts, **delta}
            new_ranks = list(ranks)
            for index in touched:
                criterion = compiled.criteria[index]
                rank = criterion_rank(criterion[2], answers)
                if rank != new_ranks[index]:
                    new_ranks[index] = rank
                    updates["c." + criterion[0]] = _VALUE_BY_RANK[rank]
                    kinds.add(criterion[1])
            if kinds:
                ranks = tuple(new_ranks)
        if prune and not baseline.may_change(updates.keys() | kinds if kinds else updates):
            return baseline.result
        context = {**baseline.context, **updates}
        return self._decide_again(compiled, context, ranks, baseline.result, set(updates), kinds)

    def _delta_of(self, facts: Mapping[str, str], answered: Mapping[str, str],
                  new: dict[str, str]) -> dict[str, str]:
        """``new`` as is when no implied answer reads it, else with the answers it implies (``_delta``).

        A grant decision implies no binding obligation and no sanctions (criteria/rulebook.yaml): a
        walk that tried the decision without them would never find that it decides gate 1.
        """
        return self._delta(facts, answered, new) if not self._implying.isdisjoint(new) else new

    def _delta(self, facts: Mapping[str, str], answered: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
        """The answers that differ from ``facts`` once ``new`` is given (see ``answers_with``)."""
        if self._implying.isdisjoint(new):  # no implied answer reads them: nothing to re-derive
            return {qid: option for qid, option in new.items() if facts.get(qid, UNKNOWN) != option}
        changed = {**implied_changes(answered, new, self.rulebook), **new}
        return {qid: option for qid, option in changed.items() if facts.get(qid, UNKNOWN) != option}

    def amount_inputs(self, figures: StateAidFigures) -> dict[str, str]:
        """The computed inputs ``amount.*`` (criteria/rulebook.yaml), by the functions it names."""
        amounts: dict[str, str] = {}
        for compute in self._amounts:
            amounts.update(compute(figures))
        return amounts

    def table_of(self, set_id: str, result: Evaluation) -> DecisionTable:
        """The layer whose rule decided: the recommendation table is the legal layer, then the policy layer."""
        legal = self.rulebook.legal_layer
        return legal if result.positions[-1] < len(legal.rules) else self.rulebook.policy_tables[set_id]

    def assess(self, case: Case, set_id: str | None = None, today: dt.date | None = None,
               explain_changes: bool = True) -> Assessment:
        """The full reasoned recommendation for ``case`` under ``set_id`` (default: the case's set)."""
        rulebook = self.rulebook
        set_id = set_id or case.criteria_set
        rulebook.criteria_set(set_id)  # an unknown set: a Swedish InputError, not a KeyError
        day = case.assessment_date(today or swedish_today())

        answered = case.facts()
        derived = {q: d for q, d in _derive(case, answered, rulebook).items() if q not in answered}
        facts = {**{q: option for q, (option, _why) in derived.items()}, **answered}
        figures = compute_figures(case, rulebook.parameters, day)
        amounts = self.amount_inputs(figures)
        baseline = self._baseline(set_id, facts, amounts)
        result = baseline.result

        relevant = self._relevant[set_id]
        open_questions = [
            q for qid in relevant if qid not in facts
            if (q := self._what_if(baseline, answered, qid)) is not None
        ]
        if result.recommendation == "undecided" and not any(q.decisive for q in open_questions):
            open_questions = self._pairs_that_decide(baseline, answered, open_questions)
        open_questions.sort(key=lambda q: (not q.decisive, not q.decides_with))
        changes: list[OpenQuestion] = []
        # An undecided case always needs its answered blockers (the leaning names them), so they are
        # looked for even when the caller did not ask for the changes.
        if explain_changes or result.recommendation == "undecided":
            affected, examined = baseline.compiled.affected_keys, baseline.examined
            for qid in relevant:
                # The cheap test first: most answers feed nothing the result examined (``_what_if`` tests it all).
                if qid in facts and not affected[qid].isdisjoint(examined):
                    alternative = self._what_if(baseline, answered, qid, only_if_decisive=True)
                    if alternative is not None:
                        changes.append(alternative)

        applicable = self._applicable_gates(result)
        gates = self._gate_trace(case, facts, derived, result, applicable)
        leaning = None
        if result.recommendation == "undecided":
            stopping = stopping_answers(rulebook, changes, gates, facts, open_questions)
            leaning = build_leaning(rulebook, lean(rulebook, set_id, facts, amounts), open_questions,
                                    result.rule.annotation, stopping)
        return Assessment(
            case_title=case.title,
            diarienummer=case.diarienummer,
            date=day,
            recommendation=result.recommendation,  # type: ignore[arg-type]
            form=result.form,
            rule=self._rule_ref(self.table_of(set_id, result), result.rule),
            criteria_set=self._set_refs[set_id],
            necessary=result.necessary,
            should=result.should,
            criteria=self._criteria_trace(case, set_id, facts, derived, result),
            gates=gates,
            open_questions=open_questions,
            changes=changes,
            warnings=self._warnings(set_id, day, result, applicable),
            state_aid=figures,
            leaning=leaning,
        )

    def questions_that_matter(self, case: Case, set_id: str | None = None) -> frozenset[str]:
        """Questions not yet put to the user whose answer can still change the outcome.

        The guided walk asks only these. A question matters when one of its
        answers, given everything answered so far, changes the recommendation or
        the value of a gate that bears on it (before or after the change). A
        question answered "vet ej" has been asked and is not asked again. When the
        case is undecided and no single answer decides it, the questions that
        decide it in pairs matter, so the walk never stalls short of a verdict.
        """
        set_id = set_id or case.criteria_set
        rulebook = self.rulebook
        answered = case.facts()
        facts = case_facts(case, rulebook)
        amounts = self.amount_inputs(compute_figures(case, rulebook.parameters, case.assessment_date(swedish_today())))
        baseline = self._baseline(set_id, facts, amounts)
        base = baseline.result
        # Pruning as in ``assess``: an answer feeding no input that any matched
        # rule (or a rule before it) read cannot change any table's result.
        needed = set(baseline.examined)
        for gate, index in zip(self._gates, base.positions, strict=False):
            needed |= gate.reads[index]
        pending = [q for q in rulebook.relevant_questions(set_id) if q not in facts and q not in case.answers]
        affected = baseline.compiled.affected_keys
        base_gates = self._gate_values(base)
        base_applicable = self._applicable_gates(base)
        matter: set[str] = set()
        for qid in pending:
            if affected[qid].isdisjoint(needed):
                continue
            for option in rulebook.questions.questions[qid].options:
                # Gate values are compared too, so no early return on unexamined inputs (no pruning).
                alt = self._evaluate_changed(baseline, self._delta_of(facts, answered, {qid: option}), prune=False)
                if alt.verdict != base.verdict:
                    matter.add(qid)
                    break
                gates = self._gate_values(alt)
                if any(gates[g] != base_gates[g] for g in base_applicable | self._applicable_gates(alt)):
                    matter.add(qid)
                    break
        matter |= self._jointly_matter(baseline, answered, base_gates, base_applicable,
                                       [q for q in pending if q not in matter and not affected[q].isdisjoint(needed)])
        if not matter and base.recommendation == "undecided":
            # Across groups, answers that decide an undecided case only as a pair.
            # Beyond that the walk stops: what blocks the case is then a question
            # answered "vet ej", which the recommendation names as what to find out.
            questions = rulebook.questions.questions
            candidates = [q for q in pending if not affected[q].isdisjoint(needed)][: self.MAX_PAIR_QUESTIONS]
            for i, first in enumerate(candidates):
                for second in candidates[i + 1:]:
                    if any(self._evaluate_changed(baseline, self._delta_of(facts, answered, {first: a, second: b})
                                                  ).verdict != base.verdict
                           for a in questions[first].options for b in questions[second].options):
                        matter |= {first, second}
        return frozenset(matter)

    MAX_JOINT_COMBINATIONS = 243
    """Answers tried together per question group (3**5), to bound the cost of the joint search."""

    def _jointly_matter(self, baseline: _Baseline, answered: Mapping[str, str], base_gates: Mapping[str, str],
                        base_applicable: set[str],
                        candidates: list[str]) -> set[str]:
        """Questions of one group that change the outcome only when answered together.

        A gate rule often needs several answers at once (reserved procurement
        needs four conditions; a grant needs several contract indicators to be
        absent), so no single answer moves it. Trying every combination within
        a small group (a gate's questions) finds them, so a gate's questions
        are asked together on one screen.
        """
        questions = self.rulebook.questions.questions
        base = baseline.result
        groups: dict[str, list[str]] = {}
        for qid in candidates:
            groups.setdefault(questions[qid].group, []).append(qid)
        found: set[str] = set()
        for members in groups.values():
            combinations = 1
            for qid in members:
                combinations *= len(questions[qid].options)
            if len(members) < 2 or combinations > self.MAX_JOINT_COMBINATIONS:
                continue
            for combo in itertools.product(*(list(questions[q].options) for q in members)):
                alt = self._evaluate_changed(
                    baseline, self._delta_of(baseline.facts, answered, dict(zip(members, combo, strict=True))),
                    prune=False)
                gates = self._gate_values(alt)
                if alt.verdict != base.verdict or any(
                        gates[g] != base_gates[g] for g in base_applicable | self._applicable_gates(alt)):
                    found |= set(members)
                    break
        return found

    def _gate_values(self, result: Evaluation) -> dict[str, str]:
        """Gate id -> the value its matched rule gave, read off the positions."""
        return {gate: values[index]
                for gate, values, index in zip(self._gate_ids, self._gate_outputs, result.positions, strict=False)}

    # --- pieces of the trace -------------------------------------------------

    def _what_if(self, baseline: _Baseline, answered: Mapping[str, str], qid: str,
                 only_if_decisive: bool = False) -> OpenQuestion | None:
        """What each other answer to ``qid`` would lead to (None: not decisive, and only_if_decisive)."""
        base = baseline.result
        # An answer that can change no input the result is sensitive to cannot change any matched rule.
        affected = baseline.compiled.affected_keys[qid]
        unchanged = affected.isdisjoint(baseline.examined) or not baseline.may_change(affected)
        if unchanged and only_if_decisive:
            return None
        facts = baseline.facts
        current = facts.get(qid)
        labels = self._labels[qid]
        decisive = False
        if unchanged:
            alternatives = [(option, base) for option in labels if option != current]
        else:
            signatures = baseline.compiled.alike.get(qid)
            # Answers alike (``_CompiledSet.alike``) give the same evaluation: evaluate one of each kind.
            done: dict[tuple[object, ...], Evaluation] = {}
            if signatures is not None and (mine := signatures.get(UNKNOWN if current is None else current)):
                done[mine] = base
            alternatives = []
            for option in labels:
                if current == option:
                    continue
                signature = signatures[option] if signatures is not None else None
                alt = done.get(signature) if signature is not None else None
                if alt is None:
                    # An answer no implied answer reads changes only itself (``option`` is not the current one).
                    delta = self._delta(facts, answered, {qid: option}) if qid in self._implying else {qid: option}
                    alt = self._evaluate_changed(baseline, delta)
                    if signature is not None:
                        done[signature] = alt
                    decisive = decisive or alt.recommendation != base.recommendation or alt.form != base.form
                alternatives.append((option, alt))
        if only_if_decisive and not decisive:
            return None
        what_if = [
            # The recommendation values come from the validated tables (see the loader's checks).
            WhatIf(option, labels[option], alt.recommendation, alt.form, alt.rule.id)  # type: ignore[arg-type]
            for option, alt in alternatives
        ]
        question = self.rulebook.questions.questions[qid]
        return OpenQuestion(qid, question.text, question.group, decisive, what_if, [])

    MAX_PAIR_QUESTIONS = 16
    """Pairs are searched among at most this many open questions (120 pairs), to bound the cost."""

    def _pairs_that_decide(self, baseline: _Baseline, answered: Mapping[str, str],
                           open_questions: list[OpenQuestion]) -> list[OpenQuestion]:
        """When no single answer decides an undecided case, find the pairs of answers that do."""
        questions = self.rulebook.questions.questions
        facts, base = baseline.facts, baseline.result
        candidates = [q.question for q in open_questions][: self.MAX_PAIR_QUESTIONS]
        partners: dict[str, set[str]] = {q: set() for q in candidates}
        affected = baseline.compiled.affected_keys
        for i, first in enumerate(candidates):
            for second in candidates[i + 1:]:
                # What a pair of answers can change is what either answer can (implied answers included):
                # when that cannot change the deciding rule, no pair of their answers can.
                if baseline.may_change(affected[first] | affected[second]) and any(
                    self._evaluate_changed(baseline, self._delta(facts, answered, {first: a, second: b})).verdict
                    != base.verdict
                    for a in questions[first].options for b in questions[second].options
                ):
                    partners[first].add(second)
                    partners[second].add(first)
        return [replace(q, decides_with=sorted(partners.get(q.question, ()))) for q in open_questions]

    @staticmethod
    def _new_rule_ref(table: DecisionTable, rule: Rule) -> RuleRef:
        return RuleRef(table=table.id, table_title=table.title, layer=table.layer, id=rule.id,
                       annotation=rule.annotation, source=rule.source,
                       warning=rule.warning, remedy=rule.remedy)

    def _rule_ref(self, table: DecisionTable, rule: Rule) -> RuleRef:
        """The record's reference to a rule: built once per rule (rulebook data only, frozen) and shared."""
        return self._rule_refs[table.id, rule.id]

    def _criteria_trace(self, case: Case, set_id: str, facts: Mapping[str, str],
                        derived: Mapping[str, tuple[str, str]], result: Evaluation) -> list[CriterionResult]:
        # Positional, in CriterionResult's field order: keywords cost a third more, once per criterion per case.
        return [
            CriterionResult(cid, title, kind, BY_RANK[rank], _answer_traces(plan, case, facts, derived),
                            source, weight)
            for (cid, title, kind, source, weight, plan), rank in zip(self._criteria_plans[set_id], result.ranks,
                                                                      strict=True)
        ]

    def _applicable_gates(self, result: Evaluation) -> set[str]:
        """Gates that bear on the recommendation, by each gate's ``applies_when`` in criteria/rulebook.yaml."""
        context = self._gate_values(result)
        context["recommendation"] = result.recommendation
        return {gate for gate, conditions in self._gate_applies if first_match_index((conditions,), context) == 0}

    def _gate_trace(self, case: Case, facts: Mapping[str, str], derived: Mapping[str, tuple[str, str]],
                    result: Evaluation, applicable: set[str]) -> list[GateResult]:
        # A gate reads an answer as it stands, whatever the gate: one trace per answer, shared by the gates.
        traces = dict(zip(self._gate_answers, _answer_traces(self._gate_answer_plan, case, facts, derived),
                          strict=True))
        gates = []
        for (gate, table, output, reads, indicators), rule in zip(self._gate_plans, result.matched_gates, strict=True):
            by_side: dict[str, list[IndicatorHit]] = {"contract": [], "grant": []}
            for question, option, side, hit in indicators:
                if facts.get(question) == option:
                    by_side[side].append(hit)
            used = [traces[qid] for qid in reads]
            # Positional, in GateResult's field order (gate, title, value, rule, applies, facts, for_contract,
            # for_grant): keywords cost a third more.
            gates.append(GateResult(gate, table.title, rule.then[output] or "", self._rule_ref(table, rule),
                                    gate in applicable, used, by_side["contract"], by_side["grant"]))
        return gates

    def _warnings(self, set_id: str, day: dt.date, result: Evaluation, applicable: set[str]) -> list[Caution]:
        """Warnings from the gates that bear on this recommendation, and validity checks."""
        warnings: list[Caution] = []
        for gate, cautions, index in zip(self._gate_ids, self._cautions, result.positions, strict=False):
            if gate in applicable and (caution := cautions[index]) is not None:
                warnings.append(caution)
        criteria_set = self.rulebook.sets[set_id]
        if day < criteria_set.valid_from or (criteria_set.valid_until and day > criteria_set.valid_until):
            warnings.append(Caution(
                text=f"Kriterieuppsättningen {criteria_set.id} gäller inte på bedömningsdatumet {day.isoformat()}.",
                source=Source(document=criteria_set.reference.document, title=criteria_set.reference.title),
            ))
        return warnings
