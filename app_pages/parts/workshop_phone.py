"""The participant's ways in, drawn: the code form, the join form, and the browser's own id in a cookie.

The id (random, kept two days) makes a browser that joins again the same participant,
so one browser answers each statement once; the store keeps only its hash.
"""

from __future__ import annotations

import json

import streamlit as st

from app_pages.parts import records_session, session
from iop.store import StoreError, WorkshopStore
from iop.workshop import MAX_NAME_LENGTH, Workshop, WorkshopError, format_code, is_token, new_token, normalise_code

CODE_PARAM, TOKEN_PARAM = "kod", "deltagare"
BROWSER_COOKIE = "iop_webblasare"
BROWSER_KEY = "ws:browser"
BROWSER_DAYS = 2  # a workshop lasts a day at most


def browser() -> str:
    """This browser's own random id: from its cookie, or new (and put in the cookie) on its first visit."""
    if BROWSER_KEY not in st.session_state:
        remembered = records_session.cookie(BROWSER_COOKIE)
        st.session_state[BROWSER_KEY] = remembered if is_token(remembered) else new_token()
    known: str = st.session_state[BROWSER_KEY]
    return known


def remember_browser() -> None:
    """Keep this browser's id in its cookie (two days), so a new tab or a second join knows it."""
    cookie = f"{BROWSER_COOKIE}={browser()}; path=/; max-age={BROWSER_DAYS * 24 * 3600}; SameSite=Lax"
    with st.container(key="ws-browser-cookie"):
        st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def join_form(store: WorkshopStore, workshop: Workshop) -> None:
    st.title("Välkommen till workshoppen")
    st.markdown(f"**{session.escape(workshop.title)}** · kod {format_code(workshop.code)}")
    st.markdown("Du svarar anonymt. Ingen ser vad just du har svarat, och resultatet visas bara för "
                "hela gruppen.")
    with st.form("ws:join"):
        name = st.text_input("Ditt namn (frivilligt)", max_chars=MAX_NAME_LENGTH)
        st.caption("Namnet visas bara för dig själv. Lämna tomt för att vara helt anonym.")
        joined = st.form_submit_button("Gå med", type="primary", use_container_width=True)
    if joined:
        try:
            participant = store.join(workshop.id, name, browser=browser())
        except (WorkshopError, StoreError) as exc:
            st.error(session.escape(str(exc)))
            return
        st.query_params[TOKEN_PARAM] = participant.token
        st.query_params[CODE_PARAM] = workshop.code
        st.rerun()


def code_form(message: str | None = None) -> None:
    st.title("Delta i workshop")
    if message:
        st.error(session.escape(message))
    with st.form("ws:code"):
        typed = st.text_input("Kod från skärmen", max_chars=12, placeholder="T.ex. ACD 346",
                              key="ws:typed_code")
        sent = st.form_submit_button("Fortsätt", type="primary", use_container_width=True)
    if sent:
        code = normalise_code(typed)
        if code is None:
            st.error("Koden ska vara sex tecken (bokstäver och siffror), som den står på skärmen. "
                     "Kontrollera och skriv den igen.")
            return
        st.query_params.pop(TOKEN_PARAM, None)
        st.query_params[CODE_PARAM] = code
        st.rerun()
