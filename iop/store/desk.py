"""The case register as one person may use it: every action checked against their roles and logged.

Pages never call ``CaseRegister`` directly for a person's action: they call a
``CaseDesk`` made for the person. Each method asks ``iop.records.access`` whether the
person's roles allow the action before anything is read or written, records the
role and the person on the revision, and writes the read log (``AuditLog``):
openings, downloads and changes, and every refusal, which names the case's id
but nothing the case says.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from iop.model.case import Case
from iop.records.access import (
    ACTION_TEXT,
    AccessSettings,
    Action,
    Identity,
    acting_role,
    four_eyes_refusal,
    refusal,
)
from iop.records.audit import AuditKind
from iop.records.autosave import AUTOSAVE_NOTE
from iop.records.record import (
    STATUS_LABEL,
    AnswersFrom,
    AssessmentSnapshot,
    CaseStatus,
    Decision,
    Revision,
    StatusRecord,
    StoredCase,
)
from iop.store.audit import AuditLog
from iop.store.errors import AccessDenied, InvalidTransition
from iop.store.records import CaseRegister

if TYPE_CHECKING:  # pandas is loaded only where a table is made (a cold start without it is faster)
    import pandas as pd

NOBODY = "ingen inloggad"
UNNAMED = "inget namn angivet"
AUTHOR_WIDTH = 200
"""What the register's author columns hold (``revisions.author``, ``author_id``, ``cases.updated_by`` …)."""


def fitted_author(label: str, room: int = AUTHOR_WIDTH) -> str:
    """A name as the history writes it, shortened to ``room`` characters (PostgreSQL refuses a longer one).

    A name typed without a limit, or a long name and e-mail from the provider, must not make every save fail.
    """
    return label if len(label) <= room else label[:room - 1] + "…"


def fitted_key(key: str) -> str:
    """An identity key (``Identity.key``) that fits its column and still tells two long names apart."""
    if len(key) <= AUTHOR_WIDTH:
        return key
    return f"{key[:AUTHOR_WIDTH - 17]}#{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"


def status_action(current: CaseStatus, new: CaseStatus) -> Action:
    """Which permission a status change needs."""
    if new is CaseStatus.assessed:
        return Action.mark_assessed
    if new is CaseStatus.reviewed:
        return Action.review
    if new is CaseStatus.decided:
        return Action.register_decision
    if new is CaseStatus.archived:
        return Action.archive_case
    if new is CaseStatus.draft and current in (CaseStatus.assessed, CaseStatus.reviewed):
        return Action.reopen
    raise InvalidTransition(f"Ett ärende kan inte gå från {STATUS_LABEL[current].lower()} till "
                            f"{STATUS_LABEL[new].lower()}.")


