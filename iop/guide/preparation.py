"""What an organisation should prepare before contacting the municipality.

Every criterion of the set needs evidence on the table (the programme to
cite, a budget that shows co-financing, ...); points that are not yet met or
still unanswered come first and are marked, since they need work, not just
paperwork. The facts that tell a grant from an IOP (how the money is given,
whose activity, who steers, for how long) come before the criteria: answered,
each says what that answer asks for (an application for a grant decision, a
draft for an agreement both sign; ``prepare_when`` in criteria/questions.yaml);
open while they can still change the outcome, they need work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iop.model.assessment_record import Assessment
from iop.model.case import Case
from iop.model.questions import UNKNOWN
from iop.model.three_valued import Outcome
from iop.rules.rulebook import Rulebook

FIRST = "En kort beskrivning av verksamheten: vad ni vill göra, för vem, var och hur länge."
LAST = "Sammanfattningen från IOP-stöd (ladda ner den under Exportera) att ta med till första mötet."
NEEDS_WORK = "Behöver arbete: "
BLOCKING = "Avgör om det går att säga något alls: "

if TYPE_CHECKING:
    from iop.words.headline import Blocker


def preparation_list(assessment: Assessment, rulebook: Rulebook, blockers: list[Blocker] | None = None,
                     case: Case | None = None) -> list[str]:
    """The points to prepare; questions blocking an undecided case come first, since nothing moves without them.

    ``case`` gives the answers to the grant-or-IOP questions, which no criterion reads. Unanswered, they
    are listed only where an answer can change the outcome, alone or with another (as the walk asks them).
    """
    questions = rulebook.questions.questions
    needs_work: dict[str, None] = {}
    in_place: dict[str, None] = {}
    facts = case.facts() if case is not None else {}
    open_ids = {q.question for q in assessment.open_questions if q.decisive or q.decides_with}
    for qid, question in questions.items():
        if question.group != "grant_form":
            continue
        answer = facts.get(qid, UNKNOWN)
        if answer != UNKNOWN and (text := question.prepare_when.get(answer)):
            in_place[text] = None
        elif question.prepare and (answer != UNKNOWN or qid in open_ids):
            needs_work[question.prepare] = None  # not decided yet, or an answer that leaves the point open
    for criterion in assessment.criteria:
        for trace in criterion.answers:
            question = questions[trace.question]
            text = question.prepare_when.get(trace.answer) or question.prepare
            if text:
                (in_place if trace.effect == Outcome.met else needs_work)[text] = None
    for open_question in assessment.open_questions:
        text = questions[open_question.question].prepare
        if open_question.group == "policy" and text:
            needs_work[text] = None
            in_place.pop(text, None)
    blocking = {b.point or b.find_out: None for b in blockers or ()}
    return [*(BLOCKING + t for t in blocking), FIRST, *(NEEDS_WORK + t for t in needs_work if t not in blocking),
            *(t for t in in_place if t not in needs_work and t not in blocking), LAST]


def preparation_text(title: str, points: list[str]) -> str:
    """The preparation list as plain text to download and bring: no markup, numbered."""
    lines = [f"Det här behöver ni förbereda – {title}", "", "Innan ni kontaktar kommunen, ta fram:", ""]
    lines += [f"{n}. {point}" for n, point in enumerate(points, start=1)]
    lines += ["", "Från IOP-stöd. Ett beslutsstöd; det ersätter inte juridisk rådgivning."]
    return "\n".join(lines) + "\n"
