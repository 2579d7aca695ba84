"""The life of an agreement after the decision: period, notice, follow-up, evaluation, contacts, links.

Municipal guidelines require every IOP agreement to state its period, notice period,
follow-up (avstämningsmöten, a yearly report to the committee) and evaluation before
renewal (e.g. Uddevalla's and Borås's agreement clauses); Stockholms stadsrevision
(3/2021) found the follow-up of IOPs inadequate. These models hold what a decided
case records about that; the store persists what they validated and writes every
change as a revision of the case. Plain pydantic, no storage, no dates of "today":
what is due is worked out in ``iop.portfolio.todo``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iop.model.assessment_record import Recommendation
from iop.model.case import MAX_SEK
from iop.records.record import DecisionKind

MAX_MONTHS = 120
"""Ten years: longer than any notice, follow-up interval or evaluation lead an agreement would state."""

SUBFORMS: dict[DecisionKind, tuple[str, ...]] = {
    "bidrag": ("normerat_foreningsbidrag", "verksamhetsbidrag", "projektbidrag"),
    "iop": (),
    "upphandling": ("lou", "lov", "reserved"),
    "avslag": (),
}
"""Which sub-forms (the engine's ``form`` codes) a decision of each kind can have."""

Party = Literal["kommun", "organisation"]
PARTY_LABEL: dict[Party, str] = {"kommun": "Kommunen", "organisation": "Organisationen"}


class Contact(BaseModel):
    """A contact person for the agreement, on either side."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=200)
    party: Party
    role: str = Field(default="", max_length=200)
    reach: str = Field(default="", max_length=300, description="e-post eller telefon")


@dataclass(frozen=True, slots=True)
class Schedule:
    """The dates and intervals of an agreement that say when something is due (what Att göra reads)."""

    start: dt.date
    end: dt.date | None = None
    notice_months: int | None = None
    follow_up_months: int | None = None
    evaluation_months_before_end: int | None = None


class Agreement(BaseModel):
    """What the agreement (or grant decision) says about its own life, recorded after the decision.

    ``form`` and the amounts are the decided ones. When an amount is not given here the
    portfolio falls back on the case's contributions (what the decision was based on);
    the decided sub-form falls back on the recommended one when the decision followed it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: dt.date
    end: dt.date | None = None
    """None: the agreement runs until further notice (tills vidare)."""
    notice_months: int | None = Field(default=None, ge=0, le=MAX_MONTHS)
    """Uppsägningstid: notice must be given this many months before the end date."""
    follow_up_months: int | None = Field(default=None, ge=1, le=MAX_MONTHS)
    """Avstämning every this many months (12: a yearly avstämning)."""
    evaluation_months_before_end: int | None = Field(default=None, ge=0, le=MAX_MONTHS)
    """Evaluation before renewal: this many months before the end date."""
    contacts: tuple[Contact, ...] = ()
    form: str | None = None
    """The decided sub-form (verksamhetsbidrag, lou …) when the decision names one."""
    municipality_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    municipality_in_kind_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    """The municipality's in-kind contribution (premises, staff …) valued in kronor per year."""
    organisation_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    organisation_in_kind_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    """The organisation's in-kind contribution (volunteer hours, premises …) valued in kronor per year."""

    @model_validator(mode="after")
    def _consistent(self) -> Agreement:
        if self.end is not None and self.end < self.start:
            raise ValueError("slutdatumet ligger före startdatumet")
        known = {form for forms in SUBFORMS.values() for form in forms}
        if self.form is not None and self.form not in known:
            raise ValueError(f"okänd form {self.form!r}")
        return self

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.start, self.end, self.notice_months, self.follow_up_months,
                        self.evaluation_months_before_end)

    @property
    def months(self) -> int | None:
        """The agreement's length in whole months (rounded up), or None when it runs until further notice."""
        if self.end is None:
            return None
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        return max(1, months + (1 if self.end.day >= self.start.day else 0))


def form_fits(decision: DecisionKind, form: str | None) -> bool:
    """Whether ``form`` is a sub-form of a ``decision`` (no form always fits)."""
    return form is None or form in SUBFORMS[decision]


def decided_form(decision: DecisionKind, agreement_form: str | None, follows: bool,
                 recommended_form: str | None) -> str | None:
    """The decided sub-form: the agreement's, else the recommended one when the decision followed it."""
    if agreement_form is not None and form_fits(decision, agreement_form):
        return agreement_form
    if follows and recommended_form and form_fits(decision, recommended_form):
        return recommended_form
    return None


