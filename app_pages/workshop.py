"""Workshop: the facilitator starts a live åsiktsbarometer, runs it, and records the group's conclusions.

The facilitator's URL carries a secret key (``?leda=...``): closing the tab loses
nothing, because the workshop lives in the database, and the same link (or the
list of ongoing workshops) takes it up again. ``&vy=projektor`` gives the view
for the projector, without controls, refreshing by itself.

Every control goes through ``iop.store.WorkshopDesk``: the key finds the workshop,
but only a role that may run workshops (handläggare, granskare, beslutsfattare;
without login the person at this computer) gets the controls, the list of running
workshops or the exports. A participant holding the link is refused, and the
attempt is logged. The rules (which buttons a statement offers, where the group's
conclusion starts, what the room sees) are ``iop.workshop``'s; this page lays them out.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import (
    records_session,
    session,
    statement_link,
    workshop_lead,
    workshop_room,
    workshop_start,
    workshop_state,
)
from iop.store import WorkshopDesk
from iop.workshop import Workshop, join_box

LEAD_PARAM, VIEW_PARAM, PROJECTOR = workshop_start.LEAD_PARAM, "vy", "projektor"

if workshop_state.open_store() is None:
    statement_link.stop()
access = records_session.settings()
desk: WorkshopDesk = workshop_state.facilitator_desk(access)  # statement_link.stop() above ends the run without one


def _run_page(workshop: Workshop, key: str) -> None:
    if st.query_params.get(VIEW_PARAM) == PROJECTOR:
        st.html(workshop_state.PROJECTOR_CSS + workshop_state.PROJECTOR_VIEW_CSS)
        workshop_room.projected(desk, workshop.id, projector=True)
        return
    st.html(workshop_state.PROJECTOR_CSS)
    _way_back(workshop)
    st.title(f"Workshop {workshop.number}: {session.escape(workshop.title)}")  # typed by whoever started it
    ok = st.session_state.pop("ws:flash_ok", None)
    if ok:
        st.success(ok)
    if workshop.ended_at is not None:
        st.info(session.escape(workshop.closed_reason(workshop.ended_at) or "Workshoppen är avslutad."))
    else:
        workshop_room.draw_join_box(workshop, join_box(workshop, desk.participant_count(workshop.id), projector=False))
        st.markdown(f"[Öppna projektorvyn i ett eget fönster](?{LEAD_PARAM}={key}&{VIEW_PARAM}={PROJECTOR}) · "
                    "Stänger du fliken går workshoppen vidare; den här sidans adress tar upp den igen.")
        workshop_lead.statement_controls(desk, workshop)
    st.divider()
    workshop_room.projected(desk, workshop.id)
    st.divider()
    workshop_lead.conclusion_form(desk, workshop, access)
    workshop_lead.export(desk, workshop)
    if workshop.ended_at is None:
        workshop_lead.end(desk, workshop)


def _way_back(workshop: Workshop) -> None:
    """The facilitator's view hides the app's menu (it is shown to the room): links back into the app."""
    cols = st.columns([1, 1, 3])
    cols[0].page_link("app_pages/start.py", label="Till IOP-stöd", icon=":material/arrow_back:")
    if workshop.case_id is not None:
        cols[1].page_link("app_pages/case.py", label="Till ärendet", icon=":material/description:",
                          query_params={"case": workshop.case_id})
    else:
        cols[1].page_link("app_pages/workshop.py", label="Alla workshoppar", icon=":material/groups:")


why_not = desk.refusal()
lead_key = st.query_params.get(LEAD_PARAM)
if why_not:  # without login: no name yet (the page asks for it); with login the page gate refused already
    st.title("Workshop")
    workshop_lead.identify_here(access, why_not, "starta eller leda en workshop")
elif lead_key:
    found = desk.by_facilitator_key(lead_key)
    if found is None:
        st.title("Workshop")
        st.error("Länken till workshoppen känns inte igen. Välj workshoppen under Pågående workshoppar, "
                 "eller starta en ny.")
        if st.button("Till workshopsidan"):
            del st.query_params[LEAD_PARAM]
            st.rerun()
    else:
        _run_page(*found)
else:
    workshop_start.start_page(desk)
