"""Delta i workshop: the participant's page, made for a phone, reached from the join link or QR code.

Identity is a random token in the URL (``?deltagare=...``): a reload, a locked
phone or a re-opened tab comes back as the same participant with the same answer,
and no account is needed. The browser also keeps a random id of its own in a
cookie: joining again from the same browser (the code typed once more, the QR
code scanned again, a new tab) comes back as the same participant, so one browser
answers each statement once. The page hides the app's navigation, and app.py
runs it without the sidebar or the register, so a participant reaches the
workshop and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from app_pages.parts import records_session, statement_link, workshop_state
from iop.io import log_event
from iop.store import StoreError, WorkshopStore
from iop.workshop import CHOICES, Phase, Workshop, WorkshopError, format_code, is_token, new_token, normalise_code

CODE_PARAM, TOKEN_PARAM = "kod", "deltagare"
BROWSER_COOKIE = "iop_webblasare"
BROWSER_KEY = "ws:browser"
BROWSER_DAYS = 2  # a workshop lasts a day at most
REFRESH_SECONDS = 3.0  # a phone notices the next statement within 3 s; 60 phones cost 20 reruns/s

st.html(workshop_state.PHONE_CSS)
_opened = workshop_state.open_store()
if _opened is None:
    statement_link.stop()
store: WorkshopStore = _opened  # statement_link.stop() above ends the run when None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _browser() -> str:
    """This browser's own random id: from its cookie, or new (and put in the cookie) on its first visit."""
    if BROWSER_KEY not in st.session_state:
        remembered = records_session.cookie(BROWSER_COOKIE)
        st.session_state[BROWSER_KEY] = remembered if is_token(remembered) else new_token()
    browser: str = st.session_state[BROWSER_KEY]
    return browser


def _remember_browser() -> None:
    """Keep this browser's id in its cookie (two days), so a new tab or a second join knows it."""
    cookie = f"{BROWSER_COOKIE}={_browser()}; path=/; max-age={BROWSER_DAYS * 24 * 3600}; SameSite=Lax"
    with st.container(key="ws-browser-cookie"):
        st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def _join_form(workshop: Workshop) -> None:
    st.title("Välkommen till workshoppen")
    st.markdown(f"**{workshop_state.escape(workshop.title)}** · kod {format_code(workshop.code)}")
    st.markdown("Du svarar anonymt. Ingen ser vad just du har svarat, och resultatet visas bara för "
                "hela gruppen.")
    with st.form("ws:join"):
        name = st.text_input("Ditt namn (frivilligt)", max_chars=40)
        st.caption("Namnet visas bara för dig själv. Lämna tomt för att vara helt anonym.")
        joined = st.form_submit_button("Gå med", type="primary", use_container_width=True)
    if joined:
        try:
            participant = store.join(workshop.id, name, browser=_browser())
        except (WorkshopError, StoreError) as exc:
            st.error(workshop_state.escape(str(exc)))
            return
        st.query_params[TOKEN_PARAM] = participant.token
        st.query_params[CODE_PARAM] = workshop.code
        st.rerun()


def _code_form(message: str | None = None) -> None:
    st.title("Delta i workshop")
    if message:
        st.error(workshop_state.escape(message))
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


@st.fragment(run_every=REFRESH_SECONDS)
def _participant_view(token: str) -> None:
    with workshop_state.guarded():
        _participant_body(token)


