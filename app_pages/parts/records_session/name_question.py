"""The first edit without a name asks who is working, then saves: an edit is never silently left unsaved."""

from __future__ import annotations

import streamlit as st

from app_pages.parts.records_session.keys import FIRST_EDIT_NAME, NAME_GIVEN, NAME_MISSING
from app_pages.parts.records_session.who_is_working import take_name


def _name_given() -> None:
    """The question's button: runs before the next run, whether or not the question is drawn again."""
    typed = str(st.session_state.get(FIRST_EDIT_NAME, ""))
    if typed.strip():
        take_name(typed)
        st.session_state[NAME_GIVEN] = True
    else:
        st.session_state[NAME_MISSING] = True


@st.dialog("Vem arbetar med ärendet?")
def ask_for_name() -> None:
    if st.session_state.pop(NAME_GIVEN, False):
        st.rerun()  # the whole page again: it saves the case now that the name is known, and the question closes
    st.markdown("Ärendet sparas i registret med ditt namn i historiken. Skriv ditt namn, så sparas ändringen "
                "du just gjorde och allt du gör sedan. Namnet kommer den här webbläsaren ihåg.")
    with st.form("record:name_form", border=False):
        st.text_input("Ditt namn", placeholder="Förnamn Efternamn", key=FIRST_EDIT_NAME)
        st.form_submit_button("Spara ärendet", type="primary", icon=":material/save:", on_click=_name_given)
    if st.session_state.pop(NAME_MISSING, False):
        st.error("Skriv ditt namn för att spara ärendet; det du har ändrat finns kvar.")
