"""The portfolio's tables: each case's figures, the agreement after the decision, follow-ups, links.

``case_figures`` holds, one row per case, the columns the portfolio counts and sums:
copies of what the case's content, its frozen assessment, its decision and its
agreement say, refreshed in the same transaction as every write to the case (see
:func:`refresh_figures`, called by ``CaseRegister`` for every case a write touched).
So the portfolio reads plain columns of two tables joined one to one, and a bare SQL
``GROUP BY`` of the same figures is the fair floor it is measured against.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from iop.records.agreement import Agreement, agreed_terms, decided_form, form_group, org_key
from iop.records.record import CaseStatus, Decision
from iop.store.tables import Base, CaseRow, StatusRecordRow

BLOCKING_KEPT = 5
"""How many of an undecided case's settling questions the figures keep (most important first)."""


class CaseFiguresRow(Base):
    """What the portfolio counts for one case, refreshed on every write to the case."""

    __tablename__ = "case_figures"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    # Copies of the case's status, committee and criteria set (what the page's filter selects on), so the
    # portfolio's GROUP BYs read this one table without a join.
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    """No index: the filter's statuses select most cases, and SQLite would search an index rather than scan."""
    committee: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    criteria_set: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    """The portfolio's year: the decision's year for a decided case, else the case's year."""
    area: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    target_group: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    org_number: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    org_key: Mapped[str] = mapped_column(String(310), nullable=False, default="", index=True)
    """The organisation across its cases (``iop.records.agreement.org_key``): de minimis is counted per key."""
    recommendation: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    """The frozen recommendation of a bedömd or beslutad case, else the draft's current one."""
    recommended_form: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    blocking: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    """An undecided case's settling questions, most important first, comma-separated question ids."""
    decision: Mapped[str] = mapped_column(String(16), nullable=False, default="", index=True)
    decided_form: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    form_group: Mapped[str] = mapped_column(String(64), nullable=False, default="ej_beslutat")
    """The form the case is counted under (``iop.records.agreement.form_group``): what the portfolio groups by."""
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    follows: Mapped[bool | None] = mapped_column(Boolean)
    deviation_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    municipality_sek: Mapped[int | None] = mapped_column(BigInteger)
    municipality_in_kind_sek: Mapped[int | None] = mapped_column(BigInteger)
    organisation_sek: Mapped[int | None] = mapped_column(BigInteger)
    organisation_in_kind_sek: Mapped[int | None] = mapped_column(BigInteger)
    state_aid: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    """Gate 3's value in the frozen assessment (not_aid, de_minimis …), empty for a draft."""
    aid_months: Mapped[int | None] = mapped_column(Integer)
    """The period's length in months (the decision's, else the agreement's), else the planned duration;
    None when none is known."""
    sek_per_eur: Mapped[float | None] = mapped_column()
    """The exchange rate the case gives, if any (else the dated parameter applies)."""
    agreement_start: Mapped[dt.date | None] = mapped_column(Date)
    """The period's start: the decision's when it states one, else the agreement's."""
    agreement_end: Mapped[dt.date | None] = mapped_column(Date)
    copied_from: Mapped[str] = mapped_column(String(32), nullable=False, default="")


class AgreementRow(Base):
    """The agreement a decided case records (``iop.records.agreement.Agreement`` as JSON)."""

    __tablename__ = "agreements"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    revision_number: Mapped[int] = mapped_column(Integer, nullable=False)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    # The schedule as columns (copies of the payload's): Att göra reads thousands without parsing JSON.
    start: Mapped[dt.date] = mapped_column(Date, nullable=False)
    end: Mapped[dt.date | None] = mapped_column(Date)
    notice_months: Mapped[int | None] = mapped_column(Integer)
    follow_up_months: Mapped[int | None] = mapped_column(Integer)
    evaluation_months: Mapped[int | None] = mapped_column(Integer)


class FollowUpRow(Base):
    """One follow-up of a case's agreement (``FollowUp`` as JSON), with the revision that recorded it."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    revision_number: Mapped[int] = mapped_column(Integer, nullable=False)
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    changed_facts: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    """Whether the follow-up recorded changed answers (and so a re-assessment)."""
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(200), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False)


class CaseLinkRow(Base):
    """``successor_id`` continues (or was copied from) ``predecessor_id``."""

    __tablename__ = "case_links"
    __table_args__ = (UniqueConstraint("predecessor_id", "successor_id", name="uq_case_links_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    predecessor_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    successor_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    copied: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    """The successor was made as a copy of the predecessor (kept when the copy is declared a successor)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _settling(trace: dict[str, Any]) -> str:
    settle = _dig(trace, "leaning", "settle") or []
    return ",".join(str(s.get("question", "")) for s in settle[:BLOCKING_KEPT] if isinstance(s, dict))


def _state_aid(trace: dict[str, Any]) -> str:
    for gate in trace.get("gates") or []:
        if isinstance(gate, dict) and gate.get("gate") == "state_aid":
            return str(gate.get("value") or "")
    return ""


