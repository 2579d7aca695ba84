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
from dataclasses import dataclass
from itertools import product
from typing import Any

from iop.assessment_record import (
    GateResult,
    Leaning,
    LeaningFact,
    LeaningOutcome,
    OpenQuestion,
    PresumptionRef,
    SettlingQuestion,
)
from iop.decision_table import ABSENT, Rule
from iop.questions import UNKNOWN
from iop.rulebook import Rulebook
from iop.swedish import LEANING_STRENGTH, RECOMMENDATION
from iop.three_valued import BY_RANK, MET_RANK, UNKNOWN_RANK, Outcome

OUTCOMES: tuple[LeaningOutcome, ...] = ("iop", "grant", "procurement")
_ABSENT = frozenset({ABSENT})

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


def _min_set(sets: Iterable[set[int]]) -> set[int]:
    """Every value the conjunction (min rank, iop.three_valued) can take when one value is picked from each set."""
    result = {MET_RANK}
    for values in sets:
        result = {min(a, b) for a, b in product(result, values)}
    return result


def possible_rules(rules: Iterable[Rule], context: Mapping[str, frozenset[str]]) -> list[Rule]:
    """Rules that may be the first match, in order, ending at the first that certainly matches.

    The same first-match reading as ``first_match_index``, over the same
    compiled ``Rule.conditions``, lifted from one value per input to a set.
    """
    out: list[Rule] = []
    for rule in rules:
        conditions = [(context[key], allowed) for key, allowed in rule.conditions]
        if all(values & allowed for values, allowed in conditions):
            out.append(rule)
            if all(values <= allowed for values, allowed in conditions):
                break
    return out


def possible_context(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                     amounts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Every value each table input can take, given the known answers: the gates evaluated over sets."""
    context: dict[str, frozenset[str]] = {}
    for qid, key, every_value in rulebook.answer_inputs:
        answer = facts.get(qid, UNKNOWN)
        context[key] = every_value if answer == UNKNOWN else frozenset((answer,))
    criteria_set = rulebook.sets[set_id]
    context.update(dict.fromkeys(rulebook.criterion_inputs, _ABSENT))
    ranks: dict[str, set[int]] = {}
    for criterion in criteria_set.criteria:
        per_question = []
        for qid, effects in criterion.ranked_effects:
            values = context[f"q.{qid}"]
            per_question.append({UNKNOWN_RANK if v == UNKNOWN else effects[v] for v in values})
        ranks[criterion.id] = _min_set(per_question)
        context[f"c.{criterion.id}"] = frozenset(BY_RANK[r].value for r in ranks[criterion.id])
    for kind in ("necessary", "should"):
        combined = _min_set(ranks[c.id] for c in criteria_set.criteria if c.kind == kind)
        context[kind] = frozenset(BY_RANK[r].value for r in combined)
    context.update({key: frozenset({value}) for key, value in amounts.items()})
    for table in rulebook.gates.values():
        matches = possible_rules(table.rules, context)
        for name in table.outputs:
            context[name] = frozenset(r.then[name] or "" for r in matches)
    return context


def reachable_verdicts(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                       amounts: Mapping[str, str]) -> frozenset[str]:
    """Every recommendation some answers to the open questions could give (an over-approximation)."""
    return _reachable(rulebook, set_id, possible_context(rulebook, set_id, facts, amounts))


def _reachable(rulebook: Rulebook, set_id: str, context: Mapping[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(r.then["recommendation"] or "undecided"
                     for r in possible_rules(rulebook.recommendation_rules(set_id), context))


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
    questions = rulebook.questions.questions
    out: list[LeaningFact] = []
    for gate, table in rulebook.gates.items():
        if gate in decided_gates:
            continue
        for indicator in table.indicators:
            if facts.get(indicator.question) != indicator.option:
                continue
            # An IOP is legally a grant, so what points to a grant points to both.
            toward: list[LeaningOutcome] = ["procurement"] if indicator.points_to == "contract" else ["grant", "iop"]
            question = questions[indicator.question]
            out.append(LeaningFact(question=indicator.question, text=question.text,
                                   answer_label=question.options[indicator.option], toward=toward,
                                   weight=indicator.weight, basis=indicator.label, source=indicator.source))
    for criterion in rulebook.sets[set_id].criteria:
        answers = [facts.get(qid, UNKNOWN) for qid in criterion.questions]
        if UNKNOWN in answers:
            continue
        outcome = criterion.evaluate(facts)
        if outcome in (Outcome.met, Outcome.partly):
            target: LeaningOutcome | None = "iop"
        else:
            target = _not_met_outcome(rulebook, set_id, criterion.id, criterion.kind)
        if target is None:
            continue
        qid = next(iter(criterion.questions))
        labels = "; ".join(questions[q].options[facts[q]] for q in criterion.questions)
        out.append(LeaningFact(question=qid, text=questions[qid].text, answer_label=labels, toward=[target],
                               weight=criterion.weight, basis=criterion.title, source=criterion.source))
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
    context = possible_context(rulebook, set_id, facts, amounts)
    reachable = _reachable(rulebook, set_id, context)
    decided = frozenset(g for g, t in rulebook.gates.items() if all(len(context[o]) == 1 for o in t.outputs))
    found = weighted_facts(rulebook, set_id, facts, decided)
    scores: dict[str, int] = {o: sum(f.weight for f in found if o in f.toward) for o in OUTCOMES}
    applied = [p for p in rulebook.legal_layer.presumptions if p.outcome in reachable]
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


def plain_leaning(leaning: Leaning) -> str:
    """The leaning for an organisation, in plain Swedish without rule or case-law references."""
    if leaning.outcome is not None:
        text = f"Som det ser ut nu lutar det åt {RECOMMENDATION[leaning.outcome]}."
    elif leaning.blocked is not None:
        text = (f"Som det ser ut nu pekar mycket mot {RECOMMENDATION[leaning.blocked]}, men det går inte att "
                "luta dit förrän det är klart att kommunen inte köper en tjänst av er.")
    else:
        text = "Som det ser ut nu går det inte att säga åt vilket håll det lutar."
    if leaning.settle:
        settle = leaning.settle[0]
        first = settle.plain.rstrip("?")
        text += f" Det som avgör är främst: {first[0].lower() + first[1:]}?"
        if settle.answer:
            text += f" Ni har svarat {settle.answer}, och det stoppar ärendet."
            if settle.plain_remedy:
                text += f" {settle.plain_remedy}"
    return text + " Det här är en preliminär bedömning, inte ett besked."


def leaning_json(leaning: Leaning | None) -> dict[str, Any] | None:
    """The ``leaning`` key of the JSON report (schema in iop/text_report.py); always marked preliminary."""
    if leaning is None:
        return None
    return {
        "preliminary": True,
        "outcome": leaning.outcome,
        "strength": leaning.strength,
        "blocked": leaning.blocked,
        "reachable": list(leaning.reachable),
        "scores": dict(leaning.scores),
        "facts": [{"question": f.question, "answer": f.answer_label, "toward": list(f.toward), "weight": f.weight,
                   "basis": f.basis, "source": f.source.cite()} for f in leaning.facts],
        "presumptions": [{"id": p.id, "annotation": p.annotation, "source": p.source.cite()}
                         for p in leaning.presumptions],
        "settle": [q.question for q in leaning.settle],
        "not_yet": leaning.not_yet,
    }
