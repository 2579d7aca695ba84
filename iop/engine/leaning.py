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

import weakref
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import partial
from typing import Any

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
from iop.model.source import Source
from iop.model.three_valued import BY_RANK, MET_RANK, RANK, UNKNOWN_RANK, Outcome
from iop.rules.criteria import Criterion
from iop.rules.decision_table import ABSENT, Conditions, Presumption, Rule
from iop.rules.rulebook import Rulebook
from iop.words.swedish import LEANING_STRENGTH, RECOMMENDATION

OUTCOMES: tuple[LeaningOutcome, ...] = ("iop", "grant", "procurement")
_ABSENT = frozenset({ABSENT})
_VALUE_BY_RANK = {rank: outcome.value for rank, outcome in BY_RANK.items()}
_TOWARD_IOP = frozenset({RANK[Outcome.met], RANK[Outcome.partly]})
"""A settled criterion that is met or partly met points to an IOP."""

NOT_YET = (
    "Detta är en preliminär bedömning, inte en rekommendation: den bygger bara på de uppgifter som är "
    "kända hittills och kan ändras när de öppna frågorna besvaras."
)


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


def _min_set(sets: Iterable[AbstractSet[int]]) -> set[int]:
    """Every value the conjunction (min rank, iop.model.three_valued) can take when one value is picked from each set.

    Read off directly rather than through the product of the sets: a value is
    possible exactly when one set offers it and every set offers something at
    least as strong (pick it there and the strongest value everywhere else).
    The empty conjunction is met; an empty set leaves no value at all.
    """
    cap = MET_RANK
    offered = {MET_RANK}
    for values in sets:
        cap = min(cap, max(values, default=-1))
        offered.update(values)
    return {value for value in offered if value <= cap}


CompiledRules = tuple[tuple[Conditions, Rule], ...]
"""A table's rules with their compiled ``when`` read once (``Rule.conditions`` is a property call)."""


def _possible(rules: CompiledRules, context: Mapping[str, frozenset[str]]) -> list[Rule]:
    """``possible_rules`` over rules already paired with their compiled conditions.

    A later rule is read only where the earlier ones did not match. For a rule
    that tests one input that is exact: where it did not match, that input
    lies outside its values, so the rules after it see the input without them
    (``narrowed``). Without this a case whose gate 1 can only say contract or
    unclear would still seem to reach the policy rules behind the legal
    layer's L1 and L2, and lean to a grant no answer can give.
    """
    out: list[Rule] = []
    narrowed: dict[str, frozenset[str]] = {}
    for conditions, rule in rules:
        certain = True
        for key, allowed in conditions:
            values = narrowed.get(key) or context[key]
            if values.isdisjoint(allowed):
                break
            if certain and not values <= allowed:
                certain = False
        else:
            out.append(rule)
            if certain:
                break
            if len(conditions) == 1:
                ((key, allowed),) = conditions
                narrowed[key] = (narrowed.get(key) or context[key]) - allowed
    return out


def possible_rules(rules: Iterable[Rule], context: Mapping[str, frozenset[str]]) -> list[Rule]:
    """Rules that may be the first match, in order, ending at the first that certainly matches.

    The same first-match reading as ``first_match_index``, over the same
    compiled ``Rule.conditions``, lifted from one value per input to a set.
    """
    return _possible(tuple((rule.conditions, rule) for rule in rules), context)


@dataclass(frozen=True, slots=True)
class _CriterionReading:
    """What one criterion can be for one combination of answers to its questions."""

    ranks: frozenset[int]
    """Every rank its outcome can take (one when all its questions are answered)."""
    values: frozenset[str]
    """The same as outcome values: the table input ``c.<id>``."""
    points_to: tuple[LeaningOutcome, ...]
    """Where the settled criterion points in the leaning; empty while open or when it points nowhere."""
    answer_label: str
    """The answers' labels, for the leaning fact of a settled criterion."""


