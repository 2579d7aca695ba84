"""The portfolio's side of the register: the figures of every case, agreements, follow-ups and links.

Reading: :meth:`PortfolioStore.frame` is one ``SELECT`` of ``cases`` joined to
``case_figures`` through the driver's cursor into pandas (the columns of
``iop.portfolio.COLUMNS``), kept between calls and fetched again only when the
register changed, checked the way the case list checks it (count and sum of head
revisions: every write below adds a revision). :meth:`agreement_states` reads what
Att göra needs in three small grouped queries.

Writing: an agreement, a follow-up and a link are each recorded together with a
revision of the case (``CaseRegister.append_revision(..., also=...)``), in one
transaction, so the case's history says who recorded what and when, and the
figures are refreshed in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from sqlalchemy import DateTime, bindparam, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from iop.portfolio.figures import COLUMNS, relabel, typed
from iop.portfolio.todo import AgreementState
from iop.portfolio.trend import line_of, would_loop
from iop.records.agreement import (
    FOLLOW_UP_LABEL,
    Agreement,
    CaseLink,
    FollowUp,
    Reassessment,
    RecordedAgreement,
    RecordedFollowUp,
    Schedule,
)
from iop.records.record import STATUS_PREDICATE, CaseStatus
from iop.store.database import session_factory
from iop.store.errors import CaseNotFound, InvalidTransition, StoreError
from iop.store.portfolio_tables import AgreementRow, CaseLinkRow, FollowUpRow
from iop.store.records import CaseRegister, _utc
from iop.store.tables import CaseRow

_CASE_COLUMNS = ["id", "title", "diarienummer", "organisation", "committee", "status", "criteria_set",
                 "from_organisation"]
PORTFOLIO_QUERY = (
    "SELECT c.head_revision, " + ", ".join(f"c.{name}" for name in _CASE_COLUMNS) + ", "
    + ", ".join(f"f.{name}" for name in COLUMNS if name not in _CASE_COLUMNS)
    + " FROM cases c JOIN case_figures f ON f.case_id = c.id"
)
"""What the portfolio reads: one row per case, the columns of ``iop.portfolio.COLUMNS``."""

T = TypeVar("T")
NAMES = ["head_revision", *_CASE_COLUMNS, *(n for n in COLUMNS if n not in _CASE_COLUMNS)]
CHANGED_QUERY = text(PORTFOLIO_QUERY + " WHERE c.updated_at >= :since").bindparams(
    bindparam("since", type_=DateTime(timezone=True)))
"""The rows of the cases saved since a moment: what ``frame`` reads again after a change."""
CLOCK_MARGIN = dt.timedelta(minutes=10)
"""Cases saved this long before the newest kept one are read again too: app processes' clocks may differ."""


@dataclass
class _Kept:
    fingerprint: tuple[int, int]
    newest: dt.datetime | None
    revisions: dict[str, int]
    """Case id -> head revision of the kept row, to check a merged frame against the register."""
    frame: pd.DataFrame


def _raw(rows: Sequence[Any]) -> pd.DataFrame:
    # One object array, so pandas infers no Arrow strings (typed() keeps plain Python strings; see there).
    return pd.DataFrame(np.asarray([tuple(r) for r in rows], dtype=object).reshape(len(rows), len(NAMES)),
                        columns=NAMES, dtype=object)


READING = "Att läsa översikten"


def _months_text(months: int | None, what: str) -> str:
    return f"{what} {months} mån." if months else ""


def agreement_note(agreement: Agreement, first: bool) -> str:
    """The agreement in the case's history, in one line."""
    period = f"{agreement.start.isoformat()}–{agreement.end.isoformat() if agreement.end else 'tills vidare'}"
    parts = [period, _months_text(agreement.notice_months, "uppsägningstid"),
             _months_text(agreement.follow_up_months, "avstämning var"),
             _months_text(agreement.evaluation_months_before_end, "utvärdering före slut:")]
    contacts = ", ".join(c.name for c in agreement.contacts)
    if contacts:
        parts.append(f"kontaktpersoner {contacts}")
    return ("Överenskommelsen registrerad: " if first else "Överenskommelsen ändrad: ") + \
        "; ".join(p for p in parts if p)


def follow_up_note(follow_up: FollowUp) -> str:
    found = " ".join(follow_up.found.split())
    note = f"{FOLLOW_UP_LABEL[follow_up.kind]} {follow_up.date.isoformat()}: {found[:300]}"
    if follow_up.changed_answers:
        note += f" ({len(follow_up.changed_answers)} ändrade uppgifter"
        again = follow_up.reassessment
        note += "; rekommendationen skulle bli en annan)" if again is not None and again.changed else ")"
    return note


