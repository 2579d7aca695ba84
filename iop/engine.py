"""The assessment engine: a case and a criteria set in, a reasoned recommendation out.

Evaluation is a pure function of the answers (``evaluate``); ``assess`` adds
the trace a reader needs and the what-if for every unknown answer, computed
by re-evaluating the case with each possible answer.
"""

from __future__ import annotations

import datetime as dt
import itertools
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
from iop.case import Case, YesNoUnknown
from iop.decision_table import ABSENT, DecisionTable, Rule
from iop.leaning import build_leaning, lean
from iop.outcome import Outcome
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
    positions: tuple[int, ...] = ()
    """Index of the matched rule in each gate table (GATE_ORDER), then in the recommendation table."""

    @property
    def verdict(self) -> tuple[str, str | None]:
        return self.recommendation, self.form


REGISTRATION_EVIDENCE = "härlett från registreringen hos Kammarkollegiet (lag 2022:900)"
CONTRIBUTION_EVIDENCE = "härlett från parternas insatser"
NO_OBLIGATION_EVIDENCE = "härlett: utan ett bindande åtagande finns ingen prestation att sanktionera"

IMPLIED_FROM: dict[str, tuple[str, ...]] = {"binding_obligations": ("sanctions",)}
"""question -> the questions whose derived answer follows from its answer (see implied_answers)."""