def _participant_body(token: str) -> None:
    participant = store.participant(token)
    if participant is None:
        st.error("Din deltagarlänk känns inte igen. Skriv koden från skärmen för att gå med igen.")
        return
    workshop = store.get(participant.workshop_id)
    who = f" som {workshop_state.escape(participant.display_name)}" if participant.display_name else " anonymt"
    st.caption(f"{workshop_state.escape(workshop.title)} · du deltar{who}")
    reason = workshop.closed_reason(_now())
    if reason:
        st.info(workshop_state.escape(f"{reason} Tack för att du var med!"))
        return
    if workshop.active is None:
        st.subheader("Vänta på första påståendet")
        st.markdown("Samtalsledaren öppnar snart det första påståendet. Sidan uppdateras av sig själv.")
        return
    statement = workshop.statement(workshop.active)
    phase = workshop.phases[statement.id]
    st.caption(f"Påstående {workshop.index(statement.id) + 1} av {len(workshop.statements)}")
    st.subheader(workshop_state.escape(statement.text))  # typed by the facilitator: shown, never rendered
    if statement.context:
        with st.expander("Att tänka på"):
            for line in statement.context:
                st.markdown(f"- {workshop_state.escape(line)}")
    mine = store.my_answer(token, statement.id)
    pending_key = f"ws:pending:{statement.id}"  # not a widget key: survives the radio not being drawn
    if phase is not Phase.open:
        pending = st.session_state.get(pending_key)
        if pending is not None and (mine is None or mine.value != pending):
            if not st.session_state.get(f"ws:late_logged:{statement.id}"):
                st.session_state[f"ws:late_logged:{statement.id}"] = True
                log_event("refused", reason="workshop_closed", workshop=workshop.number)
            st.warning(f"Påståendet stängdes innan ditt val \"{CHOICES[pending]}\" skickades, så det kom inte med.")
        if mine is None:
            st.info("Påståendet är stängt för svar. Vänta på nästa påstående.")
        else:
            st.info(f"Påståendet är stängt. Ditt svar: **{CHOICES[mine.value]}**. Vänta på nästa påstående.")
        if phase is Phase.revealed:
            st.markdown("Gruppens resultat visas på den gemensamma skärmen.")
        return
    choice_key = f"ws:choice:{statement.id}"
    comment_key = f"ws:comment:{statement.id}"
    if choice_key not in st.session_state and mine is not None:
        st.session_state[choice_key] = mine.value
        st.session_state[comment_key] = mine.comment
    st.radio("Hur mycket håller du med?", list(CHOICES), format_func=CHOICES.__getitem__, index=None,
             key=choice_key)
    st.session_state[pending_key] = st.session_state.get(choice_key)
    st.text_area("Kommentar (frivillig)", max_chars=500, key=comment_key, height=90)
    label = "Ändra mitt svar" if mine is not None else "Skicka svar"
    if st.button(label, type="primary", use_container_width=True, key=f"ws:send:{statement.id}"):
        value = st.session_state.get(choice_key)
        if value is None:
            st.error("Välj först var du står på skalan, eller Vet ej / avstår.")
            return
        try:
            mine = store.submit(token, statement.id, value, st.session_state.get(comment_key) or "")
        except WorkshopError as exc:
            log_event("refused", reason="workshop_closed", workshop=workshop.number)
            st.error(workshop_state.escape(f"{exc} Ditt val finns kvar här."))
            return
        except StoreError as exc:
            st.error(workshop_state.escape(str(exc)))
            return
    if mine is not None:
        st.success(f"Ditt svar är sparat: **{CHOICES[mine.value]}**. Du kan ändra det tills "
                   "samtalsledaren stänger påståendet.")


_remember_browser()
token = st.query_params.get(TOKEN_PARAM)
typed_code = st.query_params.get(CODE_PARAM)
if token is not None and is_token(token) and store.participant(token) is not None:
    _participant_view(token)
elif token is not None:
    _code_form("Din deltagarlänk känns inte igen (den kan vara ofullständig). Skriv koden från skärmen "
               "för att gå med igen.")
elif typed_code:
    code = normalise_code(typed_code)
    found = store.by_code(code) if code else None
    if found is None:
        if st.session_state.get("ws:refused_code") != typed_code:  # once per code tried, not on every rerun
            st.session_state["ws:refused_code"] = typed_code
            log_event("refused", reason="workshop_code")
        _code_form("Det finns ingen workshop med den koden. Kontrollera koden på skärmen och försök igen.")
    elif (reason := found.closed_reason(_now())) is not None:
        _code_form(reason)
    elif (again := store.browser_participant(found.id, _browser())) is not None:
        st.query_params[TOKEN_PARAM] = again.token  # this browser has joined: the same participant, same answers
        st.rerun()
    else:
        _join_form(found)
else:
    _code_form()
