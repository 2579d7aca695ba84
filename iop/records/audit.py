"""The read log: who opened, downloaded or changed which case, and who was refused, and when.

Case systems keep such a log so that the municipality can answer who has seen a
case (personal data, sekretess) and follow up misuse. An event names the person,
the role the action was done in, the action, the case's id and whether it was
allowed; it never holds what the case says, so the log may be shown to an
administrator who is not allowed to read cases, and a refused attempt leaks
nothing about the case it aimed at.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class AuditKind(str, Enum):
    opened = "opened"
    exported = "exported"
    created = "created"
    changed = "changed"
    status = "status"
    copied = "copied"
    archived = "archived"
    restored = "restored"
    imported = "imported"
    listed = "listed"
    workshop = "workshop"
    page = "page"


AUDIT_LABEL: dict[AuditKind, str] = {
    AuditKind.opened: "öppnade",
    AuditKind.exported: "laddade ner",
    AuditKind.created: "skapade",
    AuditKind.changed: "ändrade",
    AuditKind.status: "ändrade status",
    AuditKind.copied: "kopierade",
    AuditKind.archived: "arkiverade",
    AuditKind.restored: "återställde",
    AuditKind.imported: "importerade",
    AuditKind.listed: "visade ärendelistan",
    AuditKind.workshop: "workshop",
    AuditKind.page: "öppnade sidan",
}

MAX_DETAIL = 200
"""A detail is a few words (which document, which status), never case content."""


class AuditEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: dt.datetime
    actor: str
    """The person as the history writes them (name and e-mail), or "okänd" for nobody logged in."""
    actor_id: str = ""
    role: str = ""
    kind: AuditKind
    case_id: str | None = None
    allowed: bool = True
    detail: str = Field(default="", max_length=MAX_DETAIL)


def retention_cutoff(now: dt.datetime, retention_days: int) -> dt.datetime:
    """Events older than this are removed: the log is kept as long as the setting says, then thinned."""
    return now - dt.timedelta(days=max(1, retention_days))


def short_detail(text: str) -> str:
    """One line of at most MAX_DETAIL characters (a log row, not a document)."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_DETAIL else line[:MAX_DETAIL - 1] + "…"
