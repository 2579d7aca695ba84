"""How far the walk has come, told truthfully: what is answered, and what can still change the result.

A question answered "Vet ej" has been asked, so the walk does not ask it again.
But while its answer could still change the recommendation it is not done: the
progress counts it as open, beside the questions still to ask, and says what to
find out. Before a case is marked bedömd the same facts, and any legal gate
that is not investigated, are listed so the official confirms with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop.guide.walk import WalkPlan
from iop.model.assessment_record import Assessment, OpenQuestion
from iop.model.case import Case
from iop.model.questions import UNKNOWN, QuestionCatalog
from iop.words.swedish import GATE_VALUE
from iop.words.voice import OFFICIAL, Voice

OPEN_GATE_VALUES = frozenset({"unknown", "unclear"})
"""Gate values that mean the legal question is not settled: "Inte utrett", "Oklart om bidrag eller kontrakt"."""


@dataclass(frozen=True)
class DontKnowThatDecides:
    """A question answered "Vet ej" whose answer could still change the recommendation."""

    question: str
    text: str
    find_out: str
    outcomes: tuple[str, ...]
    """One line per answer that would move the case: "Ja: IOP"."""


@dataclass(frozen=True)
class WalkProgress:
    """The walk's counter: answered questions, questions still to ask, "Vet ej" answers that still decide."""

    answered: int
    to_ask: tuple[str, ...]
    dont_know: tuple[DontKnowThatDecides, ...]

    @property
    def open(self) -> int:
        """Everything that can still change the recommendation: to ask, or answered "Vet ej" and deciding."""
        return len(self.to_ask) + len(self.dont_know)

    @property
    def share(self) -> float:
        """The bar's fill: answered out of answered and open (1.0 when nothing is left)."""
        total = self.answered + self.open
        return self.answered / total if total else 1.0

    def counts(self) -> str:
        """ "3 frågor besvarade, 2 kvar som kan ändra rekommendationen (varav 1 besvarad med Vet ej)"."""
        answered = f"{self.answered} {'fråga besvarad' if self.answered == 1 else 'frågor besvarade'}"
        left = f"{self.open} kvar som kan ändra rekommendationen"
        if self.dont_know:
            left += f" (varav {len(self.dont_know)} besvarad{'e' if len(self.dont_know) > 1 else ''} med Vet ej)"
        return f"{answered}, {left}"


def _deciding(open_question: OpenQuestion) -> bool:
    return open_question.decisive or bool(open_question.decides_with)


def dont_know_that_decides(assessment: Assessment, case: Case, catalog: QuestionCatalog,
                           said: Voice = OFFICIAL) -> tuple[DontKnowThatDecides, ...]:
    """The questions answered "Vet ej" whose answer could still change the recommendation, deciding first."""
    found: list[DontKnowThatDecides] = []
    for open_question in assessment.open_questions:
        answer = case.answers.get(open_question.question)
        if answer is None or answer.option != UNKNOWN or not _deciding(open_question):
            continue
        question = catalog.questions[open_question.question]
        outcomes = tuple(said.outcome_line(question, w)
                         for w in open_question.what_if if w.recommendation != assessment.recommendation)
        found.append(DontKnowThatDecides(question=open_question.question, text=said.question_text(question),
                                         find_out=said.find_out(question), outcomes=outcomes))
    return tuple(found)


def walk_progress(plan: WalkPlan, case: Case, assessment: Assessment, catalog: QuestionCatalog,
                  said: Voice = OFFICIAL) -> WalkProgress:
    """The counter for the walk as it stands: ``plan`` and ``assessment`` of the same ``case``."""
    shown = [q for s in plan.steps for q in s.questions]
    answered = sum(1 for q in shown if q in case.answers and case.answers[q].option != UNKNOWN)
    return WalkProgress(answered=answered, to_ask=tuple(q for q in shown if q in plan.pending),
                        dont_know=dont_know_that_decides(assessment, case, catalog, said))


@dataclass(frozen=True)
class OpenPoint:
    """Something still open when an official wants to mark the case bedömd."""

    kind: str
    """"gate" (a legal gate not settled), "question" (a deciding question not answered) or "dont_know"."""
    text: str


def open_before_assessing(assessment: Assessment, case: Case, catalog: QuestionCatalog) -> list[OpenPoint]:
    """What is still open in ``assessment``: legal gates not settled, deciding questions unanswered or "Vet ej".

    Empty when the assessment can be frozen without asking: every applicable gate
    settled and no open question that alone (or with another) could change the result.
    """
    points = [OpenPoint("gate", f"{gate.title}: {GATE_VALUE.get(gate.value, gate.value)}")
              for gate in assessment.gates if gate.applies and gate.value in OPEN_GATE_VALUES]
    for open_question in assessment.open_questions:
        if not _deciding(open_question):
            continue
        text = catalog.questions[open_question.question].text if open_question.question in catalog.questions \
            else open_question.text
        answer = case.answers.get(open_question.question)
        if answer is not None and answer.option == UNKNOWN:
            points.append(OpenPoint("dont_know", f"Besvarad med Vet ej, men avgör: {text}"))
        else:
            points.append(OpenPoint("question", f"Obesvarad, men avgör: {text}"))
    return points
