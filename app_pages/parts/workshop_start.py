"""The workshop page without a facilitator's link: the running workshops to take up, and starting a new one.

A workshop starts from a saved case (its criteria become the statements) or from a
list typed here. A case that is no longer a draft cannot take the group's conclusions
(``takes_conclusions``): that is said before the room spends an hour, with a copy of
the case or a workshop that records nothing as the way on.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from iop.io import InputError
from iop.records import Action
from iop.store import StoreError, WorkshopDesk
from iop.words import swedish_time
from iop.workshop import (
    SEED_STATEMENTS,
    WorkshopError,
    format_code,
    not_for_conclusions,
    statements_from_text,
    takes_conclusions,
)

LEAD_PARAM = "leda"


def start_page(desk: WorkshopDesk) -> None:
    st.title("Workshop")
    st.markdown(
        "En **åsiktsbarometer** som i Värmlandspresentationen: deltagarna går med på sina egna telefoner "
        "med en kod, utan konto, och placerar sig från *håller inte med* till *håller med*. Svaren visas "
        "först när du visar resultatet, och aldrig per person."
    )
    ongoing = desk.ongoing()
    if ongoing:
        st.subheader("Pågående workshoppar")
        for workshop, key in ongoing:
            cols = st.columns([4, 1])
            cols[0].markdown(f"**Workshop {workshop.number}:** {session.escape(workshop.title)} · "
                             f"kod {format_code(workshop.code)} · startad {swedish_time(workshop.created_at)}")
            if cols[1].button("Ta upp igen", key=f"ws:resume:{workshop.id}"):
                _lead(key)
    st.subheader("Starta en ny workshop")
    from_case, from_list = st.tabs(["Från ett sparat ärende", "Från en egen lista"])
    with from_case:
        _from_case(desk)
    with from_list:
        _from_list(desk)


def _from_case(desk: WorkshopDesk) -> None:
    why_not = desk.desk.refusal(Action.edit_draft)  # the conclusions go into the case in this person's name
    cases = desk.saved_cases() if not why_not else []
    if why_not:
        st.info(session.escape(f"{why_not} Workshoppens slutsatser förs in i ärendet i ditt namn."))
        return
    if not cases:
        st.info("Det finns inga sparade ärenden ännu. Spara ärendet i registret först, eller starta "
                "från en egen lista med påståenden.")
        return
    labels = dict(cases)
    case_id = st.selectbox("Ärende", list(labels), format_func=labels.__getitem__, key="ws:case")
    st.caption("Varje kriterium i ärendets kriterieuppsättning blir ett påstående, skrivet för ett rum "
               "där både kommunens och organisationens folk sitter.")
    try:
        status = desk.case_status(case_id)
    except StoreError as exc:
        st.error(session.escape(str(exc)))
        return
    if takes_conclusions(status):
        if st.button("Starta workshoppen", type="primary", key="ws:start_case"):
            _start(desk, case_id, records=True)
        return
    st.warning(not_for_conclusions(status), icon=":material/lock:")
    copy_col, plain_col = st.columns(2)
    if copy_col.button("Kopiera ärendet och starta workshoppen på kopian", type="primary",
                       key="ws:start_copy", icon=":material/content_copy:"):
        try:
            copy_id = desk.copy_for_workshop(case_id)
        except StoreError as exc:
            st.error(session.escape(str(exc)))
        else:
            _start(desk, copy_id, records=True)
    if plain_col.button("Starta utan att föra in slutsatser", key="ws:start_unrecorded"):
        _start(desk, case_id, records=False)


def _from_list(desk: WorkshopDesk) -> None:
    title = st.text_input("Rubrik", value="Åsiktsbarometer", key="ws:title", max_chars=120)
    text = st.text_area("Påståenden, ett per rad", value="\n".join(SEED_STATEMENTS), height=220,
                        key="ws:statements",
                        help="Exemplet är åsiktsbarometern ur Värmlandspresentationen 2015. Skriv egna "
                             "påståenden, ett per rad.")
    if not st.button("Starta workshoppen", type="primary", key="ws:start_list"):
        return
    try:
        _, key = desk.create(title, statements_from_text(text))
    except InputError as exc:
        for problem in exc.problems:
            st.error(session.escape(problem.message))
    except (WorkshopError, StoreError) as exc:
        st.error(session.escape(str(exc)))
    else:
        _lead(key)


def _start(desk: WorkshopDesk, case_id: str, records: bool) -> None:
    """Start a workshop on the case's criteria; ``records``: its conclusions go into that case."""
    try:
        _, key = desk.start_from_case(case_id, session.rulebook(), records=records)
    except (WorkshopError, StoreError) as exc:
        st.error(session.escape(str(exc)))
    else:
        _lead(key)


def _lead(key: str) -> None:
    """Go to the facilitator's view of the workshop whose key this is."""
    st.query_params[LEAD_PARAM] = key
    st.rerun()
