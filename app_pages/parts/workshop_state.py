"""What the two workshop pages share: the store, the facilitator's desk, the look, the Swedish error text.

The store is one object per process (``st.cache_resource``): it holds only an
engine and a session factory, both thread-safe, and every workshop fact is read
from the database on each run, so another process's writes are seen at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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

STATIC = Path(__file__).parent / "static"


def _style(name: str) -> str:
    return "<style>\n" + (STATIC / name).read_text(encoding="utf-8") + "</style>"


PHONE_CSS = _style("workshop_phone.css")
"""The participant's page shows only the workshop: no navigation, no case sidebar, one column."""
PROJECTOR_CSS = _style("workshop_projector.css")
"""The facilitator's page and the projector: no sidebar, the statement and the code large."""
PROJECTOR_VIEW_CSS = _style("workshop_projector_view.css")
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
