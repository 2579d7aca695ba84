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

import streamlit as st

from app_pages.parts import session, statement_link, workshop_phone, workshop_state
from iop.io import log_event
from iop.store import StoreError, WorkshopStore
from iop.workshop import (
    CHOICES,
    MAX_COMMENT_LENGTH,
    Phase,
    WorkshopError,
    closed_note,
    is_token,
    late_note,
    normalise_code,
    position_line,
    saved_note,
    send_label,
)

CODE_PARAM, TOKEN_PARAM = workshop_phone.CODE_PARAM, workshop_phone.TOKEN_PARAM
REFRESH_SECONDS = 3.0  # a phone notices the next statement within 3 s; 60 phones cost 20 reruns/s

st.html(workshop_state.PHONE_CSS)
_opened = workshop_state.open_store()
if _opened is None:
    statement_link.stop()
store: WorkshopStore = _opened  # statement_link.stop() above ends the run when None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
    who = f" som {session.escape(participant.display_name)}" if participant.display_name else " anonymt"
    st.caption(f"{session.escape(workshop.title)} · du deltar{who}")
    reason = workshop.closed_reason(_now())
    if reason:
        st.info(session.escape(f"{reason} Tack för att du var med!"))
        return
    if workshop.active is None:
        st.subheader("Vänta på första påståendet")
        st.markdown("Samtalsledaren öppnar snart det första påståendet. Sidan uppdateras av sig själv.")
        return
    statement = workshop.statement(workshop.active)
    phase = workshop.phases[statement.id]
    st.caption(position_line(workshop, statement.id))
    st.subheader(session.escape(statement.text))  # typed by the facilitator: shown, never rendered
    if statement.context:
        with st.expander("Att tänka på"):
            for line in statement.context:
                st.markdown(f"- {session.escape(line)}")
    mine = store.my_answer(token, statement.id)
    pending_key = f"ws:pending:{statement.id}"  # not a widget key: survives the radio not being drawn
    if phase is not Phase.open:
        late = late_note(st.session_state.get(pending_key), mine)
        if late:
            if not st.session_state.get(f"ws:late_logged:{statement.id}"):
                st.session_state[f"ws:late_logged:{statement.id}"] = True
                log_event("refused", reason="workshop_closed", workshop=workshop.number)
            st.warning(late)
        st.info(closed_note(mine))
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
    st.text_area("Kommentar (frivillig)", max_chars=MAX_COMMENT_LENGTH, key=comment_key, height=90)
    if st.button(send_label(mine), type="primary", use_container_width=True, key=f"ws:send:{statement.id}"):
        value = st.session_state.get(choice_key)
        if value is None:
            st.error("Välj först var du står på skalan, eller Vet ej / avstår.")
            return
        try:
            mine = store.submit(token, statement.id, value, st.session_state.get(comment_key) or "")
        except WorkshopError as exc:
            log_event("refused", reason="workshop_closed", workshop=workshop.number)
            st.error(session.escape(f"{exc} Ditt val finns kvar här."))
            return
        except StoreError as exc:
            st.error(session.escape(str(exc)))
            return
    if mine is not None:
        st.success(saved_note(mine))


workshop_phone.remember_browser()
token = st.query_params.get(TOKEN_PARAM)
typed_code = st.query_params.get(CODE_PARAM)
if token is not None and is_token(token) and store.participant(token) is not None:
    _participant_view(token)
elif token is not None:
    workshop_phone.code_form("Din deltagarlänk känns inte igen (den kan vara ofullständig). Skriv koden från "
                             "skärmen för att gå med igen.")
elif typed_code:
    code = normalise_code(typed_code)
    found = store.by_code(code) if code else None
    if found is None:
        if st.session_state.get("ws:refused_code") != typed_code:  # once per code tried, not on every rerun
            st.session_state["ws:refused_code"] = typed_code
            log_event("refused", reason="workshop_code")
        workshop_phone.code_form("Det finns ingen workshop med den koden. Kontrollera koden på skärmen och "
                                 "försök igen.")
    elif (reason := found.closed_reason(_now())) is not None:
        workshop_phone.code_form(reason)
    elif (again := store.browser_participant(found.id, workshop_phone.browser())) is not None:
        st.query_params[TOKEN_PARAM] = again.token  # this browser has joined: the same participant, same answers
        st.rerun()
    else:
        workshop_phone.join_form(store, found)
else:
    workshop_phone.code_form()
