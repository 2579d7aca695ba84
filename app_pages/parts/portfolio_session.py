"""The portfolio in the app: one store per database, shared by every session, behind the register's rules.

The portfolio is for the register's users only: organisation mode gets nothing of it (the
navigation's gate, ``iop.records.access.gate``, refuses it first; this says so again), and
every read and write goes through ``iop.store.PortfolioDesk``, which asks the access rules.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages.parts import records_session, session, statement_link
from iop.records import Action
from iop.store import CaseDesk, CaseRegister, PortfolioDesk, PortfolioStore, StoreError, resolve_database_url

ORGANISATION_REFUSAL = ("Översikten visar kommunens alla ärenden och är bara till för kommunens tjänstepersoner. "
                        "Byt till läget Tjänsteperson på startsidan om du arbetar på kommunen.")


@st.cache_resource(show_spinner=False)
def _store(url: str, _register: CaseRegister) -> PortfolioStore:
    """One store per database URL and process; it keeps finished views until the register changes (thread-safe)."""
    return PortfolioStore(_register)


def desk_for(desk: CaseDesk) -> PortfolioDesk:
    """The portfolio as the person ``desk`` is made for may use it."""
    return PortfolioDesk(_store(resolve_database_url(), desk.register), desk)


def desk_or_stop() -> PortfolioDesk:
    """The portfolio for the Översikt page; otherwise the reason, and the page stops."""
    if session.is_organisation():
        st.info(ORGANISATION_REFUSAL, icon=":material/lock:")
        statement_link.stop()
    records_session.register_or_stop()  # the register's checks: reachable, allowed, a name or a login
    found = records_session.desk_or_stop(Action.read_case)
    try:
        return desk_for(found)
    except StoreError as exc:
        st.error(str(exc))
        statement_link.stop()


FLASH = "agreement:flash"
"""What the last write on Status och historik saved, said once after the page reloads."""


def flash() -> None:
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")


def write(desk: PortfolioDesk, case_id: str, action: Callable[[], object], message: str) -> None:
    """Do a write; a refusal or a store error is said on the page, a success after the page reloads (with the
    case in progress following the revision the write added)."""
    try:
        action()
    except StoreError as exc:
        st.error(str(exc))
        return
    if records_session.record_id() == case_id:
        records_session.open_record(desk.desk.register.load_case(case_id))
    st.session_state[FLASH] = message
    st.rerun()
