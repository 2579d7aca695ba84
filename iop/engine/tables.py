"""Reading the decision tables: each gate by first match in reading order, then the recommendation layers.

``decide`` reads every table over a prepared context (iop/engine/criteria_sets.py);
``decide_again`` reads again, after a change, only the tables whose matched rule
depended on something that changed. ``examined`` and ``sensitivity`` say what a
result depended on, so a what-if that cannot change it is not evaluated at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from iop.engine.compiled import VERDICT, CompiledSet, CompiledTable
from iop.engine.criteria_sets import totals, totals_again
from iop.model.three_valued import BY_RANK, Outcome
from iop.rules.decision_table import Rule, failing_inputs, first_match_index


@dataclass(slots=True)
class Evaluation:
    """The bare result of evaluating answers: outcomes and the rules that matched.

    Slotted, not frozen, and free of dicts: the what-if builds thousands of
    these per second, and a frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` per field) costs four times as much. Read-only by
    convention: a what-if that changes nothing returns its baseline's result.
    """

    compiled: CompiledSet
    """The set it was evaluated under, with the gates and totals it was read through (shared, never copied)."""
    ranks: tuple[int, ...]
    """Each criterion's outcome rank, in the set's order (see ``outcomes``)."""
    totals: tuple[Outcome, ...]
    """Each total of the rulebook, in ``compiled.totals``' order (see ``totals_by_name``)."""
    gate_positions: tuple[int, ...]
    """Index of the matched rule in each gate's table, in the gates' reading order."""
    position: int
    """Index of the matched rule in the recommendation table (the legal layer's rules, then the policy table's)."""
    recommendation: str
    form: str | None

    @property
    def verdict(self) -> tuple[str, str | None]:
        return self.recommendation, self.form

    @property
    def rule(self) -> Rule:
        """The rule that decided, in the legal layer or the set's policy table."""
        return self.compiled.recommendation.rules[self.position].rule

    @property
    def matched_gates(self) -> tuple[Rule, ...]:
        """The rule that matched in each gate, in reading order.

        Read off the positions on demand: most what-ifs need only the verdict.
        """
        return tuple(gate.table.rules[index].rule
                     for gate, index in zip(self.compiled.gates, self.gate_positions, strict=True))

    @property
    def gate_rules(self) -> dict[str, Rule]:
        """Gate id -> the rule that matched in it."""
        return {gate.id: rule for gate, rule in zip(self.compiled.gates, self.matched_gates, strict=True)}

    @property
    def outcomes(self) -> dict[str, Outcome]:
        """Criterion id -> outcome (built on demand: a what-if needs only the verdict)."""
        return {criterion.id: BY_RANK[rank] for criterion, rank in zip(self.compiled.criteria, self.ranks, strict=True)}

    @property
    def totals_by_name(self) -> dict[str, Outcome]:
        """Total name (criteria/rulebook.yaml) -> outcome: the record's fields of the same names."""
        return {total.name: outcome for total, outcome in zip(self.compiled.totals, self.totals, strict=True)}


def decide(cset: CompiledSet, context: dict[str, str], ranks: Sequence[int]) -> Evaluation:
    """Totals, gates and the recommendation layers over a prepared context (modified in place), every table read."""
    outcomes = totals(cset, context, ranks)
    positions = []
    for gate in cset.gates:
        index = gate.table.first_match(context)
        positions.append(index)
        context[gate.id] = gate.table.rules[index].value
    table = cset.recommendation
    index = table.first_match(context)
    recommendation, form = table.rules[index].verdict(context)
    return Evaluation(cset, tuple(ranks), outcomes, tuple(positions), index, recommendation, form)


def decide_again(cset: CompiledSet, context: dict[str, str], ranks: tuple[int, ...], base: Evaluation,
                 changed: set[str], kinds: set[str]) -> Evaluation:
    """``decide`` again after a change: ``base``'s decided context with the keys in ``changed`` altered.

    A table is read again only when an input its matched rule depended on
    changed (``CompiledRule.reads``); a total or gate output that comes out
    different joins ``changed`` (modified in place), so later tables see it.
    ``kinds`` are the kinds of the criteria whose outcome changed
    (``criteria_sets.totals_again``).
    """
    outcomes = totals_again(cset, context, ranks, base.totals, kinds, changed)
    positions: Sequence[int] = base.gate_positions
    moved: list[int] | None = None  # positions, copied once a gate's match moves
    for number, gate in enumerate(cset.gates):
        rules = gate.table.rules
        if changed.isdisjoint(rules[positions[number]].reads):
            continue  # first match over unchanged inputs stops at the same rule
        index = gate.table.first_match(context)
        if index == positions[number]:
            continue
        if moved is None:
            positions = moved = list(positions)
        moved[number] = index
        value = rules[index].value
        if context[gate.id] != value:
            changed.add(gate.id)
            context[gate.id] = value
    gate_positions = base.gate_positions if moved is None else tuple(moved)
    table = cset.recommendation
    if changed.isdisjoint(table.rules[base.position].reads):
        if moved is None and ranks is base.ranks:
            return base  # no table read differently and no outcome changed: the same evaluation
        return Evaluation(cset, ranks, outcomes, gate_positions, base.position, base.recommendation, base.form)
    index = table.first_match(context)
    recommendation, form = table.rules[index].verdict(context)
    return Evaluation(cset, ranks, outcomes, gate_positions, index, recommendation, form)


def examined(cset: CompiledSet, result: Evaluation) -> frozenset[str]:
    """Inputs on which ``result`` depends: any other result needs one of them to change.

    First match means the rules after the matched one were never read. Walking
    back from the recommendation table, a gate's examined inputs count only if
    its output was itself examined by a later table.
    """
    needed = set(cset.recommendation.rules[result.position].reads)
    for gate, index in reversed(list(zip(cset.gates, result.gate_positions, strict=True))):
        if gate.id in needed:
            needed |= gate.table.rules[index].reads
    return frozenset(needed)


def sensitivity(cset: CompiledSet, result: Evaluation,
                context: dict[str, str]) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """What may change ``result``'s rule: inputs that may alone, and sets of inputs that may only together.

    Finer than ``examined``. In each table the result was read through,
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

    def read(table: CompiledTable, index: int, by_output: bool = False) -> None:
        rules = table.rules
        sensitive.update(rules[index].own)
        output = rules[index].fixed if by_output else None
        for number, earlier in enumerate(table.conditions[:index]):
            if output is not None and rules[number].fixed == output:
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

    read(cset.recommendation, result.position)
    for gate, index in reversed(list(zip(cset.gates, result.gate_positions, strict=True))):
        if gate.id in sensitive or any(gate.id in inputs for inputs in jointly):
            read(gate.table, index, by_output=True)
    return frozenset(sensitive), tuple(jointly)


def gate_values(result: Evaluation) -> dict[str, str]:
    """Gate id -> the value its matched rule gave, read off the positions."""
    return {gate.id: gate.table.rules[index].value
            for gate, index in zip(result.compiled.gates, result.gate_positions, strict=True)}


def applicable_gates(result: Evaluation) -> set[str]:
    """Gates that bear on the recommendation, by each gate's ``applies_when`` in criteria/rulebook.yaml.

    ``applies_when`` reads the gates' values and the verdict (under the name of the recommendation
    layers' output).
    """
    context = gate_values(result)
    context[VERDICT] = result.recommendation
    return {gate.id for gate in result.compiled.gates if first_match_index((gate.applies,), context) == 0}
