"""The register's part of the sidebar: who is working (login or typed name) and, after the save, its status."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.parts import reconnect, session
from app_pages.parts.records_session.keys import LOGIN_CLAIMS, NAME_KEY, NAME_SYNC, SAVE_ERROR, USER_NAME
from app_pages.parts.records_session.record_run import RecordRun
from app_pages.parts.records_session.record_state import record, record_id
from app_pages.parts.records_session.who_is_working import logout, remember_name_script
from iop.records import Action, Network, SaveSituation, SaveStatus, reads_only_because, save_status, typed_name
from iop.store import CaseDesk
from iop.words import swedish_time

NO_LOGIN_NOTE = {
    Network.loopback: "Ingen inloggning: IOP-stöd nås bara från den här datorn, och namnet kontrolleras inte.",
    Network.workshop: "Ingen inloggning: IOP-stöd nås bara från den här datorn (deltagarsidan från nätverket), och "
                      "namnet kontrolleras inte.",
    Network.open: "Ingen inloggning och öppet för nätverket: vem som helst som når adressen kan ändra ärendena.",
}


def sidebar(run: RecordRun) -> None:
    with st.sidebar:
        st.divider()
        if run.access.login:
            if run.who is not None:
                st.caption(f"Inloggad som {session.escape(run.who.label)} · {run.who.role_labels}")
                if LOGIN_CLAIMS not in st.session_state:
                    st.button("Logga ut", on_click=logout, icon=":material/logout:")
            else:
                st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary")
        else:
            _name_field(run)
        run.status_slot = st.empty()
        if record_id() is not None:
            # A saved case: should this process die, the browser's reconnect to another runs the page at
            # once, so the user's next edit is saved, not re-seeded away. Last in the sidebar, so that its
            # coming and going moves nothing. A session without a saved case has nothing to lose and skips it.
            reconnect.rerun_after_reconnect()


def _name_field(run: RecordRun) -> None:
    # Restore the name after a page change dropped the widget's key. A new session whose browser sent
    # the name it shows (a process died, the browser reconnected) keeps it, but only together with the
    # saved case it reopened: without a case in the address it may be an organisation's self-check (the
    # mode is not in the address), which must not start saving in the municipality's register. A name
    # given in the first-edit question (NAME_SYNC) goes into the field too.
    if st.session_state.pop(NAME_SYNC, False) or NAME_KEY not in st.session_state and (
            USER_NAME in st.session_state or not (reconnect.browser_sent(NAME_KEY) and record_id())):
        st.session_state[NAME_KEY] = st.session_state.get(USER_NAME, "")
    st.text_input("Ditt namn", key=NAME_KEY, placeholder="Förnamn Efternamn",
                  help="Sparas i ärendets historik vid varje ändring. Webbläsaren kommer ihåg namnet.")
    name = typed_name(str(st.session_state[NAME_KEY]))
    st.session_state[USER_NAME] = name
    with st.container(key="iop-name-cookie"):  # keeps the name across reloads, tabs and bookmarks
        st.html(remember_name_script(name), unsafe_allow_javascript=True)
    if not session.is_organisation():  # a note for whoever runs the register, not for an organisation
        st.caption(NO_LOGIN_NOTE[run.access.network])


def show_status(run: RecordRun, found: CaseDesk | None, situation: SaveSituation) -> bool:
    """The save status in the sidebar, written after the save so it is never one step behind.

    Returns True when the organisation has just asked to save its self-check on the server.
    """
    slot = run.status_slot
    if slot is None:
        return False
    status = save_status(situation, failed=SAVE_ERROR in st.session_state,
                         saved_at_known=record().saved_at is not None)
    with slot.container():
        if status is SaveStatus.unreachable:
            st.error(run.state.error, icon=":material/cloud_off:")
        elif status is SaveStatus.self_check:
            st.caption("Organisationsläge: ingenting sparas på servern. Under Exportera laddar ni ner en PDF "
                       "att skicka till kommunen.")
            if found is not None and found.may(Action.create_case):
                return st.button("Spara vårt självtest hos kommunen", icon=":material/cloud_upload:",
                                 help="Självtestet sparas i kommunens ärenderegister, märkt som ert, "
                                      "och sparas sedan varje gång ni lämnar ett fält.")
            if not run.access.login:  # a name is all it takes here; with login only a municipal role can
                st.caption("Vill ni hellre spara självtestet hos kommunen? Skriv ert namn under Ditt namn ovan, "
                           "så visas knappen ”Spara vårt självtest hos kommunen” här.")
        elif status is SaveStatus.reads_only:
            st.caption(":material/visibility: " + reads_only_because(run.who))
        elif status is SaveStatus.not_saved:
            st.warning("Ärendet sparas inte: " + (
                "skriv ditt namn ovan." if not run.access.login else "logga in först."),
                icon=":material/edit_off:")
        elif status is SaveStatus.failed:
            st.error(st.session_state[SAVE_ERROR], icon=":material/sync_problem:")
        elif status is SaveStatus.conflict:
            st.warning("Inte sparat: någon annan har sparat ärendet. Välj överst på sidan.",
                       icon=":material/sync_problem:")
        elif status is SaveStatus.saved:
            saved_at = swedish_time(record().saved_at or dt.datetime.now(dt.UTC), "clock_seconds")
            st.caption(f":material/cloud_done: Sparat {saved_at}, version {record().revision}")
    return False
