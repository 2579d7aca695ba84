"""The facilitator's side of a workshop behind the access rules: every control checked and logged.

Starting, taking up, running, revealing, ending and exporting a workshop, and
seeing the list of running ones, need a role that may run workshops
(``Action.run_workshop``: handläggare, granskare or beslutsfattare). The
facilitator's key in the URL is a secret that finds the workshop, not a
permission: a participant who gets hold of the link is still refused, and the
attempt is logged. Participants join and answer through ``WorkshopStore`` itself
(no account), which is all the participant page can reach.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from iop.model.case import Case
from iop.records.access import Action
from iop.records.audit import AuditKind
from iop.records.record import CaseStatus
from iop.rules.rulebook import Rulebook
from iop.store.desk import CaseDesk
from iop.store.workshop_store import WorkshopStore
from iop.workshop.facilitation import Control, from_case
from iop.workshop.live import AnonymousAnswer, Conclusion, Phase, Workshop
from iop.workshop.statements import Statement


class WorkshopDesk:
    """``WorkshopStore``'s facilitator actions for the person behind ``desk``."""

    def __init__(self, store: WorkshopStore, desk: CaseDesk) -> None:
        self.store = store
        self.desk = desk

    def refusal(self) -> str:
        return self.desk.refusal(Action.run_workshop)

    def _allow(self, case_id: str | None = None, detail: str = "", kind: AuditKind = AuditKind.workshop) -> str:
        role = self.desk.allow(Action.run_workshop, kind, case_id)
        if detail:
            self.desk.log(kind, role, case_id, detail)
        return role

    def ongoing(self) -> list[tuple[Workshop, str]]:
        self._allow()
        return self.store.ongoing()

    def by_facilitator_key(self, key: str) -> tuple[Workshop, str] | None:
        """The workshop the facilitator's link names; refused (and logged) without the role, whoever has the link."""
        self._allow()
        return self.store.by_facilitator_key(key)

    def create(self, title: str, statements: Sequence[Statement], *, case_id: str | None = None,
               criteria_set: str | None = None) -> tuple[Workshop, str]:
        if case_id is not None:
            self.desk.read_case(case_id)
        self._allow(case_id)
        workshop, key = self.store.create(title, statements, case_id=case_id, criteria_set=criteria_set)
        self._allow(case_id, f"startade workshop {workshop.number}")
        return workshop, key

    def start_from_case(self, case_id: str, rulebook: Rulebook, *, records: bool = True) -> tuple[Workshop, str]:
        """A workshop on the case's criteria; ``records``: its conclusions go into that case (a draft only)."""
        case = self.saved_case(case_id)
        title, statements = from_case(case, rulebook)
        return self.create(title, statements, case_id=case_id if records else None, criteria_set=case.criteria_set)

    def saved_cases(self) -> list[tuple[str, str]]:
        self.desk.allow(Action.read_case, AuditKind.listed)
        return self.store.saved_cases()

    def saved_case(self, case_id: str) -> Case:
        return self.desk.read_case(case_id).case

    def case_status(self, case_id: str) -> CaseStatus:
        """Where the case stands: only a draft can take a workshop's conclusions."""
        return self.desk.read_case(case_id).status

    def copy_for_workshop(self, case_id: str) -> str:
        """A draft copy of a bedömd or beslutad case for a workshop to conclude into (needs the right to copy)."""
        return self.desk.copy_case(case_id).id

    def get(self, workshop_id: int) -> Workshop:
        self._allow()
        return self.store.get(workshop_id)

    def participant_count(self, workshop_id: int) -> int:
        self._allow()
        return self.store.participant_count(workshop_id)

    def answer_counts(self, workshop_id: int) -> dict[str, int]:
        self._allow()
        return self.store.answer_counts(workshop_id)

    def revealed_answers(self, workshop_id: int) -> dict[str, list[AnonymousAnswer]]:
        self._allow()
        return self.store.revealed_answers(workshop_id)

    def conclusions(self, workshop_id: int) -> list[Conclusion]:
        self._allow()
        return self.store.conclusions(workshop_id)

    def set_active(self, workshop_id: int, statement_id: str) -> Workshop:
        self._allow()
        return self.store.set_active(workshop_id, statement_id)

    def move(self, workshop_id: int, statement_id: str, target: Phase) -> Workshop:
        self._allow()
        return self.store.move(workshop_id, statement_id, target)

    def take(self, workshop_id: int, control: Control) -> Workshop:
        """Do what a facilitator's button (``facilitation.controls``) says: show a statement, or move it on."""
        if control.target is None:
            return self.set_active(workshop_id, control.statement_id)
        return self.move(workshop_id, control.statement_id, control.target)

    def end(self, workshop_id: int) -> Workshop:
        workshop = self.store.get(workshop_id)
        self._allow(workshop.case_id, f"avslutade workshop {workshop.number}")
        return self.store.end(workshop_id)

    def exported(self, workshop: Workshop, what: str) -> None:
        """Log a download of the workshop's answers or summary."""
        self._allow(workshop.case_id, f"workshop {workshop.number}: {what}", AuditKind.exported)

    def record_conclusion(self, workshop_id: int, statement_id: str, answers: Mapping[str, str],
                          reasoning: str) -> Conclusion:
        self._allow()
        return self.store.record_conclusion(workshop_id, statement_id, answers, reasoning, desk=self.desk)
