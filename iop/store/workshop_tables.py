"""The workshop's tables, on the register's shared ``Base`` so one migration chain covers all.

A workshop's statements and phases are JSON on the workshop row: they are
written only by the facilitator and always read together. Answers get a row each,
unique per (workshop, statement, participant), so a double submit or a reload
updates the one answer instead of adding a second. The participant's token is the
only link between a person and an answer, and it never leaves the store with an
answer (results and exports get value and comment only).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from iop.store.tables import Base


class WorkshopRow(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(12), nullable=False, unique=True)
    facilitator_key: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    criteria_set: Mapped[str | None] = mapped_column(String(64))
    statements: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    phases: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    active: Mapped[str | None] = mapped_column(String(64))


class WorkshopParticipantRow(Base):
    __tablename__ = "workshop_participants"
    __table_args__ = (Index("uq_workshop_participants_workshop_id", "workshop_id", "browser", unique=True),)

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), nullable=False, index=True)
    display_name: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    browser: Mapped[str | None] = mapped_column(String(64))
    """A hash of the browser's own random id (a cookie): the same browser joins as the same participant."""


class WorkshopAnswerRow(Base):
    __tablename__ = "workshop_answers"
    __table_args__ = (UniqueConstraint("workshop_id", "statement_id", "participant",
                                       name="uq_workshop_answers_workshop_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), nullable=False, index=True)
    statement_id: Mapped[str] = mapped_column(String(64), nullable=False)
    participant: Mapped[str] = mapped_column(ForeignKey("workshop_participants.token"), nullable=False)
    value: Mapped[int] = mapped_column(Integer, nullable=False)
    comment: Mapped[str] = mapped_column(Text, nullable=False, default="")
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class WorkshopConclusionRow(Base):
    __tablename__ = "workshop_conclusions"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), primary_key=True)
    statement_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    criterion_id: Mapped[str] = mapped_column(String(64), nullable=False)
    answers: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    reasoning: Mapped[str] = mapped_column(Text, nullable=False)
    participants: Mapped[int] = mapped_column(Integer, nullable=False)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    case_revision: Mapped[int | None] = mapped_column(Integer)