@dataclass(frozen=True, slots=True)
class _CriterionPlan:
    """One criterion compiled for the leaning: what each answer can make it, and what it points to."""

    criterion: Criterion
    input: str
    """Its table input, ``c.<id>``."""
    questions: tuple[str, ...]
    ranks: tuple[Mapping[str, int], ...]
    """Per question: answer option -> rank of the criterion's outcome."""
    open_ranks: tuple[frozenset[int], ...]
    """Per question: every rank it can give while unanswered (each option, and unknown)."""
    not_met: LeaningOutcome | None
    """What the set's policy table makes of the criterion not being met (``_not_met_outcome``)."""
    met: tuple[LeaningOutcome, ...]
    """Where the criterion points when met or partly met (``Criterion.met_points_to``): IOP, or grant and IOP
    alike for a criterion as true of an ordinary grant (initiative, co-financing)."""
    labels: tuple[Mapping[str, str], ...]
    """Per question: option -> label."""
    unknown: tuple[str, ...]
    """UNKNOWN once per question: the default of each ``facts.get`` in ``read`` (a ``map``, not a generator)."""
    readings: dict[tuple[str, ...], _CriterionReading]
    """Memo: the answers to ``questions`` -> the reading. Bounded by the answer
    combinations of a criterion's few questions (tens), so it never grows large."""

    def read(self, facts: Mapping[str, str]) -> _CriterionReading:
        """What the criterion can be, given the known answers."""
        answers = tuple(map(facts.get, self.questions, self.unknown))
        reading = self.readings.get(answers)
        if reading is None:
            reading = self.readings[answers] = self._reading(answers)
        return reading

    def _reading(self, answers: tuple[str, ...]) -> _CriterionReading:
        ranks = frozenset(_min_set(
            every if answer == UNKNOWN else {by_option[answer]}
            for answer, by_option, every in zip(answers, self.ranks, self.open_ranks, strict=True)
        ))
        points_to: tuple[LeaningOutcome, ...] = ()
        label = ""
        if UNKNOWN not in answers:
            (rank,) = ranks  # every answer known: one outcome
            points_to = self.met if rank in _TOWARD_IOP else (self.not_met,) if self.not_met else ()
            label = "; ".join(labels[a] for labels, a in zip(self.labels, answers, strict=True))
        return _CriterionReading(ranks=ranks, values=frozenset(_VALUE_BY_RANK[r] for r in ranks),
                                 points_to=points_to, answer_label=label)

    def fact(self, reading: _CriterionReading, points_to: tuple[LeaningOutcome, ...], text: str) -> LeaningFact:
        """The leaning fact of the settled criterion, pointing to ``points_to`` (the reading's)."""
        c = self.criterion
        return LeaningFact(question=self.questions[0], text=text, answer_label=reading.answer_label,
                           toward=list(points_to), weight=c.weight, basis=c.title, source=c.source)


@dataclass(frozen=True, slots=True)
class _IndicatorPlan:
    """One indicator with everything its leaning fact shows, read from the rulebook once."""

    question: str
    option: str
    text: str
    answer_label: str
    toward: tuple[LeaningOutcome, ...]
    weight: int
    basis: str
    source: Source

    def fact(self) -> LeaningFact:
        return LeaningFact(question=self.question, text=self.text, answer_label=self.answer_label,
                           toward=list(self.toward), weight=self.weight, basis=self.basis, source=self.source)


