"""The portfolio's store in the app: one per database, shared by every session, behind the register's rules.

The portfolio is for the register's users only: organisation mode gets nothing of it,
and the register's own checks (reachable database, a name or a login in an allowed
group) stop the page before anything is read, exactly as on Ärenden.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import records_session, session, statement_link
from iop.records import Identity
from iop.store import CaseRegister, PortfolioStore, StoreError, resolve_database_url

ORGANISATION_REFUSAL = ("Översikten visar kommunens alla ärenden och är bara till för kommunens tjänstepersoner. "
                        "Byt till läget Tjänsteperson på startsidan om du arbetar på kommunen.")


@st.cache_resource(show_spinner=False)
def _store(url: str, _register: CaseRegister) -> PortfolioStore:
    """One store per database URL and process; it keeps the portfolio's rows between views (thread-safe)."""
    return PortfolioStore(_register)


def store(register: CaseRegister) -> PortfolioStore:
    """The portfolio store beside ``register`` (the caller has already passed the register's checks)."""
    return _store(resolve_database_url(), register)


def store_or_stop() -> tuple[PortfolioStore, CaseRegister, Identity]:
    """The portfolio store, the register and the user; otherwise the reason, and the page stops."""
    if session.is_organisation():
        st.info(ORGANISATION_REFUSAL, icon=":material/lock:")
        statement_link.stop()
    register, who = records_session.register_or_stop()
    if who is None:  # register_or_stop stops first; kept for the type checker
        statement_link.stop()
    assert who is not None
    try:
        url = resolve_database_url()
    except StoreError as exc:
        st.error(str(exc))
        statement_link.stop()
    return _store(url, register), register, who
