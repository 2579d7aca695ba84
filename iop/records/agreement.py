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
from iop.records.record import DECISION_LABEL, Decision, DecisionKind
from iop.words.swedish import mid_sentence

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

    The decision's terms (the period, the decided sub-form and the municipality's money per year)
    are the decision's: the beslutsfattare records them with the decision, and the agreement
    holds one of them only where the decision does not state it (a decision from before the
    terms were recorded, or one that left a term out). :func:`agreed_terms` reads each fact from
    the one place that holds it; :func:`restated_terms` names a term the agreement would type twice.
    When no amount is given in either, the portfolio falls back on the case's contributions.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: dt.date | None = None
    """None when the decision states the period (then the decision's period applies)."""
    end: dt.date | None = None
    """None: the agreement runs until further notice (tills vidare), or the decision states the period."""
    notice_months: int | None = Field(default=None, ge=0, le=MAX_MONTHS)
    """Uppsägningstid: notice must be given this many months before the end date."""
    follow_up_months: int | None = Field(default=None, ge=1, le=MAX_MONTHS)
    """Avstämning every this many months (12: a yearly avstämning)."""
    evaluation_months_before_end: int | None = Field(default=None, ge=0, le=MAX_MONTHS)
    """Evaluation before renewal: this many months before the end date."""
    contacts: tuple[Contact, ...] = ()
    form: str | None = None
    """The decided sub-form (verksamhetsbidrag, lou …), only when the decision names none."""
    municipality_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    """The municipality's money per year, only when the decision states no amount."""
    municipality_in_kind_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    """The municipality's in-kind contribution (premises, staff …) valued in kronor per year."""
    organisation_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    organisation_in_kind_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    """The organisation's in-kind contribution (volunteer hours, premises …) valued in kronor per year."""

    @model_validator(mode="after")
    def _consistent(self) -> Agreement:
        if self.end is not None and self.start is None:
            raise ValueError("ett slutdatum behöver ett startdatum")
        if self.end is not None and self.start is not None and self.end < self.start:
            raise ValueError("slutdatumet ligger före startdatumet")
        known = {form for forms in SUBFORMS.values() for form in forms}
        if self.form is not None and self.form not in known:
            raise ValueError(f"okänd form {self.form!r}")
        return self


def months_between(start: dt.date, end: dt.date | None) -> int | None:
    """A period's length in whole months (rounded up), or None when it runs until further notice."""
    if end is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(1, months + (1 if end.day >= start.day else 0))


TermName = Literal["period", "form", "municipality_sek_per_year"]
TERM_LABEL: dict[TermName, str] = {
    "period": "perioden",
    "form": "formen",
    "municipality_sek_per_year": "kommunens pengar per år",
}
DECISION_TERMS: tuple[TermName, ...] = ("form", "municipality_sek_per_year")
"""The terms that say what was decided: on the agreement only by a role that may register decisions.
The period is the agreement's own when the decision gives none (its follow-ups are counted from it)."""


@dataclass(frozen=True, slots=True)
class Terms:
    """The period, decided sub-form and the municipality's money of a decided case, each from where it is held."""

    start: dt.date | None = None
    end: dt.date | None = None
    form: str | None = None
    municipality_sek_per_year: int | None = None
    from_decision: frozenset[TermName] = frozenset()
    """Which terms the decision states (the others come from the agreement, or are not given)."""

    @property
    def months(self) -> int | None:
        return months_between(self.start, self.end) if self.start is not None else None

    def schedule(self, agreement: Agreement) -> Schedule | None:
        """The agreement's schedule over this period; None without a start (nothing can be due)."""
        if self.start is None:
            return None
        return Schedule(self.start, self.end, agreement.notice_months, agreement.follow_up_months,
                        agreement.evaluation_months_before_end)


def decision_states(decision: Decision | None) -> frozenset[TermName]:
    """The terms a decision states itself (a period needs its start; no end then means tills vidare)."""
    if decision is None:
        return frozenset()
    stated: set[TermName] = set()
    if decision.period_start is not None:
        stated.add("period")
    if decision.form is not None:
        stated.add("form")
    if decision.sek_per_year is not None:
        stated.add("municipality_sek_per_year")
    return frozenset(stated)


def agreed_terms(decision: Decision | None, agreement: Agreement | None) -> Terms:
    """Each term from the one place that holds it: the decision when it states it, else the agreement."""
    stated = decision_states(decision)
    start = end = form = amount = None
    if decision is not None and "period" in stated:
        start, end = decision.period_start, decision.period_end
    elif agreement is not None:
        start, end = agreement.start, agreement.end
    if decision is not None and "form" in stated:
        form = decision.form
    elif agreement is not None:
        form = agreement.form
    if decision is not None and "municipality_sek_per_year" in stated:
        amount = decision.sek_per_year
    elif agreement is not None:
        amount = agreement.municipality_sek_per_year
    return Terms(start, end, form, amount, stated)


def restated_terms(decision: Decision | None, agreement: Agreement) -> list[TermName]:
    """The terms ``agreement`` gives although the decision states them (a fact typed twice)."""
    stated = decision_states(decision)
    given: dict[TermName, bool] = {
        "period": agreement.start is not None or agreement.end is not None,
        "form": agreement.form is not None,
        "municipality_sek_per_year": agreement.municipality_sek_per_year is not None,
    }
    return [term for term, present in given.items() if present and term in stated]


def supplied_decision_terms(agreement: Agreement) -> list[TermName]:
    """The decision terms (form, money) ``agreement`` supplies itself: a role that may decide must record them."""
    return [term for term in DECISION_TERMS if getattr(agreement, term) is not None]


def agreement_problems(decision: Decision | None, agreement: Agreement) -> list[str]:
    """Why ``agreement`` cannot be recorded for a case decided as ``decision``, in Swedish; empty when it can."""
    problems = [f"{TERM_LABEL[term][:1].upper()}{TERM_LABEL[term][1:]} står redan i beslutet; den skrivs inte "
                f"en gång till i överenskommelsen." for term in restated_terms(decision, agreement)]
    if agreed_terms(decision, agreement).start is None:
        problems.append("Ange startdatum: beslutet anger ingen period.")
    if decision is not None and not form_fits(decision.decision, agreement.form):
        problems.append(f"Formen passar inte ett beslut om {mid_sentence(DECISION_LABEL[decision.decision])}.")
    return problems


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


NOT_DECIDED = "ej_beslutat"


def form_group(decision: str, decided: str) -> str:
    """The form a case is counted under in the portfolio: the decided sub-form, else the decided kind,
    else not decided (``ej_beslutat``). Stored with each case's figures, so SQL can group by it."""
    if decision in ("bidrag", "upphandling") and decided in SUBFORMS[decision]:  # type: ignore[index]
        return decided
    if decision in SUBFORMS:
        return decision
    return NOT_DECIDED


def org_key(org_number: str, organisation: str) -> str:
    """An organisation across its cases: its organisationsnummer, else its name regardless of case; '' if neither."""
    if org_number:
        return org_number
    name = organisation.strip().casefold() if organisation else ""
    return f"namn:{name}" if name else ""


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
