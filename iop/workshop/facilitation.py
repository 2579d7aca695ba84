"""The facilitator's side of a workshop as rules: which controls a statement offers, and the conclusion's defaults.

The page draws what these functions return; the store (``WorkshopDesk.take``) does
what a control says. Every control a page can show is a move ``live.ALLOWED_MOVES``
permits, so a button never offers what the store would refuse:

* a statement other than the one shown can be shown (a waiting one opens for answers);
* the one shown can be closed while open, opened again while closed (not after its
  result is shown), closed and revealed in one step, and followed by the next one;
* the group's conclusion is recorded on the shown statement of a workshop on a case,
  once its result is shown, for the questions of its criterion; each question starts
  from the conclusion recorded before, else the case's answer, else "vet ej".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iop.model.case import Case
from iop.model.questions import DONT_KNOW, QuestionCatalog
from iop.records.record import CaseStatus, is_editable
from iop.rules.rulebook import Rulebook
from iop.words.clock import swedish_time
from iop.words.swedish import DONT_KNOW_LABEL
from iop.workshop.live import PHASE_LABEL, Conclusion, Phase, Workshop
from iop.workshop.statements import Statement, statements_from_case

LABEL_LENGTH = 80
"""A statement's text in the facilitator's list is cut here: the list is one line per statement."""


class Step(str, Enum):
    """What a facilitator's button does; the value is the button's key on the page (``ws:<value>``)."""

    activate = "activate"
    close = "close"
    reopen = "reopen"
    reveal = "reveal"
    next = "next"


@dataclass(frozen=True)
class Control:
    """One button for the statement the facilitator has chosen."""

    step: Step
    label: str
    statement_id: str
    """The statement it acts on (for ``next``, the one after the chosen)."""
    target: Phase | None
    """The phase it moves the statement to; None: it makes the statement the one shown."""
    failure: str
    """What the page says before the store's reason when the store refuses."""
    primary: bool = False


def controls(workshop: Workshop, chosen: str) -> list[Control]:
    """The buttons for ``chosen``, in the order drawn; refused for a statement not in the workshop."""
    ids = [s.id for s in workshop.statements]
    position = ids.index(chosen)
    if chosen != workshop.active:
        return [Control(Step.activate, "Visa det här påståendet", chosen, None, "Påståendet kunde inte visas",
                        primary=True)]
    phase = workshop.phases[chosen]
    offered: list[Control] = []
    if phase is Phase.open:
        offered.append(Control(Step.close, "Stäng svaren", chosen, Phase.closed, "Svaren kunde inte stängas"))
    if phase is Phase.closed:
        offered.append(Control(Step.reopen, "Öppna för svar igen", chosen, Phase.open, "Påståendet kunde inte öppnas"))
    if phase in (Phase.open, Phase.closed):
        offered.append(Control(Step.reveal, "Stäng och visa resultatet", chosen, Phase.revealed,
                               "Resultatet kunde inte visas", primary=True))
    if position + 1 < len(ids):
        offered.append(Control(Step.next, "Nästa påstående", ids[position + 1], None,
                               "Nästa påstående kunde inte visas"))
    return offered


def chosen_at_first(workshop: Workshop) -> str:
    """The statement the facilitator's list starts on: the one shown, else the first."""
    return workshop.active or workshop.statements[0].id


def statement_labels(workshop: Workshop) -> dict[str, str]:
    """Statement id -> its line in the facilitator's list: number, text (cut) and where it stands."""
    return {s.id: f"{i}. {s.text[:LABEL_LENGTH]} ({PHASE_LABEL[workshop.phases[s.id]].lower()})"
            for i, s in enumerate(workshop.statements, start=1)}


# --- starting ----------------------------------------------------------------------------

def takes_conclusions(status: CaseStatus) -> bool:
    """Whether a workshop started on a case in this state can record its conclusions there (a draft only)."""
    return is_editable(status)


def from_case(case: Case, rulebook: Rulebook) -> tuple[str, list[Statement]]:
    """The title and statements of a workshop on ``case``: one statement per criterion of its set."""
    return f"Workshop om {case.title}", statements_from_case(case, rulebook)


# --- the group's conclusion ----------------------------------------------------------------

@dataclass(frozen=True)
class ConclusionField:
    """One question of the criterion, as the conclusion form asks it."""

    question_id: str
    text: str
    options: tuple[str, ...]
    """The question's options, then "vet ej"."""
    labels: dict[str, str]
    default: str

    @property
    def default_index(self) -> int:
        return self.options.index(self.default)


def conclusion_due(workshop: Workshop) -> Statement | None:
    """The statement whose conclusion can be recorded now: the shown, revealed criterion of a case workshop."""
    if workshop.case_id is None or workshop.active is None:
        return None
    statement = workshop.statement(workshop.active)
    if statement.criterion_id is None or workshop.phases[statement.id] is not Phase.revealed:
        return None
    return statement


def recorded(conclusions: list[Conclusion], statement_id: str) -> Conclusion | None:
    """The conclusion recorded on ``statement_id`` (the latest: recording again replaces it), if any."""
    return {c.statement_id: c for c in conclusions}.get(statement_id)


def conclusion_fields(statement: Statement, catalog: QuestionCatalog, case: Case,
                      done: Conclusion | None) -> list[ConclusionField]:
    """The form's questions, each starting from the recorded conclusion, else the case's answer, else "vet ej"."""
    fields = []
    for qid in statement.question_ids:
        question = catalog.questions[qid]
        options = (*question.options, DONT_KNOW)
        current = (done.answers.get(qid) if done else None) or (
            case.answers[qid].value if qid in case.answers else DONT_KNOW)
        fields.append(ConclusionField(qid, question.text, options, {**question.options, DONT_KNOW: DONT_KNOW_LABEL},
                                      current if current in options else DONT_KNOW))
    return fields


def recorded_note(done: Conclusion) -> str:
    """What the form says above itself once a conclusion is in the case."""
    return (f"Slutsatsen är införd i ärendet {swedish_time(done.recorded_at)} med {done.participants} deltagare. "
            "Du kan föra in en ny om gruppen ändrar sig.")