class PortfolioStore:
    """The portfolio's reads and the agreement's writes over one register; safe to share between sessions."""

    def __init__(self, register: CaseRegister) -> None:
        self.register = register
        self.engine = register.reader
        """Reads take no write lock on SQLite (the register's reader engine); writes go through the register."""
        self._sessions = session_factory(register.reader)
        self._lock = threading.Lock()
        self._kept: _Kept | None = None
        self._kept_reads: dict[str, tuple[tuple[Any, ...], Any]] = {}

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.register._fault(exc, READING) from exc

    # ----- reading --------------------------------------------------------------------------

    def frame(self) -> pd.DataFrame:
        """Every case's portfolio row (archived included), typed (``iop.portfolio.typed``): the columns of
        ``iop.portfolio.COLUMNS`` with each case's form group.

        Kept between calls. When the register has changed, only the cases saved since the newest kept
        one (less a margin for clocks that differ between processes) are read again and put in place of
        their old rows; the result is checked against the register's count and sum of head revisions,
        and read whole if it does not match. So the view after a save costs a few rows, not 10,000.
        """
        try:
            with self.engine.connect() as connection:
                count, total, newest = connection.execute(select(
                    func.count(), func.coalesce(func.sum(CaseRow.head_revision), 0),
                    func.max(CaseRow.updated_at))).one()
                fingerprint = (int(count), int(total))
                with self._lock:
                    kept = self._kept
                if kept is not None and kept.fingerprint == fingerprint:
                    return kept.frame.copy(deep=False)  # copy-on-write: the kept frame cannot be changed
                if kept is not None and kept.newest is not None:
                    changed = connection.execute(CHANGED_QUERY, {"since": kept.newest - CLOCK_MARGIN}).fetchall()
                    merged = self._merged(kept, changed, fingerprint)
                    if merged is not None:
                        merged.newest = _utc(newest) if newest else kept.newest
                        with self._lock:
                            self._kept = merged
                        return merged.frame.copy(deep=False)
                rows = connection.exec_driver_sql(PORTFOLIO_QUERY).cursor.fetchall()
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.register._fault(exc, READING) from exc
        revisions = _raw(rows)
        frame = typed(revisions.drop(columns="head_revision"))
        fresh = _Kept((len(revisions), int(revisions["head_revision"].sum())),
                      _utc(newest) if newest else None, dict(zip(frame["id"], revisions["head_revision"],
                                                                 strict=True)), frame)
        with self._lock:
            self._kept = fresh
        return frame.copy(deep=False)

    @staticmethod
    def _merged(kept: _Kept, changed: Sequence[Any], fingerprint: tuple[int, int]) -> _Kept | None:
        """The kept rows with ``changed`` in place of their old versions, or None if that is not the register."""
        raw = _raw(changed)
        revisions = dict(kept.revisions)
        revisions.update(zip(raw["id"], (int(r) for r in raw["head_revision"]), strict=True))
        if (len(revisions), sum(revisions.values())) != fingerprint:
            return None
        fresh = typed(raw.drop(columns="head_revision"))
        ids = set(fresh["id"])
        frame = pd.concat([kept.frame[[i not in ids for i in kept.frame["id"]]], fresh], ignore_index=True)
        return _Kept(fingerprint, kept.newest, revisions, relabel(frame, kept.frame))

    def _fingerprint(self) -> tuple[Any, ...]:
        with self.engine.connect() as connection:
            return tuple(connection.execute(
                select(func.count(), func.coalesce(func.sum(CaseRow.head_revision), 0))).one())

    def _kept_read(self, name: str, read: Callable[[], T]) -> T:
        """``read()``, kept until the register changes (every write in this module adds a case revision)."""
        try:
            fingerprint = self._fingerprint()
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.register._fault(exc, READING) from exc
        with self._lock:
            kept = self._kept_reads.get(name)
        if kept is not None and kept[0] == fingerprint:
            return kept[1]  # type: ignore[no-any-return]
        value = read()
        with self._lock:
            self._kept_reads[name] = (fingerprint, value)
        return value

    def links(self) -> list[CaseLink]:
        """Every link between cases, oldest first (kept until the register changes)."""
        return list(self._kept_read("links", self._links))

    def _links(self) -> list[CaseLink]:
        # Plain rows, not ORM objects: the trend reads every link, and building ORM objects cost ten times more.
        table = CaseLinkRow.__table__
        with self._read() as session:
            return [CaseLink.model_construct(predecessor=r.predecessor_id, successor=r.successor_id, kind=r.kind,
                                             copied=bool(r.copied), created_at=_utc(r.created_at),
                                             created_by=r.created_by)
                    for r in session.execute(select(table).order_by(table.c.id))]

    def agreement_states(self) -> list[AgreementState]:
        """Every decided (not archived) case's agreement with its last follow-up and evaluation (kept until the
        register changes: validating thousands of agreements costs more than the rest of the page)."""
        return list(self._kept_read("states", self._agreement_states))

    def _agreement_states(self) -> list[AgreementState]:
        with self._read() as session:
            agreements = session.execute(
                select(AgreementRow.case_id, AgreementRow.start, AgreementRow.end, AgreementRow.notice_months,
                       AgreementRow.follow_up_months, AgreementRow.evaluation_months)
                .join(CaseRow, CaseRow.id == AgreementRow.case_id)
                .where(CaseRow.status == CaseStatus.decided.value)).all()
            last = dict(session.execute(select(FollowUpRow.case_id, func.max(FollowUpRow.day))
                                        .group_by(FollowUpRow.case_id)).all())
            evaluated = dict(session.execute(select(FollowUpRow.case_id, func.max(FollowUpRow.day))
                                             .where(FollowUpRow.kind == "utvardering")
                                             .group_by(FollowUpRow.case_id)).all())
            changed: dict[str, Reassessment] = {}
            for case_id, payload in session.execute(  # the latest follow-up that found changed facts, per case
                    select(FollowUpRow.case_id, FollowUpRow.payload).where(FollowUpRow.changed_facts)
                    .order_by(FollowUpRow.day, FollowUpRow.id)):
                again = payload.get("reassessment")
                if again:
                    changed[case_id] = Reassessment.model_validate(again)
                else:
                    changed.pop(case_id, None)
            continued = set(session.scalars(select(CaseLinkRow.predecessor_id).where(CaseLinkRow.kind == "successor")))
        return [AgreementState(case_id=case_id, schedule=Schedule(start, end, notice, follow_up, evaluation),
                               last_follow_up=last.get(case_id), last_evaluation=evaluated.get(case_id),
                               reassessment=changed.get(case_id), has_successor=case_id in continued)
                for case_id, start, end, notice, follow_up, evaluation in agreements]

    def agreement_state(self, case_id: str) -> AgreementState | None:
        """One case's agreement and what has happened since (None without an agreement)."""
        with self._read() as session:
            row = session.get(AgreementRow, case_id)
            if row is None:
                return None
            follow_ups = session.scalars(select(FollowUpRow).where(FollowUpRow.case_id == case_id)
                                         .order_by(FollowUpRow.day, FollowUpRow.id)).all()
            continued = session.scalars(select(CaseLinkRow.id).where(CaseLinkRow.predecessor_id == case_id,
                                                                     CaseLinkRow.kind == "successor")).first()
            changed = [f.payload.get("reassessment") for f in follow_ups if f.changed_facts]
            return AgreementState(
                case_id=case_id, schedule=Agreement.model_validate(row.payload).schedule,
                last_follow_up=max((f.day for f in follow_ups), default=None),
                last_evaluation=max((f.day for f in follow_ups if f.kind == "utvardering"), default=None),
                reassessment=Reassessment.model_validate(changed[-1]) if changed and changed[-1] else None,
                has_successor=continued is not None)

    def agreement(self, case_id: str) -> RecordedAgreement | None:
        with self._read() as session:
            row = session.get(AgreementRow, case_id)
            if row is None:
                return None
            return RecordedAgreement(case_id=case_id, revision=row.revision_number, author=row.recorded_by,
                                     recorded_at=_utc(row.recorded_at), agreement=Agreement.model_validate(row.payload))

    def follow_ups(self, case_id: str) -> list[RecordedFollowUp]:
        """The case's follow-ups, oldest first."""
        with self._read() as session:
            rows = session.scalars(select(FollowUpRow).where(FollowUpRow.case_id == case_id)
                                   .order_by(FollowUpRow.day, FollowUpRow.id)).all()
            return [RecordedFollowUp(id=r.id, case_id=r.case_id, revision=r.revision_number, author=r.recorded_by,
                                     recorded_at=_utc(r.recorded_at), follow_up=FollowUp.model_validate(r.payload))
                    for r in rows]

    # ----- writing --------------------------------------------------------------------------

    @staticmethod
    def _decided(session: Session, case_id: str, what: str) -> CaseRow:
        row = session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(f"Det finns inget ärende med id {case_id!r} i registret.")
        if row.status != CaseStatus.decided.value:
            raise InvalidTransition(f"{what} kan registreras först när ärendet är beslutat; ärendet är "
                                    f"{STATUS_PREDICATE[CaseStatus(row.status)]}.")
        return row

    def save_agreement(self, case_id: str, agreement: Agreement, author: str) -> RecordedAgreement:
        """Record (or change) the agreement of a decided case, as a revision of the case."""
        first = self.agreement(case_id) is None
        payload = agreement.model_dump(mode="json")

        def write(session: Session, revision: int, now: dt.datetime) -> None:
            self._decided(session, case_id, "Överenskommelsen")
            row = session.get(AgreementRow, case_id)
            if row is None:
                row = AgreementRow(case_id=case_id)
                session.add(row)
            row.revision_number, row.recorded_at, row.recorded_by, row.payload = revision, now, author, payload
            row.start, row.end, row.notice_months, row.follow_up_months, row.evaluation_months = (
                agreement.start, agreement.end, agreement.notice_months, agreement.follow_up_months,
                agreement.evaluation_months_before_end)

        stored = self.register.append_revision(case_id, author, agreement_note(agreement, first), also=write)
        return RecordedAgreement(case_id=case_id, revision=stored.revision, author=author,
                                 recorded_at=stored.updated_at, agreement=agreement)

    def add_follow_up(self, case_id: str, follow_up: FollowUp, author: str) -> RecordedFollowUp:
        """Record a follow-up of a decided case's agreement, as a revision of the case."""
        payload = follow_up.model_dump(mode="json")
        made: list[FollowUpRow] = []

        def write(session: Session, revision: int, now: dt.datetime) -> None:
            self._decided(session, case_id, "En uppföljning")
            if session.get(AgreementRow, case_id) is None:
                raise InvalidTransition("Registrera överenskommelsen (period, uppföljning, kontaktpersoner) "
                                        "innan den följs upp.")
            row = FollowUpRow(case_id=case_id, revision_number=revision, day=follow_up.date, kind=follow_up.kind,
                              changed_facts=bool(follow_up.changed_answers), recorded_at=now, recorded_by=author,
                              payload=payload)
            session.add(row)
            session.flush()
            made.append(row)

        stored = self.register.append_revision(case_id, author, follow_up_note(follow_up), also=write)
        return RecordedFollowUp(id=made[0].id, case_id=case_id, revision=stored.revision, author=author,
                                recorded_at=stored.updated_at, follow_up=follow_up)

    def link(self, predecessor: str, successor: str, author: str) -> None:
        """Record that ``successor`` continues ``predecessor`` (renewed, or moved to another form)."""
        if would_loop(predecessor, successor, self.links()):
            raise InvalidTransition("Ärendet kan inte vara efterföljare till sig självt eller till ett ärende "
                                    "som kommer efter det.")
        before = self.register.load_case(predecessor)

        def write(session: Session, _revision: int, now: dt.datetime) -> None:
            existing = session.scalars(select(CaseLinkRow).where(CaseLinkRow.predecessor_id == predecessor,
                                                                 CaseLinkRow.successor_id == successor)).first()
            if existing is not None and existing.kind == "successor":
                raise InvalidTransition("Ärendena är redan kopplade.")
            if existing is not None:
                existing.kind, existing.created_at, existing.created_by = "successor", now, author
            else:
                session.add(CaseLinkRow(predecessor_id=predecessor, successor_id=successor, kind="successor",
                                        copied=False, created_at=now, created_by=author))

        title = before.case.title + (f" ({before.case.diarienummer})" if before.case.diarienummer else "")
        try:
            self.register.append_revision(successor, author, f"Kopplat som efterföljare till ”{title}”", also=write)
        except StoreError as exc:  # two people linking the same pair at once: the unique pair refuses the second
            if isinstance(exc.__cause__, IntegrityError):
                raise InvalidTransition("Ärendena är redan kopplade.") from exc
            raise

    def unlink(self, predecessor: str, successor: str, author: str) -> None:
        before = self.register.load_case(predecessor)

        def write(session: Session, _revision: int, _now: dt.datetime) -> None:
            found = session.scalars(select(CaseLinkRow).where(CaseLinkRow.predecessor_id == predecessor,
                                                              CaseLinkRow.successor_id == successor,
                                                              CaseLinkRow.kind == "successor")).first()
            if found is None:
                raise InvalidTransition("Ärendena är inte kopplade.")
            if found.copied:  # a copy stays a copy
                found.kind = "copy"
            else:
                session.delete(found)

        self.register.append_revision(successor, author, f"Inte längre efterföljare till ”{before.case.title}”",
                                      also=write)

    def line(self, case_id: str) -> tuple[list[str], list[str], str | None]:
        """The case's predecessors (oldest first), successors (nearest first) and the case it was copied from."""
        found = line_of(case_id, self.links())
        return list(found.predecessors), list(found.successors), found.copied_from
