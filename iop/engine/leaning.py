"""The preliminary leaning of an undecided case: where the known facts point, and why it is not yet a recommendation.

An official early in a case, or an organisation checking its idea, needs to
know which way the case points on what is known so far. The leaning is read
off the rulebook, in two steps:

1. **What can still happen.** The decision tables are evaluated over *sets* of
   possible values: a known answer is one value, an open question every option
   (and "vet ej"). First match is kept, so a rule after one that certainly
   matches is never reached. The result is every verdict some answers to the
   open questions could give, or more (never fewer). A decided gate stays one
   value, so the leaning can never contradict it.
2. **Where the known facts point.** Presumptions in the legal layer remove
   outcomes the case may not lean to while another is still possible (P1: no
   grant or IOP while procurement is possible, since an IOP must not be an
   unlawful direct award). Among the rest, the known answers count with the
   sourced weights of the rulebook: gate 1's indicators (criteria/legal/) and
   each criterion's weight (criteria/sets/).

Because a procurement case with some answers hidden can still reach
procurement, P1 means such a case never leans to grant or IOP: the guarantee
the benchmark measures holds by construction, not by tuning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from iop.engine.compiled import (
    OUTCOMES,
    UNDECIDED,
    CompiledRulebook,
    CompiledSet,
    CompiledTable,
    CriterionReading,
    min_set,
)
from iop.model.assessment_record import (
    GateResult,
    Leaning,
    LeaningFact,
    LeaningOutcome,
    OpenQuestion,
    PresumptionRef,
    SettlingQuestion,
)
from iop.model.questions import UNKNOWN
from iop.model.three_valued import BY_RANK
from iop.rules.decision_table import Conditions, Rule

_VALUE_BY_RANK = {rank: outcome.value for rank, outcome in BY_RANK.items()}

@dataclass(frozen=True)
class LeaningCore:
    """The leaning without the open questions, cheap enough to compute thousands of times (bench)."""

    outcome: LeaningOutcome | None
    strength: str | None
    blocked: LeaningOutcome | None
    reachable: frozenset[str]
    scores: dict[str, int]
    facts: list[LeaningFact]
    presumptions: list[PresumptionRef]


def _possible(conditions: Iterable[Conditions], context: Mapping[str, frozenset[str]]) -> list[int]:
    """The positions of the rules that may be the first match, ending at the first that certainly matches.

    The same first-match reading as ``first_match_index``, over the same
    compiled ``Rule.conditions``, lifted from one value per input to a set.

    A later rule is read only where the earlier ones did not match. For a rule
    that tests one input that is exact: where it did not match, that input
    lies outside its values, so the rules after it see the input without them
    (``narrowed``). Without this a case whose gate 1 can only say contract or
    unclear would still seem to reach the policy rules behind the legal
    layer's L1 and L2, and lean to a grant no answer can give.
    """
    out: list[int] = []
    narrowed: dict[str, frozenset[str]] = {}
    for index, rule in enumerate(conditions):
        certain = True
        for key, allowed in rule:
            values = narrowed.get(key) or context[key]
            if values.isdisjoint(allowed):
                break
            if certain and not values <= allowed:
                certain = False
        else:
            out.append(index)
            if certain:
                break
            if len(rule) == 1:
                ((key, allowed),) = rule
                narrowed[key] = (narrowed.get(key) or context[key]) - allowed
    return out


def _possible_rules(table: CompiledTable, context: Mapping[str, frozenset[str]]) -> list[str]:
    """The values of the table's first output that the rules that may match give."""
    rules = table.rules
    return [rules[index].value for index in _possible(table.conditions, context)]


def possible_rules(rules: Iterable[Rule], context: Mapping[str, frozenset[str]]) -> list[Rule]:
    """Rules that may be the first match, in order, ending at the first that certainly matches."""
    rules = list(rules)
    return [rules[index] for index in _possible([rule.conditions for rule in rules], context)]


