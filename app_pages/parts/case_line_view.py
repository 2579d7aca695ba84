"""The case's line on Status och historik: the case it was copied from, its predecessors and successors as
links, and linking it as the successor of an earlier case. Layout only (``iop.portfolio.after_decision``)."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import portfolio_session, session
from iop.portfolio import GONE, case_labels, link_choices
from iop.records import Action, StoredCase
from iop.store import PortfolioDesk


def draw(desk: PortfolioDesk, stored: StoredCase) -> None:
    """The case's predecessors and successors as links, and linking it to an earlier case (for a role that may)."""
    st.subheader("Föregångare och efterföljare")
    labels = case_labels(desk.case_choices())
    predecessors, successors, copied_from = desk.line(stored.id)
    if copied_from:
        st.markdown("Kopierat från:")
        st.page_link("app_pages/case_record.py", label=labels.get(copied_from, GONE), icon=":material/content_copy:",
                     query_params={"case": copied_from})
    if not predecessors and not successors:
        st.markdown("Ärendet är inte kopplat till något tidigare eller senare ärende.")
    for case_id in predecessors:
        st.page_link("app_pages/case_record.py", label=labels.get(case_id, GONE), icon=":material/arrow_upward:",
                     query_params={"case": case_id})
    if predecessors or successors:
        st.markdown(f"**Det här ärendet:** {session.escape(labels.get(stored.id, GONE))}")
    for case_id in successors:
        st.page_link("app_pages/case_record.py", label=labels.get(case_id, GONE), icon=":material/arrow_downward:",
                     query_params={"case": case_id})
    if not desk.may(Action.link_cases):
        return
    others = link_choices(labels, stored.id, predecessors, successors)
    with st.expander("Koppla till ett tidigare ärende"):
        st.markdown("Välj det ärende som det här fortsätter: samma verksamhet förnyad, eller flyttad från bidrag "
                    "till IOP eller från IOP till upphandling. Översikten räknar då förflyttningen.")
        chosen = st.selectbox("Det här ärendet fortsätter", list(others), format_func=others.__getitem__,
                              index=None, placeholder="Välj ett ärende", key="agreement:link")
        if st.button("Koppla som efterföljare", icon=":material/link:") and chosen:
            portfolio_session.write(desk, stored.id, lambda: desk.link(chosen, stored.id),
                                    "Ärendet är kopplat som efterföljare.")
        last = predecessors[-1] if predecessors else None
        if last and st.button(f"Ta bort kopplingen till {labels.get(last, GONE)}", icon=":material/link_off:"):
            portfolio_session.write(desk, stored.id, lambda: desk.unlink(last, stored.id), "Kopplingen är borttagen.")