@dataclass(frozen=True, slots=True)
class _LeaningPlan:
    """What the leaning reads of a rulebook under one set, compiled once: none of it depends on the case.

    The rulebook is not changed after loading, so the plan is built on first
    use and kept (``_leaning_plan``). The leaning of a case then only looks
    values up, instead of walking the question catalogue, the criteria and the
    tables' pydantic objects per case.
    """

    unanswered: dict[str, frozenset[str]]
    """The context with no answer known: every value for each ``q.<id>``, absent for each ``c.<id>``."""
    inputs: dict[str, tuple[str, dict[str, frozenset[str]]]]
    """question id -> its table input and, per option, the one-value set (built once, hash cached)."""
    criteria: tuple[_CriterionPlan, ...]
    totals: tuple[tuple[str, tuple[int, ...]], ...]
    """``necessary``/``should`` -> the positions in ``criteria`` of the criteria of that kind."""
    gates: tuple[tuple[str, CompiledRules, tuple[str, ...]], ...]
    """Each gate in reading order: its id, its compiled rules and its outputs."""
    recommendation: CompiledRules
    """The legal layer then the set's policy table."""
    indicators: dict[str, tuple[_IndicatorPlan, ...]]
    signals: tuple[_IndicatorPlan, ...]
    """The set's policy table's signals (``DecisionTable.signals``): answers that tell grant from IOP."""
    presumptions: tuple[Presumption, ...]
    texts: dict[str, str]
    """question id -> the question as asked, for the leaning facts of criteria."""

    @classmethod
    def build(cls, rulebook: Rulebook, set_id: str) -> _LeaningPlan:
        questions = rulebook.questions.questions
        criteria_set = rulebook.sets[set_id]
        unanswered = {key: every for _qid, key, every in rulebook.answer_inputs}
        unanswered.update(dict.fromkeys(rulebook.criterion_inputs, _ABSENT))
        criteria = tuple(
            _CriterionPlan(
                criterion=c, input=f"c.{c.id}", questions=tuple(qid for qid, _ in c.ranked_effects),
                ranks=tuple(effects for _, effects in c.ranked_effects),
                open_ranks=tuple(frozenset(UNKNOWN_RANK if v == UNKNOWN else effects[v]
                                           for v in unanswered[f"q.{qid}"])
                                 for qid, effects in c.ranked_effects),
                not_met=_not_met_outcome(rulebook, set_id, c.id, c.kind), met=tuple(c.met_points_to),
                labels=tuple(questions[qid].options for qid, _ in c.ranked_effects),
                unknown=(UNKNOWN,) * len(c.ranked_effects), readings={},
            )
            for c in criteria_set.criteria
        )
        indicators = {
            gate: tuple(
                _IndicatorPlan(question=i.question, option=i.option, text=questions[i.question].text,
                               answer_label=questions[i.question].options[i.option],
                               # An IOP is legally a grant, so what points to a grant points to both.
                               toward=("procurement",) if i.points_to == "contract" else ("grant", "iop"),
                               weight=i.weight, basis=i.label, source=i.source)
                for i in table.indicators
            )
            for gate, table in rulebook.gates.items()
        }
        signals = tuple(
            _IndicatorPlan(question=g.question, option=g.option, text=questions[g.question].text,
                           answer_label=questions[g.question].options[g.option], toward=(g.toward,),
                           weight=g.weight, basis=g.label, source=g.source)
            for g in rulebook.policy_tables[set_id].signals
        )
        return cls(
            unanswered=unanswered,
            inputs={qid: (key, {o: frozenset((o,)) for o in every if o != UNKNOWN})
                    for qid, key, every in rulebook.answer_inputs},
            criteria=criteria,
            totals=tuple((kind, tuple(i for i, c in enumerate(criteria) if c.criterion.kind == kind))
                         for kind in ("necessary", "should")),
            gates=tuple((gate, tuple((r.conditions, r) for r in table.rules), tuple(table.outputs))
                        for gate, table in rulebook.gates.items()),
            recommendation=tuple((r.conditions, r) for r in rulebook.recommendation_rules(set_id)),
            indicators=indicators,
            signals=signals,
            presumptions=tuple(rulebook.legal_layer.presumptions),
            texts={qid: q.text for qid, q in questions.items()},
        )


_PLANS: dict[tuple[int, str], tuple[weakref.ref[Rulebook], _LeaningPlan]] = {}


def _leaning_plan(rulebook: Rulebook, set_id: str) -> _LeaningPlan:
    """The compiled plan of ``rulebook`` under ``set_id``, built on first use.

    Kept by the rulebook's identity with a weak reference: a plan is never
    returned for another rulebook (even one that reuses a freed rulebook's id),
    and it goes when its rulebook does. A ``Rulebook`` cannot key a dict
    itself: it is a frozen dataclass of dicts, so it has no usable hash.
    """
    key = (id(rulebook), set_id)
    entry = _PLANS.get(key)
    if entry is not None and entry[0]() is rulebook:
        return entry[1]
    plan = _LeaningPlan.build(rulebook, set_id)
    _PLANS[key] = (weakref.ref(rulebook, partial(_forget_plan, key)), plan)
    return plan


