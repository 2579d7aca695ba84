"""Which cases are locked, and what a locked case's notice tells the user to do."""

from __future__ import annotations

import pytest

from iop.records import CaseStatus, is_editable, is_locked, lock_notice


@pytest.mark.parametrize("status", list(CaseStatus))
def test_a_register_case_is_locked_exactly_when_it_is_not_editable(status: CaseStatus) -> None:
    assert is_locked(status) is not is_editable(status)


def test_only_a_draft_or_a_case_outside_the_register_is_open() -> None:
    assert not is_locked(None) and not is_locked(CaseStatus.draft)
    assert all(is_locked(s) for s in (CaseStatus.assessed, CaseStatus.decided, CaseStatus.archived))


def test_an_assessed_case_says_how_to_reopen_it_and_that_this_makes_a_new_version() -> None:
    notice = lock_notice(CaseStatus.assessed)
    assert notice.startswith("Ärendet är **bedömt** och låst")
    assert "”Öppna som utkast igen” under Status och historik" in notice
    assert "ny version" in notice and "frysta bedömningen finns kvar" in notice


def test_a_decided_case_points_to_a_copy_and_an_archived_one_to_restoring() -> None:
    assert "Kopiera som nytt ärende" in lock_notice(CaseStatus.decided)
    assert "återställ" in lock_notice(CaseStatus.archived)


def test_a_draft_has_no_lock_notice() -> None:
    with pytest.raises(ValueError, match="inte låst"):
        lock_notice(CaseStatus.draft)
