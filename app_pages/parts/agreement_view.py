"""The life of a case after the decision, on Status och historik: its line of predecessors and successors,
Att göra, the agreement, follow-ups with re-assessment when the facts change, and the de minimis room.

Streamlit layout only, in named parts (case_line_view, agreement_form, follow_up_form): what is due, the
form's fields and defaults, and reading what was typed live in ``iop.portfolio`` (after_decision); every
read and write goes through ``iop.store.PortfolioDesk``, which asks the access rules, and every write is a
revision of the case.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import agreement_form, case_line_view, follow_up_form, portfolio_session, session
from iop.portfolio import de_minimis_line, due_lines, today, upcoming
from iop.records import CaseStatus, StatusRecord, StoredCase
from iop.store import CaseDesk, PortfolioDesk, StoreError


def _todo(desk: PortfolioDesk, stored: StoredCase, aid: str) -> None:
    st.subheader("Att göra")
    state = desk.agreement_state(stored.id)
    due = due_lines(state, today())
    if not due and not aid:
        st.markdown("Inget är aktuellt just nu." if state is not None else
                    "Registrera överenskommelsen nedan, så visas här när den ska följas upp, sägas upp eller "
                    "utvärderas.")
    for line in due:
        text = f"**{line.label}** ({'försenad' if line.overdue else 'snart'}): {session.escape(line.text)}"
        (st.warning if line.overdue else st.info)(text, icon=":material/warning:" if line.overdue
                                                   else ":material/schedule:")
    if aid:
        st.warning(session.escape(aid), icon=":material/euro:")
    if upcoming(state):
        st.caption(upcoming(state))


def draw(case_desk: CaseDesk, stored: StoredCase, records: list[StatusRecord]) -> None:
    """Everything after the decision, for the case shown on Status och historik, as this person may see it."""
    desk = portfolio_session.desk_for(case_desk)
    portfolio_session.flash()
    try:
        case_line_view.draw(desk, stored)
        aid = de_minimis_line(desk.de_minimis(stored.id, today(), session.rulebook().parameters))
        if stored.status is not CaseStatus.decided:
            if aid:
                st.subheader("Att göra")
                st.warning(session.escape(aid), icon=":material/euro:")
            st.caption("Överenskommelsen, uppföljningarna och Att göra registreras när ärendet är beslutat.")
            return
        _todo(desk, stored, aid)
        follow_up_form.draw(desk, stored, records, agreement_form.draw(desk, stored))
    except StoreError as exc:
        st.error(str(exc))