def possible_context(book: CompiledRulebook, set_id: str, facts: Mapping[str, str],
                     amounts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Every value each table input can take, given the known answers: the gates evaluated over sets."""
    return _possible_context(book, book.sets[set_id], facts, amounts)


def _possible_context(book: CompiledRulebook, cset: CompiledSet, facts: Mapping[str, str],
                      amounts: Mapping[str, str],
                      readings: list[CriterionReading] | None = None) -> dict[str, frozenset[str]]:
    """``possible_context`` over a compiled set; the criteria's readings are appended to ``readings`` if given."""
    context = dict(book.unanswered)
    singles = book.singles
    for qid, answer in facts.items():
        known = singles.get(qid)
        if known is not None and answer != UNKNOWN:
            key, single = known
            context[key] = single.get(answer) or frozenset((answer,))
    read = [criterion.read(facts) for criterion in cset.criteria]
    for criterion, reading in zip(cset.criteria, read, strict=True):
        context[criterion.key] = reading.values
    for total in cset.kind_totals:
        context[total.name] = frozenset(_VALUE_BY_RANK[r] for r in min_set(read[i].ranks for i in total.positions))
    context.update({key: frozenset({value}) for key, value in amounts.items()})
    for gate in cset.gates:
        context[gate.id] = frozenset(_possible_rules(gate.table, context))
    if readings is not None:
        readings.extend(read)
    return context


def reachable_verdicts(book: CompiledRulebook, set_id: str, facts: Mapping[str, str],
                       amounts: Mapping[str, str]) -> frozenset[str]:
    """Every recommendation some answers to the open questions could give (an over-approximation)."""
    cset = book.sets[set_id]
    return _reachable(cset, _possible_context(book, cset, facts, amounts))


def _reachable(cset: CompiledSet, context: Mapping[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(value or UNDECIDED for value in _possible_rules(cset.recommendation, context))


def weighted_facts(book: CompiledRulebook, set_id: str, facts: Mapping[str, str],
                   decided_gates: frozenset[str] = frozenset()) -> list[LeaningFact]:
    """The known answers that point somewhere, each with its weight and source from the rulebook.

    A gate already decided has done its work: its indicators no longer tell the
    outcomes still open apart, so they are left out (``decided_gates``).
    """
    return _weighted_facts(book.sets[set_id], facts, decided_gates)


def _weighted_facts(cset: CompiledSet, facts: Mapping[str, str], decided_gates: AbstractSet[str],
                    readings: Iterable[CriterionReading] | None = None) -> list[LeaningFact]:
    out: list[LeaningFact] = []
    for gate in cset.gates:
        if gate.id in decided_gates:
            continue
        out.extend(i.answer.fact() for i in gate.indicators if facts.get(i.answer.question) == i.answer.option)
    out.extend(g.fact() for g in cset.signals if facts.get(g.question) == g.option)
    if readings is None:
        readings = (c.read(facts) for c in cset.criteria)
    for criterion, reading in zip(cset.criteria, readings, strict=True):
        if points_to := reading.points_to:
            out.append(criterion.fact(reading, points_to))
    return out


def choose(reachable: frozenset[str], scores: Mapping[str, int],
           excluded: set[str]) -> tuple[LeaningOutcome | None, str | None, LeaningOutcome | None]:
    """The leaning, its strength, and where the facts point if a presumption blocks it.

    The known facts point to the reachable outcome with the highest score. If
    a presumption rules that outcome out, the case leans nowhere yet (it does
    not lean to the runner-up: that is not where the facts point), and the
    blocked outcome is returned third. A tie, or no fact at all with more than
    one outcome possible, leans nowhere either.
    """
    possible = [o for o in OUTCOMES if o in reachable]
    if not possible:
        return None, None, None
    if len(possible) == 1:
        only = possible[0]
        return (only, "strong", None) if only not in excluded else (None, None, only)
    best = max(possible, key=lambda o: scores.get(o, 0))
    top = scores.get(best, 0)
    if top == 0 or sum(1 for o in possible if scores.get(o, 0) == top) > 1:
        return None, None, None
    if best in excluded:
        return None, None, best
    rival = max(scores.get(o, 0) for o in possible if o != best)
    return best, "moderate" if top >= 2 * rival else "weak", None


def lean(book: CompiledRulebook, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> LeaningCore:
    """The preliminary leaning for answers ``facts`` (user's and derived) under ``set_id``."""
    cset = book.sets[set_id]
    readings: list[CriterionReading] = []
    context = _possible_context(book, cset, facts, amounts, readings)
    reachable = _reachable(cset, context)
    decided = frozenset(gate.id for gate in cset.gates if len(context[gate.id]) == 1)
    found = _weighted_facts(cset, facts, decided, readings)
    scores: dict[str, int] = dict.fromkeys(OUTCOMES, 0)
    for fact in found:
        for toward in fact.toward:
            scores[toward] += fact.weight
    applied = [p for p in book.presumptions if p.outcome in reachable]
    excluded: set[str] = {o for p in applied for o in p.excludes}
    outcome, strength, blocked = choose(reachable, scores, excluded)
    return LeaningCore(
        outcome=outcome, strength=strength, blocked=blocked, reachable=reachable, scores=scores, facts=found,
        presumptions=[PresumptionRef(id=p.id, annotation=p.annotation, source=p.source) for p in applied],
    )


MAX_SETTLING = 5
"""How many open questions the leaning names: the few to find out first, not the whole list."""


def stopping_answers(book: CompiledRulebook, changes: Iterable[OpenQuestion], gates: Iterable[GateResult],
                     facts: Mapping[str, str], open_questions: Iterable[OpenQuestion] = ()) -> list[SettlingQuestion]:
    """Answered questions that stop an undecided case, with the answer given and what can be done.

    ``changes`` are the answered questions another answer to which would
    decide the case. When a gate that bears on the case matched a rule with a
    warning (e.g. "the grant would be unlawful"), the answers that gate read
    are what stops the case, and only those are named: another answer that
    merely turns the case into procurement is not what the reader must fix.
    Without such a gate, answered questions are named only when no open
    question can decide the case: then the open questions are what to find out.
    """
    deciding = [q for q in changes if any(w.recommendation != UNDECIDED for w in q.what_if)]
    remedies: dict[str, tuple[str, str]] = {}
    for gate in gates:
        if not (gate.applies and gate.rule.warning):
            continue
        rule = book.gate(gate.gate).table.rule(gate.rule.id)
        plain = (rule.rule.plain_warning or "") if rule is not None else ""
        for trace in gate.facts:
            remedies.setdefault(trace.question, (gate.rule.remedy or "", plain.strip()))
    stopping = [q for q in deciding if q.question in remedies]
    if not stopping and not any(q.decisive or q.decides_with for q in open_questions):
        stopping = deciding
    questions = book.questions
    out = []
    for q in stopping:
        question = questions[q.question]
        option = facts.get(q.question, UNKNOWN)
        remedy, plain_remedy = remedies.get(q.question, ("", ""))
        # The option's label from the rulebook; "vet ej" has none, and a voice names it (``Voice.given``).
        out.append(SettlingQuestion(question=q.question, text=q.text, plain=question.plain,
                                    answer=question.option_label(option) or "", remedy=remedy,
                                    plain_remedy=plain_remedy, option=option))
    return out


def settling_questions(book: CompiledRulebook, open_questions: Iterable[OpenQuestion],
                       stopping: Iterable[SettlingQuestion] = ()) -> list[SettlingQuestion]:
    """The questions that would settle the case, in priority order.

    Answered questions that stop the case come first (``stopping_answers``):
    nothing else moves until they change. Then an open question whose answer
    alone decides, then one that decides together with another; the engine
    has already ordered them so. An open question that decides nothing is
    never listed: the open-questions section calls it one that does not change
    the recommendation, and the two lists must not contradict each other.
    """
    deciding = [q for q in open_questions if q.decisive or q.decides_with]
    questions = book.questions
    return [*stopping, *(SettlingQuestion(question=q.question, text=q.text, plain=questions[q.question].plain)
                         for q in deciding)][:MAX_SETTLING]


def build_leaning(book: CompiledRulebook, core: LeaningCore, open_questions: Iterable[OpenQuestion],
                  undecided_because: str, stopping: Iterable[SettlingQuestion] = ()) -> Leaning:
    """The leaning as it goes into the record: outcome, basis, presumptions, what settles it, why it is undecided.

    Data only: why a leaning is not yet a recommendation is said by a voice (``iop.words.voice.Voice.not_yet``).
    """
    return Leaning(
        outcome=core.outcome, strength=core.strength, blocked=core.blocked,  # type: ignore[arg-type]
        reachable=sorted(core.reachable),  # type: ignore[arg-type]
        scores=core.scores, facts=core.facts, presumptions=core.presumptions,
        settle=settling_questions(book, open_questions, stopping),
        undecided_because=undecided_because,
    )


SIDES = ("grant", "iop", "grant iop", "procurement")
"""The sides the leaning's facts are listed under, in this order: grant, IOP, both alike (a fact that does not
tell them apart), procurement. ``iop.words.voice.SIDE_TITLES`` names them."""


def leaning_sides(leaning: Leaning) -> list[tuple[str, list[LeaningFact]]]:
    """The leaning's facts by side: grant, IOP, both alike, procurement (only sides with a fact).

    A fact true of an ordinary grant and an IOP alike (the organisation's initiative, co-financing) is
    listed apart, so a reader sees it does not tell the two forms apart.
    """
    by_side: dict[str, list[LeaningFact]] = {side: [] for side in SIDES}
    for fact in leaning.facts:
        side = " ".join(o for o in ("grant", "iop", "procurement") if o in fact.toward)
        by_side.setdefault(side, []).append(fact)
    return [(side, facts) for side, facts in by_side.items() if facts]
