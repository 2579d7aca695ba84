"""The read log in the register's database: one row per opening, download, change or refusal.

Rows older than the retention setting are removed as new ones are written (at
most once an hour per process), so the log is thinned without a separate job.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from sqlalchemy import Boolean, DateTime, Engine, Integer, String, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from iop.records.audit import AuditEvent, AuditKind, retention_cutoff, short_detail
from iop.store.database import session_factory, transaction
from iop.store.errors import StoreUnavailable
from iop.store.tables import Base

PRUNE_EVERY = dt.timedelta(hours=1)


class AuditEventRow(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    actor_id: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    case_id: Mapped[str | None] = mapped_column(String(64), index=True)
    """Not a foreign key: a refused attempt on an id that does not exist is logged too."""
    allowed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    detail: Mapped[str] = mapped_column(String(200), nullable=False, default="")


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class AuditLog:
    """Write and read the log; safe to share between sessions."""

    def __init__(self, engine: Engine, retention_days: int = 730,
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self._sessions = session_factory(engine)
        self.retention_days = retention_days
        self.clock = clock
        self._pruned: dt.datetime | None = None
        self._lock = threading.Lock()

    def record(self, *, actor: str, kind: AuditKind, case_id: str | None = None, allowed: bool = True,
               actor_id: str = "", role: str = "", detail: str = "") -> None:
        """Write one event. A log that cannot be written stops the action (the caller gets StoreUnavailable)."""
        now = self.clock()
        try:
            with transaction(self._sessions) as session:
                session.add(AuditEventRow(at=now, actor=actor[:200] or "okänd", actor_id=actor_id[:200],
                                          role=role[:32], kind=kind.value, case_id=(case_id or None) and case_id[:64],
                                          allowed=allowed, detail=short_detail(detail)))
                with self._lock:
                    due = self._pruned is None or now - self._pruned >= PRUNE_EVERY
                    if due:
                        self._pruned = now
                if due:
                    session.execute(delete(AuditEventRow).where(
                        AuditEventRow.at < retention_cutoff(now, self.retention_days)))
        except SQLAlchemyError as exc:
            logging.getLogger("iop.store").exception("audit write failed")
            raise StoreUnavailable(
                "Åtkomstloggen gick inte att skriva, så åtgärden gjordes inte. Försök igen om en stund; "
                "kvarstår felet, kontakta den som ansvarar för verktyget.") from exc

    def prune(self) -> int:
        """Remove events older than the retention now; returns how many."""
        now = self.clock()
        with transaction(self._sessions) as session:
            result = session.execute(delete(AuditEventRow).where(
                AuditEventRow.at < retention_cutoff(now, self.retention_days)))
            self._pruned = now
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def events(self, *, case_id: str | None = None, allowed: bool | None = None,
               limit: int = 1000) -> list[AuditEvent]:
        """The newest events first, for one case or all; ``allowed=False`` only the refused ones (among all)."""
        query = select(AuditEventRow).order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc()).limit(limit)
        if case_id:
            query = query.where(AuditEventRow.case_id == case_id)
        if allowed is not None:
            query = query.where(AuditEventRow.allowed.is_(allowed))
        try:
            with self._sessions() as session:
                rows = session.scalars(query).all()
        except SQLAlchemyError as exc:
            raise StoreUnavailable("Åtkomstloggen gick inte att läsa just nu. Försök igen om en stund.") from exc
        return [AuditEvent(at=_utc(r.at), actor=r.actor, actor_id=r.actor_id, role=r.role, kind=AuditKind(r.kind),
                           case_id=r.case_id, allowed=r.allowed, detail=r.detail) for r in rows]
