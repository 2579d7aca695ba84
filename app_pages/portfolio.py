"""Översikt: the register as a whole, by form, year, committee and area; decisions against recommendations;
what is undecided and why; activities moving between forms; what is due; de minimis room; exports.
Layout only: the filter, the words and the exports are decided in iop.portfolio (overview)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.parts import portfolio_session, records_session, session, statement_link
from iop.portfolio import (
    ALL_YEARS,
    CHART_MEASURES,
    CSV_MIME,
    DOCX_MIME,
    FILTER_PARAMS,
    OVERVIEW_TEXT,
    XLSX_MIME,
    address_changes,
    all_tables,
    annex_bytes,
    box_values,
    breakdown_chart,
    breakdown_summary,
    chart_measure,
    chart_png,
    chart_svg,
    chosen_filter,
    csv_bytes,
    excel_bytes,
    export_about,
    follow_share,
    form_year_chart,
    form_year_summary,
    from_query,
    moves_chart,
    moves_summary,
    openable,
    pictures,
    recommendation_chart,
    recommendation_summary,
    today,
    undecided_summary,
)
from iop.records import LOCAL_NOTE, STATUS_LABEL, CaseStatus, Network
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

# ----- the filter: read from the address once, written back to it on every run ----------------
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
                                      format_func=lambda s: STATUS_LABEL[CaseStatus(s)], placeholder="Alla statusar")
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

# ----- the figures ------------------------------------------------------------------------------
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
st.markdown(session.escape(undecided_summary(portfolio, question_text)))
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
                 alt="Tabell över stöd av mindre betydelse per organisation de senaste tre åren och vad som återstår "
                     "till taket")
else:
    st.markdown(OVERVIEW_TEXT["no_de_minimis"])

# ----- exports ------------------------------------------------------------------------------
st.header("Exportera")
lines = export_about(chosen, set_titles, portfolio_desk.desk.identity.label if portfolio_desk.desk.identity else "",
                     pd.Timestamp.now(tz="UTC").to_pydatetime())
excel_col, word_col = st.columns(2)
excel_col.download_button("Ladda ner siffrorna som Excel", lambda: excel_bytes(tables, lines),
                          file_name="oversikt.xlsx", mime=XLSX_MIME, icon=":material/table_view:",
                          help="En flik per tabell, och en första flik om urvalet.")
word_col.download_button("Ladda ner Word-bilaga med diagrammen", lambda: annex_bytes(view, tables, lines),
                         file_name="oversikt-bilaga.docx", mime=DOCX_MIME, icon=":material/description:",
                         help="Diagrammen som bilder med beskrivande text och tabellerna, för en tjänsteskrivelse.")
csv_col, csv_button = st.columns([3, 1], vertical_alignment="bottom")
csv_name = csv_col.selectbox("Tabell som CSV", list(tables), key=KEY + "csv")
csv_button.download_button("Ladda ner CSV", lambda: csv_bytes(tables[csv_name]), file_name="oversikt.csv",
                           mime=CSV_MIME, icon=":material/download:")
charts = pictures(view, measure).charts
picture_col, png_col, svg_col = st.columns([2, 1, 1], vertical_alignment="bottom")
picture = picture_col.selectbox("Diagram som bild", list(charts), key=KEY + "picture")
png_col.download_button("Ladda ner PNG", lambda: chart_png(charts[picture]()),
                        file_name="diagram.png", mime="image/png", icon=":material/image:")
svg_col.download_button("Ladda ner SVG", lambda: chart_svg(charts[picture]()),
                        file_name="diagram.svg", mime="image/svg+xml", icon=":material/image:")
