"""What other answers would lead to: each answer tried from one baseline, re-reading only what it can change.

Every what-if starts from a ``Baseline``: one evaluation with the context it
decided in and what it depended on. An answer that can change nothing the
baseline's rules read is not evaluated at all (``Baseline.may_change``); one
that can is evaluated incrementally (``evaluate_changed``), and two answers
that no rule or criterion of the set can tell apart share one evaluation
(``CompiledSet.alike``). tests/engine/test_incremental_evaluation.py holds all
of it to evaluating afresh.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from iop.engine.answers import facts_of, implied_changes_of
from iop.engine.compiled import UNDECIDED, CompiledRulebook, CompiledSet
from iop.engine.criteria_sets import prepare, rerank
from iop.engine.tables import Evaluation, applicable_gates, decide, decide_again, examined, gate_values, sensitivity
from iop.model.assessment_record import OpenQuestion, StateAidFigures, WhatIf
from iop.model.case import Case
from iop.model.questions import UNKNOWN
from iop.rules.state_aid import compute_figures
from iop.words.clock import swedish_today

MAX_PAIR_QUESTIONS = 16
"""Pairs are searched among at most this many open questions (120 pairs), to bound the cost."""
MAX_JOINT_COMBINATIONS = 243
"""Answers tried together per question group (3**5), to bound the cost of the joint search."""


@dataclass(slots=True)
class Baseline:
    """One evaluation kept as the starting point of what-ifs: the context it decided in and what it examined.

    Read-only by convention, not frozen: built once per assessment, and a frozen
    dataclass's ``__init__`` sets each of its nine fields through ``object.__setattr__``.
    """

    compiled: CompiledSet
    facts: Mapping[str, str]
    context: Mapping[str, str]
    """The context after the tables were read (answers, outcomes, totals, amounts and gate outputs)."""
    ranks: tuple[int, ...]
    result: Evaluation
    examined: frozenset[str]
    """The inputs ``result`` depends on (``tables.examined``)."""
    sensitive: frozenset[str]
    """Inputs a change of which, alone, may change ``result``'s rule (``tables.sensitivity``)."""
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


