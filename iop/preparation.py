"""What an organisation should prepare before contacting the municipality.

Read off the assessment: every point that is not yet clearly met, and every
open question, turned into the preparation text the question carries.
"""

from __future__ import annotations

from iop.assessment import Assessment
from iop.outcome import Outcome
from iop.rulebook import Rulebook

ALWAYS = (
    "En kort beskrivning av verksamheten: vad ni vill göra, för vem, var och hur länge.",
    "Sammanfattningen från IOP-stöd (ladda ner den under Exportera) att ta med till första mötet.",
)


def preparation_list(assessment: Assessment, rulebook: Rulebook) -> list[str]:
    questions = rulebook.questions.questions
    points: dict[str, None] = {}
    for criterion in assessment.criteria:
        for trace in criterion.answers:
            if trace.effect != Outcome.met and (text := questions[trace.question].prepare):
                points[text] = None
    for open_question in assessment.open_questions:
        if open_question.group == "policy" and (text := questions[open_question.question].prepare):
            points[text] = None
    return [*ALWAYS[:1], *points, *ALWAYS[1:]]
