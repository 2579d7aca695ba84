"""The register behind the app: opened once per database URL and process, a failure retried after a while."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import streamlit as st

from app_pages.parts import session
from iop.store import AuditLog, CaseRegister, StoreError, open_register, resolve_database_url

RETRY_SECONDS = 30


@dataclass(frozen=True)
class RegisterState:
    register: CaseRegister | None
    error: str = ""
    at: float = field(default_factory=time.monotonic)
    audit: AuditLog | None = None


@st.cache_resource(show_spinner=False)
def _open(url: str) -> RegisterState:
    """One register per database URL and process; migrations run here once.

    A failure is cached too, so an unreachable server does not cost a connection
    timeout on every rerun; ``register_state`` retries it after RETRY_SECONDS.
    CaseRegister keeps only a lock-guarded list cache, so sharing it is safe.
    """
    try:
        engine = session.engine()
        db = open_register(url)
        return RegisterState(CaseRegister(
            db,
            # the whole assessment: the register keeps the recommendation, its sub-form and what blocks it
            recommender=lambda case: engine.assess(case, explain_changes=False),
            catalog=engine.rulebook.questions,
        ), audit=AuditLog(db))
    except StoreError as exc:
        return RegisterState(None, str(exc))


def retry_register() -> None:
    """Forget a cached failure to open the register, so the next look tries again at once."""
    try:
        state = _open(resolve_database_url())
    except StoreError:
        return
    if state.register is None:
        _open.clear()


def register_state() -> RegisterState:
    try:
        url = resolve_database_url()
    except StoreError as exc:  # the message is for the user; the detail (a path, an address) for the log
        logging.getLogger("iop.store").warning("%s (%s)", exc, exc.detail)
        return RegisterState(None, str(exc))
    state = _open(url)
    if state.register is None and time.monotonic() - state.at > RETRY_SECONDS:
        _open.clear()  # only failures are retried; a working register is never reopened
        state = _open(url)
    return state