def evaluate(book: CompiledRulebook, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Evaluation:
    """Criteria, gates and the recommendation table for one set of answers."""
    cset = book.sets[set_id]
    context, ranks = prepare(book, cset, facts, amounts)
    return decide(cset, context, ranks)


def baseline(book: CompiledRulebook, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> Baseline:
    """``evaluate``, keeping what the what-ifs start from."""
    cset = book.sets[set_id]
    context, ranks = prepare(book, cset, facts, amounts)
    result = decide(cset, context, ranks)
    sensitive, jointly = sensitivity(cset, result, context)
    return Baseline(cset, facts, context, result.ranks, result, examined(cset, result), sensitive, jointly,
                    frozenset().union(*jointly))


def evaluate_changed(baseline: Baseline, delta: Mapping[str, str], prune: bool = True) -> Evaluation:
    """``evaluate`` for the baseline's facts with the answers in ``delta`` changed, re-reading only what reads them.

    With ``prune``, when what changed cannot change the baseline's rule
    (``Baseline.may_change``), first match finds the same rules, so that
    result itself is the answer (its recommendation and rule; gates it did
    not read through may differ).
    """
    cset = baseline.compiled
    updates = {"q." + qid: option for qid, option in delta.items()}
    # The totals a changed criterion may alter (pruning must see them: a rule may read only the total).
    ranks, kinds = rerank(cset, baseline.facts, delta, baseline.ranks, updates)
    if prune and not baseline.may_change(updates.keys() | kinds if kinds else updates):
        return baseline.result
    context = {**baseline.context, **updates}
    return decide_again(cset, context, ranks, baseline.result, set(updates), kinds)


def delta(book: CompiledRulebook, facts: Mapping[str, str], answered: Mapping[str, str],
          new: Mapping[str, str]) -> dict[str, str]:
    """The answers that differ from ``facts`` once ``new`` is given (see ``answers.answers_with``)."""
    if book.implying.isdisjoint(new):  # no implied answer reads them: nothing to re-derive
        return {qid: option for qid, option in new.items() if facts.get(qid, UNKNOWN) != option}
    changed = {**implied_changes_of(book, answered, new), **new}
    return {qid: option for qid, option in changed.items() if facts.get(qid, UNKNOWN) != option}


def delta_of(book: CompiledRulebook, facts: Mapping[str, str], answered: Mapping[str, str],
             new: dict[str, str]) -> dict[str, str]:
    """``new`` as is when no implied answer reads it, else with the answers it implies (``delta``).

    A grant decision implies no binding obligation and no sanctions (criteria/rulebook.yaml): a
    walk that tried the decision without them would never find that it decides gate 1.
    """
    return delta(book, facts, answered, new) if not book.implying.isdisjoint(new) else new


def what_if(book: CompiledRulebook, baseline: Baseline, answered: Mapping[str, str], qid: str,
            only_if_decisive: bool = False) -> OpenQuestion | None:
    """What each other answer to ``qid`` would lead to (None: not decisive, and only_if_decisive)."""
    base = baseline.result
    # An answer that can change no input the result is sensitive to cannot change any matched rule.
    affected = baseline.compiled.affected[qid]
    unchanged = affected.isdisjoint(baseline.examined) or not baseline.may_change(affected)
    if unchanged and only_if_decisive:
        return None
    facts = baseline.facts
    current = facts.get(qid)
    labels = book.labels[qid]
    decisive = False
    if unchanged:
        alternatives = [(option, base) for option in labels if option != current]
    else:
        signatures = baseline.compiled.alike.get(qid)
        # Answers alike (``CompiledSet.alike``) give the same evaluation: evaluate one of each kind.
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
                changed = delta(book, facts, answered, {qid: option}) if qid in book.implying else {qid: option}
                alt = evaluate_changed(baseline, changed)
                if signature is not None:
                    done[signature] = alt
                decisive = decisive or alt.recommendation != base.recommendation or alt.form != base.form
            alternatives.append((option, alt))
    if only_if_decisive and not decisive:
        return None
    what_ifs = [
        # The recommendation values come from the validated tables (see the loader's checks).
        WhatIf(option, labels[option], alt.recommendation, alt.form, alt.rule.id)  # type: ignore[arg-type]
        for option, alt in alternatives
    ]
    question = book.questions[qid]
    return OpenQuestion(qid, question.text, question.group, decisive, what_ifs, [])


def pairs_that_decide(book: CompiledRulebook, baseline: Baseline, answered: Mapping[str, str],
                      open_questions: list[OpenQuestion]) -> list[OpenQuestion]:
    """When no single answer decides an undecided case, find the pairs of answers that do."""
    questions = book.questions
    facts, base = baseline.facts, baseline.result
    candidates = [q.question for q in open_questions][:MAX_PAIR_QUESTIONS]
    partners: dict[str, set[str]] = {q: set() for q in candidates}
    affected = baseline.compiled.affected
    for i, first in enumerate(candidates):
        for second in candidates[i + 1:]:
            # What a pair of answers can change is what either answer can (implied answers included):
            # when that cannot change the deciding rule, no pair of their answers can.
            if baseline.may_change(affected[first] | affected[second]) and any(
                evaluate_changed(baseline, delta(book, facts, answered, {first: a, second: b})).verdict
                != base.verdict
                for a in questions[first].options for b in questions[second].options
            ):
                partners[first].add(second)
                partners[second].add(first)
    return [replace(q, decides_with=sorted(partners.get(q.question, ()))) for q in open_questions]


def open_questions(book: CompiledRulebook, baseline: Baseline, answered: Mapping[str, str]) -> list[OpenQuestion]:
    """Every relevant question left open with what each answer would lead to; deciding ones first.

    When no single answer decides an undecided case, the pairs that do are named (``pairs_that_decide``).
    """
    facts = baseline.facts
    found = [q for qid in baseline.compiled.relevant if qid not in facts
             if (q := what_if(book, baseline, answered, qid)) is not None]
    if baseline.result.recommendation == UNDECIDED and not any(q.decisive for q in found):
        found = pairs_that_decide(book, baseline, answered, found)
    found.sort(key=lambda q: (not q.decisive, not q.decides_with))
    return found


def changes(book: CompiledRulebook, baseline: Baseline, answered: Mapping[str, str]) -> list[OpenQuestion]:
    """Answered questions another answer to which would change the recommendation, in asking order."""
    facts, affected, needed = baseline.facts, baseline.compiled.affected, baseline.examined
    found = []
    for qid in baseline.compiled.relevant:
        # The cheap test first: most answers feed nothing the result examined (``what_if`` tests it all).
        if qid in facts and not affected[qid].isdisjoint(needed):
            alternative = what_if(book, baseline, answered, qid, only_if_decisive=True)
            if alternative is not None:
                found.append(alternative)
    return found


def amount_inputs(book: CompiledRulebook, figures: StateAidFigures) -> dict[str, str]:
    """The computed inputs ``amount.*`` (criteria/rulebook.yaml), by the functions it names."""
    amounts: dict[str, str] = {}
    for compute in book.amounts:
        amounts.update(compute(figures))
    return amounts


def questions_that_matter(book: CompiledRulebook, case: Case, set_id: str) -> frozenset[str]:
    """Questions not yet put to the user whose answer can still change the outcome.

    The guided walk asks only these. A question matters when one of its
    answers, given everything answered so far, changes the recommendation or
    the value of a gate that bears on it (before or after the change). A
    question answered "vet ej" has been asked and is not asked again. When the
    case is undecided and no single answer decides it, the questions that
    decide it in pairs matter, so the walk never stalls short of a verdict.
    """
    answered = case.facts()
    facts = facts_of(book, case)
    figures = compute_figures(case, book.parameters, case.assessment_date(swedish_today()))
    start = baseline(book, set_id, facts, amount_inputs(book, figures))
    base = start.result
    # Pruning as in ``assess``: an answer feeding no input that any matched
    # rule (or a rule before it) read cannot change any table's result.
    needed = set(start.examined)
    for gate, index in zip(start.compiled.gates, base.gate_positions, strict=True):
        needed |= gate.table.rules[index].reads
    pending = [q for q in start.compiled.relevant if q not in facts and q not in case.answers]
    affected = start.compiled.affected
    base_gates = gate_values(base)
    base_applicable = applicable_gates(base)
    matter: set[str] = set()
    for qid in pending:
        if affected[qid].isdisjoint(needed):
            continue
        for option in book.questions[qid].options:
            # Gate values are compared too, so no early return on unexamined inputs (no pruning).
            alt = evaluate_changed(start, delta_of(book, facts, answered, {qid: option}), prune=False)
            if alt.verdict != base.verdict:
                matter.add(qid)
                break
            gates = gate_values(alt)
            if any(gates[g] != base_gates[g] for g in base_applicable | applicable_gates(alt)):
                matter.add(qid)
                break
    matter |= _jointly_matter(book, start, answered, base_gates, base_applicable,
                              [q for q in pending if q not in matter and not affected[q].isdisjoint(needed)])
    if not matter and base.recommendation == UNDECIDED:
        # Across groups, answers that decide an undecided case only as a pair.
        # Beyond that the walk stops: what blocks the case is then a question
        # answered "vet ej", which the recommendation names as what to find out.
        questions = book.questions
        candidates = [q for q in pending if not affected[q].isdisjoint(needed)][:MAX_PAIR_QUESTIONS]
        for i, first in enumerate(candidates):
            for second in candidates[i + 1:]:
                if any(evaluate_changed(start, delta_of(book, facts, answered, {first: a, second: b})
                                        ).verdict != base.verdict
                       for a in questions[first].options for b in questions[second].options):
                    matter |= {first, second}
    return frozenset(matter)


def _jointly_matter(book: CompiledRulebook, start: Baseline, answered: Mapping[str, str],
                    base_gates: Mapping[str, str], base_applicable: set[str], candidates: Iterable[str]) -> set[str]:
    """Questions of one group that change the outcome only when answered together.

    A gate rule often needs several answers at once (reserved procurement
    needs four conditions; a grant needs several contract indicators to be
    absent), so no single answer moves it. Trying every combination within
    a small group (a gate's questions) finds them, so a gate's questions
    are asked together on one screen.
    """
    questions = book.questions
    base = start.result
    groups: dict[str, list[str]] = {}
    for qid in candidates:
        groups.setdefault(questions[qid].group, []).append(qid)
    found: set[str] = set()
    for members in groups.values():
        combinations = 1
        for qid in members:
            combinations *= len(questions[qid].options)
        if len(members) < 2 or combinations > MAX_JOINT_COMBINATIONS:
            continue
        for combo in itertools.product(*(list(questions[q].options) for q in members)):
            alt = evaluate_changed(
                start, delta_of(book, start.facts, answered, dict(zip(members, combo, strict=True))), prune=False)
            gates = gate_values(alt)
            if alt.verdict != base.verdict or any(
                    gates[g] != base_gates[g] for g in base_applicable | applicable_gates(alt)):
                found |= set(members)
                break
    return found
