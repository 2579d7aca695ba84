"""Saving the case in progress: after every page run, on request, and the sentence that says so.

The rule is ``iop.records.saving``; this part gathers the run's facts for it, does what
it says through the guarded register (which records the person and the role), and
keeps ``?case=&version=`` in the address. A save that someone else beat is not
retried silently: the user chooses merge or reload (``conflict_panel``).
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from app_pages.parts.records_session.guarded_register import desk
from app_pages.parts.records_session.keys import (
    ASKED_FOR,
    CASE_PARAM,
    CONFLICT,
    LOCKED_MEANWHILE,
    NAME_GIVEN,
    NAME_MISSING,
    OPENED_AS,
    ORGANISATION_SAVES,
    SAVE_ERROR,
    VERSION_PARAM,
)
from app_pages.parts.records_session.name_question import ask_for_name
from app_pages.parts.records_session.record_run import RecordRun
from app_pages.parts.records_session.record_state import fingerprint, open_record, record
from app_pages.parts.records_session.register_sidebar import show_status
from app_pages.parts.records_session.save_situation import situation
from app_pages.parts.records_session.who_is_working import identity, settings
from iop.records import (
    SELF_CHECK_NOTE,
    Action,
    SaveStep,
    asks_for_name,
    save_now_refusal,
    save_step,
)
from iop.store import CaseDesk, InvalidTransition, StaleRevision, StoreError


def after_page(run: RecordRun) -> None:
    """Save what changed as a draft revision (one per sitting), and keep ``?case=&version=`` in the URL.

    The record state is fetched before saving and changed with plain attribute writes after the
    commit: nothing between the two can be interrupted by a rerun.
    """
    found = run.desk()
    case = session.current_case()
    state = record()
    if run.who is not None:
        st.session_state.pop(NAME_GIVEN, None)
    if state.bound is not case:
        state.detach(case)
        st.session_state[OPENED_AS] = fingerprint(case)
        for key in (CONFLICT, SAVE_ERROR, ORGANISATION_SAVES):
            st.session_state.pop(key, None)
    now = situation(run.access, run.who, found is not None)
    if found is None or not now.may_save:
        if save_step(now) is SaveStep.ask_name:
            content = fingerprint(case)
            if asks_for_name(content, st.session_state.get(OPENED_AS), st.session_state.get(ASKED_FOR),
                             bool(st.session_state.get(NAME_MISSING))):
                st.session_state[ASKED_FOR] = content
                ask_for_name()
        if show_status(run, found, now):  # the organisation chose to save on the server
            st.session_state[ORGANISATION_SAVES] = True
            st.rerun()
        return
    if not now.conflict:  # with a conflict the user chooses merge or reload first
        _save(found, save_step(now))
    if state.id and not now.organisation and (st.query_params.get(CASE_PARAM) != state.id
                                              or st.query_params.get(VERSION_PARAM) != str(state.revision)):
        st.query_params[CASE_PARAM] = state.id
        st.query_params[VERSION_PARAM] = str(state.revision)
    show_status(run, found, situation(run.access, run.who, True))


def _save(found: CaseDesk, step: SaveStep) -> None:
    state, case = record(), session.current_case()
    try:
        if step is SaveStep.create_self_check:
            state.bind(found.create_case(case, SELF_CHECK_NOTE, from_organisation=True), case)
        elif step is SaveStep.create:
            state.bind(found.create_case(case), case)
        elif step is SaveStep.save and state.id is not None:
            state.bind(found.save_case(state.id, case, state.revision, sitting=state.sitting), case)
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
        st.rerun()
    except InvalidTransition as exc:
        # Someone marked the case bedömd or beslutad after this tab opened it. The tab shows the case
        # as it now is, locked, and says on the page (not only in the sidebar) that the edit was not saved.
        try:
            open_record(found.read_case(state.id or ""))
        except StoreError:
            st.session_state[SAVE_ERROR] = str(exc)
        else:
            st.session_state[LOCKED_MEANWHILE] = str(exc)
            st.rerun()
    except StoreError as exc:
        st.session_state[SAVE_ERROR] = str(exc)
    else:
        st.session_state.pop(SAVE_ERROR, None)


def save_now() -> str:
    """Save the case in progress at once if it changed, as after_page would; '' or why it was not saved.

    For a page that must read the register's copy in this very run (the archive package): what
    the user typed just before clicking is otherwise saved only after the page has run.
    """
    access = settings()
    found = desk(access)
    now = situation(access, identity(access), found is not None)
    problem = save_now_refusal(now, found.refusal(Action.edit_draft) if found is not None else "")
    if problem or found is None or not now.changed:
        return problem
    state, case = record(), session.current_case()
    try:
        state.bind(found.save_case(state.id or "", case, state.revision, sitting=state.sitting), case)
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
        return str(exc)
    except StoreError as exc:
        return str(exc)
    return ""
