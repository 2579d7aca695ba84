"""The recommendation's headline and what blocks an undecided case, in words a reader acts on.

A headline that says "IOP" while a gate further down says "inte utrett" misleads:
the reader stops at the headline. So every open or doubtful gate that bears on
the recommendation is named in the headline itself, and an undecided case
names the question that blocks it and what to find out.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop.model.assessment_record import Assessment
from iop.model.questions import QuestionCatalog
from iop.words.swedish import RECOMMENDATION_SHORT, verdict_name

GATE_CAVEAT = {
    ("lawful_grant", "unknown"): "kommunallagens villkor är inte utredda",
    ("state_aid", "unknown"): "statsstödsfrågan är inte utredd",
    ("state_aid", "over_ceiling"): "stödet kan vara otillåtet statsstöd",
}
"""(gate, value) -> the caveat the headline carries when that gate bears on the recommendation."""

GATE_CAVEAT_PLAIN = {
    ("lawful_grant", "unknown"): "det är inte utrett om kommunen får ge stödet",
    ("state_aid", "unknown"): "det är inte utrett om EU:s regler om stöd till företag gäller",
    ("state_aid", "over_ceiling"): "stödet kan vara för stort enligt EU:s regler om stöd till företag",
}


def headline(assessment: Assessment, plain: bool = False) -> str:
    """The recommendation in a few words, with every open gate that bears on it ("IOP – men …").

    A grant is named with its form and reason (``verdict_name``), as the spectrum picture and the
    documents name it.
    """
    caveats_by = GATE_CAVEAT_PLAIN if plain else GATE_CAVEAT
    caveats = [caveats_by[(g.gate, g.value)] for g in assessment.gates
               if g.applies and (g.gate, g.value) in caveats_by]
    text = verdict_name(assessment.recommendation, assessment.form, plain)
    if not caveats or assessment.recommendation == "undecided":
        return text
    if len(caveats) > 1:
        return f"{text} – men {', '.join(caveats[:-1])} och {caveats[-1]}"
    return f"{text} – men {caveats[0]}"


TOGETHER = "Avgör ärendet tillsammans med de andra frågorna här."


@dataclass(frozen=True)
class Blocker:
    """An open question that blocks an undecided case: what to ask and what to find out."""

    question: str
    text: str
    find_out: str
    outcomes: tuple[str, ...]
    """One line per possible answer: the answer and what it would lead to."""
    point: str = ""
    """The blocker as a point on a preparation list, readable without the question above it."""
    answered: bool = False
    """True for an answered question that stops the case (its answer must change), False for an open one."""


def blocking_questions(assessment: Assessment, catalog: QuestionCatalog, plain: bool = False) -> list[Blocker]:
    """The questions whose answer would decide an undecided case, most decisive first.

    Answered questions that stop the case come before all others (a gate that
    makes the grant unlawful blocks whatever the open questions say). Then
    decisive open questions (one answer decides), then those that decide
    together with another. Empty when the case is decided.
    """
    if assessment.recommendation != "undecided":
        return []
    questions = catalog.questions
    blockers = _answered_blockers(assessment, catalog, plain)
    for open_question in assessment.open_questions:
        if not (open_question.decisive or open_question.decides_with):
            continue
        question = questions[open_question.question]
        # Only answers that move the case are worth a line; one that decides only together
        # with another question says so instead of listing "Oavgjort" for every answer.
        outcomes = tuple(
            f"{question.option_label(w.option, plain) or w.option_label}: {RECOMMENDATION_SHORT[w.recommendation]}"
            for w in open_question.what_if if w.recommendation != "undecided") or (TOGETHER,)
        if plain:
            # Plain help only: the official help cites acts and case law.
            find_out = question.prepare or question.plain_help or ""
            point = question.prepare or f"{question.plain} {question.plain_help or ''}".strip()
        else:
            find_out = point = question.prepare or question.help
        blockers.append(Blocker(question=open_question.question, text=question.plain if plain else question.text,
                                find_out=find_out, outcomes=outcomes, point=point))
    return blockers


def _answered_blockers(assessment: Assessment, catalog: QuestionCatalog, plain: bool) -> list[Blocker]:
    """Answered questions that stop the case (the leaning names them first), as blockers.

    What to find out is then what can be done about the answer given (the
    stopping gate's remedy); the outcomes are the other answers that decide.
    """
    if assessment.leaning is None:
        return []
    changes = {q.question: q for q in assessment.changes}
    blockers = []
    for settle in assessment.leaning.settle:
        if not settle.answer:
            continue
        question = catalog.questions[settle.question]
        change = changes.get(settle.question)
        outcomes = tuple(
            f"{question.option_label(w.option, plain) or w.option_label}: {RECOMMENDATION_SHORT[w.recommendation]}"
            for w in (change.what_if if change else ()) if w.recommendation != "undecided")
        given = f"Ni har svarat {settle.answer}" if plain else f"Besvarad: {settle.answer}"
        remedy = settle.plain_remedy if plain else settle.remedy
        find_out = f"{given}, och det stoppar ärendet." + (f" {remedy}" if remedy else "")
        text = settle.plain if plain else settle.text
        blockers.append(Blocker(question=settle.question, text=text, find_out=find_out, outcomes=outcomes,
                                point=f"{text} {find_out}", answered=True))
    return blockers


def blockers_heading(blockers: list[Blocker], plain: bool = False) -> str:
    """The lead-in to the blockers in the result box: an answer that stops the case is not something to find out."""
    if blockers and blockers[0].answered:
        return "Det här stoppar ärendet:" if not plain else "Det här gör att det inte går att säga något just nu:"
    return ("Det här avgör ärendet – ta reda på:" if not plain
            else "Det här behöver ni ta reda på innan det går att säga något:")


def blocking_rule_text(assessment: Assessment) -> str:
    """Why the case is undecided, in the rule's own words (for the official's view)."""
    return assessment.rule.annotation


__all__ = ["GATE_CAVEAT", "TOGETHER", "Blocker", "blockers_heading", "blocking_questions", "blocking_rule_text",
           "headline"]
