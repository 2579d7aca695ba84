"""A case as a record: its status, what each status froze, and its revisions.

Plain pydantic models with no storage in them, so the rules (which status may
follow which, when a decision needs a reason) are tested without a database and
the store only persists what these models validated.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iop.model.assessment_record import Assessment, Recommendation
from iop.model.case import MAX_SEK, Case
from iop.words.swedish import mid_sentence


class CaseStatus(str, Enum):
    draft = "utkast"
    assessed = "bedömd"
    reviewed = "granskad"
    decided = "beslutad"
    archived = "arkiverad"


STATUS_LABEL = {
    CaseStatus.draft: "Utkast",
    CaseStatus.assessed: "Bedömd",
    CaseStatus.reviewed: "Granskad",
    CaseStatus.decided: "Beslutad",
    CaseStatus.archived: "Arkiverad",
}

STATUS_PREDICATE = {
    CaseStatus.draft: "ett utkast",
    CaseStatus.assessed: "bedömt",
    CaseStatus.reviewed: "granskat",
    CaseStatus.decided: "beslutat",
    CaseStatus.archived: "arkiverat",
}
"""The status after "Ärendet är …" (ärende is neuter: bedömt, not bedömd)."""

STATUS_BECOME = {**STATUS_PREDICATE, CaseStatus.draft: "utkast"}
"""The status after "… kan inte bli …" (no article: bli utkast, bli bedömt)."""

# Forward along utkast → bedömd → (granskad →) beslutad; back to utkast to return or reopen an
# assessment (the frozen snapshot stays in the history); archive from anywhere, restore to where it was.
# Granskad is a step a granskare may take between bedömd and beslutad, not one every case must pass.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.draft: frozenset({CaseStatus.assessed, CaseStatus.archived}),
    CaseStatus.assessed: frozenset({CaseStatus.draft, CaseStatus.reviewed, CaseStatus.decided, CaseStatus.archived}),
    CaseStatus.reviewed: frozenset({CaseStatus.draft, CaseStatus.decided, CaseStatus.archived}),
    CaseStatus.decided: frozenset({CaseStatus.archived}),
    CaseStatus.archived: frozenset(),
}


def may_change_status(current: CaseStatus, new: CaseStatus) -> bool:
    """Whether ``current`` may become ``new`` (restoring from the archive is separate)."""
    return new in TRANSITIONS[current]


def status_change_refusal(current: CaseStatus, new: CaseStatus) -> str:
    """Why ``current`` may not become ``new``: "Ett ärende som är ett utkast kan inte bli beslutat."."""
    return f"Ett ärende som är {STATUS_PREDICATE[current]} kan inte bli {STATUS_BECOME[new]}."


def is_editable(status: CaseStatus) -> bool:
    """Only a draft's answers change; a bedömd case must be reopened, a decided one is final."""
    return status is CaseStatus.draft


AnswersFrom = Literal["official", "organisation", "workshop"]
"""Whose answers a case holds: an official's, the organisation's (its self-check) or a workshop's."""

ANSWERS_FROM_LABEL: dict[AnswersFrom, str] = {"official": "Tjänsteperson", "organisation": "Organisationen",
                                              "workshop": "Workshop"}

DecisionKind = Literal["bidrag", "iop", "upphandling", "avslag"]

DECISION_LABEL: dict[DecisionKind, str] = {
    "bidrag": "Bidrag",
    "iop": "Idéburet offentligt partnerskap (IOP)",
    "upphandling": "Upphandling",
    "avslag": "Avslag",
}

DECISION_FORMS: dict[DecisionKind, tuple[str, ...]] = {
    "bidrag": ("verksamhetsbidrag", "projektbidrag", "normerat_foreningsbidrag"),
    "iop": (),
    "upphandling": ("lou", "lov", "reserved"),
    "avslag": (),
}
"""The sub-forms (the engine's ``form`` codes) a decision of each kind can name."""

# Which decision follows which recommendation; "undecided" is followed by none.
_FOLLOWS: dict[str, str] = {"grant": "bidrag", "iop": "iop", "procurement": "upphandling"}


