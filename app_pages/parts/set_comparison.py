"""The criteria sets side by side on Rekommendation, with a way to answer what each set still needs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.parts import records_session, session
from iop.guide import SetColumn, compare_sets
from iop.words import voice


def switch_to_set(set_id: str) -> None:
    """Make ``set_id`` the case's set and open the walk at its first open question."""
    session.current_case().criteria_set = set_id
    # The sidebar's set selector was drawn this run; dropping its key lets it re-seed from the case.
    st.session_state.pop(session.WIDGET_PREFIX + "sidebar:set", None)
    st.session_state.pop(session.STEP_KEY, None)
    st.switch_page("app_pages/criteria.py")


def draw() -> None:
    case = session.current_case()
    questions = session.rulebook().questions.questions
    plain = session.is_organisation()
    comparison = compare_sets(session.engine(), case, voice(plain))
    st.subheader("Samma svar, prövade mot andra kommuners kriterier" if plain
                 else "Samma ärende under alla kriterieuppsättningar")
    st.markdown("Era svar är desamma; det som skiljer är vilka krav varje kommun eller organisation ställer."
                if plain else
                "Svaren är desamma; det som skiljer är vilka kriterier och regler varje källa ställer upp.")
    header = {c.set_id: c.title for c in comparison.columns}
    table = pd.DataFrame(
        [{"Kriterium": row.title, **{header[s]: cell for s, cell in row.cells.items()}} for row in comparison.rows]
        + [{"Kriterium": "Rekommendation", **{header[c.set_id]: c.verdict for c in comparison.columns}}]
    ).set_index("Kriterium")
    st.table(table)
    def pending_and_answer(set_column: SetColumn) -> None:
        set_id, title, pending = set_column.set_id, set_column.title, set_column.pending
        if pending:
            count = len(pending)
            st.markdown(f"{count} {'fråga' if count == 1 else 'frågor'} kvar som kan ändra utfallet:")
            st.markdown("\n".join(
                f"- {session.escape(questions[q].plain if plain else questions[q].text)}" for q in pending))
            if st.button("Besvara dem", key=f"compare:answer:{set_id}", disabled=records_session.locked(),
                         help=(f"Prövar mot {title} och öppnar frågorna." if plain
                               else f"Byter kriterieuppsättning till {title} och öppnar frågorna.")):
                switch_to_set(set_id)
        else:
            st.markdown("Inga frågor kvar som kan ändra utfallet.")

    if len({(c.rule, tuple(c.pending)) for c in comparison.columns}) == 1:
        # Every set is decided by the same rule (a legal gate, read before the criteria) with the same open
        # questions: said once, not three times side by side.
        first = next((c for c in comparison.columns if c.set_id == case.criteria_set), comparison.columns[0])
        st.markdown("**Alla kriterier, av samma skäl**" if plain else "**Alla uppsättningar, av samma skäl**")
        if not plain:
            st.caption(session.escape(first.rule))
        pending_and_answer(first)
        return
    columns = st.columns(len(comparison.columns))
    for column, set_column in zip(columns, comparison.columns, strict=True):
        with column:
            st.markdown(f"**{session.escape(set_column.title)}**")
            if not plain:
                st.caption(session.escape(set_column.rule))
            pending_and_answer(set_column)
