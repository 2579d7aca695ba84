"""What the two workshop pages share: the store, the look on a phone, the Swedish error text.

The store is one object per process (``st.cache_resource``): it holds only an
engine and a session factory, both thread-safe, and every workshop fact is read
from the database on each run, so another process's writes are seen at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from app_pages.parts import records_session, session
from iop.records import AccessSettings
from iop.store import (
    AuditLog,
    CaseDesk,
    CaseRegister,
    StoreError,
    WorkshopDesk,
    WorkshopStore,
    open_register,
    resolve_database_url,
)

UNAVAILABLE = ("Workshopdatabasen går inte att nå just nu. Det du har skrivit finns kvar på sidan; "
               "försök igen om en stund.")

PHONE_CSS = """
<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stSidebarNav'],
[data-testid='stExpandSidebarButton'], [data-testid='stToolbar'], [data-testid='stHeader']
{ display: none !important; }
[data-testid='stMainBlockContainer'], .block-container { max-width: 34rem; padding: 1.5rem 1rem 4rem; }
[data-testid='stRadio'] label p { font-size: 1.1rem; }
[data-testid='stRadio'] label { padding: 0.35rem 0; }
</style>
"""
"""The participant's page shows only the workshop: no navigation, no case sidebar, one column."""

PROJECTOR_CSS = """
<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'], [data-testid='stExpandSidebarButton'],
[data-testid='stToolbar'] { display: none !important; }
.ws-statement { font-size: 2.1rem; line-height: 1.25; font-weight: 600; margin: 0.5rem 0 1rem; }
.ws-code { font-size: 2.6rem; font-weight: 700; letter-spacing: 0.15em; }
.ws-code-medium { font-size: 1.9rem; margin: 0; }
.ws-statement-small { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; }
.ws-join-line { font-size: 1.15rem; margin: 0; }
.ws-code-small { font-weight: 700; letter-spacing: 0.12em; font-size: 1.4rem; }
</style>
"""

PROJECTOR_VIEW_CSS = """
<style>
[data-testid='stHeader'] { display: none !important; }
[data-testid='stMainBlockContainer'], .block-container
  { padding-top: 1rem !important; padding-bottom: 1rem !important; }
[data-testid='stVegaLiteChart'] { height: clamp(200px, calc(100vh - 480px), 620px) !important; }
[data-testid='stVegaLiteChart'] > div, [data-testid='stVegaLiteChart'] .vega-embed { height: 100% !important; }
</style>
"""
"""The projector shows only the room's view: no app header, little space above, so it fits 1366×768."""


@st.cache_resource
def store() -> WorkshopStore:
    engine = open_register(resolve_database_url())
    register = CaseRegister(engine, lambda case: session.engine().assess(case, explain_changes=False),
                            session.rulebook().questions)
    return WorkshopStore(engine, register=register)


@st.cache_resource
def _audit() -> AuditLog:
    return AuditLog(store().engine)


def facilitator_desk(access: AccessSettings) -> WorkshopDesk:
    """The facilitator's controls for the person working now, behind the access rules."""
    workshops = store()
    audit = _audit()
    audit.retention_days = access.audit_retention_days
    return WorkshopDesk(workshops, CaseDesk(workshops.register, audit, records_session.identity(access), access))


def open_store() -> WorkshopStore | None:
    """The store, or None after telling the user in Swedish why it cannot be reached."""
    try:
        return store()
    except StoreError as exc:
        st.error(str(exc))
    except Exception:  # an unexpected fault must not show a traceback
        logging.getLogger("iop").exception("workshop store failed")
        st.error(UNAVAILABLE)
    return None


def escape(text: str) -> str:
    return session.escape(text)


@contextmanager
def guarded() -> Iterator[None]:
    """Run a part of a page so that a store fault becomes a Swedish message, never a traceback.

    Used around auto-refreshing fragments, whose exceptions app.py's page guard does not see.
    """
    try:
        yield
    except StoreError as exc:
        st.error(str(exc))
    except Exception as exc:
        if type(exc).__name__ in session.STREAMLIT_CONTROL_FLOW:
            raise
        logging.getLogger("iop").exception("workshop page failed")
        st.error(UNAVAILABLE)