class CaseDesk:
    """``CaseRegister`` behind the access rules for ``identity``; cheap to make on every page run."""

    def __init__(self, register: CaseRegister, audit: AuditLog, identity: Identity | None,
                 settings: AccessSettings) -> None:
        self.register = register
        self.audit = audit
        self.identity = identity
        self.settings = settings

    @classmethod
    def on(cls, engine: Engine, register: CaseRegister, identity: Identity | None,
           settings: AccessSettings) -> CaseDesk:
        return cls(register, AuditLog(engine, settings.audit_retention_days), identity, settings)

    # ----- the rule -------------------------------------------------------------------------

    def may(self, action: Action) -> bool:
        return not refusal(self.identity, action, self.settings)

    def refusal(self, action: Action) -> str:
        return refusal(self.identity, action, self.settings)

    def _who(self) -> tuple[str, str]:
        if self.identity is None:
            return (NOBODY if self.settings.login else UNNAMED), ""
        return fitted_author(self.identity.label), fitted_key(self.identity.key)

    def allow(self, action: Action, kind: AuditKind, case_id: str | None = None) -> str:
        """The role the action is done in, or AccessDenied after logging the refused attempt."""
        why = refusal(self.identity, action, self.settings)
        if why:
            self.refused(kind, case_id, f"nekad: {ACTION_TEXT[action]}")
            raise AccessDenied(why)
        role = acting_role(self.identity, action, self.settings)
        return role.value if role else ""

    def refused(self, kind: AuditKind, case_id: str | None, detail: str) -> None:
        """Log a refused attempt: who tried (no case content, only the id a link named) and what was refused."""
        actor, actor_id = self._who()
        self.audit.record(actor=actor, actor_id=actor_id, kind=kind, case_id=case_id, allowed=False, detail=detail)

    def log(self, kind: AuditKind, role: str, case_id: str | None, detail: str = "") -> None:
        actor, actor_id = self._who()
        self.audit.record(actor=actor, actor_id=actor_id, role=role, kind=kind, case_id=case_id, detail=detail)

    def _author(self, suffix: str = "") -> tuple[str, str]:
        """Who the revision names, fitted to the register's columns (the name shortened, the suffix kept)."""
        assert self.identity is not None
        return (fitted_author(self.identity.label, AUTHOR_WIDTH - len(suffix)) + suffix,
                fitted_key(self.identity.key))

    # ----- reading --------------------------------------------------------------------------

    def case_frame(self) -> pd.DataFrame:
        """The case list (a DataFrame); reading it is not logged, refusing it is."""
        self.allow(Action.read_case, AuditKind.listed)
        return self.register.case_frame()

    def open_case(self, case_id: str) -> StoredCase:
        """Open a case for work: checked and logged as opened."""
        role = self.allow(Action.read_case, AuditKind.opened, case_id)
        stored = self.register.load_case(case_id)
        self.log(AuditKind.opened, role, case_id)
        return stored

    def read_case(self, case_id: str) -> StoredCase:
        """Read the case already open again (a page's rerun): checked, not logged again."""
        self.allow(Action.read_case, AuditKind.opened, case_id)
        return self.register.load_case(case_id)

    def history(self, case_id: str) -> list[Revision]:
        self.allow(Action.read_case, AuditKind.opened, case_id)
        return self.register.history(case_id)

    def status_records(self, case_id: str) -> list[StatusRecord]:
        self.allow(Action.read_case, AuditKind.opened, case_id)
        return self.register.status_records(case_id)

    def exported(self, case_id: str, what: str) -> None:
        """Log a download of the case (a file or a document); refused without the right to export."""
        role = self.allow(Action.export_case, AuditKind.exported, case_id)
        self.log(AuditKind.exported, role, case_id, what)

    def describe(self, old: Case, new: Case) -> list[str]:
        return self.register.describe(old, new)

    def merge(self, base: Case, mine: Case, theirs: Case) -> tuple[Case, list[str]]:
        return self.register.merge(base, mine, theirs)

    # ----- writing --------------------------------------------------------------------------

    def create_case(self, case: Case, note: str = "Ärendet skapades", *, from_organisation: bool = False,
                    imported: bool = False, answers_from: AnswersFrom | None = None) -> StoredCase:
        """A new draft; an imported self-check needs the right to import, anything else the right to create."""
        action = Action.import_self_check if imported else Action.create_case
        kind = AuditKind.imported if imported else AuditKind.created
        role = self.allow(action, kind)
        author, author_id = self._author()
        stored = self.register.create_case(case, author, note, from_organisation, answers_from, role=role,
                                           author_id=author_id)
        self.log(kind, role, stored.id)
        return stored

    def save_case(self, case_id: str, case: Case, base_revision: int, note: str = AUTOSAVE_NOTE,
                  sitting: str | None = None) -> StoredCase:
        """The next revision (an autosave of the same ``sitting`` folds into its head, see the register)."""
        role = self.allow(Action.edit_draft, AuditKind.changed, case_id)
        author, author_id = self._author()
        stored = self.register.save_case(case_id, case, base_revision, author, note, sitting, role=role,
                                         author_id=author_id)
        self.log(AuditKind.changed, role, case_id, f"version {stored.revision}")
        return stored

    def change_status(self, case_id: str, new: CaseStatus, base_revision: int,
                      snapshot: AssessmentSnapshot | None = None, decision: Decision | None = None,
                      note: str = "") -> StoredCase:
        """Move the case along, if the person's role allows that step (and the four-eyes rule, for a decision)."""
        current = self.register.load_case(case_id).status
        action = status_action(current, new)
        kind = AuditKind.archived if new is CaseStatus.archived else AuditKind.status
        role = self.allow(action, kind, case_id)
        assert self.identity is not None
        if new is CaseStatus.decided:
            why = self.decision_refusal(case_id)
            if why:
                actor, actor_id = self._who()
                self.audit.record(actor=actor, actor_id=actor_id, role=role, kind=kind, case_id=case_id,
                                  allowed=False, detail="nekad: fyra ögon")
                raise AccessDenied(why)
        author, author_id = self._author()
        stored = self.register.change_status(case_id, new, base_revision, author, snapshot=snapshot,
                                             decision=decision, note=note, role=role, author_id=author_id)
        self.log(kind, role, case_id, f"{STATUS_LABEL[current]} → {STATUS_LABEL[new]}")
        return stored

    def decision_refusal(self, case_id: str) -> str:
        """Why this person may not register the decision alone (the four-eyes rule), or "" when they may.

        Asked before the decision form is drawn, so nobody fills it in to be refused at the end;
        ``change_status`` asks again when the decision is registered."""
        if not self.settings.four_eyes or self.identity is None:
            return ""
        records = self.register.status_records(case_id)
        assessed = [r for r in records if r.status is CaseStatus.assessed]
        if not assessed:
            return ""
        latest = assessed[-1]
        mine = self.identity.key

        def whose(stored_key: str) -> str:  # the records hold keys fitted to their column (fitted_key)
            return mine if stored_key == fitted_key(mine) else stored_key
        reviewed = [whose(r.author_id) for r in records
                    if r.status is CaseStatus.reviewed and r.revision > latest.revision]
        return four_eyes_refusal(self.identity, whose(latest.author_id), reviewed, self.settings)

    def restore(self, case_id: str) -> StoredCase:
        role = self.allow(Action.archive_case, AuditKind.restored, case_id)
        author, author_id = self._author()
        stored = self.register.restore(case_id, author, role=role, author_id=author_id)
        self.log(AuditKind.restored, role, case_id)
        return stored

    def copy_case(self, case_id: str) -> StoredCase:
        role = self.allow(Action.copy_case, AuditKind.copied, case_id)
        author, author_id = self._author()
        stored = self.register.copy_case(case_id, author, role=role, author_id=author_id)
        self.log(AuditKind.copied, role, case_id, f"till {stored.id}")
        self.log(AuditKind.created, role, stored.id, f"kopia av {case_id}")
        return stored

    def append_revision(self, case_id: str, note: str, case: Case | None = None,
                        base_revision: int | None = None, author_suffix: str = "") -> StoredCase:
        """A revision from other work on the case (a workshop's conclusion): needs the right to edit drafts."""
        role = self.allow(Action.edit_draft, AuditKind.changed, case_id)
        author, author_id = self._author(author_suffix)
        stored = self.register.append_revision(case_id, author, note, case, base_revision,
                                               role=role, author_id=author_id)
        self.log(AuditKind.changed, role, case_id, f"version {stored.revision}")
        return stored