class AssessmentSnapshot(BaseModel):
    """What was concluded when the case became bedömd, kept even if the criteria files change."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    recommendation: Recommendation
    form: str | None
    rule: str
    rule_annotation: str
    criteria_set_id: str
    criteria_set_version: str
    criteria_set_hash: str
    trace: dict[str, Any]
    """The whole assessment, ``Assessment.model_dump(mode="json")``."""

    @classmethod
    def of(cls, assessment: Assessment) -> AssessmentSnapshot:
        return cls(
            recommendation=assessment.recommendation,
            form=assessment.form,
            rule=assessment.rule.id,
            rule_annotation=assessment.rule.annotation,
            criteria_set_id=assessment.criteria_set.id,
            criteria_set_version=assessment.criteria_set.version,
            criteria_set_hash=assessment.criteria_set.hash,
            trace=assessment.model_dump(mode="json"),
        )

    def assessment(self) -> Assessment:
        """The frozen assessment as it was, for rendering an old record."""
        return Assessment.model_validate(self.trace)


class Decision(BaseModel):
    """The decision itself, recorded when the case becomes beslutad."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: DecisionKind
    body: str = Field(min_length=1, description="beslutsorgan, t.ex. socialnämnden")
    date: dt.date
    paragraph: str = Field(min_length=1, description="paragraf i protokollet, t.ex. § 45")
    recommendation: Recommendation
    deviation_reason: str = ""
    form: str | None = None
    """The decided sub-form (verksamhetsbidrag, projektbidrag, LOU …), one of ``DECISION_FORMS[decision]``."""
    sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    """The amount decided, kronor per year."""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    """The period the decision covers; no end: until further notice."""

    @property
    def follows_recommendation(self) -> bool:
        return _FOLLOWS.get(self.recommendation) == self.decision

    @model_validator(mode="after")
    def _reason_when_deviating(self) -> Decision:
        if not self.follows_recommendation and not self.deviation_reason.strip():
            raise ValueError("ett beslut som avviker från rekommendationen behöver en motivering")
        return self

    @model_validator(mode="after")
    def _terms_fit(self) -> Decision:
        if self.form is not None and self.form not in DECISION_FORMS[self.decision]:
            raise ValueError(f"formen {self.form!r} passar inte ett beslut om "
                             f"{mid_sentence(DECISION_LABEL[self.decision])}")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("perioden slutar före den börjar")
        return self


class Revision(BaseModel):
    """One save of a case: who, when, why, the content, and the status change made on it."""

    model_config = ConfigDict(frozen=True)

    number: int
    author: str
    created_at: dt.datetime
    note: str
    status: CaseStatus
    status_change: CaseStatus | None
    case: Case
    author_id: str = ""
    """``Identity.key`` of the author: ``id:`` and the provider's id after a login, ``namn:`` and the typed
    name without one (which proves nothing); empty for revisions from before roles were recorded."""
    role: str = ""
    """The role the revision was made in (``iop.records.access.Role`` value); empty for revisions from before roles."""


class StatusRecord(BaseModel):
    """What a status change froze, with the revision it happened on."""

    model_config = ConfigDict(frozen=True)

    status: CaseStatus
    revision: int
    author: str
    created_at: dt.datetime
    author_id: str = ""
    """``Identity.key`` of who made the change (the four-eyes rule compares these); empty before roles."""
    snapshot: AssessmentSnapshot | None = None
    decision: Decision | None = None


class CaseSummary(BaseModel):
    """One row of the case list."""

    model_config = ConfigDict(frozen=True)

    id: str
    diarienummer: str
    title: str
    organisation: str
    public_body: str
    committee: str
    status: CaseStatus
    recommendation: str
    criteria_set: str
    year: int | None
    updated_at: dt.datetime
    updated_by: str
    from_organisation: bool = False
    subject: str = ""
    officer: str = ""
    decision_body: str = ""
    secrecy: str = ""
    retention: str = ""
    decision: str = ""
    """The decision's kind once beslutad (bidrag, iop, upphandling, avslag), else empty."""
    decision_form: str = ""
    org_number: str = ""
    contacts: str = ""
    answers_from: str = ""


class StoredCase(BaseModel):
    """A case as loaded from the register: the content plus where it stands."""

    model_config = ConfigDict(frozen=True)

    id: str
    revision: int
    status: CaseStatus
    case: Case
    updated_at: dt.datetime
    updated_by: str
    from_organisation: bool = False
    answers_from: AnswersFrom = "official"
