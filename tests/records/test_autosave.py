"""The calm-history rule: which save folds into the revision on top, and which stays its own."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.records.autosave import AUTOSAVE_NOTE, SITTING_GAP, HeadRevision, coalesces
from iop.records.record import CaseStatus

NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def head(**changes: object) -> HeadRevision:
    fields: dict[str, object] = {"author": "Anna", "note": AUTOSAVE_NOTE, "status": CaseStatus.draft,
                                 "status_change": None, "sitting": "flik-1", "saved_at": NOW - dt.timedelta(minutes=2)}
    fields.update(changes)
    return HeadRevision(**fields)  # type: ignore[arg-type]


def folds(top: HeadRevision, author: str = "Anna", note: str = AUTOSAVE_NOTE, sitting: str | None = "flik-1",
          now: dt.datetime = NOW) -> bool:
    return coalesces(top, author=author, note=note, sitting=sitting, now=now)


def test_an_autosave_continuing_its_sitting_folds_into_the_revision_on_top() -> None:
    assert folds(head())
    assert folds(head(saved_at=NOW - SITTING_GAP))


@pytest.mark.parametrize(("top", "why"), [
    (head(author="Bo"), "another author's revision"),
    (head(sitting="flik-2"), "the same person in another tab"),
    (head(sitting=None), "a revision saved before sittings were recorded"),
    (head(note="Status: Utkast", status_change=CaseStatus.draft), "a status change (reopening)"),
    (head(note="Ärendet skapades", status_change=CaseStatus.draft), "the creation, an import or a copy"),
    (head(note="Från workshop 3 den 2026-03-02 med 12 deltagare"), "a workshop conclusion"),
    (head(note="Sammanslaget efter samtidig ändring"), "a merge"),
    (head(status=CaseStatus.assessed), "a bedömd case"),
    (head(saved_at=NOW - SITTING_GAP - dt.timedelta(seconds=1)), "a pause longer than the gap"),
    (head(saved_at=NOW + dt.timedelta(minutes=1)), "a revision from the future (a skewed clock)"),
])
def test_a_revision_that_is_not_this_sittings_autosave_is_never_replaced(top: HeadRevision, why: str) -> None:
    assert not folds(top), why


def test_only_an_autosave_with_a_sitting_folds() -> None:
    assert not folds(head(), note="Titeln preciserad")  # an explicit save with a note of its own
    assert not folds(head(), sitting=None)  # the iop command, a script: no sitting
    assert not folds(head(), author="Bo")
