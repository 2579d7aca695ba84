"""Översikt: the register as a whole, by form, year, committee and area; decisions against recommendations;
what is undecided and why; activities moving between forms; what is due; de minimis room; exports.
Layout only: the filter, the words and the exports are decided in iop.portfolio (overview)."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import (
    portfolio_exports,
    portfolio_figures,
    portfolio_filter,
    portfolio_session,
    records_session,
    session,
    statement_link,
)
from iop.portfolio import (
    OVERVIEW_TEXT,
    all_tables,
    follow_share,
    openable,
    today,
)
from iop.records import LOCAL_NOTE, Network
from iop.store import StoreError

KEY = "portfolio:"

st.title("Översikt")
portfolio_desk = portfolio_session.desk_or_stop()
access = records_session.settings()
if not access.login and access.network is Network.loopback:
    st.caption(LOCAL_NOTE)
book = session.rulebook()
set_titles = {set_id: criteria.title for set_id, criteria in book.sets.items()}
try:
    known, cases = portfolio_desk.known(list(book.sets))
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()
if not cases:
    st.info(OVERVIEW_TEXT["empty_register"])
    statement_link.stop()

chosen = portfolio_filter.draw(known, set_titles)

try:
    view = portfolio_desk.view(chosen, today(), book.parameters)
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()
portfolio = view.portfolio
question_text = {qid: q.text for qid, q in book.questions.questions.items()}
tables = all_tables(portfolio, view.moves, view.de_minimis, view.todo, question_text, view.titles)
share = follow_share(portfolio)
counts = st.columns(4)
counts[0].metric("Ärenden i urvalet", f"{portfolio.total}")
counts[1].metric("Beslutade", f"{portfolio.decided}")
counts[2].metric("Inte beslutade", f"{portfolio.not_decided}")
counts[3].metric("Beslut som följer rekommendationen", "–" if share is None else f"{round(100 * share)}\u00a0%")
if portfolio.total == 0:
    st.info(OVERVIEW_TEXT["empty_selection"])
    statement_link.stop()
st.caption(OVERVIEW_TEXT["counting"])

# ----- Att göra -----------------------------------------------------------------------------
st.header(f"Att göra ({len(view.todo)})")
if view.todo:
    st.dataframe(tables["Att göra"], hide_index=True, width="stretch",
                 alt="Tabell över uppföljningar, uppsägningar, utvärderingar, omprövningar och de minimis-tak "
                     "som är aktuella eller försenade, tidigast först")
    cases_due = openable(view)
    pick_col, open_col = st.columns([3, 1], vertical_alignment="bottom")
    picked = pick_col.selectbox("Öppna ett ärende ur listan", list(cases_due), format_func=cases_due.__getitem__,
                                key=KEY + "todo_pick")
    if open_col.button("Öppna ärendet", icon=":material/folder_open:") and picked:
        try:
            records_session.open_record(portfolio_desk.desk.open_case(picked))
        except StoreError as exc:
            st.error(str(exc))
        else:
            st.switch_page("app_pages/case_record.py")
else:
    st.markdown(OVERVIEW_TEXT["nothing_due"])

measure = portfolio_figures.draw(view, tables, question_text)
portfolio_exports.draw(view, tables, chosen, set_titles,
                       portfolio_desk.desk.identity.label if portfolio_desk.desk.identity else "", measure)
