"""The portfolio as one person may use it: the Översikt page's reads and the agreement's writes, each
checked against ``iop.records.access`` before anything is read or written, and logged.

Reading the portfolio needs the right to read cases (the same rule as Ärenden); refusing it is
logged, reading it is not (as the case list). Recording an agreement, a follow-up or a link
between cases needs its own action (``record_agreement``, ``record_follow_up``, ``link_cases``:
a handläggare, granskare or beslutsfattare); an agreement that sets or changes a term the
decision would state (the decided form, the municipality's money per year) needs the right to
register decisions as well. Every write is a revision of the case with the person and the role
it was done in, and a line in the read log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from iop.portfolio.figures import Known, PortfolioFilter
from iop.portfolio.todo import AgreementState
from iop.portfolio.view import View
from iop.records.access import Action
from iop.records.agreement import (
    DECISION_TERMS,
    TERM_LABEL,
    Agreement,
    FollowUp,
    RecordedAgreement,
    RecordedFollowUp,
)
from iop.records.audit import AuditKind
from iop.records.record import Decision
from iop.rules.parameters import Parameter
from iop.store.desk import CaseDesk, fitted_author, fitted_key
from iop.store.portfolio_store import PortfolioStore


class PortfolioDesk:
    """``PortfolioStore`` behind the access rules of the person ``desk`` is made for; cheap to make per run."""

    def __init__(self, store: PortfolioStore, desk: CaseDesk) -> None:
        self.store = store
        self.desk = desk

    def may(self, action: Action) -> bool:
        return self.desk.may(action)

    def refusal(self, action: Action) -> str:
        return self.desk.refusal(action)

    # ----- reading ----------------------------------------------------------------------------

    def known(self, criteria_sets: Sequence[str] = ()) -> tuple[Known, int]:
        self.desk.allow(Action.read_case, AuditKind.listed)
        return self.store.known(criteria_sets)

    def view(self, chosen: PortfolioFilter, today: dt.date, parameters: Mapping[str, Parameter]) -> View:
        self.desk.allow(Action.read_case, AuditKind.listed)
        return self.store.view(chosen, today, parameters)

    def case_choices(self) -> pd.DataFrame:
        """Every case as the links name them (``PortfolioStore.case_choices``)."""
        self.desk.allow(Action.read_case, AuditKind.listed)
        return self.store.case_choices()

    def _read(self, case_id: str) -> None:
        self.desk.allow(Action.read_case, AuditKind.opened, case_id)

    def line(self, case_id: str) -> tuple[list[str], list[str], str | None]:
        self._read(case_id)
        return self.store.line(case_id)

    def decision(self, case_id: str) -> Decision | None:
        self._read(case_id)
        return self.store.decision(case_id)

    def agreement(self, case_id: str) -> RecordedAgreement | None:
        self._read(case_id)
        return self.store.agreement(case_id)

    def agreement_state(self, case_id: str) -> AgreementState | None:
        self._read(case_id)
        return self.store.agreement_state(case_id)

    def follow_ups(self, case_id: str) -> list[RecordedFollowUp]:
        self._read(case_id)
        return self.store.follow_ups(case_id)

    def de_minimis(self, case_id: str, today: dt.date, parameters: Mapping[str, Parameter]) -> pd.DataFrame:
        """The de minimis row of the case's organisation (over all its cases), empty without aid."""
        self._read(case_id)
        return self.store.de_minimis_for(case_id, today, parameters)

    # ----- writing ----------------------------------------------------------------------------

    def _person(self) -> tuple[str, str]:
        """Who the revision names, fitted to the register's columns as the case desk fits them."""
        who = self.desk.identity
        assert who is not None  # allow() refuses nobody before this is reached
        return fitted_author(who.label), fitted_key(who.key)

    def save_agreement(self, case_id: str, agreement: Agreement) -> RecordedAgreement:
        """Record or change the agreement; the decision's terms on it need a role that may decide."""
        role = self.desk.allow(Action.record_agreement, AuditKind.changed, case_id)
        current = self.store.agreement(case_id)
        changed = [term for term in DECISION_TERMS
                   if getattr(agreement, term) != (getattr(current.agreement, term) if current else None)]
        if changed:  # refused (and logged) unless the person may register decisions; done in that role
            role = self.desk.allow(Action.register_decision, AuditKind.changed, case_id)
            detail = f"överenskommelse (beslutets villkor: {', '.join(TERM_LABEL[t] for t in changed)})"
        else:
            detail = "överenskommelse"
        author, author_id = self._person()
        recorded = self.store.save_agreement(case_id, agreement, author, role=role, author_id=author_id)
        self.desk.log(AuditKind.changed, role, case_id, f"{detail}, version {recorded.revision}")
        return recorded

    def add_follow_up(self, case_id: str, follow_up: FollowUp) -> RecordedFollowUp:
        role = self.desk.allow(Action.record_follow_up, AuditKind.changed, case_id)
        author, author_id = self._person()
        recorded = self.store.add_follow_up(case_id, follow_up, author, role=role, author_id=author_id)
        self.desk.log(AuditKind.changed, role, case_id, f"uppföljning, version {recorded.revision}")
        return recorded

    def link(self, predecessor: str, successor: str) -> None:
        role = self.desk.allow(Action.link_cases, AuditKind.changed, successor)
        author, author_id = self._person()
        self.store.link(predecessor, successor, author, role=role, author_id=author_id)
        self.desk.log(AuditKind.changed, role, successor, f"kopplat som efterföljare till {predecessor}")

    def unlink(self, predecessor: str, successor: str) -> None:
        role = self.desk.allow(Action.link_cases, AuditKind.changed, successor)
        author, author_id = self._person()
        self.store.unlink(predecessor, successor, author, role=role, author_id=author_id)
        self.desk.log(AuditKind.changed, role, successor, f"inte längre efterföljare till {predecessor}")
