"""A case's history as Status och historik shows it: one row per version, and which two versions to compare.

The words of the comparison itself come from ``case_diff``; this module gives the
table's rows (newest first, case ids in notes named by title and Dnr), the label of
each version, and the pair compared by default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from iop.records.access import ROLE_LABEL, Role
from iop.records.case_diff import name_case_ids
from iop.records.record import STATUS_LABEL, Revision
from iop.words.clock import swedish_time

ROLE_VALUES = {role.value for role in Role}


def history_rows(history: Sequence[Revision], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The history table's rows, newest first: version, time to the second, author, role, note and status change.

    A role from before roles were recorded (or unknown) is left empty; ``names`` names the case ids a
    note mentions (a copy, a merge).
    """
    return [{
        "Version": r.number,
        "Tid": swedish_time(r.created_at, "second"),
        "Av": r.author,
        "Roll": ROLE_LABEL[Role(r.role)] if r.role in ROLE_VALUES else "",
        "Anteckning": name_case_ids(r.note, names),
        "Statusändring": STATUS_LABEL[r.status_change] if r.status_change else "",
    } for r in reversed(history)]


def version_label(revision: Revision) -> str:
    """A version as the comparison's lists name it: number, time, author and any status change."""
    return (f"Version {revision.number} · {swedish_time(revision.created_at)} · {revision.author}"
            + (f" · {STATUS_LABEL[revision.status_change]}" if revision.status_change else ""))


def compared_pair(history: Sequence[Revision], picked_rows: Sequence[int]) -> tuple[int, int]:
    """The versions to compare: the two rows picked in the table (positions, newest first), else the last two.

    Needs at least two versions.
    """
    newest_first = list(reversed(history))
    rows = sorted(newest_first[i].number for i in picked_rows if 0 <= i < len(newest_first))
    if len(rows) == 2:
        return rows[0], rows[1]
    return history[-2].number, history[-1].number
