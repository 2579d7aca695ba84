"""Översikt's filter: read from the page's address once, chosen in its boxes, written back to the address on
every run. Layout only: what the boxes make and what the address says are ``iop.portfolio.overview``'s."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from app_pages.parts import session
from iop.portfolio import (
    ALL_YEARS,
    FILTER_PARAMS,
    OVERVIEW_TEXT,
    Known,
    PortfolioFilter,
    address_changes,
    box_values,
    chosen_filter,
    from_query,
)
from iop.records import STATUS_LABEL, CaseStatus

KEY = "portfolio:"


def draw(known: Known, set_titles: Mapping[str, str]) -> PortfolioFilter:
    """The filter box; returns what it selects."""
    if KEY + "from" not in st.session_state:
        asked, problems = from_query({name: st.query_params.get_all(name) for name in FILTER_PARAMS}, known)
        st.session_state.update({KEY + name: value for name, value in box_values(asked).items()})
        st.session_state[KEY + "problems"] = problems
    for problem in st.session_state.get(KEY + "problems", []):
        st.warning(session.escape(problem), icon=":material/link_off:")
    years = [ALL_YEARS, *known.years]
    with st.container(border=True):
        st.markdown("**Urval**")
        from_col, to_col, committee_col = st.columns([1, 1, 2])
        year_from = from_col.selectbox("Från år", years, key=KEY + "from",
                                       format_func=lambda y: "Första året" if y == ALL_YEARS else str(y))
        year_to = to_col.selectbox("Till år", years, key=KEY + "to",
                                   format_func=lambda y: "Senaste året" if y == ALL_YEARS else str(y))
        committees = committee_col.multiselect("Nämnd", list(known.committees), key=KEY + "committees",
                                               placeholder="Alla nämnder")
        status_col, set_col = st.columns(2)
        statuses = status_col.multiselect("Status", [s.value for s in CaseStatus], key=KEY + "statuses",
                                          format_func=lambda s: STATUS_LABEL[CaseStatus(s)],
                                          placeholder="Alla statusar")
        sets = set_col.multiselect("Kriterieuppsättning", list(known.criteria_sets), key=KEY + "sets",
                                   format_func=lambda s: set_titles.get(s, s), placeholder="Alla uppsättningar")
    chosen, order_warning = chosen_filter(year_from, year_to, committees, statuses, sets)
    if order_warning:
        st.warning(order_warning)
    write, remove = address_changes(chosen, {name: st.query_params.get_all(name) for name in FILTER_PARAMS})
    for name, value in write.items():
        st.query_params[name] = value
    for name in remove:
        del st.query_params[name]
    st.caption(session.escape(chosen.describe(set_titles)) + OVERVIEW_TEXT["shared"])
    return chosen
