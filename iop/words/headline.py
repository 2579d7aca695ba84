"""What the recommendation's headline must name and what blocks an undecided case, as data for a voice to say.

A headline that says "IOP" while a gate further down says "inte utrett" misleads:
the reader stops at the headline. So every open or doubtful gate that bears on
the recommendation is named in the headline itself (``caveated_gates``), and an
undecided case names the questions that block it, with what their answers would
lead to (``blocking``). ``iop.words.voice`` says both, officially or plainly.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop.model.assessment_record import Assessment, SettlingQuestion, WhatIf

UNDECIDED = "undecided"

OPEN_GATES = frozenset({("lawful_grant", "unknown"), ("state_aid", "unknown"), ("state_aid", "over_ceiling")})
"""(gate, value) pairs that leave a recommendation open or in doubt while the gate bears on it: the headline
names each (every voice has words for each, tests/words/test_headline.py)."""


def caveated_gates(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """The (gate, value) of every gate that bears on a decided recommendation and leaves it open or in doubt."""
    if assessment.recommendation == UNDECIDED:
        return ()
    return tuple((g.gate, g.value) for g in assessment.gates if g.applies and (g.gate, g.value) in OPEN_GATES)


@dataclass(frozen=True)
class Blocking:
    """A question that blocks an undecided case, as data: which, whether answered, what would decide it."""

    question: str
    stopping: SettlingQuestion | None
    """For an answered question that stops the case: the leaning's settling question with the answer given."""
    deciding: tuple[WhatIf, ...]
    """The answers that would decide the case (an answer that leaves it undecided is not listed)."""


def blocking(assessment: Assessment) -> list[Blocking]:
    """The questions whose answer would decide an undecided case, most decisive first.

    Answered questions that stop the case come before all others (a gate that
    makes the grant unlawful blocks whatever the open questions say): what can
    be decided then is the other answers to them. Then decisive open questions
    (one answer decides), then those that decide together with another. Empty
    when the case is decided.
    """
    if assessment.recommendation != UNDECIDED:
        return []
    found = []
    if assessment.leaning is not None:
        changes = {q.question: q for q in assessment.changes}
        for settle in assessment.leaning.settle:
            if settle.answered:
                change = changes.get(settle.question)
                found.append(Blocking(settle.question, settle, tuple(
                    w for w in (change.what_if if change else ()) if w.recommendation != UNDECIDED)))
    for open_question in assessment.open_questions:
        if open_question.decisive or open_question.decides_with:
            found.append(Blocking(open_question.question, None, tuple(
                w for w in open_question.what_if if w.recommendation != UNDECIDED)))
    return found


@dataclass(frozen=True)
class Blocker:
    """A blocking question as a voice says it: what to ask and what to find out."""

    question: str
    text: str
    find_out: str
    outcomes: tuple[str, ...]
    """One line per possible answer: the answer and what it would lead to."""
    point: str = ""
    """The blocker as a point on a preparation list, readable without the question above it."""
    answered: bool = False
    """True for an answered question that stops the case (its answer must change), False for an open one."""


__all__ = ["OPEN_GATES", "Blocker", "Blocking", "blocking", "caveated_gates"]
