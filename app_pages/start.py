"""Start: choose a mode, then a new case, an example case, or an imported case file."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import records_session, session, statement_link, upload_refusal
from app_pages.parts.examples import EXAMPLES_DIR, example_titles
from iop.documents import case_from_upload
from iop.engine import load_case
from iop.guide import too_long
from iop.io import InputError, log_event
from iop.model import Case
from iop.records import Action, reads_only_because, refusal

IMPORTED_KEY = "imported_file_id"
IMPORTED_MESSAGE_KEY = "imported_message"
REFUSED_MESSAGE_KEY = "start:import_refused"
UPLOAD_ROUND_KEY = "start:upload_round"
UPLOAD_RESULT_CONTAINER = "upload-result"

st.title("IOP-stöd")
st.markdown(
    "Bidrag, upphandling eller **idéburet offentligt partnerskap (IOP)**? IOP-stöd går igenom ett "
    "ärende kriterium för kriterium, prövar de rättsliga grindarna först och ger en motiverad "
    "rekommendation med källor, öppna frågor och vad som skulle ändra utfallet."
)

access = records_session.settings()
who = records_session.identity(access)
if access.login and who is not None and not who.roles:  # logged in, but the municipality gave no role
    st.warning(refusal(who, Action.read_case, access) + " Utan roll kan du använda läget Organisation.",
               icon=":material/lock:")

st.subheader("Vem använder verktyget?")
mode_key = session.seeded("start:mode", session.mode())


def _take_mode() -> None:
    """Set the mode before the rerun draws the sidebar, so it says "Läge: Organisation" at once."""
    st.session_state[session.MODE_KEY] = st.session_state[mode_key]


st.radio(
    "Välj läge",
    list(session.MODES),
    key=mode_key,
    format_func=lambda m: {
        "official": "Tjänsteperson – bedömning och beslutsunderlag",
        "organisation": "Organisation – pröva er idé innan ni kontaktar kommunen",
    }[m],
    on_change=_take_mode,
)
st.session_state[session.MODE_KEY] = st.session_state[mode_key]
plain = session.is_organisation()

if access.login and not session.is_organisation() and refusal(who, Action.read_case, access):
    # Official mode needs a municipal account and a role; an organisation needs neither (the mode above).
    st.warning(refusal(who, Action.read_case, access), icon=":material/lock:")
    if who is None:
        st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary", key="start:login")
    statement_link.stop()
if records_session.read_only(access):
    st.info(reads_only_because(who) + " Nya ärenden skapas inte härifrån; öppna ett ärende under Ärenden.",
            icon=":material/visibility:")
    statement_link.stop()

st.subheader("Välj ärende")
new_col, example_col, import_col = st.columns(3)

with new_col:
    st.markdown("**Nytt ärende**")
    title = st.text_input("Rubrik för det nya ärendet", key=session.seeded("start:new_title", ""),
                          placeholder="T.ex. Fältverksamhet för unga")
    if st.button("Skapa nytt ärende", type="primary"):
        if not title.strip():
            st.error("Skriv en rubrik för ärendet innan du skapar det.")
        elif message := too_long("Rubrik", title.strip(), "title"):
            st.error(message)
        else:
            records_session.start_new(Case(title=title.strip(), criteria_set=session.current_case().criteria_set))
            st.switch_page("app_pages/case.py")

with example_col:
    st.markdown("**Exempelärende**")
    titles = example_titles()
    choice = st.selectbox("Välj ett exempel", list(titles), format_func=titles.__getitem__,
                          key=session.seeded("start:example", "ungdomsbussen.yaml" if titles else None))
    if st.button("Öppna exemplet", disabled=not titles) and choice is not None:
        records_session.start_new(load_case(EXAMPLES_DIR / choice, session.rulebook()))
        st.switch_page("app_pages/case.py")

with import_col:
    st.markdown("**Fortsätt med en sparad fil**" if plain else "**Importera ärende**")
    # A refused file is taken out of the uploader (a new key empties it), so the list never shows an
    # earlier file beside the next one and the message below always belongs to the file tried last.
    upload_round = st.session_state.get(UPLOAD_ROUND_KEY, 0)
    uploaded = st.file_uploader(
        "Filen ni laddade ner från IOP-stöd (PDF eller ärendefil)" if plain else "Ärendefil (PDF eller YAML)",
        type=["pdf", "yaml", "yml"], key=f"start:upload:{upload_round}",
        help="PDF:en att skicka till kommunen eller filen med era svar, från Exportera." if plain
        else "En fil som exporterats från IOP-stöd: organisationens PDF (ärendefilen ligger inuti) eller YAML.")
    upload_refusal.draw("Ditt pågående ärende är oförändrat.")
    if uploaded is not None and st.session_state.get(IMPORTED_KEY) != uploaded.file_id:
        try:
            imported = case_from_upload(uploaded.getvalue(), session.rulebook(), uploaded.name)
        except InputError as exc:
            log_event("refused", reason="invalid_file", user=records_session.user_label())
            st.session_state[REFUSED_MESSAGE_KEY] = (
                "Filen kunde inte importeras. Ditt pågående ärende är oförändrat.\n\n"
                + "\n".join(f"- {session.escape(str(p))}" for p in exc.problems))
            st.session_state[UPLOAD_ROUND_KEY] = upload_round + 1
            st.rerun()
        else:
            records_session.start_new(imported)
            st.session_state[IMPORTED_KEY] = uploaded.file_id
            # The sidebar was drawn before this page ran; a rerun shows the imported case there too.
            st.session_state[IMPORTED_MESSAGE_KEY] = imported.title
            st.rerun()
    if REFUSED_MESSAGE_KEY in st.session_state:
        # Keyed so that the page script hides it as soon as the browser itself refuses a newer file
        # (too large: Streamlit never sends that one to the server, so no rerun replaces this text).
        with st.container(key=UPLOAD_RESULT_CONTAINER):
            st.error(st.session_state.pop(REFUSED_MESSAGE_KEY))
    if IMPORTED_MESSAGE_KEY in st.session_state:
        st.success(f"Ärendet ”{session.escape(st.session_state.pop(IMPORTED_MESSAGE_KEY))}” är importerat.")

case = session.current_case()
st.info(f"Pågående ärende: **{session.escape(case.title)}**. Fortsätt under Ärendet och Kriterierna i menyn.")
