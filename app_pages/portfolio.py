"""Översikt: the register as a whole, by form, year, committee and area; decisions against recommendations;
what is undecided and why; activities moving between forms; what is due; de minimis room; exports."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.parts import portfolio_session, records_session, session, statement_link
from iop.portfolio import (
    CSV_MIME,
    DOCX_MIME,
    TODO_LABEL,
    XLSX_MIME,
    AnnexChart,
    Known,
    PortfolioFilter,
    all_tables,
    breakdown_chart,
    breakdown_summary,
    build_view,
    chart_png,
    chart_svg,
    csv_bytes,
    excel_bytes,
    follow_share,
    form_year_chart,
    form_year_summary,
    from_query,
    local_time,
    moves_chart,
    moves_summary,
    recommendation_chart,
    recommendation_summary,
    today,
    undecided_summary,
    word_annex,
)
from iop.records import LOCAL_NOTE, STATUS_LABEL, CaseStatus, Network
from iop.store import StoreError

KEY = "portfolio:"
ALL_YEARS = 0  # the year boxes' first choice, no bound (Streamlit shows a None option as an empty box)
FILTER_PARAMS = ("fran", "till", "namnd", "status", "kriterier")
MEASURES = {"count": "Antal ärenden", "municipality_sek": "Kommunens pengar (kr per år)", "share": "Andel per form"}

st.title("Översikt")
store, register, who = portfolio_session.store_or_stop()
access = records_session.settings()
if not access.login and access.network is Network.loopback:
    st.caption(LOCAL_NOTE)
book = session.rulebook()
set_titles = {set_id: criteria.title for set_id, criteria in book.sets.items()}
try:
    frame = store.frame()
    links = store.links()
    states = store.agreement_states()
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()
if frame.empty:
    st.info("Registret har inga ärenden ännu. Översikten fylls när ärenden sparas under Ärenden.")
    statement_link.stop()

# ----- the filter: read from the address once, written back to it on every run ----------------
known = Known.of(frame, book.sets)
if KEY + "from" not in st.session_state:
    asked, problems = from_query({name: st.query_params.get_all(name) for name in FILTER_PARAMS}, known)
    st.session_state[KEY + "from"] = asked.year_from or ALL_YEARS
    st.session_state[KEY + "to"] = asked.year_to or ALL_YEARS
    st.session_state[KEY + "committees"] = list(asked.committees)
    st.session_state[KEY + "statuses"] = list(asked.statuses)
    st.session_state[KEY + "sets"] = list(asked.criteria_sets)
    st.session_state[KEY + "problems"] = problems
for problem in st.session_state.get(KEY + "problems", []):
    st.warning(session.escape(problem), icon=":material/link_off:")

years = [ALL_YEARS, *known.years]
with st.container(border=True):
    st.markdown("**Urval**")
    from_col, to_col, committee_col = st.columns([1, 1, 2])
    chosen_from = from_col.selectbox("Från år", years, key=KEY + "from",
                                     format_func=lambda y: "Första året" if y == ALL_YEARS else str(y))
    chosen_to = to_col.selectbox("Till år", years, key=KEY + "to",
                                 format_func=lambda y: "Senaste året" if y == ALL_YEARS else str(y))
    committees = committee_col.multiselect("Nämnd", list(known.committees), key=KEY + "committees",
                                           placeholder="Alla nämnder")
    status_col, set_col = st.columns(2)
    statuses = status_col.multiselect("Status", [s.value for s in CaseStatus], key=KEY + "statuses",
                                      format_func=lambda s: STATUS_LABEL[CaseStatus(s)], placeholder="Alla statusar")
    sets = set_col.multiselect("Kriterieuppsättning", list(known.criteria_sets), key=KEY + "sets",
                               format_func=lambda s: set_titles.get(s, s), placeholder="Alla uppsättningar")
year_from = None if chosen_from in (None, ALL_YEARS) else chosen_from
year_to = None if chosen_to in (None, ALL_YEARS) else chosen_to
if year_from is not None and year_to is not None and year_from > year_to:
    st.warning(f"Från år ({year_from}) ligger efter till år ({year_to}); åren visas i rätt ordning.")
    year_from, year_to = year_to, year_from
chosen = PortfolioFilter(year_from, year_to, tuple(committees), tuple(statuses), tuple(sets))
wanted = chosen.to_query()
for name in FILTER_PARAMS:
    if name in wanted:
        if st.query_params.get_all(name) != (wanted[name] if isinstance(wanted[name], list) else [wanted[name]]):
            st.query_params[name] = wanted[name]
    elif name in st.query_params:
        del st.query_params[name]
st.caption(session.escape(chosen.describe(set_titles)) + " Adressen i webbläsaren visar urvalet: kopiera den för "
           "att dela samma vy med en kollega.")

view = build_view(frame, links, states, chosen, today(), book.parameters)
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
    st.info("Inga ärenden matchar urvalet. Ändra åren, nämnderna eller statusarna ovan.")
    statement_link.stop()
st.caption("Ett ärende räknas det år det beslutades, annars ärendets år. Belopp är kronor per år enligt "
           "överenskommelsen, annars enligt ärendet; ärenden utan belopp räknas i antal men inte i summor. "
           "Arkiverade ärenden räknas bara om du väljer dem under Status.")


def table_view(title: str, table: pd.DataFrame, what: str) -> None:
    """A chart's table alternative: the same figures as rows, in a closed section under the chart."""
    with st.expander(f"Tabell: {title}"):
        st.dataframe(table, hide_index=True, width="stretch", alt=f"Tabell med {what}")