FollowUpKind = Literal["avstamning", "utvardering", "annan"]
FOLLOW_UP_LABEL: dict[FollowUpKind, str] = {
    "avstamning": "Avstämning",
    "utvardering": "Utvärdering före förnyelse",
    "annan": "Annan uppföljning",
}


class Reassessment(BaseModel):
    """The stored assessment against one re-run with the facts a follow-up found changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    before: Recommendation
    before_form: str | None = None
    after: Recommendation
    after_form: str | None = None
    differences: tuple[str, ...] = ()
    """In words: the recommendation, criteria and gates that came out differently."""

    @property
    def changed(self) -> bool:
        """Whether the recommendation or its form would now be different."""
        return (self.before, self.before_form) != (self.after, self.after_form)


class FollowUp(BaseModel):
    """One follow-up of the agreement: when, of what kind, what was found, notes, facts that changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    kind: FollowUpKind = "avstamning"
    found: str = Field(min_length=1, max_length=10_000)
    notes: str = Field(default="", max_length=20_000)
    changed_answers: dict[str, str] = Field(default_factory=dict)
    """Question id -> the new answer, for facts that changed since the assessment (a market appeared …)."""
    reassessment: Reassessment | None = None


class RecordedFollowUp(BaseModel):
    """A follow-up as stored: who recorded it, when, and on which revision of the case."""

    model_config = ConfigDict(frozen=True)

    id: int
    case_id: str
    revision: int
    author: str
    recorded_at: dt.datetime
    follow_up: FollowUp


class RecordedAgreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str
    revision: int
    author: str
    recorded_at: dt.datetime
    agreement: Agreement


LinkKind = Literal["copy", "successor"]
LINK_LABEL: dict[LinkKind, str] = {"copy": "Kopierat från", "successor": "Efterföljare till"}


class CaseLink(BaseModel):
    """``successor`` continues ``predecessor``: the same activity renewed, or moved to another form.

    A copy made under Ärenden is linked as ``copy`` until someone says it continues the
    case; only ``successor`` links count as moves in the portfolio's trend.
    """

    model_config = ConfigDict(frozen=True)

    predecessor: str
    successor: str
    kind: LinkKind
    copied: bool = False
    """The successor was made as a copy of the predecessor (also once declared its successor)."""
    created_at: dt.datetime
    created_by: str


CONTACT_FORMAT = "Namn; kommunen eller organisationen; roll; e-post eller telefon"
"""How contacts are typed, one per line (only the name and the side are required)."""


def contacts_to_text(contacts: tuple[Contact, ...]) -> str:
    """The contacts as they are typed (``CONTACT_FORMAT``), one per line; read back by ``contacts_from_text``."""
    side = {"kommun": "kommunen", "organisation": "organisationen"}
    lines = []
    for c in contacts:
        fields = [c.name, side[c.party], c.role, c.reach]
        while fields and not fields[-1]:
            fields.pop()
        lines.append("; ".join(fields))
    return "\n".join(lines)


def contacts_from_text(text: str) -> tuple[tuple[Contact, ...], list[str]]:
    """Contacts typed one per line as ``CONTACT_FORMAT``; a Swedish line for each that cannot be read.

    Lines that cannot be read are left out of the result (and named), never guessed.
    """
    contacts: list[Contact] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        name = parts[0]
        side = parts[1].casefold() if len(parts) > 1 else ""
        party: Party | None = ("kommun" if side.startswith("kommun") else
                               "organisation" if side.startswith(("organisation", "förening", "foren")) else None)
        if not name or party is None or len(parts) > 4:
            problems.append(f"Rad {number} (”{line.strip()}”) går inte att läsa: skriv {CONTACT_FORMAT}.")
            continue
        role = parts[2] if len(parts) > 2 else ""
        reach = parts[3] if len(parts) > 3 else ""
        if len(name) > 200 or len(role) > 200 or len(reach) > 300:
            problems.append(f"Rad {number} är för lång: namn och roll högst 200 tecken, kontaktuppgift högst 300.")
            continue
        contacts.append(Contact(name=name, party=party, role=role, reach=reach))
    return tuple(contacts), problems