def implied_answers(answered: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Answers that follow from other answers: option and why.

    Sanctions for non-performance presuppose a performance the organisation is
    bound to deliver; with no binding obligation there is nothing to sanction
    (vite does not occur in a grant relationship, Göteborgs Stads vägledning).
    """
    implied: dict[str, tuple[str, str]] = {}
    if answered.get("binding_obligations") == "no":
        implied["sanctions"] = ("no", NO_OBLIGATION_EVIDENCE)
    return implied


def answers_with(facts: Mapping[str, str], answered: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """``facts`` with the answers ``new`` given, and the answers they imply re-derived.

    An implied answer is only ever derived for a question the user left open
    (not in ``answered``); an answer given in ``new`` itself always wins.
    """
    out = dict(facts)
    given = {**answered, **new}
    implied = implied_answers(given)
    for qid in new:
        for target in IMPLIED_FROM.get(qid, ()):
            if target not in answered and target not in new:
                out[target] = implied[target][0] if target in implied else UNKNOWN
    out.update(new)
    return out


def derived_answers(case: Case) -> dict[str, tuple[str, str]]:
    """Answers the engine reads off other case facts when the user left them open: option and why.

    Co-financing follows from the contributions entered for each party, so an
    organisation that filled in its budget need not answer the same thing twice.
    Registration as an idéburen organisation requires limited value transfers
    and no controlling public influence, so it is evidence for those two
    conditions of reserved procurement (evidence, not the statutory test itself).
    """
    derived: dict[str, tuple[str, str]] = {}
    public = case.public_party.contribution.contributes()
    organisation = case.organisation.contribution.contributes()
    if public and organisation:
        derived["co_financing"] = ("both", CONTRIBUTION_EVIDENCE)
    elif public and organisation is False:
        derived["co_financing"] = ("public_only", CONTRIBUTION_EVIDENCE)
    elif organisation and public is False:
        derived["co_financing"] = ("organisation_only", CONTRIBUTION_EVIDENCE)
    if case.organisation.registered_ideburen == YesNoUnknown.yes:
        derived["value_transfers_restricted"] = ("yes", REGISTRATION_EVIDENCE)
        derived["no_public_control"] = ("yes", REGISTRATION_EVIDENCE)
    derived.update(implied_answers(case.facts()))
    return derived


def case_facts(case: Case) -> dict[str, str]:
    """The answers the engine reads: the user's, plus derived ones for questions left open."""
    derived = {q: option for q, (option, _why) in derived_answers(case).items()}
    return {**derived, **case.facts()}


_RANK = {Outcome.not_met: 0, Outcome.unknown: 1, Outcome.partly: 2, Outcome.met: 3}
_BY_RANK = {rank: outcome for outcome, rank in _RANK.items()}


@dataclass(frozen=True)
class _CompiledSet:
    """Per-set lookups built once, so evaluating a what-if costs a few dict operations."""

    criteria: tuple[tuple[str, bool, tuple[tuple[str, dict[str, Outcome]], ...]], ...]
    by_question: dict[str, tuple[int, ...]]
    recommendation_rules: tuple[tuple[tuple[tuple[str, frozenset[str]], ...], Rule], ...]
    recommendation_prefix_keys: tuple[frozenset[str], ...]
    affected_keys: dict[str, frozenset[str]]
    """question id -> every context key a change of its answer can alter."""


def _conditions(rule: Rule) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(rule.when.items())


def _first(rules: tuple[tuple[tuple[tuple[str, frozenset[str]], ...], Rule], ...],
           context: Mapping[str, str]) -> int:
    """Index of the first matching rule, or -1."""
    for index, (conditions, _rule) in enumerate(rules):
        for key, allowed in conditions:
            if context[key] not in allowed:
                break
        else:
            return index
    return -1


def _prefix_keys(rules: list[Rule]) -> tuple[frozenset[str], ...]:
    """For each rule, the inputs examined when first-match stops at it (its own and all earlier)."""
    seen: set[str] = set()
    prefixes = []
    for rule in rules:
        seen |= set(rule.when)
        prefixes.append(frozenset(seen))
    return tuple(prefixes)


class Engine:
    """Evaluates cases against one rulebook; holds the per-set lookups it precomputes."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        criterion_ids = {c.id for s in rulebook.sets.values() for c in s.criteria}
        # Every input a table may read starts as unknown/absent, so a rule never
        # sees a missing key and an unanswered question matches "unknown".
        self._base_context = {f"q.{q}": UNKNOWN for q in rulebook.questions.questions}
        self._base_context.update({f"c.{c}": ABSENT for c in criterion_ids})
        self._base_context.update({"necessary": "unknown", "should": "unknown"})
        self._base_context.update({k: "unknown" for k in ("amount.de_minimis", "amount.sgei_de_minimis",
                                                          "amount.sgei_annual")})
        for gate in GATE_ORDER:
            self._base_context.update(dict.fromkeys(rulebook.gates[gate].outputs, ""))
        self._gates = tuple(
            (gate, rulebook.gates[gate].outputs[0], tuple((_conditions(r), r) for r in rulebook.gates[gate].rules),
             _prefix_keys(rulebook.gates[gate].rules))
            for gate in GATE_ORDER
        )
        self._compiled: dict[str, _CompiledSet] = {}
        self._hash: dict[str, str] = {}
        for sid, criteria_set in rulebook.sets.items():
            criteria = tuple((c.id, c.kind == "necessary", tuple(c.questions.items())) for c in criteria_set.criteria)
            by_question: dict[str, list[int]] = {}
            for index, criterion in enumerate(criteria_set.criteria):
                for qid in criterion.questions:
                    by_question.setdefault(qid, []).append(index)
            affected: dict[str, frozenset[str]] = {}
            for qid in rulebook.questions.questions:
                keys = {f"q.{qid}"}
                for index in by_question.get(qid, []):
                    criterion = criteria_set.criteria[index]
                    keys |= {f"c.{criterion.id}", "necessary" if criterion.kind == "necessary" else "should"}
                affected[qid] = frozenset(keys)
            for qid, targets in IMPLIED_FROM.items():
                # Changing the answer can also change the answers it implies.
                affected[qid] = affected[qid].union(*(affected[t] for t in targets))
            recommendation_rules = rulebook.recommendation_rules(sid)
            self._compiled[sid] = _CompiledSet(
                criteria=criteria,
                by_question={q: tuple(i) for q, i in by_question.items()},
                recommendation_rules=tuple((_conditions(r), r) for r in recommendation_rules),
                recommendation_prefix_keys=_prefix_keys(recommendation_rules),
                affected_keys=affected,
            )
            self._hash[sid] = criteria_set.content_hash(rulebook.questions, rulebook.policy_tables[sid])

    @staticmethod
    def _criterion_rank(questions: tuple[tuple[str, dict[str, Outcome]], ...], facts: Mapping[str, str]) -> int:
        rank = 3
        for qid, effects in questions:
            answer = facts.get(qid, UNKNOWN)
            value = 1 if answer == UNKNOWN else _RANK[effects[answer]]
            if value < rank:
                rank = value
        return rank

    def _decide(self, set_id: str, context: dict[str, str], ranks: list[int]) -> Evaluation:
        """Aggregates, gates and the recommendation table over a prepared context (modified in place)."""
        compiled = self._compiled[set_id]
        necessary = min((r for r, c in zip(ranks, compiled.criteria) if c[1]), default=3)
        should = min((r for r, c in zip(ranks, compiled.criteria) if not c[1]), default=3)
        context["necessary"] = _BY_RANK[necessary].value
        context["should"] = _BY_RANK[should].value
        gate_rules: dict[str, Rule] = {}
        positions = []
        for gate, output, rules, _prefixes in self._gates:
            index = _first(rules, context)
            if index < 0:  # every gate table ends in a catch-all; the rulebook tests pin this
                raise AssertionError(f"no rule matched in gate {gate}")
            rule = rules[index][1]
            gate_rules[gate] = rule
            positions.append(index)
            context[output] = rule.then[output] or ""
        index = _first(compiled.recommendation_rules, context)
        if index < 0:
            raise AssertionError(f"no recommendation rule matched for {set_id}")
        positions.append(index)
        rule = compiled.recommendation_rules[index][1]
        out = rule.outputs(context)
        outcomes = {c[0]: _BY_RANK[r] for r, c in zip(ranks, compiled.criteria)}
        return Evaluation(outcomes, _BY_RANK[necessary], _BY_RANK[should], gate_rules, rule,
                          out["recommendation"] or "undecided", out["form"], tuple(positions))

    def _examined(self, set_id: str, result: Evaluation) -> frozenset[str]:
        """Inputs on which ``result`` depends: any other result needs one of them to change.

        First match means the rules after the matched one were never read. Walking
        back from the recommendation table, a gate's examined inputs count only if
        its output was itself examined by a later table.
        """
        needed = set(self._compiled[set_id].recommendation_prefix_keys[result.positions[-1]])
        for (_gate, output, _rules, prefixes), index in reversed(list(zip(self._gates, result.positions))):
            if output in needed or ("$" + output) in {v for v in result.rule.then.values() if v}:
                needed |= prefixes[index]
        return frozenset(needed)

    def _prepare(self, set_id: str, facts: Mapping[str, str],
                 amounts: Mapping[str, str]) -> tuple[dict[str, str], list[int]]:
        """The context before gates: answers, criterion outcomes, amounts."""
        context = dict(self._base_context)
        for qid, answer in facts.items():
            context["q." + qid] = answer
        context.update(amounts)
        ranks = [self._criterion_rank(c[2], facts) for c in self._compiled[set_id].criteria]
        for rank, criterion in zip(ranks, self._compiled[set_id].criteria):
            context["c." + criterion[0]] = _BY_RANK[rank].value
        return context, ranks

    def evaluate(self, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Evaluation:
        """Criteria, gates and the recommendation table for one set of answers."""
        context, ranks = self._prepare(set_id, facts, amounts)
        return self._decide(set_id, context, ranks)

    def _evaluate_changed(self, set_id: str, base: tuple[dict[str, str], list[int]],
                          facts: Mapping[str, str], changed: Mapping[str, str]) -> Evaluation:
        """``evaluate`` for ``changed`` (facts with a few answers changed), recomputing only what reads them."""
        context = dict(base[0])
        ranks = list(base[1])
        compiled = self._compiled[set_id]
        touched = [q for q in changed if changed[q] != facts.get(q, UNKNOWN)]
        for qid in touched:
            context["q." + qid] = changed[qid]
        for index in sorted({i for qid in touched for i in compiled.by_question.get(qid, ())}):
            criterion = compiled.criteria[index]
            ranks[index] = self._criterion_rank(criterion[2], changed)
            context["c." + criterion[0]] = _BY_RANK[ranks[index]].value
        return self._decide(set_id, context, ranks)

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
        derived = {q: d for q, d in derived_answers(case).items() if q not in answered}
        facts = case_facts(case)
        figures = compute_figures(case, rulebook.parameters, day)
        amounts = amount_inputs(figures)
        prepared = self._prepare(set_id, facts, amounts)
        result = self._decide(set_id, dict(prepared[0]), prepared[1])
        examined = self._examined(set_id, result)

        relevant = rulebook.relevant_questions(set_id)
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
        facts = case_facts(case)
        amounts = amount_inputs(compute_figures(case, rulebook.parameters, case.assessment_date()))
        prepared = self._prepare(set_id, facts, amounts)
        base = self._decide(set_id, dict(prepared[0]), prepared[1])
        # Pruning as in ``assess``: an answer feeding no input that any matched
        # rule (or a rule before it) read cannot change any table's result.
        needed = set(self._examined(set_id, base))
        for (_gate, _output, _rules, prefixes), index in zip(self._gates, base.positions):
            needed |= prefixes[index]
        pending = [q for q in rulebook.relevant_questions(set_id) if q not in facts and q not in case.answers]
        affected = self._compiled[set_id].affected_keys
        base_gates = self._gate_values(base)
        base_applicable = self._applicable_gates(base)
        matter: set[str] = set()
        for qid in pending:
            if affected[qid].isdisjoint(needed):
                continue
            for option in rulebook.questions.questions[qid].options:
                alt = self._evaluate_changed(set_id, prepared, facts, {**facts, qid: option})
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
                alt = self.evaluate(set_id, {**facts, **dict(zip(members, combo))}, amounts)
                gates = self._gate_values(alt)
                if alt.verdict != base.verdict or any(
                        gates[g] != base_gates[g] for g in base_applicable | self._applicable_gates(alt)):
                    found |= set(members)
                    break
        return found

    def _gate_values(self, result: Evaluation) -> dict[str, str]:
        return {gate: result.gate_rules[gate].then[output] or "" for gate, output, _r, _p in self._gates}

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
                set_id, prepared, facts, answers_with(facts, answered, {qid: option})))
            for option, label in question.options.items()
            if facts.get(qid) != option
        ]
        decisive = any(alt.verdict != base.verdict for _, _, alt in alternatives)
        if only_if_decisive and not decisive:
            return None
        # Built with model_construct: every value comes from validated rulebook data.
        what_if = [
            WhatIf.model_construct(option=option, option_label=label, recommendation=alt.recommendation,
                                   form=alt.form, rule=alt.rule.id)
            for option, label, alt in alternatives
        ]
        return OpenQuestion.model_construct(question=qid, text=question.text, group=question.group,
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
                    self.evaluate(set_id, answers_with(facts, answered, {first: a, second: b}), amounts).verdict
                    != base.verdict
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
                        derived: Mapping[str, tuple[str, str]], result: Evaluation) -> list[CriterionResult]:
        questions = self.rulebook.questions.questions
        results = []
        for criterion in self.rulebook.sets[set_id].criteria:
            traces = []
            for qid, effects in criterion.questions.items():
                option = facts.get(qid, UNKNOWN)
                answer = case.answers.get(qid)
                traces.append(AnswerTrace.model_construct(
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

    @staticmethod
    def _applicable_gates(result: Evaluation) -> set[str]:
        """Gates that bear on the recommendation: grant rules only if not a contract, the route only for procurement."""
        gates = {"contract"}
        if result.gate_rules["contract"].then["contract_test"] != "contract":
            gates |= {"lawful_grant", "state_aid"}
        if result.recommendation == "procurement":
            gates.add("procurement_route")
        return gates

    def _gate_trace(self, case: Case, facts: Mapping[str, str], derived: Mapping[str, tuple[str, str]],
                    result: Evaluation) -> list[GateResult]:
        questions = self.rulebook.questions.questions
        applicable = self._applicable_gates(result)
        gates = []
        for gate in GATE_ORDER:
            table = self.rulebook.gates[gate]
            rule = result.gate_rules[gate]
            matched = [i for i in table.indicators if facts.get(i.question) == i.option]
            by_side = {
                side: [IndicatorHit(question=i.question, label=i.label, reference=i.reference,
                                    confidence=i.confidence, weight=i.weight) for i in matched if i.points_to == side]
                for side in ("contract", "grant")
            }
            read = [name[2:] for name in table.input_names if name.startswith("q.")]
            used = [
                AnswerTrace.model_construct(
                    question=qid, text=questions[qid].text, answer=facts.get(qid, UNKNOWN),
                    answer_label=questions[qid].options.get(facts.get(qid, UNKNOWN), "Vet ej / inte besvarad"),
                    effect=Outcome.unknown, reasoning=case.answers[qid].reasoning if qid in case.answers else "",
                    evidence=list(case.answers[qid].evidence) if qid in case.answers else [],
                    derived=qid in derived, derived_from=derived[qid][1] if qid in derived else "")
                for qid in questions if qid in read
            ]
            gates.append(GateResult(gate=gate, title=table.title, value=rule.then[table.outputs[0]] or "",
                                    rule=self._rule_ref(table, rule), applies=gate in applicable, facts=used,
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
