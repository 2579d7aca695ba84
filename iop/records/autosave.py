"""A calm history: one person's continuous autosaving is one draft revision per sitting.

The app saves a draft every time a field is left, so a walk through a new case
would otherwise leave forty revisions that differ by one field each. A *sitting*
is one browser tab's work on a case (the app gives each tab its own token) while
its saves are less than ``SITTING_GAP`` apart. An autosave in the same sitting as
the revision on top of the history, by the same author on a draft, replaces that
revision's content instead of adding one; everything else stays a revision of its
own: the first save of a sitting, a status change, an import or a copy (a new
case), a workshop conclusion, a merge, and any save with a note of its own.

Only the head revision is ever replaced, so a revision by somebody else (or by
the same person in another tab) always ends the sitting before it: nobody's
work is folded into someone else's revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iop.records.record import CaseStatus

AUTOSAVE_NOTE = "Utkast sparat automatiskt"
SITTING_GAP = dt.timedelta(minutes=30)
"""Autosaves further apart than this start a new revision even in the same tab (back from lunch)."""


@dataclass(frozen=True)
class HeadRevision:
    """What the rule needs to know about the revision on top of a case's history."""

    author: str
    note: str
    status: CaseStatus
    status_change: CaseStatus | None
    sitting: str | None
    saved_at: dt.datetime


def coalesces(head: HeadRevision, *, author: str, note: str, sitting: str | None, now: dt.datetime,
              gap: dt.timedelta = SITTING_GAP) -> bool:
    """Whether a save (``author``, ``note``, ``sitting`` at ``now``) replaces ``head`` rather than follows it."""
    return (note == AUTOSAVE_NOTE and head.note == AUTOSAVE_NOTE
            and sitting is not None and head.sitting == sitting
            and head.author == author
            and head.status is CaseStatus.draft and head.status_change is None
            and dt.timedelta(0) <= now - head.saved_at <= gap)
