"""Which status step a person is offered on a case: utkast → bedömd → (granskad →) beslutad, each in its role.

Status och historik shows one panel for the case's status and the person's roles
(``status_offer``); the store's guarded register checks each step again when it is
taken. The notes a step writes into the history are named here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from iop.records.access import Action, Identity, reads_only_because
from iop.records.record import STATUS_LABEL, CaseStatus

REVIEWED_NOTE = "Granskat"
RETURNED_NOTE = "Återlämnat av granskaren"
REOPENED_NOTE = "Öppnat som utkast igen"


def status_note(status: CaseStatus, addition: str = "") -> str:
    """The history's note for a change to ``status``: "Status: Bedömd", then what the step adds, if anything.

    A step with a note of its own (``REVIEWED_NOTE``, ...) writes that instead.
    """
    return f"Status: {STATUS_LABEL[status]}" + (f" {addition}" if addition else "")


def status_note_addition(status: CaseStatus, note: str) -> str:
    """What a status change's stored note says besides the change itself: ``addition`` of a ``status_note``,
    a note of the step's own whole; "" for the plain ``status_note(status)``.

    A revision keeps one note (the history table shows it whole), so the history in words reads the addition
    back here, beside the one function that writes the note.
    """
    default = status_note(status)
    note = note.strip()
    if not note or note == default:
        return ""
    return note.removeprefix(f"{default} ").removeprefix(default)


def assessed_anyway_note(reason: str, still_open: Sequence[str]) -> str:
    """The note when a case is marked bedömd with points still open: the reason and what was open."""
    listed = "; ".join(still_open)
    ending = "" if listed.endswith((".", "?", "!")) else "."
    return status_note(CaseStatus.assessed,
                       f"trots öppna punkter. Skäl: {reason.strip().rstrip('.')}. Öppet då: {listed}{ending}")

WAITING = {
    CaseStatus.draft: "Ärendet markeras som bedömt av en handläggare.",
    CaseStatus.assessed: "Nästa steg tas av en granskare (granska eller återlämna) eller en beslutsfattare "
                         "(registrera beslutet eller öppna som utkast igen).",
    CaseStatus.reviewed: "Nästa steg tas av en beslutsfattare (registrera beslutet eller öppna som utkast igen).",
}
"""What a role that may take no step on the case reads instead: who takes the next one (``waiting_text``)."""


def waiting_text(status: CaseStatus, identity: Identity | None) -> str:
    """Whose step it is, and why it is not this person's: no name or login yet, or a role that only reads."""
    return f"{WAITING[status]} {reads_only_because(identity)}"


class Panel(str, Enum):
    """The status panel a person sees."""

    waiting = "waiting"
    """No step for this role: ``WAITING`` says whose step it is."""
    assess = "assess"
    """A draft a handläggare may mark bedömd."""
    review = "review"
    """A bedömd case a granskare may mark granskad or return to the handläggare."""
    reviewed = "reviewed"
    """Granskad, waiting for a beslutsfattare; returning it may still be offered."""
    decide = "decide"
    """A beslutsfattare registers the decision, or reopens the case as a draft."""
    decided = "decided"
    archived = "archived"


@dataclass(frozen=True)
class StatusOffer:
    panel: Panel
    may_review: bool = False
    """Offer "Markera som granskat" (a bedömd case and a role that may review)."""
    may_return: bool = False
    """Offer "Återlämna till handläggaren"."""


def status_offer(status: CaseStatus, may: Callable[[Action], bool]) -> StatusOffer:
    """The panel for a case in ``status``, for a person whose roles allow what ``may`` says."""
    may_decide = may(Action.register_decision)
    open_for_review = status is CaseStatus.assessed and may(Action.review)
    if status is CaseStatus.draft:
        return StatusOffer(Panel.assess if may(Action.mark_assessed) else Panel.waiting)
    if status in (CaseStatus.assessed, CaseStatus.reviewed):
        if not (may_decide or may(Action.review) or may(Action.reopen)):
            return StatusOffer(Panel.waiting)
        if may_decide:
            return StatusOffer(Panel.decide, may_review=open_for_review)
        if open_for_review:
            return StatusOffer(Panel.review, may_review=True, may_return=True)
        return StatusOffer(Panel.reviewed, may_return=may(Action.reopen))
    return StatusOffer(Panel.decided if status is CaseStatus.decided else Panel.archived)
