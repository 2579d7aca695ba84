"""Översikt's figures: each chart with its words (its accessible name, and printed under it) and its table,
decisions against recommendations, what is undecided, the moves between forms and the de minimis room.
Layout only: the figures, words and charts come from ``iop.portfolio``."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.parts import session
from iop.portfolio import (
    CHART_MEASURES,
    OVERVIEW_TEXT,
    View,
    breakdown_chart,
    breakdown_summary,
    chart_measure,
    form_year_chart,
    form_year_summary,
    moves_chart,
    moves_summary,
    recommendation_chart,
    recommendation_summary,
    undecided_summary,
)

KEY = "portfolio:"


def table_view(title: str, table: pd.DataFrame, what: str) -> None:
    """A chart's table alternative: the same figures as rows, in a closed section under the chart."""
    with st.expander(f"Tabell: {title}"):
        st.dataframe(table, hide_index=True, width="stretch", alt=f"Tabell med {what}")


def chart(chart_object: alt.Chart, summary: str) -> None:
    """A chart with its summary as the accessible name and, under it, as text for every reader."""
    # Vega's own look (Streamlit's theme draws the axes too light to read); no schema check on every view
    # (a third of the charts' time): tests/portfolio checks every chart against the schema.
    st.vega_lite_chart(spec=chart_object.to_dict(validate=False), width="stretch", theme=None, alt=summary)
    st.markdown(session.escape(summary))


def draw(view: View, tables: Mapping[str, pd.DataFrame], question_text: Mapping[str, str]) -> str:
    """Every chart and table after Att göra; returns what the charts measure (the radio's choice)."""
    portfolio = view.portfolio
    st.header("Beslut per form och år")
    measure = st.radio("Visa", list(CHART_MEASURES), format_func=CHART_MEASURES.__getitem__, horizontal=True,
                       key=KEY + "measure")
    amount, as_share = chart_measure(measure)
    chart(form_year_chart(portfolio, amount, share=as_share), form_year_summary(portfolio, amount))
    table_view("beslut per form och år", tables["Form per år"], "antal ärenden och kronor per år och form")


    def breakdown(table: pd.DataFrame, column: str, what: str, figures: str) -> None:
        chart(breakdown_chart(table, column, what.capitalize(), amount), breakdown_summary(table, column, what, amount))
        table_view(f"per {what}", tables[figures], f"antal ärenden och kronor per {what} och form")


    st.header("Per nämnd")
    breakdown(portfolio.by_committee, "committee", "nämnd", "Per nämnd")
    st.header("Per område och målgrupp")
    area_tab, group_tab = st.tabs(["Område", "Målgrupp"])
    with area_tab:
        breakdown(portfolio.by_area, "area", "område", "Per område")
    with group_tab:
        breakdown(portfolio.by_target_group, "target_group", "målgrupp", "Per målgrupp")

    st.header("Beslut mot rekommendation")
    if portfolio.decided:
        chart(recommendation_chart(portfolio), recommendation_summary(portfolio))
        table_view("beslut mot rekommendation", tables["Beslut mot rekommendation"],
                   "antal beslut av varje slag per rekommendation")
        if portfolio.deviates:
            st.markdown("**Beslut som avviker från rekommendationen, med motiveringen**")
            st.dataframe(tables["Avvikelser"], hide_index=True, width="stretch",
                         alt="Tabell över beslut som avviker från rekommendationen, med motivering")
    else:
        st.markdown(recommendation_summary(portfolio))

    st.header("Inte beslutade ärenden och vad som blockerar dem")
    st.markdown(session.escape(undecided_summary(portfolio, dict(question_text))))
    if len(portfolio.blocking):
        st.dataframe(tables["Blockerande frågor"], hide_index=True, width="stretch",
                     alt="Tabell över frågorna som håller ärenden oavgjorda, med antal ärenden per fråga")

    st.header("Verksamheter som bytt form")
    st.markdown(OVERVIEW_TEXT["moves"])
    if len(view.moves):
        chart(moves_chart(view.moves), moves_summary(view.moves))
        table_view("verksamheter som bytt form", tables["Förflyttningar"], "antal verksamheter per år och förflyttning")
    else:
        st.markdown(moves_summary(view.moves))

    st.header("Stöd av mindre betydelse per organisation")
    st.markdown(OVERVIEW_TEXT["de_minimis"])
    if len(view.de_minimis):
        st.dataframe(tables["De minimis per organisation"], hide_index=True, width="stretch",
                     alt="Tabell över stöd av mindre betydelse per organisation de senaste tre åren och vad som "
                         "återstår till taket")
    else:
        st.markdown(OVERVIEW_TEXT["no_de_minimis"])
    return measure
