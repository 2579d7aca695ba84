"""What the record knows about a case besides its facts: status, assessor, decision.

The decision document prints these. For a case kept in the register,
``record_meta_of`` builds one from the stored case and its status records, and
``frozen_assessment`` gives the assessment as it was concluded, so a bedömd or
beslutad case's document shows what was concluded then even after the criteria
files change. For a case file outside the register, the CLI and the Export page
fill a ``RecordMeta`` with what they know.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from iop.model.assessment_record import Assessment
from iop.records.record import DECISION_LABEL, CaseStatus, Decision, StatusRecord, StoredCase
from iop.words.kronor import format_kronor
from iop.words.swedish import FORM

Status = Literal["utkast", "bedomd", "beslutad"]

STATUS_LABEL: dict[str, str] = {"utkast": "Utkast", "bedomd": "Bedömd", "beslutad": "Beslutad"}


class RecordMeta(BaseModel):
    """Status, who assessed and when, and (once decided) the decision."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Status = "utkast"
    assessed_by: str = ""
    assessed_at: AwareDatetime | None = None
    """With its zone (the register keeps UTC); documents show it on Swedish time."""
    decision: str = ""
    """The decision as the committee worded it; only printed once the status is beslutad."""
    decided_by: str = ""
    decided_at: dt.date | None = None
    stored_id: str | None = Field(default=None)
    """The records store's id for the case, when the document was made from a stored case."""

    @property
    def is_assessed(self) -> bool:
        """Whether someone has assessed the case: only then do "Bedömd av" and "Bedömd den" mean anything."""
        return self.status != "utkast"

    @model_validator(mode="after")
    def _decision_needs_decided_status(self) -> RecordMeta:
        if (self.decision or self.decided_at) and self.status != "beslutad":
            raise ValueError("ett beslut kan bara anges när status är beslutad")
        return self


_DOCUMENT_STATUS: dict[CaseStatus, Status] = {
    CaseStatus.draft: "utkast",
    CaseStatus.assessed: "bedomd",
    CaseStatus.reviewed: "bedomd",  # a reviewed case's document is the assessed one; the review is in the history
    CaseStatus.decided: "beslutad",
}


def _document_status(stored: StoredCase, statuses: Sequence[StatusRecord]) -> Status:
    """An archived case's document shows the status it had when it was archived."""
    if stored.status in _DOCUMENT_STATUS:
        return _DOCUMENT_STATUS[stored.status]
    earlier = [r.status for r in statuses if r.status in _DOCUMENT_STATUS]
    return _DOCUMENT_STATUS[earlier[-1]] if earlier else "utkast"


def _latest(statuses: Sequence[StatusRecord], status: CaseStatus) -> StatusRecord | None:
    matching = [r for r in statuses if r.status is status]
    return matching[-1] if matching else None


def decision_terms(decision: Decision) -> str:
    """What was decided besides the kind: "verksamhetsbidrag, 350 000 kr per år, 2026-01-01–2026-12-31"."""
    parts: list[str] = []
    if decision.form:
        parts.append(FORM.get(decision.form, decision.form))
    if decision.sek_per_year is not None:
        parts.append(f"{format_kronor(decision.sek_per_year)} per år")
    if decision.period_start or decision.period_end:
        start = decision.period_start.isoformat() if decision.period_start else ""
        end = decision.period_end.isoformat() if decision.period_end else "tills vidare"
        parts.append(f"{start}–{end}" if start else f"till {end}")
    return ", ".join(parts)


def decision_wording(record: StatusRecord) -> str:
    """The decision as one line: what, by whom, paragraph, and whether it follows the recommendation."""
    decision = record.decision
    if decision is None:
        return ""
    terms = decision_terms(decision)
    line = f"{DECISION_LABEL[decision.decision]}{', ' + terms if terms else ''} ({decision.body}, {decision.paragraph})"
    if decision.follows_recommendation:
        return line + "; följer rekommendationen."
    return line + f"; avviker från rekommendationen: {decision.deviation_reason.strip()}"


def record_meta_of(stored: StoredCase, statuses: Sequence[StatusRecord]) -> RecordMeta:
    """What the decision document prints about a stored case: status, who assessed and when, the decision."""
    status = _document_status(stored, statuses)
    assessed = _latest(statuses, CaseStatus.assessed) if status != "utkast" else None
    decided = _latest(statuses, CaseStatus.decided) if status == "beslutad" else None
    # A draft names no assessor and no time: whoever saved it last did not assess it.
    assessor, moment = (assessed.author, assessed.created_at) if assessed else (stored.updated_by, stored.updated_at)
    return RecordMeta(
        status=status,
        assessed_by=assessor if status != "utkast" else "",
        assessed_at=moment.replace(microsecond=0) if status != "utkast" else None,
        decision=decision_wording(decided) if decided else "",
        decided_by=decided.decision.body if decided and decided.decision else "",
        decided_at=decided.decision.date if decided and decided.decision else None,
        stored_id=stored.id,
    )


def frozen_assessment(stored: StoredCase, statuses: Sequence[StatusRecord]) -> Assessment | None:
    """The assessment frozen when the case became bedömd, while it is bedömd, beslutad or archived after that.

    None for a draft: its document shows today's assessment of the current answers.
    """
    if _document_status(stored, statuses) == "utkast":
        return None
    assessed = _latest(statuses, CaseStatus.assessed)
    return assessed.snapshot.assessment() if assessed and assessed.snapshot else None
