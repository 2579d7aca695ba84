"""The assessment engine: a case and a criteria set in, a reasoned recommendation out.

Evaluation is a pure function of the answers (``evaluate``); ``assess`` adds
the trace a reader needs and the what-if for every unknown answer, computed
by re-evaluating the case with each possible answer.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace

from iop.assessment_record import (
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
from iop.case import Case
from iop.criteria import RankedEffects, criterion_rank
from iop.decision_table import ABSENT, Conditions, DecisionTable, Rule, first_match_index
from iop.derivations import AMOUNTS, FROM_ANSWERS, FROM_CASE, TOTALS
from iop.leaning import build_leaning, lean
from iop.questions import UNKNOWN
from iop.rulebook import Rulebook, load_rulebook
from iop.source import Source
from iop.state_aid import compute_figures
from iop.three_valued import BY_RANK, Outcome


@dataclass(frozen=True)
class Evaluation:
    """The bare result of evaluating answers: outcomes and the rules that matched."""

    ranks: tuple[int, ...]
    """Each criterion's outcome rank, in the set's order (see ``outcomes``)."""
    criterion_ids: tuple[str, ...]
    necessary: Outcome
    should: Outcome
    gate_rules: dict[str, Rule]
    rule: Rule
    recommendation: str
    form: str | None
    positions: tuple[int, ...] = ()
    """Index of the matched rule in each gate table (reading order), then in the recommendation table."""

    @property
    def verdict(self) -> tuple[str, str | None]:
        return self.recommendation, self.form

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
    for entry in rulebook.derivations:
        if entry.from_answers_only:
            option = FROM_ANSWERS[entry.function](facts)
        else:
            option = FROM_CASE[entry.function](case)
        if option is not None:
            derived[entry.question] = (option, entry.evidence)
    return derived


def case_facts(case: Case, rulebook: Rulebook | None = None) -> dict[str, str]:
    """The answers the engine reads: the user's, plus derived ones for questions left open."""
    derived = {q: option for q, (option, _why) in derived_answers(case, rulebook).items()}
    return {**derived, **case.facts()}


_VALUE = {outcome: outcome.value for outcome in Outcome}
_VALUE_BY_RANK = {rank: outcome.value for rank, outcome in BY_RANK.items()}
"""Enum ``.value`` is a descriptor call; the what-if reads these thousands of times per case."""


@dataclass(frozen=True)
class _CompiledSet:
    """Per-set lookups built once, so evaluating a what-if costs a few dict operations."""

    criteria: tuple[tuple[str, str, RankedEffects], ...]
    """(criterion id, kind, Criterion.ranked_effects) in the set's order."""
    ids: tuple[str, ...]
    kinds: tuple[str, ...]
    by_question: dict[str, tuple[int, ...]]
    recommendation_conditions: tuple[Conditions, ...]
    recommendation_rules: tuple[Rule, ...]
    recommendation_prefix_keys: tuple[frozenset[str], ...]
    affected_keys: dict[str, frozenset[str]]
    """question id -> every context key a change of its answer can alter."""


@dataclass(frozen=True)
class _CompiledGate:
    gate: str
    conditions: tuple[Conditions, ...]
    rules: tuple[Rule, ...]
    prefixes: tuple[frozenset[str], ...]
    inputs: frozenset[str]


def _prefix_keys(rules: list[Rule]) -> tuple[frozenset[str], ...]:
    """For each rule, the inputs examined when first-match stops at it (its own and all earlier)."""
    seen: set[str] = set()
    prefixes = []
    for rule in rules:
        seen |= set(rule.when)
        prefixes.append(frozenset(seen))
    return tuple(prefixes)


