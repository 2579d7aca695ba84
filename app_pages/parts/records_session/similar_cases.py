"""Saved cases that look like the case in progress: Ärendet warns before two people work on one application."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from app_pages.parts.records_session.guarded_register import desk
from app_pages.parts.records_session.keys import SIMILAR
from app_pages.parts.records_session.record_state import record_id
from iop.model import Case
from iop.records import Action, duplicates_of, similar_names
from iop.store import StoreError


def similar_cases(case: Case) -> list[str]:
    """Saved cases that look like ``case`` (same title and organisation), named by title, Dnr and status.

    Only for an official who may open the register: an organisation never learns what else is registered.
    """
    if session.is_organisation():
        return []
    reader = desk()
    if reader is None or not reader.may(Action.read_case):
        return []
    # Looked up again only when what makes a duplicate changed: every other edit saves a revision, and
    # reading the whole list after each save would cost a large register a fetch per keystroke.
    asked = (record_id(), case.title, case.organisation.name, case.organisation.org_number or "")
    kept = st.session_state.get(SIMILAR)
    if kept is not None and kept[0] == asked:
        return list(kept[1])
    try:
        frame = reader.case_frame()
    except StoreError:
        return []
    found = similar_names(duplicates_of(frame, *asked[1:], exclude=asked[0]))
    st.session_state[SIMILAR] = (asked, found)
    return found
