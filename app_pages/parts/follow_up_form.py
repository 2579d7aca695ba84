"""The follow-ups on Status och historik: the table, the latest re-assessment, and the form to record one
(with facts that changed since the assessment) for a role that may. Layout only: reading what was typed and
re-assessing are ``iop.portfolio.after_decision``'s."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import portfolio_session, session
from iop.portfolio import WATCHED, answer_index, follow_up_table, latest_reassessment, read_follow_up, today
from iop.records import FOLLOW_UP_LABEL, Action, StatusRecord, StoredCase
from iop.store import PortfolioDesk
from iop.words import DATE_FORMAT


def draw(desk: PortfolioDesk, stored: StoredCase, records: list[StatusRecord], has_agreement: bool) -> None:
    st.subheader("Uppföljningar")
    catalog = session.rulebook().questions
    done = desk.follow_ups(stored.id)
    if done:
        st.dataframe(follow_up_table(done, stored.case, catalog), hide_index=True, width="stretch",
                     alt="Tabell över ärendets uppföljningar, äldst först")
        again = latest_reassessment(done)
        if again is not None:
            body = "\n".join(f"- {session.escape(line)}" for line in again.lines) or \
                "Inga kriterier eller grindar får ett annat utfall."
            (st.warning if again.changed else st.info)(f"{again.heading}\n\n{body}",
                                                       icon=":material/published_with_changes:")
    else:
        st.markdown("Inga uppföljningar registrerade ännu.")
    if not has_agreement:
        st.caption("Registrera överenskommelsen ovan innan den följs upp.")
        return
    if not desk.may(Action.record_follow_up):
        return
    labels = {qid: catalog.questions[qid].text for qid in WATCHED if qid in catalog.questions}
    with st.container(border=True):
        st.markdown("**Registrera en uppföljning**")
        changed_ids = st.multiselect(
            "Har något av detta ändrats sedan bedömningen?", list(labels), format_func=labels.__getitem__,
            key="followup:changed", placeholder="Inget har ändrats",
            help="Till exempel att det nu finns företag som erbjuder tjänsten, eller att kommunen styr mer. "
                 "Ärendet bedöms då om med de nya svaren och jämförs med den sparade bedömningen.")
        with st.form("follow_up", clear_on_submit=True):
            day_col, kind_col = st.columns(2)
            day = day_col.text_input("Datum", today().isoformat(), placeholder=DATE_FORMAT)
            kind = kind_col.radio("Slag", list(FOLLOW_UP_LABEL), format_func=FOLLOW_UP_LABEL.__getitem__,
                                  horizontal=True)
            found = st.text_area("Vad som konstaterades", placeholder="T.ex. verksamheten går enligt plan; 40 elever")
            notes = st.text_area("Anteckningar", placeholder="Protokoll, närvarande, överenskomna åtgärder")
            answers: dict[str, str] = {}
            for qid in changed_ids:
                question = catalog.questions[qid]
                options = list(question.options)
                picked = st.selectbox(f"Nytt svar: {question.text}", options, format_func=question.options.__getitem__,
                                      index=answer_index(options, stored.case, qid), key=f"followup:answer:{qid}")
                if picked is not None:
                    answers[qid] = picked
            submitted = st.form_submit_button("Registrera uppföljningen", type="primary")
    if not submitted:
        return
    snapshot = next((r.snapshot for r in reversed(records) if r.snapshot), None)
    follow_up, problems = read_follow_up(day, kind, found, notes, answers, stored.case, snapshot, session.engine(),
                                         today())
    if problems or follow_up is None:
        st.error("Uppföljningen registrerades inte.\n\n" + "\n".join(f"- {session.escape(p)}" for p in problems))
        return
    st.session_state.pop("followup:changed", None)
    different = follow_up.reassessment is not None and follow_up.reassessment.changed
    portfolio_session.write(desk, stored.id, lambda: desk.add_follow_up(stored.id, follow_up),
           "Uppföljningen är registrerad som en ny version av ärendet."
           + (" Bedömningen blir en annan med de ändrade uppgifterna; se Omprövning." if different else ""))