class Engine:
    """Evaluates cases against one rulebook; holds the per-set lookups it precomputes.

    The lookups are built from the rulebook's own objects (``Rule.conditions``,
    ``Criterion.ranked_effects``) and read by the rulebook's own matcher
    (``first_match_index``, ``criterion_rank``): speed without a second
    reading of the semantics.
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        criterion_ids = {c.id for s in rulebook.sets.values() for c in s.criteria}
        # Every input a table may read starts as unknown/absent, so an
        # unanswered question matches "unknown".
        self._base_context = {f"q.{q}": UNKNOWN for q in rulebook.questions.questions}
        self._base_context.update({f"c.{c}": ABSENT for c in criterion_ids})
        self._base_context.update({c.name: "unknown" for c in rulebook.computed_inputs})
        self._totals = tuple((c.name, TOTALS[c.function]) for c in rulebook.computed_inputs if c.function in TOTALS)
        self._total_names = frozenset(f"c.{c}" for c in criterion_ids)
        """A total can change only when a criterion outcome changed."""
        self._amounts = tuple(dict.fromkeys(AMOUNTS[c.function] for c in rulebook.computed_inputs
                                            if c.function in AMOUNTS))
        for gate in rulebook.gate_order:
            self._base_context.update(dict.fromkeys(rulebook.gates[gate].outputs, ""))
        self._gates = tuple(
            _CompiledGate(gate, table.conditions, tuple(table.rules), _prefix_keys(table.rules),
                          frozenset(table.input_names))
            for gate, table in rulebook.gates.items()
        )
        # The answers each gate's table reads, in asking order (for the trace).
        self._gate_reads = {
            gate: tuple(q for q in rulebook.questions.questions if f"q.{q}" in table.input_names)
            for gate, table in rulebook.gates.items()
        }
        self._relevant = {sid: tuple(rulebook.relevant_questions(sid)) for sid in rulebook.sets}
        self._compiled: dict[str, _CompiledSet] = {}
        self._hash: dict[str, str] = {}
        for sid, criteria_set in rulebook.sets.items():
            by_question: dict[str, list[int]] = {}
            for index, criterion in enumerate(criteria_set.criteria):
                for qid in criterion.questions:
                    by_question.setdefault(qid, []).append(index)
            affected: dict[str, frozenset[str]] = {}
            for qid in rulebook.questions.questions:
                keys = {f"q.{qid}"}
                for index in by_question.get(qid, []):
                    criterion = criteria_set.criteria[index]
                    keys |= {f"c.{criterion.id}", criterion.kind}
                affected[qid] = frozenset(keys)
            for implied in rulebook.implied_answers:
                # Changing an answer can also change the answers it implies.
                for qid in implied.reads_questions:
                    affected[qid] = affected[qid] | affected[implied.question]
            recommendation_rules = rulebook.recommendation_rules(sid)
            self._compiled[sid] = _CompiledSet(
                criteria=tuple((c.id, c.kind, c.ranked_effects) for c in criteria_set.criteria),
                ids=tuple(c.id for c in criteria_set.criteria),
                kinds=tuple(c.kind for c in criteria_set.criteria),
                by_question={q: tuple(i) for q, i in by_question.items()},
                recommendation_conditions=tuple(r.conditions for r in recommendation_rules),
                recommendation_rules=tuple(recommendation_rules),
                recommendation_prefix_keys=_prefix_keys(recommendation_rules),
                affected_keys=affected,
            )
            self._hash[sid] = criteria_set.content_hash(rulebook.questions, rulebook.policy_tables[sid])

    def _decide(self, set_id: str, context: dict[str, str], ranks: list[int],
                base: Evaluation | None = None, changed: set[str] | None = None) -> Evaluation:
        """Totals, gates and the recommendation layers over a prepared context (modified in place).

        Given ``base`` and the context keys that ``changed`` from it, what reads
        nothing that changed is taken from the base: the totals when no
        criterion changed, and a gate's rule when none of its inputs did (first
        match over unchanged inputs finds the same rule).
        """
        compiled = self._compiled[set_id]
        if base is not None and changed is not None and not changed.intersection(self._total_names):
            necessary, should = base.necessary, base.should
        else:
            totals = {name: BY_RANK[total(ranks, compiled.kinds)] for name, total in self._totals}
            necessary, should = totals["necessary"], totals["should"]
        context["necessary"] = _VALUE[necessary]
        context["should"] = _VALUE[should]
        gate_rules: dict[str, Rule] = {}
        positions = []
        for number, gate in enumerate(self._gates):
            if base is not None and changed is not None and gate.inputs.isdisjoint(changed):
                index = base.positions[number]
            else:
                index = first_match_index(gate.conditions, context)
                if index < 0:  # the loader refuses a gate table without a catch-all
                    raise AssertionError(f"no rule matched in gate {gate.gate}")
                if changed is not None and base is not None and index != base.positions[number]:
                    changed.add(gate.gate)
            rule = gate.rules[index]
            gate_rules[gate.gate] = rule
            positions.append(index)
            context[gate.gate] = rule.then[gate.gate] or ""
        index = first_match_index(compiled.recommendation_conditions, context)
        if index < 0:
            raise AssertionError(f"no recommendation rule matched for {set_id}")
        positions.append(index)
        rule = compiled.recommendation_rules[index]
        out = rule.outputs(context)
        return Evaluation(tuple(ranks), compiled.ids, necessary, should,
                          gate_rules, rule, out["recommendation"] or "undecided", out["form"], tuple(positions))

    def _examined(self, set_id: str, result: Evaluation) -> frozenset[str]:
        """Inputs on which ``result`` depends: any other result needs one of them to change.

        First match means the rules after the matched one were never read. Walking
        back from the recommendation table, a gate's examined inputs count only if
        its output was itself examined by a later table.
        """
        needed = set(self._compiled[set_id].recommendation_prefix_keys[result.positions[-1]])
        # positions has one more entry than there are gates (the recommendation table last): stop at the gates.
        for gate, index in reversed(list(zip(self._gates, result.positions, strict=False))):
            if gate.gate in needed or ("$" + gate.gate) in {v for v in result.rule.then.values() if v}:
                needed |= gate.prefixes[index]
        return frozenset(needed)

    def _prepare(self, set_id: str, facts: Mapping[str, str],
                 amounts: Mapping[str, str]) -> tuple[dict[str, str], list[int]]:
        """The context before gates: answers, criterion outcomes, amounts."""
        context = dict(self._base_context)
        for qid, answer in facts.items():
            context["q." + qid] = answer
        context.update(amounts)
        ranks = [criterion_rank(c[2], facts) for c in self._compiled[set_id].criteria]
        for rank, criterion in zip(ranks, self._compiled[set_id].criteria, strict=True):
            context["c." + criterion[0]] = _VALUE_BY_RANK[rank]
        return context, ranks

    def evaluate(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Evaluation:
        """Criteria, gates and the recommendation table for one set of answers."""
        context, ranks = self._prepare(set_id, facts, amounts)
        return self._decide(set_id, context, ranks)

    def _evaluate_changed(self, set_id: str, base: tuple[dict[str, str], list[int]], facts: Mapping[str, str],
                          delta: Mapping[str, str], result: Evaluation,
                          examined: frozenset[str] = frozenset()) -> Evaluation:
        """``evaluate`` for ``facts`` with the answers in ``delta`` changed, recomputing only what reads them.

        When nothing that changed was examined by ``result`` (see ``_examined``),
        first match finds the same rules, so ``result`` itself is the answer.
        """
        context = dict(base[0])
        ranks = list(base[1])
        compiled = self._compiled[set_id]
        changed = {"q." + qid for qid in delta}
        for qid, option in delta.items():
            context["q." + qid] = option
        touched = {i for qid in delta for i in compiled.by_question.get(qid, ())}
        if touched:
            answers = {**facts, **delta}
            for index in touched:
                criterion = compiled.criteria[index]
                rank = criterion_rank(criterion[2], answers)
                if rank != ranks[index]:
                    ranks[index] = rank
                    context["c." + criterion[0]] = _VALUE_BY_RANK[rank]
                    changed.add("c." + criterion[0])
                    changed.add(criterion[1])  # the total of its kind may change
        if examined and changed.isdisjoint(examined):
            return result
        return self._decide(set_id, context, ranks, result, changed)

    def _delta(self, facts: Mapping[str, str], answered: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
        """The answers that differ from ``facts`` once ``new`` is given (see ``answers_with``)."""
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
        criteria_set = rulebook.criteria_set(set_id)
        day = case.assessment_date(today)

        answered = case.facts()
        derived = {q: d for q, d in _derive(case, answered, rulebook).items() if q not in answered}
        facts = {**{q: option for q, (option, _why) in derived.items()}, **answered}
        figures = compute_figures(case, rulebook.parameters, day)
        amounts = self.amount_inputs(figures)
        prepared = self._prepare(set_id, facts, amounts)
        result = self._decide(set_id, dict(prepared[0]), prepared[1])
        examined = self._examined(set_id, result)

        relevant = self._relevant[set_id]
        open_questions = [
            q for qid in relevant if qid not in facts
            if (q := self._what_if(set_id, prepared, facts, answered, qid, result, examined)) is not None
        ]
        if result.recommendation == "undecided" and not any(q.decisive for q in open_questions):
            open_questions = self._pairs_that_decide(set_id, facts, answered, amounts, open_questions, result)
        open_questions.sort(key=lambda q: (not q.decisive, not q.decides_with))
        leaning = None
        if result.recommendation == "undecided":
            leaning = build_leaning(rulebook, lean(rulebook, set_id, facts, amounts), open_questions,
                                    result.rule.annotation)
        changes: list[OpenQuestion] = []
        if explain_changes:
            for qid in relevant:
                if qid in facts:
                    alternative = self._what_if(set_id, prepared, facts, answered, qid, result, examined,
                                                only_if_decisive=True)
                    if alternative is not None:
                        changes.append(alternative)

        return Assessment(
            case_title=case.title,
            diarienummer=case.diarienummer,
            date=day,
            recommendation=result.recommendation,  # type: ignore[arg-type]
            form=result.form,
            rule=self._rule_ref(self.table_of(set_id, result), result.rule),
            criteria_set=CriteriaSetRef(
                id=criteria_set.id,
                version=criteria_set.version,
                title=criteria_set.title,
                hash=self._hash[set_id],
            ),
            necessary=result.necessary,
            should=result.should,
            criteria=self._criteria_trace(case, set_id, facts, derived, result),
            gates=self._gate_trace(case, facts, derived, result),
            open_questions=open_questions,
            changes=changes,
            warnings=self._warnings(case, set_id, day, result),
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
        facts = case_facts(case, rulebook)
        amounts = self.amount_inputs(compute_figures(case, rulebook.parameters, case.assessment_date()))
        prepared = self._prepare(set_id, facts, amounts)
        base = self._decide(set_id, dict(prepared[0]), prepared[1])
        # Pruning as in ``assess``: an answer feeding no input that any matched
        # rule (or a rule before it) read cannot change any table's result.
        needed = set(self._examined(set_id, base))
        for gate, index in zip(self._gates, base.positions, strict=False):
            needed |= gate.prefixes[index]
        pending = [q for q in rulebook.relevant_questions(set_id) if q not in facts and q not in case.answers]
        affected = self._compiled[set_id].affected_keys
        base_gates = self._gate_values(base)
        base_applicable = self._applicable_gates(base)
        matter: set[str] = set()
        for qid in pending:
            if affected[qid].isdisjoint(needed):
                continue
            for option in rulebook.questions.questions[qid].options:
                # Gate values are compared too, so no early return on unexamined inputs (examined left empty).
                alt = self._evaluate_changed(set_id, prepared, facts, {qid: option}, base)
                if alt.verdict != base.verdict:
                    matter.add(qid)
                    break
                gates = self._gate_values(alt)
                if any(gates[g] != base_gates[g] for g in base_applicable | self._applicable_gates(alt)):
                    matter.add(qid)
                    break
        matter |= self._jointly_matter(set_id, facts, amounts, base, base_gates, base_applicable,
                                       [q for q in pending if q not in matter and not affected[q].isdisjoint(needed)])
        if not matter and base.recommendation == "undecided":
            # Across groups, answers that decide an undecided case only as a pair.
            # Beyond that the walk stops: what blocks the case is then a question
            # answered "vet ej", which the recommendation names as what to find out.
            questions = rulebook.questions.questions
            candidates = [q for q in pending if not affected[q].isdisjoint(needed)][: self.MAX_PAIR_QUESTIONS]
            for i, first in enumerate(candidates):
                for second in candidates[i + 1:]:
                    if any(self.evaluate(set_id, {**facts, first: a, second: b}, amounts).verdict != base.verdict
                           for a in questions[first].options for b in questions[second].options):
                        matter |= {first, second}
        return frozenset(matter)

    MAX_JOINT_COMBINATIONS = 243
    """Answers tried together per question group (3**5), to bound the cost of the joint search."""

    def _jointly_matter(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str],
                        base: Evaluation, base_gates: Mapping[str, str], base_applicable: set[str],
                        candidates: list[str]) -> set[str]:
        """Questions of one group that change the outcome only when answered together.

        A gate rule often needs several answers at once (reserved procurement
        needs four conditions; a grant needs several contract indicators to be
        absent), so no single answer moves it. Trying every combination within
        a small group (a gate's questions) finds them, so a gate's questions
        are asked together on one screen.
        """
        questions = self.rulebook.questions.questions
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
                alt = self.evaluate(set_id, {**facts, **dict(zip(members, combo, strict=True))}, amounts)
                gates = self._gate_values(alt)
                if alt.verdict != base.verdict or any(
                        gates[g] != base_gates[g] for g in base_applicable | self._applicable_gates(alt)):
                    found |= set(members)
                    break
        return found

    def _gate_values(self, result: Evaluation) -> dict[str, str]:
        return {g.gate: result.gate_rules[g.gate].then[g.gate] or "" for g in self._gates}

    # --- pieces of the trace -------------------------------------------------

    def _what_if(self, set_id: str, prepared: tuple[dict[str, str], list[int]], facts: Mapping[str, str],
                 answered: Mapping[str, str], qid: str, base: Evaluation, examined: frozenset[str],
                 only_if_decisive: bool = False) -> OpenQuestion | None:
        """What each other answer to ``qid`` would lead to (None: not decisive, and only_if_decisive)."""
        question = self.rulebook.questions.questions[qid]
        # An answer that feeds no examined input cannot change any matched rule.
        unchanged = self._compiled[set_id].affected_keys[qid].isdisjoint(examined)
        if unchanged and only_if_decisive:
            return None
        alternatives = [
            (option, label, base if unchanged else self._evaluate_changed(
                set_id, prepared, facts, self._delta(facts, answered, {qid: option}), base, examined))
            for option, label in question.options.items()
            if facts.get(qid) != option
        ]
        decisive = any(alt.verdict != base.verdict for _, _, alt in alternatives)
        if only_if_decisive and not decisive:
            return None
        what_if = [
            # The recommendation values come from the validated tables (see the loader's checks).
            WhatIf(option=option, option_label=label, recommendation=alt.recommendation,  # type: ignore[arg-type]
                   form=alt.form, rule=alt.rule.id)
            for option, label, alt in alternatives
        ]
        return OpenQuestion(question=qid, text=question.text, group=question.group,
                                            decisive=decisive, what_if=what_if, decides_with=[])

    MAX_PAIR_QUESTIONS = 16
    """Pairs are searched among at most this many open questions (120 pairs), to bound the cost."""

    def _pairs_that_decide(self, set_id: str, facts: Mapping[str, str], answered: Mapping[str, str],
                           amounts: Mapping[str, str],
                           open_questions: list[OpenQuestion], base: Evaluation) -> list[OpenQuestion]:
        """When no single answer decides an undecided case, find the pairs of answers that do."""
        questions = self.rulebook.questions.questions
        candidates = [q.question for q in open_questions][: self.MAX_PAIR_QUESTIONS]
        partners: dict[str, set[str]] = {q: set() for q in candidates}
        for i, first in enumerate(candidates):
            for second in candidates[i + 1:]:
                if any(
                    self.evaluate(
                        set_id, answers_with(facts, answered, {first: a, second: b}, self.rulebook), amounts
                    ).verdict
                    != base.verdict
                    for a in questions[first].options for b in questions[second].options
                ):
                    partners[first].add(second)
                    partners[second].add(first)
        return [replace(q, decides_with=sorted(partners.get(q.question, ()))) for q in open_questions]

    @staticmethod
    def _rule_ref(table: DecisionTable, rule: Rule) -> RuleRef:
        return RuleRef(table=table.id, table_title=table.title, layer=table.layer, id=rule.id,
                       annotation=rule.annotation, source=rule.source,
                       warning=rule.warning, remedy=rule.remedy)

    def _criteria_trace(self, case: Case, set_id: str, facts: Mapping[str, str],
                        derived: Mapping[str, tuple[str, str]], result: Evaluation) -> list[CriterionResult]:
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
                    derived_from=derived[qid][1] if qid in derived else "",
                ))
            results.append(CriterionResult(id=criterion.id, title=criterion.title, kind=criterion.kind,
                                           outcome=result.outcomes[criterion.id], answers=traces,
                                           source=criterion.source, weight=criterion.weight))
        return results

    def _applicable_gates(self, result: Evaluation) -> set[str]:
        """Gates that bear on the recommendation, by each gate's ``applies_when`` in criteria/rulebook.yaml."""
        context = {gate: rule.then[gate] or "" for gate, rule in result.gate_rules.items()}
        context["recommendation"] = result.recommendation
        return {gate.id for gate in self.rulebook.gate_entries if gate.applies(context)}

    def _gate_trace(self, case: Case, facts: Mapping[str, str], derived: Mapping[str, tuple[str, str]],
                    result: Evaluation) -> list[GateResult]:
        questions = self.rulebook.questions.questions
        applicable = self._applicable_gates(result)
        answers = case.answers
        gates = []
        for gate, table in self.rulebook.gates.items():
            rule = result.gate_rules[gate]
            matched = [i for i in table.indicators if facts.get(i.question) == i.option]
            by_side = {
                side: [IndicatorHit(question=i.question, label=i.label, reference=i.reference,
                                    confidence=i.confidence, weight=i.weight) for i in matched if i.points_to == side]
                for side in ("contract", "grant")
            }
            used = [
                AnswerTrace(
                    question=qid, text=questions[qid].text, answer=facts.get(qid, UNKNOWN),
                    answer_label=questions[qid].options.get(facts.get(qid, UNKNOWN), "Vet ej / inte besvarad"),
                    effect=Outcome.unknown, reasoning=answers[qid].reasoning if qid in answers else "",
                    evidence=list(answers[qid].evidence) if qid in answers else [],
                    derived=qid in derived, derived_from=derived[qid][1] if qid in derived else "")
                for qid in self._gate_reads[gate]
            ]
            gates.append(GateResult(gate=gate, title=table.title, value=rule.then[table.outputs[0]] or "",
                                    rule=self._rule_ref(table, rule), applies=gate in applicable, facts=used,
                                    for_contract=by_side["contract"], for_grant=by_side["grant"]))
        return gates

    def _warnings(self, case: Case, set_id: str, day: dt.date, result: Evaluation) -> list[Caution]:
        """Warnings from the gates that bear on this recommendation, and validity checks."""
        warnings: list[Caution] = []
        applicable = self._applicable_gates(result)
        for gate in self.rulebook.gate_order:
            rule = result.gate_rules[gate]
            if gate in applicable and rule.warning:
                warnings.append(Caution(text=rule.warning, source=rule.source, remedy=rule.remedy))
        criteria_set = self.rulebook.sets[set_id]
        if day < criteria_set.valid_from or (criteria_set.valid_until and day > criteria_set.valid_until):
            warnings.append(Caution(
                text=f"Kriterieuppsättningen {criteria_set.id} gäller inte på bedömningsdatumet {day.isoformat()}.",
                source=Source(document=criteria_set.reference.document, title=criteria_set.reference.title),
            ))
        return warnings
