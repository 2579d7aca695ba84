"""Before a page runs: the person, and the case named in the address (``?case=ID&version=N``) opened.

A tab that reconnects after a server restart starts a new session whose first run
carries the user's edit and every value the tab shows. The case named in the URL is
loaded first, at the version the tab was showing (``&version=``), and the browser's
values win over re-seeding (``reconnect``), so the edit is saved on top of it; if
someone else saved meanwhile, the usual conflict panel shows it. A ``?case=`` link
opened while the register cannot be reached keeps its id, says so, shows no blank
case to type into, and opens the case once the register answers again.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import reconnect, session
from app_pages.parts.records_session.guarded_register import locked
from app_pages.parts.records_session.keys import CASE_PARAM, VERSION_PARAM
from app_pages.parts.records_session.record_run import RecordRun
from app_pages.parts.records_session.record_state import open_record, record_id
from app_pages.parts.records_session.register_connection import register_state, retry_register
from app_pages.parts.records_session.who_is_working import log_login, login_state
from iop.model import Case
from iop.records import AccessSettings, StoredCase
from iop.store import AccessDenied, CaseNotFound, CaseRegister, StoreError

WAIT_SECONDS = 5
"""How often a ``?case=`` link waiting for the register looks again."""


def before_page(access: AccessSettings) -> RecordRun:
    """Before anything is drawn: find the register and the user, and open the case named in the URL.

    Opening replaces the case and re-seeds its widgets, so it must happen before the
    sidebar draws any of them. Organisation mode never opens a case from the register;
    in official mode the guarded register decides, and logs a refusal.
    """
    reconnected = session.CASE_KEY not in st.session_state and reconnect.browser_sent_values()
    run = RecordRun(register_state(), access, login_state(access))
    log_login(access, run.who)
    wanted = st.query_params.get(CASE_PARAM)
    if session.is_organisation():
        if wanted:
            del st.query_params[CASE_PARAM]
            st.query_params.pop(VERSION_PARAM, None)
    elif wanted and wanted != record_id():
        _open_wanted(run, wanted, reconnected)
    # The browser's values win over re-seeding only in a reconnected tab's first run, and only where
    # they can be edits: not on a locked case, whose fields are disabled.
    st.session_state[reconnect.BROWSER_VALUES_WIN] = reconnected and not locked()
    return run


def _open_wanted(run: RecordRun, wanted: str, reconnected: bool) -> None:
    found = run.desk()
    if found is None:
        run.waiting_for = wanted
        return
    try:
        stored = found.open_case(wanted)
        base = _shown_version(found.register, stored) if reconnected else None
    except (AccessDenied, CaseNotFound) as exc:
        verb = "kan" if isinstance(exc, AccessDenied) else "kunde"
        run.url_error = f"Ärendet i adressen {verb} inte öppnas. {exc}"
        del st.query_params[CASE_PARAM]
        st.query_params.pop(VERSION_PARAM, None)
    except StoreError:
        run.waiting_for = wanted
    else:
        open_record(stored, base)


def _shown_version(register: CaseRegister, stored: StoredCase) -> tuple[int, Case] | None:
    """The version a reconnecting tab was showing, and its content, when older than the newest."""
    try:
        version = int(st.query_params.get(VERSION_PARAM, ""))
    except ValueError:
        return None
    if not 0 < version < stored.revision:
        return None
    shown = register.case_at(stored.id, version)
    return None if shown is None else (version, shown)


def wait_for_register(run: RecordRun) -> None:
    """A ``?case=`` link while the register is out of reach: keep the id, say so, offer no blank case."""
    st.error(session.escape(
        f"Ärendet {run.waiting_for} kan inte öppnas just nu eftersom ärenderegistret inte går att nå. "
        "Länken finns kvar i adressfältet, och sidan öppnar ärendet av sig själv så snart registret "
        "går att nå igen. Ingenting har ändrats i ärendet."), icon=":material/cloud_off:")
    if st.button("Försök igen nu", icon=":material/refresh:", key="record:retry"):
        retry_register()
        st.rerun()
    _poll_register(run.waiting_for)
    st.stop()


@st.fragment(run_every=WAIT_SECONDS)
def _poll_register(case_id: str) -> None:
    """Look again every few seconds; once the case can be read, run the whole page again to open it."""
    state = register_state()
    if state.register is None:
        return
    try:
        state.register.load_case(case_id)
    except StoreError:
        return
    st.rerun(scope="app")
