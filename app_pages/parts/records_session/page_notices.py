"""Above the page: the login's problem, a link that could not be opened, a conflict, and why the case is locked."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from app_pages.parts.records_session.case_from_address import wait_for_register
from app_pages.parts.records_session.conflict_panel import conflict_panel, merge_note
from app_pages.parts.records_session.guarded_register import locked, read_only
from app_pages.parts.records_session.keys import LOCKED_MEANWHILE
from app_pages.parts.records_session.record_run import RecordRun
from app_pages.parts.records_session.record_state import record_id, record_status
from app_pages.parts.records_session.register_sidebar import sidebar
from app_pages.parts.records_session.who_is_working import login_state
from iop.records import is_locked, lock_notice, reads_only_because

# The locked case is there to be read: Streamlit greys disabled values like placeholders, so an entered value
# could not be told from an empty field. Values and labels in full colour; an empty field shows no "t.ex."
# placeholder, which would otherwise read as a value.
LOCKED_STYLE = (
    "<style>[data-testid='stMain'] :is(input, textarea):disabled { color: #31333f !important; "
    "-webkit-text-fill-color: #31333f !important; opacity: 1 !important; } "
    "[data-testid='stMain'] :is(input, textarea):disabled::placeholder { color: transparent !important; "
    "-webkit-text-fill-color: transparent !important; } "
    "[data-testid='stMain'] :is([data-testid='stWidgetLabel'], label:has(input:disabled)) * "
    "{ color: #31333f !important; opacity: 1 !important; } "
    # the sidebar's criteria set, disabled on a locked case: its label too (axe: 2.3:1 otherwise)
    "[data-testid='stSidebar'] [data-testid='stWidgetLabel'] * "
    "{ color: #31333f !important; opacity: 1 !important; }</style>")


def draw(run: RecordRun) -> None:
    """The register's part of the sidebar, and above the page the conflict panel and the lock notice.

    A ``?case=`` link waiting for the register stops the page here: no blank case to type into.
    """
    sidebar(run)
    run.login = login_state(run.access)  # the name may have been typed in this very run
    if run.login.problem:
        st.warning(session.escape(run.login.problem),  # it names the person as the provider wrote it
                   icon=":material/lock_clock:" if run.login.expired else ":material/lock:")
        if run.login.expired:
            st.button("Logga in igen", on_click=st.login, icon=":material/login:", type="primary", key="relogin")
    if run.url_error:
        st.error(session.escape(run.url_error))  # it quotes the id from the address
    if run.waiting_for:
        wait_for_register(run)
    if run.state.register is None:
        return
    conflict_panel(run)
    merge_note()
    meanwhile = st.session_state.pop(LOCKED_MEANWHILE, "")
    if meanwhile:
        st.error("Din senaste ändring sparades inte: ärendet låstes medan du arbetade. "
                 + session.escape(meanwhile) + " Sidan visar nu ärendet som det är sparat.",
                 icon=":material/lock:")
    status = record_status()
    if status is not None and is_locked(status):  # in either mode: the inputs are disabled in either mode
        st.info(lock_notice(status), icon=":material/lock:")
    elif read_only(run.access) and record_id():
        st.info(reads_only_because(run.who), icon=":material/visibility:")
    if locked():
        st.html(LOCKED_STYLE)