def _forget_plan(key: tuple[int, str], _gone: weakref.ref[Rulebook]) -> None:
    _PLANS.pop(key, None)


def possible_context(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                     amounts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Every value each table input can take, given the known answers: the gates evaluated over sets."""
    return _possible_context(_leaning_plan(rulebook, set_id), facts, amounts)


def _possible_context(plan: _LeaningPlan, facts: Mapping[str, str], amounts: Mapping[str, str],
                      readings: list[_CriterionReading] | None = None) -> dict[str, frozenset[str]]:
    """``possible_context`` over a plan; the criteria's readings are appended to ``readings`` if given."""
    context = dict(plan.unanswered)
    inputs = plan.inputs
    for qid, answer in facts.items():
        known = inputs.get(qid)
        if known is not None and answer != UNKNOWN:
            key, single = known
            context[key] = single.get(answer) or frozenset((answer,))
    read = [criterion.read(facts) for criterion in plan.criteria]
    for criterion, reading in zip(plan.criteria, read, strict=True):
        context[criterion.input] = reading.values
    for kind, positions in plan.totals:
        context[kind] = frozenset(_VALUE_BY_RANK[r] for r in _min_set(read[i].ranks for i in positions))
    context.update({key: frozenset({value}) for key, value in amounts.items()})
    for _gate, rules, outputs in plan.gates:
        matches = _possible(rules, context)
        for name in outputs:
            context[name] = frozenset(r.then[name] or "" for r in matches)
    if readings is not None:
        readings.extend(read)
    return context


def reachable_verdicts(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                       amounts: Mapping[str, str]) -> frozenset[str]:
    """Every recommendation some answers to the open questions could give (an over-approximation)."""
    plan = _leaning_plan(rulebook, set_id)
    return _reachable(plan, _possible_context(plan, facts, amounts))


def _reachable(plan: _LeaningPlan, context: Mapping[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(r.then["recommendation"] or "undecided" for r in _possible(plan.recommendation, context))


def _not_met_outcome(rulebook: Rulebook, set_id: str, criterion_id: str, kind: str) -> LeaningOutcome | None:
    """What the set's policy table makes of this criterion not being met (its first rule testing that)."""
    for key in (f"c.{criterion_id}", kind):
        for rule in rulebook.policy_tables[set_id].rules:
            if "not_met" in rule.when.get(key, ()):
                value = rule.then["recommendation"]
                return next((o for o in OUTCOMES if o == value), None)
    return None


def weighted_facts(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                   decided_gates: frozenset[str] = frozenset()) -> list[LeaningFact]:
    """The known answers that point somewhere, each with its weight and source from the rulebook.

    A gate already decided has done its work: its indicators no longer tell the
    outcomes still open apart, so they are left out (``decided_gates``).
    """
    return _weighted_facts(_leaning_plan(rulebook, set_id), facts, decided_gates)


def _weighted_facts(plan: _LeaningPlan, facts: Mapping[str, str], decided_gates: AbstractSet[str],
                    readings: Iterable[_CriterionReading] | None = None) -> list[LeaningFact]:
    out: list[LeaningFact] = []
    for gate, indicators in plan.indicators.items():
        if gate in decided_gates:
            continue
        out.extend(i.fact() for i in indicators if facts.get(i.question) == i.option)
    out.extend(g.fact() for g in plan.signals if facts.get(g.question) == g.option)
    if readings is None:
        readings = (c.read(facts) for c in plan.criteria)
    texts = plan.texts
    for criterion, reading in zip(plan.criteria, readings, strict=True):
        if points_to := reading.points_to:
            out.append(criterion.fact(reading, points_to, texts[criterion.questions[0]]))
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


def lean(rulebook: Rulebook, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> LeaningCore:
    """The preliminary leaning for answers ``facts`` (user's and derived) under ``set_id``."""
    plan = _leaning_plan(rulebook, set_id)
    readings: list[_CriterionReading] = []
    context = _possible_context(plan, facts, amounts, readings)
    reachable = _reachable(plan, context)
    decided = frozenset(g for g, _rules, outputs in plan.gates if all(len(context[o]) == 1 for o in outputs))
    found = _weighted_facts(plan, facts, decided, readings)
    scores: dict[str, int] = dict.fromkeys(OUTCOMES, 0)
    for fact in found:
        for toward in fact.toward:
            scores[toward] += fact.weight
    applied = [p for p in plan.presumptions if p.outcome in reachable]
    excluded: set[str] = {o for p in applied for o in p.excludes}
    outcome, strength, blocked = choose(reachable, scores, excluded)
    return LeaningCore(
        outcome=outcome, strength=strength, blocked=blocked, reachable=reachable, scores=scores, facts=found,
        presumptions=[PresumptionRef(id=p.id, annotation=p.annotation, source=p.source) for p in applied],
    )


MAX_SETTLING = 5
"""How many open questions the leaning names: the few to find out first, not the whole list."""


def stopping_answers(rulebook: Rulebook, changes: Iterable[OpenQuestion], gates: Iterable[GateResult],
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
    deciding = [q for q in changes if any(w.recommendation != "undecided" for w in q.what_if)]
    remedies: dict[str, tuple[str, str]] = {}
    for gate in gates:
        if not (gate.applies and gate.rule.warning):
            continue
        rule = next((r for r in rulebook.gates[gate.gate].rules if r.id == gate.rule.id), None)
        plain = (rule.plain_warning or "") if rule is not None else ""
        for trace in gate.facts:
            remedies.setdefault(trace.question, (gate.rule.remedy or "", plain.strip()))
    stopping = [q for q in deciding if q.question in remedies]
    if not stopping and not any(q.decisive or q.decides_with for q in open_questions):
        stopping = deciding
    questions = rulebook.questions.questions
    out = []
    for q in stopping:
        question = questions[q.question]
        option = facts.get(q.question, UNKNOWN)
        remedy, plain_remedy = remedies.get(q.question, ("", ""))
        out.append(SettlingQuestion(question=q.question, text=q.text, plain=question.plain,
                                    answer=question.option_label(option) or ("Vet ej" if option == UNKNOWN else option),
                                    remedy=remedy, plain_remedy=plain_remedy))
    return out


def settling_questions(rulebook: Rulebook, open_questions: Iterable[OpenQuestion],
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
    questions = rulebook.questions.questions
    return [*stopping, *(SettlingQuestion(question=q.question, text=q.text, plain=questions[q.question].plain)
                         for q in deciding)][:MAX_SETTLING]


def settle_line(question: SettlingQuestion, plain: bool = False) -> str:
    """One settling question as a list line: an answered one says the answer given and what can be done."""
    text = question.plain if plain else question.text
    if not question.answer:
        return text
    remedy = question.plain_remedy if plain else question.remedy
    given = f"Ni har svarat {question.answer}" if plain else f"Besvarad: {question.answer}"
    return f"{text} – {given}, och det stoppar ärendet." + (f" {remedy}" if remedy else "")


def build_leaning(rulebook: Rulebook, core: LeaningCore, open_questions: Iterable[OpenQuestion],
                  undecided_because: str, stopping: Iterable[SettlingQuestion] = ()) -> Leaning:
    """The leaning as it goes into the record: outcome, basis, presumptions, what settles it, why it is preliminary."""
    return Leaning(
        outcome=core.outcome, strength=core.strength, blocked=core.blocked,  # type: ignore[arg-type]
        reachable=sorted(core.reachable),  # type: ignore[arg-type]
        scores=core.scores, facts=core.facts, presumptions=core.presumptions,
        settle=settling_questions(rulebook, open_questions, stopping),
        not_yet=f"{NOT_YET} Ärendet är oavgjort eftersom: {undecided_because}",
        undecided_because=undecided_because,
    )


def leaning_sentence(leaning: Leaning) -> str:
    """The leaning in one sentence for an official: outcome and strength, or why it points nowhere.

    Shown under a heading that says "preliminär bedömning", so the sentence does not repeat it.
    """
    if leaning.outcome is not None:
        return (f"Som det ser ut nu lutar ärendet åt {RECOMMENDATION[leaning.outcome]} "
                f"({LEANING_STRENGTH[leaning.strength or 'weak']} lutning).")
    if leaning.blocked is not None and leaning.presumptions:
        presumption = leaning.presumptions[0]
        return (f"De kända uppgifterna pekar mot {RECOMMENDATION[leaning.blocked]}, men ärendet kan inte luta "
                f"dit ännu. {presumption.annotation} ({presumption.id})")
    if set(leaning.reachable) == {"undecided"}:
        return ("Inget av de möjliga svaren på de öppna frågorna ger en rekommendation i nuläget; det som "
                "stoppar ärendet måste åtgärdas först.")
    return "De kända uppgifterna pekar ännu inte åt något håll."


PLAIN_PRELIMINARY = "Det här är en preliminär bedömning, inte ett besked."


def plain_leaning(leaning: Leaning, instead_of_first: str = "") -> str:
    """The leaning for an organisation, in plain Swedish without rule or case-law references.

    ``instead_of_first``, when given, is said in place of the first settling question (a page that
    already shows that question above refers to it), still before the closing caveat.
    """
    if leaning.outcome is not None:
        text = f"Som det ser ut nu lutar det åt {RECOMMENDATION[leaning.outcome]}."
    elif leaning.blocked is not None:
        text = (f"Som det ser ut nu pekar uppgifterna mot {RECOMMENDATION[leaning.blocked]}, men det går inte att "
                "luta dit förrän det är klart att kommunen inte köper en tjänst av er.")
    else:
        text = "Som det ser ut nu går det inte att säga åt vilket håll det lutar."
    if instead_of_first:
        text += f" {instead_of_first}"
    elif leaning.settle:
        settle = leaning.settle[0]
        first = settle.plain.rstrip("?")
        text += f" Det som avgör är främst: {first[0].lower() + first[1:]}?"
        if settle.answer:
            text += f" Ni har svarat {settle.answer}, och det stoppar ärendet."
            if settle.plain_remedy:
                text += f" {settle.plain_remedy}"
    return f"{text} {PLAIN_PRELIMINARY}"


SIDE_TITLES = {
    "grant": "Talar för bidrag",
    "iop": "Talar för IOP",
    "grant iop": "Talar för bidrag och IOP lika (skiljer dem inte åt)",
    "procurement": "Talar för upphandling",
}
"""The sides the leaning's facts are listed under, in the record's documents and on the page."""


def leaning_sides(leaning: Leaning) -> list[tuple[str, list[LeaningFact]]]:
    """The leaning's facts by side: grant, IOP, both alike, procurement (only sides with a fact).

    A fact true of an ordinary grant and an IOP alike (the organisation's initiative, co-financing) is
    listed apart, so a reader sees it does not tell the two forms apart.
    """
    by_side: dict[str, list[LeaningFact]] = {side: [] for side in SIDE_TITLES}
    for fact in leaning.facts:
        side = " ".join(o for o in ("grant", "iop", "procurement") if o in fact.toward)
        by_side.setdefault(side, []).append(fact)
    return [(side, facts) for side, facts in by_side.items() if facts]


def leaning_json(leaning: Leaning | None) -> dict[str, Any] | None:
    """The ``leaning`` key of the JSON report (schema in iop/documents/text_report.py); always marked preliminary."""
    if leaning is None:
        return None
    return {
        "preliminary": True,
        "outcome": leaning.outcome,
        "strength": leaning.strength,
        "blocked": leaning.blocked,
        "points_to": leaning.points_to,
        "reachable": list(leaning.reachable),
        "scores": dict(leaning.scores),
        "facts": [{"question": f.question, "answer": f.answer_label, "toward": list(f.toward), "weight": f.weight,
                   "basis": f.basis, "source": f.source.cite()} for f in leaning.facts],
        "sides": {side: [f.question for f in facts] for side, facts in leaning_sides(leaning)},
        "presumptions": [{"id": p.id, "annotation": p.annotation, "source": p.source.cite()}
                         for p in leaning.presumptions],
        "settle": [q.question for q in leaning.settle],
        "not_yet": leaning.not_yet,
    }
