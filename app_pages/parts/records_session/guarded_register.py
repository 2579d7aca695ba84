"""The register as this person may use it (``CaseDesk``), or the page says why not and stops.

Every register action goes through the guarded register, which checks the person's
roles (``iop.records.access``) and writes the read log; a page asks it first so that a
refusal is a Swedish sentence rather than half a page.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session, statement_link
from app_pages.parts.records_session.keys import CASE_PARAM, REFUSALS_LOGGED, REFUSED_AS
from app_pages.parts.records_session.record_state import record_id, record_status
from app_pages.parts.records_session.register_connection import register_state
from app_pages.parts.records_session.who_is_working import identity, settings
from iop.io import log_event
from iop.records import AccessSettings, Action, AuditKind, Identity, is_locked, only_reads
from iop.store import CaseDesk, CaseRegister, StoreError


def desk(access: AccessSettings | None = None) -> CaseDesk | None:
    """The register as this person may use it, or None when the register cannot be reached."""
    state = register_state()
    if state.register is None or state.audit is None:
        return None
    access = access or settings()
    return CaseDesk(state.register, state.audit, identity(access), access)


def _log_refusal(who: Identity | None) -> None:
    """The event log's line for a refusal, once per session and person."""
    if who is not None and st.session_state.get(REFUSED_AS) != who.label:
        st.session_state[REFUSED_AS] = who.label
        log_event("refused", reason="not_allowed", user=who.label)


def desk_or_stop(action: Action = Action.read_case) -> CaseDesk:
    """The guarded register for a register page; otherwise the reason, and the page stops.

    An unreachable database or a person whose roles do not allow ``action`` ends the
    page with a Swedish message rather than half a page.
    """
    state = register_state()
    if state.register is None:
        st.error(state.error, icon=":material/cloud_off:")
        statement_link.stop()
    found = desk(settings())
    assert found is not None
    why = found.refusal(action)
    if why:
        _log_refusal(found.identity)
        st.warning(session.escape(why), icon=":material/lock:")  # it names the person as the provider wrote it
        statement_link.stop()
    return found


def register_or_stop() -> tuple[CaseRegister, Identity | None]:
    """The register and the person for a page that reads the whole register (Översikt), after the same checks."""
    found = desk_or_stop(Action.read_case)
    if found.identity is None:  # without login: reading is allowed unnamed, but these pages name who took them
        st.warning("Skriv ditt namn i sidofältet för att se översikten; namnet står på det du laddar ner.",
                   icon=":material/edit:")
        statement_link.stop()
    return found.register, found.identity


def read_only(access: AccessSettings | None = None) -> bool:
    """Whether this person may only read the case in progress (``iop.records.only_reads``)."""
    access = access or settings()
    return only_reads(identity(access), access, organisation=session.is_organisation(), saved=bool(record_id()))


def locked() -> bool:
    """Whether the case in progress cannot be changed here: a locked register case, or a role that only reads."""
    return is_locked(record_status()) or read_only()


def log_refused_page(page: str, kind: AuditKind, access: AccessSettings) -> None:
    """Log a page the gate refused (once per session and page): who tried, and which case the link named."""
    wanted = st.query_params.get(CASE_PARAM)
    done: set[str] = st.session_state.setdefault(REFUSALS_LOGGED, set())
    if f"{page}|{wanted}" in done:
        return
    found = desk(access)
    if found is None:
        return
    try:
        found.refused(kind, wanted, f"nekad: sidan {page}")
    except StoreError:
        return  # the refusal stands; the log's own fault is in the server log
    done.add(f"{page}|{wanted}")
    _log_refusal(found.identity)
