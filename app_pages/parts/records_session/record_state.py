"""Which register case the case in progress is, at which version, and what was last saved: one object per session.

What a session knows about its record is one ``RecordState``, changed with plain
attribute writes. Streamlit may stop a run at any access to ``st.session_state`` when
the browser has sent another change; a save just committed is therefore recorded
without touching session state, so the next run never saves from a stale version
and the user is never shown a conflict with their own save.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from app_pages.parts import session
from app_pages.parts.records_session.keys import (
    CASE_PARAM,
    CONFLICT,
    OPENED_AS,
    ORGANISATION_SAVES,
    RECORD,
    SAVE_ERROR,
    SIMILAR,
    VERSION_PARAM,
)
from iop.model import Case
from iop.records import CaseStatus, StoredCase
from iop.store import case_content

PRISTINE = Case(title="Nytt ärende")
"""The case a fresh session starts with: not saved until the user changes something."""
PRISTINE_CONTENT = case_content(PRISTINE)


@dataclass
class RecordState:
    """Which register case the session's case in progress is, and what was last saved or loaded.

    Changed only with plain attribute writes (see the module's docstring): ``bind`` after a
    commit cannot be interrupted half-way.
    """

    id: str | None = None
    revision: int = 0
    status: CaseStatus | None = None
    saved: Case | None = None
    """A deep copy of the case as last saved or loaded: what 'changed' is measured against."""
    saved_content: dict[str, Any] | None = None
    saved_at: dt.datetime | None = None
    bound: Case | None = None
    """The Case object the record belongs to; a different object means the user started another case."""
    sitting: str = field(default_factory=lambda: secrets.token_hex(8))
    """This tab's sitting (``iop.records.autosave``): its autosaves fold into one revision."""

    def bind(self, stored: StoredCase, case: Case, base: tuple[int, Case] | None = None) -> None:
        """Tie ``case`` to ``stored``; ``base`` (version, content) when the tab started from an older version."""
        self.saved = (base[1] if base else stored.case).model_copy(deep=True)
        self.saved_content = case_content(self.saved)
        self.id, self.status, self.saved_at, self.bound = stored.id, stored.status, stored.updated_at, case
        self.revision = base[0] if base else stored.revision

    def detach(self, case: Case) -> None:
        self.id, self.revision, self.status = None, 0, None
        self.saved = self.saved_content = self.saved_at = None
        self.bound = case


def record() -> RecordState:
    """The session's record state (made on first use)."""
    if RECORD not in st.session_state:
        st.session_state[RECORD] = RecordState()
    state: RecordState = st.session_state[RECORD]
    return state


def record_id() -> str | None:
    return record().id


def record_status() -> CaseStatus | None:
    return record().status


def fingerprint(case: Case) -> str:
    """The case's content as one string, to tell whether it changed since it was opened or asked about."""
    return json.dumps(case_content(case), sort_keys=True, default=str)


def open_record(stored: StoredCase, base: tuple[int, Case] | None = None) -> None:
    """Make ``stored`` the case in progress, keeping the user's place in the walk.

    ``base`` (version and content) is what a reconnecting tab was showing when it is older
    than ``stored``: the tab's edit is then saved from it, so a save by someone else since
    shows as a conflict instead of being overwritten.
    """
    step = st.session_state.get(session.STEP_KEY, 0)
    case = (base[1] if base else stored.case).model_copy(deep=True)
    session.replace_case(case)
    st.session_state[session.STEP_KEY] = step
    st.session_state.pop(CONFLICT, None)
    st.session_state.pop(SAVE_ERROR, None)
    record().bind(stored, case, base)
    st.query_params[CASE_PARAM] = stored.id


def start_new(case: Case) -> None:
    """Make ``case`` the case in progress as a new case, tied to no record.

    Nothing of the case open before may leak into it: not its status (a decided case's lock), not its id
    in the address (which would open it again on the next run), not its place in the walk.
    """
    session.replace_case(case)
    record().detach(case)
    st.session_state[OPENED_AS] = fingerprint(case)
    for key in (CONFLICT, SAVE_ERROR, ORGANISATION_SAVES, SIMILAR):
        st.session_state.pop(key, None)
    for param in (CASE_PARAM, VERSION_PARAM):
        if param in st.query_params:
            del st.query_params[param]