def chart(chart_object: alt.Chart, summary: str) -> None:
    """A chart with its summary as the accessible name and, under it, as text for every reader."""
    # Vega's own look, as in the exported pictures: Streamlit's theme draws the axes in a grey too light to read.
    # The spec goes in as Vega-Lite without Altair's schema check on every view (a third of the charts' time);
    # tests/portfolio checks every chart against the schema.
    st.vega_lite_chart(spec=chart_object.to_dict(validate=False), width="stretch", theme=None, alt=summary)
    st.markdown(session.escape(summary))


# ----- Att göra -----------------------------------------------------------------------------
st.header(f"Att göra ({len(view.todo)})")
if view.todo:
    st.dataframe(tables["Att göra"], hide_index=True, width="stretch",
                 alt="Tabell över uppföljningar, uppsägningar, utvärderingar, omprövningar och de minimis-tak "
                     "som är aktuella eller försenade, tidigast först")
    openable = {item.case_id: f"{TODO_LABEL[item.kind]}: {view.titles.get(item.case_id, '')}" for item in view.todo
                if item.case_id}
    pick_col, open_col = st.columns([3, 1], vertical_alignment="bottom")
    picked = pick_col.selectbox("Öppna ett ärende ur listan", list(openable), format_func=openable.__getitem__,
                                key=KEY + "todo_pick")
    if open_col.button("Öppna ärendet", icon=":material/folder_open:") and picked:
        try:
            found = records_session.desk(access)
            records_session.open_record(found.open_case(picked) if found else register.load_case(picked))
        except StoreError as exc:
            st.error(str(exc))
        else:
            st.switch_page("app_pages/case_record.py")
else:
    st.markdown("Inget är aktuellt just nu: inga avstämningar, uppsägningar, utvärderingar eller omprövningar "
                "inom 30 dagar, och ingen organisation nära taket för stöd av mindre betydelse.")

# ----- form per year ----------------------------------------------------------------------------
st.header("Beslut per form och år")
measure = st.radio("Visa", list(MEASURES), format_func=MEASURES.__getitem__, horizontal=True, key=KEY + "measure")
amount = "count" if measure == "share" else measure
chart(form_year_chart(portfolio, amount, share=measure == "share"), form_year_summary(portfolio, amount))
table_view("beslut per form och år", tables["Form per år"], "antal ärenden och kronor per år och form")

st.header("Per nämnd")
chart(breakdown_chart(portfolio.by_committee, "committee", "Nämnd", amount),
      breakdown_summary(portfolio.by_committee, "committee", "nämnd", amount))
table_view("per nämnd", tables["Per nämnd"], "antal ärenden och kronor per nämnd och form")

st.header("Per område och målgrupp")
area_tab, group_tab = st.tabs(["Område", "Målgrupp"])
with area_tab:
    chart(breakdown_chart(portfolio.by_area, "area", "Område", amount),
          breakdown_summary(portfolio.by_area, "area", "område", amount))
    table_view("per område", tables["Per område"], "antal ärenden och kronor per område och form")
with group_tab:
    chart(breakdown_chart(portfolio.by_target_group, "target_group", "Målgrupp", amount),
          breakdown_summary(portfolio.by_target_group, "target_group", "målgrupp", amount))
    table_view("per målgrupp", tables["Per målgrupp"], "antal ärenden och kronor per målgrupp och form")

# ----- decisions against recommendations ------------------------------------------------------
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

# ----- the trend ------------------------------------------------------------------------------
st.header("Verksamheter som bytt form")
st.markdown("Ett ärende som fortsätter ett tidigare (samma verksamhet förnyad, eller flyttad från bidrag till IOP "
            "eller från IOP till upphandling) kopplas som efterföljare under Status och historik. Här räknas "
            "förflyttningarna det år efterföljaren beslutades.")
if len(view.moves):
    chart(moves_chart(view.moves), moves_summary(view.moves))
    table_view("verksamheter som bytt form", tables["Förflyttningar"], "antal verksamheter per år och förflyttning")
