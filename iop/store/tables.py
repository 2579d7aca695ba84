"""The register's tables, declared with SQLAlchemy 2's typed ORM.

``Base.metadata`` is the one metadata every store module adds its tables to, so
Alembic sees the whole schema. Case content is stored as validated pydantic JSON
(``Case.model_dump(mode="json")``): the columns beside it are copies of the
fields the case list searches and filters on, refreshed on every save.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class CaseRow(Base):
    """One case in the register: its current content and the columns the list shows."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    head_revision: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    status_before_archive: Mapped[str | None] = mapped_column(String(16))
    diarienummer: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    organisation: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    public_body: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    committee: Mapped[str] = mapped_column(String(300), nullable=False, default="", index=True)
    recommendation: Mapped[str] = mapped_column(String(16), nullable=False, default="", index=True)
    form: Mapped[str] = mapped_column(String(64), nullable=False, default="", server_default="")
    """The recommended sub-form (verksamhetsbidrag, lou …) beside the recommendation."""
    blocking: Mapped[str] = mapped_column(String(500), nullable=False, default="", server_default="")
    """An undecided draft's settling questions, most important first, comma-separated question ids."""
    criteria_set: Mapped[str] = mapped_column(String(64), nullable=False)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    from_organisation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # Registration (Case.registration), for the list: ärendemening, handläggare, beslutsinstans,
    # the sekretess provision (empty: none) and bevarande/gallring in words.
    subject: Mapped[str] = mapped_column(String(500), nullable=False, default="", server_default="")
    officer: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    decision_body: Mapped[str] = mapped_column(String(300), nullable=False, default="", server_default="")
    secrecy: Mapped[str] = mapped_column(String(300), nullable=False, default="", server_default="")
    retention: Mapped[str] = mapped_column(String(300), nullable=False, default="", server_default="")
    # The decision of a beslutad case (kind and sub-form) and the search fields organisationsnummer and
    # contacts, for the list (migration 0007_decision_terms).
    decision: Mapped[str] = mapped_column(String(16), nullable=False, default="", server_default="", index=True)
    decision_form: Mapped[str] = mapped_column(String(64), nullable=False, default="", server_default="")
    org_number: Mapped[str] = mapped_column(String(16), nullable=False, default="", server_default="")
    contacts: Mapped[str] = mapped_column(String(600), nullable=False, default="", server_default="")
    answers_from: Mapped[str] = mapped_column(String(16), nullable=False, default="", server_default="")
    """Whose answers the case holds: official, organisation (an imported self-check) or workshop."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)
    content: Mapped[dict[str, Any]] = mapped_column(nullable=False)


class RevisionRow(Base):
    """Every save of a case: who, when, the whole content, and a status change if there was one.

    ``created_at`` is when the content was saved: an autosave that replaces the head revision in the
    same sitting moves it, and the revision's ``number`` (see ``CaseRegister.save_case``).
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("case_id", "number", name="uq_revisions_case_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    author: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    status_change: Mapped[str | None] = mapped_column(String(16))
    content: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    author_id: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    """``Identity.key`` of the author (the provider's id after a login, the typed name without one)."""
    author_role: Mapped[str] = mapped_column(String(32), nullable=False, default="", server_default="")
    """The role the revision was made in (``iop.records.access.Role``); empty for revisions from before roles."""
    sitting: Mapped[str | None] = mapped_column(String(32))
    """The browser tab's sitting an autosave was made in (see ``iop.records.autosave``); None for any other save."""


class StatusRecordRow(Base):
    """What a status change froze: the assessment snapshot (bedömd) or the decision (beslutad)."""

    __tablename__ = "status_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), nullable=False, index=True)
    revision_number: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    author: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(nullable=False)
    author_id: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")