def _amount(agreed: Any, fallback: Any) -> int | None:
    value = agreed if agreed is not None else fallback
    return int(value) if isinstance(value, (int, float)) else None


class StoredCaseColumns(Protocol):
    """The ``cases`` columns the figures read: a ``CaseRow``, or a row a migration selected."""

    @property
    def content(self) -> dict[str, Any]: ...
    @property
    def status(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def committee(self) -> str: ...
    @property
    def criteria_set(self) -> str: ...
    @property
    def status_before_archive(self) -> str | None: ...
    @property
    def recommendation(self) -> str: ...
    @property
    def form(self) -> str: ...
    @property
    def blocking(self) -> str: ...
    @property
    def year(self) -> int | None: ...


def figures_values(row: StoredCaseColumns, snapshot: dict[str, Any] | None, decision: dict[str, Any] | None,
                   agreement: dict[str, Any] | None, copied_from: str) -> dict[str, Any]:
    """The figures of one case from its stored parts (JSON as stored), without the engine.

    A draft's recommendation is the one the register computed on its last save; a case
    that was frozen (bedömd, beslutad, or archived after either) reads its frozen snapshot.
    """
    content = row.content or {}
    status = row.status
    if status == CaseStatus.archived.value:
        status = row.status_before_archive or CaseStatus.draft.value
    trace = (snapshot or {}).get("trace") or {}
    if status != CaseStatus.draft.value and snapshot:
        recommendation = str(snapshot.get("recommendation") or "")
        recommended = str(snapshot.get("form") or "")
        blocking = _settling(trace) if recommendation == "undecided" else ""
        state_aid = _state_aid(trace)
    else:
        recommendation, recommended, blocking, state_aid = row.recommendation, row.form, row.blocking, ""
    agreed = Agreement.model_validate(agreement) if agreement else None
    made = Decision.model_validate(decision) if decision else None
    terms = agreed_terms(made, agreed)
    form = ""
    if made is not None:
        form = decided_form(made.decision, terms.form, made.follows_recommendation, recommended or None) or ""
    months = terms.months
    if months is None and _dig(content, "activity", "planned_duration_months"):
        months = int(_dig(content, "activity", "planned_duration_months"))
    rate = _dig(content, "state_aid", "sek_per_eur")
    org_number = str(_dig(content, "organisation", "org_number") or "")
    return {
        "status": row.status,
        "committee": row.committee or "",
        "criteria_set": row.criteria_set or "",
        "year": made.date.year if made else row.year,
        "area": str(_dig(content, "activity", "area") or "")[:300],
        "target_group": str(_dig(content, "activity", "target_group") or "")[:300],
        "org_number": org_number,
        "org_key": org_key(org_number, row.organisation or "")[:310],
        "recommendation": recommendation,
        "recommended_form": recommended,
        "blocking": blocking,
        "decision": made.decision if made else "",
        "decided_form": form,
        "form_group": form_group(made.decision if made else "", form),
        "decision_date": made.date if made else None,
        "follows": made.follows_recommendation if made else None,
        "deviation_reason": made.deviation_reason if made else "",
        "municipality_sek": _amount(terms.municipality_sek_per_year,
                                    _dig(content, "public_party", "contribution", "money_sek_per_year")),
        "municipality_in_kind_sek": agreed.municipality_in_kind_sek_per_year if agreed else None,
        "organisation_sek": _amount(agreed.organisation_sek_per_year if agreed else None,
                                    _dig(content, "organisation", "contribution", "money_sek_per_year")),
        "organisation_in_kind_sek": agreed.organisation_in_kind_sek_per_year if agreed else None,
        "state_aid": state_aid,
        "aid_months": months,
        "sek_per_eur": float(rate) if isinstance(rate, (int, float)) else None,
        "agreement_start": terms.start,
        "agreement_end": terms.end,
        "copied_from": copied_from,
    }


def refresh_figures(session: Session, case_id: str) -> None:
    """Rewrite one case's figures from what is stored now (call inside the writing transaction)."""
    session.flush()
    row = session.get(CaseRow, case_id)
    if row is None:
        return
    snapshot = decision = None
    for payload in session.scalars(select(StatusRecordRow.payload).where(StatusRecordRow.case_id == case_id)
                                   .order_by(StatusRecordRow.id.desc())):
        snapshot = snapshot or payload.get("snapshot")
        decision = decision or payload.get("decision")
        if snapshot and decision:
            break
    agreement = session.get(AgreementRow, case_id)
    copied_from = session.scalars(select(CaseLinkRow.predecessor_id).where(
        CaseLinkRow.successor_id == case_id, CaseLinkRow.copied).limit(1)).first() or ""
    values = figures_values(row, snapshot, decision, agreement.payload if agreement else None, copied_from)
    figures = session.get(CaseFiguresRow, case_id)
    if figures is None:
        session.add(CaseFiguresRow(case_id=case_id, **values))
    else:
        for name, value in values.items():
            setattr(figures, name, value)
