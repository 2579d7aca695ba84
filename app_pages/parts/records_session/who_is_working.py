"""Who is working: the settings, the login's identity, or the name typed in this browser.

With login configured, the identity provider's user (Streamlit's auth cookie keeps it
across reloads and tabs) with the roles ``iop.records.access`` reads from the ID token;
without login, the name the person typed, kept in a cookie of this browser so that a
reload, a new tab or a bookmark still knows it. The rules are in ``iop.records``; this
part only reads Streamlit's secrets, user, cookies and session for them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import streamlit as st

from app_pages.parts import reconnect
from app_pages.parts.records_session.keys import (
    CASE_PARAM,
    LOGGED_IN_AS,
    LOGIN_CLAIMS,
    NAME_COOKIE,
    NAME_SYNC,
    SETTINGS_OF_RUN,
    USER_NAME,
)
from iop.io import log_event
from iop.records import (
    AccessConfigError,
    AccessSettings,
    Identity,
    LoginState,
    remembered_name,
    typed_name,
)
from iop.records import (
    login_state as login_state_of,
)


def _secrets() -> dict[str, Any]:
    # One look at st.secrets: without a secrets file (the default) each access (``in``, ``[]``) looks for
    # one again, opening every candidate path and raising inside, and four of those a call were a
    # noticeable share of a page's CPU.
    try:
        found = st.secrets.to_dict()
    except Exception:  # noqa: BLE001  (no secrets file, or an unreadable one: login is simply not configured)
        return {}
    return {key: found[key] for key in ("auth", "iop") if key in found}


def settings() -> AccessSettings:
    """The access settings app.py read at the top of this run (read here outside app.py); raises AccessConfigError.

    A run asks for them a dozen times (gate, sidebar, saves); reading the secrets for each cost noticeable CPU.
    """
    kept = st.session_state.get(SETTINGS_OF_RUN)
    return kept if isinstance(kept, AccessSettings) else AccessSettings.from_settings(_secrets(), os.environ)


def settings_or_stop() -> AccessSettings:
    """The settings, read afresh for this run (never an earlier run's), or the page says what is wrong and stops."""
    st.session_state.pop(SETTINGS_OF_RUN, None)
    try:
        found = settings()
    except AccessConfigError as exc:
        st.error(f"IOP-stöd kan inte starta med de här inställningarna. {exc}", icon=":material/settings:")
        st.stop()
        raise  # st.stop() ends the run; this line only tells the type checker
    st.session_state[SETTINGS_OF_RUN] = found
    return found


def _claims() -> Mapping[str, Any] | None:
    if LOGIN_CLAIMS in st.session_state:
        return st.session_state[LOGIN_CLAIMS]  # type: ignore[no-any-return]
    if not st.user.get("is_logged_in", False):
        return None
    return st.user.to_dict()


def login_state(access: AccessSettings) -> LoginState:
    """With login: what the identity provider's token says (or why it cannot be used); without: the typed name."""
    if not access.login:
        _remembered_name()
    return login_state_of(access, claims=_claims() if access.login else None,
                          typed=str(st.session_state.get(USER_NAME, "")), now=dt.datetime.now(dt.UTC))


def identity(access: AccessSettings) -> Identity | None:
    return login_state(access).identity


def user_label() -> str | None:
    """Who is working, as the history names them (a login or the typed name); None when nobody is named."""
    who = identity(settings())
    return who.label if who is not None else None


def cookie(name: str) -> str:
    """A cookie this browser sent when the session started ("" when there is none)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else ""  # AppTest's stand-in browser sends no cookies


def _remembered_name() -> None:
    """A new session (reload, new tab, bookmark) takes the name this browser was given before.

    Not a tab that reconnected to a restarted server without a saved case in its address: it may
    be an organisation's self-check (the mode is not in the address), which must not start saving
    in the municipality's register; the sidebar's own rule decides there (``register_sidebar``).
    """
    if USER_NAME in st.session_state:
        return
    if reconnect.browser_sent_values() and not st.query_params.get(CASE_PARAM):
        return
    remembered = remembered_name(cookie(NAME_COOKIE))
    if remembered:
        st.session_state[USER_NAME] = remembered


def remember_name_script(name: str) -> str:
    """A script that keeps ``name`` in this browser for a year (cleared when the name is)."""
    value = quote(name.strip())
    age = 365 * 24 * 3600 if value else 0
    return (f"<script>document.cookie = {json.dumps(f'{NAME_COOKIE}={value}')} + "
            f"'; path=/; max-age={age}; SameSite=Lax';</script>")


def take_name(name: str) -> None:
    """A name given anywhere but the sidebar: the sidebar's field shows it from the next run."""
    st.session_state[USER_NAME] = typed_name(name)
    st.session_state[NAME_SYNC] = True


def log_login(access: AccessSettings, who: Identity | None) -> None:
    """A login through the identity provider, once per session and user."""
    if access.login and who is not None and st.session_state.get(LOGGED_IN_AS) != who.label:
        st.session_state[LOGGED_IN_AS] = who.label
        log_event("login", user=who.label)


def logout() -> None:
    log_event("logout", user=st.session_state.pop(LOGGED_IN_AS, None))
    st.logout()
