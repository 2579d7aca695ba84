"""The facts of one page run that the save rule (``iop.records.saving``) reads, and the sentence it gives."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from app_pages.parts.records_session.keys import CONFLICT, ORGANISATION_SAVES
from app_pages.parts.records_session.record_state import PRISTINE_CONTENT, record
from app_pages.parts.records_session.register_connection import register_state
from app_pages.parts.records_session.who_is_working import identity, settings
from iop.records import (
    AccessSettings,
    Action,
    Identity,
    SaveSituation,
    may,
    unsaved_changes,
)
from iop.records import (
    saving_promise as promised,
)
from iop.store import case_content


def situation(access: AccessSettings, who: Identity | None, reachable: bool) -> SaveSituation:
    """The facts of this run that the save rule reads."""
    state = record()
    saved = state.id is not None
    return SaveSituation(
        reachable=reachable, organisation=session.is_organisation(),
        organisation_saves=bool(st.session_state.get(ORGANISATION_SAVES)), login=access.login,
        named=who is not None, may_write=may(who, Action.edit_draft if saved else Action.create_case, access),
        saved=saved, status=state.status, conflict=CONFLICT in st.session_state,
        changed=unsaved_changes(case_content(session.current_case()), state.saved_content, state.status,
                                PRISTINE_CONTENT))


def saving_promise() -> str:
    """What happens to the user's edits right now, in one sentence (``iop.records.saving_promise``)."""
    access = settings()
    return promised(situation(access, identity(access), register_state().register is not None))