else:
    st.markdown(moves_summary(view.moves))

# ----- de minimis ------------------------------------------------------------------------------
st.header("Stöd av mindre betydelse per organisation")
st.markdown("Stöd av mindre betydelse (de minimis) räknas per organisation under tre år bakåt från i dag, över "
            "alla dess ärenden i registret: beslutade bidrag och IOP där statsstödsprövningen kom fram till stöd av "
            "mindre betydelse. Kronor per år gånger avtalets längd (högst 36 månader; okänd längd räknas som 36), "
            "omräknat till euro. Stöd från andra än kommunen finns inte här.")
if len(view.de_minimis):
    st.dataframe(tables["De minimis per organisation"], hide_index=True, width="stretch",
                 alt="Tabell över stöd av mindre betydelse per organisation de senaste tre åren och vad som återstår "
                     "till taket")
else:
    st.markdown("Inga organisationer i urvalet har beslutat stöd av mindre betydelse de senaste tre åren.")

# ----- exports ------------------------------------------------------------------------------
st.header("Exportera")
about = ["Översikt över ärendena i IOP-stöd", chosen.describe(set_titles),
         f"Uttaget {local_time(pd.Timestamp.now(tz='UTC').to_pydatetime())} (svensk tid) av {who.label}.",
         "Ett ärende räknas det år det beslutades, annars ärendets år. Belopp i kronor per år enligt "
         "överenskommelsen, annars enligt ärendet."]


def annex() -> bytes:
    charts = [
        AnnexChart("Beslut per form och år", form_year_chart(portfolio, "count", title="Beslut per form och år",
                                                             width=640), form_year_summary(portfolio),
                   tables["Form per år"]),
        AnnexChart("Kommunens pengar per form och år",
                   form_year_chart(portfolio, "municipality_sek", title="Kommunens pengar per form och år", width=640),
                   form_year_summary(portfolio, "municipality_sek"), pd.DataFrame()),
        AnnexChart("Per nämnd", breakdown_chart(portfolio.by_committee, "committee", "Nämnd", title="Per nämnd",
                                                width=640),
                   breakdown_summary(portfolio.by_committee, "committee", "nämnd"), tables["Per nämnd"]),
    ]
    if portfolio.decided:
        charts.append(AnnexChart("Beslut mot rekommendation", recommendation_chart(
            portfolio, title="Beslut mot rekommendation", width=640), recommendation_summary(portfolio),
            tables["Beslut mot rekommendation"]))
    if len(view.moves):
        charts.append(AnnexChart("Verksamheter som bytt form", moves_chart(view.moves, title="Verksamheter som "
                                                                           "bytt form", width=640),
                                 moves_summary(view.moves), tables["Förflyttningar"]))
    return word_annex("Bilaga: översikt över ärendena", about, charts)


CHARTS: dict[str, Callable[[], alt.Chart]] = {
    "Beslut per form och år": lambda: form_year_chart(portfolio, amount, share=measure == "share",
                                                      title="Beslut per form och år", width=640),
    "Per nämnd": lambda: breakdown_chart(portfolio.by_committee, "committee", "Nämnd", amount, title="Per nämnd",
                                         width=640),
    "Beslut mot rekommendation": lambda: recommendation_chart(portfolio, title="Beslut mot rekommendation",
                                                              width=640),
}
excel_col, word_col = st.columns(2)
excel_col.download_button("Ladda ner siffrorna som Excel", lambda: excel_bytes(tables, about),
                          file_name="oversikt.xlsx", mime=XLSX_MIME, icon=":material/table_view:",
                          help="En flik per tabell, och en första flik om urvalet.")
word_col.download_button("Ladda ner Word-bilaga med diagrammen", annex, file_name="oversikt-bilaga.docx",
                         mime=DOCX_MIME, icon=":material/description:",
                         help="Diagrammen som bilder med beskrivande text och tabellerna, för en tjänsteskrivelse.")
csv_col, csv_button = st.columns([3, 1], vertical_alignment="bottom")
csv_name = csv_col.selectbox("Tabell som CSV", list(tables), key=KEY + "csv")
csv_button.download_button("Ladda ner CSV", lambda: csv_bytes(tables[csv_name]), file_name="oversikt.csv",
                           mime=CSV_MIME, icon=":material/download:")
picture_col, png_col, svg_col = st.columns([2, 1, 1], vertical_alignment="bottom")
picture = picture_col.selectbox("Diagram som bild", list(CHARTS), key=KEY + "picture")
png_col.download_button("Ladda ner PNG", lambda: chart_png(CHARTS[picture]()),
                        file_name="diagram.png", mime="image/png", icon=":material/image:")
svg_col.download_button("Ladda ner SVG", lambda: chart_svg(CHARTS[picture]()),
                        file_name="diagram.svg", mime="image/svg+xml", icon=":material/image:")
