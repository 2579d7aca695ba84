"""The guided walk: the steps a user goes through for a criteria set.

First each criterion of the set with its questions, then the questions the
set's decision table reads besides its criteria, then the legal gates. The
app shows one step at a time; this module decides what the steps are.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop.criteria import Criterion
from iop.rulebook import Rulebook

GATE_STEPS = (
    ("contract", "Bidrag eller kontrakt", "Avgör om avtalet rättsligt är ett bidrag eller ett kontrakt som ska upphandlas."),
    ("lawful_grant", "Ett lagligt bidrag", "Kommunallagens krav på ett bidrag, som också gäller ett IOP."),
    ("state_aid", "Statsstöd", "EU:s statsstödsregler om verksamheten är ekonomisk."),
    ("procurement", "Upphandlingsväg", "Om det blir upphandling: LOU, LOV eller reserverad upphandling."),
)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    questions: tuple[str, ...]
    criterion: Criterion | None = None


def walk_steps(rulebook: Rulebook, set_id: str) -> list[Step]:
    """Every relevant question of ``set_id`` appears in exactly one step."""
    criteria_set = rulebook.criteria_set(set_id)
    steps = [Step(id=f"criterion:{c.id}", title=c.title, intro=c.help, questions=tuple(c.questions), criterion=c)
             for c in criteria_set.criteria]
    asked = {q for s in steps for q in s.questions}
    relevant = rulebook.relevant_questions(set_id)
    questions = rulebook.questions.questions
    extra = tuple(q for q in relevant if q not in asked and questions[q].group == "policy")
    if extra:
        steps.append(Step(id="policy:extra", title="Fler frågor om verksamheten",
                          intro="Frågor som beslutstabellen läser utöver kriterierna.", questions=extra))
        asked |= set(extra)
    for group, title, intro in GATE_STEPS:
        group_questions = tuple(q for q in relevant if q not in asked and questions[q].group == group)
        if group_questions:
            steps.append(Step(id=f"gate:{group}", title=title, intro=intro, questions=group_questions))
            asked |= set(group_questions)
    return steps
