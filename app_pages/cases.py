"""Ärenden: every saved case, searchable and filterable; open by clicking a row; copy, archive, import."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import case_actions, case_import_panel, records_session, session, statement_link
from iop.model import Case
from iop.records import (
    DECISION_SHORT,
    LOCAL_NOTE,
    NO_DECISION,
    SHOWN_COLUMNS,
    STATUS_LABEL,
    Action,
    CaseStatus,
    Network,
    display_frame,
    filter_cases,
    filter_choices,
)
from iop.store import StoreError
from iop.words import RECOMMENDATION_SHORT

# Comments, not strings under the constants: in a page script Streamlit's "magic" would show them.
FLASH = "cases:flash"  # a message for the next run (archived, restored, imported), shown above the list
TABLE_ROUND = "cases:table_round"  # in the table's key: a new key after opening, so it does not open again
EXTRA_COLUMNS = ["Offentlig part", "Nämnd", "Organisationsnummer", "Kontaktpersoner", "Kriterieuppsättning",
                 "Svar från", "Ändrad av"]

st.title("Ärenden")
desk = records_session.desk_or_stop(Action.read_case)
access = desk.settings
if not access.login and access.network is Network.loopback:
    st.caption(LOCAL_NOTE)
flash = st.session_state.pop(FLASH, None)
if flash:
    st.success(flash, icon=":material/check_circle:")

try:
    frame = desk.case_frame()
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()
book = session.rulebook()
set_titles = {set_id: criteria.title for set_id, criteria in book.sets.items()}

new_col, import_col = st.columns(2)
with new_col:
    if st.button("Nytt ärende", type="primary", icon=":material/add:", disabled=not desk.may(Action.create_case),
                 help=desk.refusal(Action.create_case) or None):
        # A new case starts clean: no status, lock or address from the case open before.
        records_session.start_new(Case(title="Nytt ärende", criteria_set=session.current_case().criteria_set))
        st.switch_page("app_pages/case.py")
# a role that only reads imports nothing
files = case_import_panel.uploader(import_col) if desk.may(Action.import_self_check) else None
if files:
    case_import_panel.draw(desk, files, frame, FLASH)

with st.container(border=True):
    search = st.text_input("Sök", placeholder="Rubrik, ärendemening, diarienummer, organisation, "
                                              "organisationsnummer, kontaktperson eller handläggare",
                           key="cases:search",
                           help="Stora och små bokstäver och accenter spelar ingen roll: malmo hittar Malmö.")
    status_col, rec_col, decision_col, year_col, committee_col = st.columns(5)
    statuses = status_col.multiselect("Status", [s.value for s in CaseStatus], key="cases:status",
                                      format_func=lambda s: STATUS_LABEL[CaseStatus(s)], placeholder="Alla")
    recommendations = rec_col.multiselect("Rekommendation", list(RECOMMENDATION_SHORT), key="cases:rec",
                                          format_func=RECOMMENDATION_SHORT.__getitem__, placeholder="Alla")
    decision_names = {**DECISION_SHORT, NO_DECISION: "Inget beslut"}
    decisions = decision_col.multiselect("Beslut", list(decision_names), key="cases:decision",
                                         format_func=decision_names.__getitem__, placeholder="Alla")
    year_choices, committee_choices = filter_choices(frame)
    years = year_col.multiselect("År", year_choices, key="cases:year", placeholder="Alla")
    committees = committee_col.multiselect("Nämnd", committee_choices, key="cases:committee", placeholder="Alla")
    archived_col, columns_col = st.columns([1, 2])
    include_archived = archived_col.checkbox("Visa arkiverade ärenden", key="cases:archived")
    extra = columns_col.multiselect("Fler kolumner", EXTRA_COLUMNS, key="cases:columns", placeholder="Välj kolumner",
                                    help="Listan visar det som får plats på en vanlig skärm; välj fler här.")

shown = filter_cases(frame, search, statuses, recommendations, years, committees, include_archived, decisions)
st.caption(f"{len(shown)} av {len(frame)} ärenden · Markera ett ärende (rutan längst till vänster på raden) "
           "för att öppna det.")
if shown.empty:
    st.info("Inga ärenden matchar sökningen." if len(frame) else
            "Inga sparade ärenden ännu. Skapa ett nytt ärende eller öppna ett exempel under Start; "
            "det sparas här så fort du ändrar något.")
    statement_link.stop()
table = display_frame(shown, set_titles)
table_round = st.session_state.get(TABLE_ROUND, 0)
picked = st.dataframe(
    table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
    key=f"cases:table:{table_round}", column_order=[*SHOWN_COLUMNS, *extra],
    # Widths in pixels that add up to what a 1366 px screen leaves beside the menu (about 870 px), so the
    # seven columns an official needs are all in view; a chosen extra column scrolls in from the right.
    column_config={
        "Diarienummer": st.column_config.TextColumn(width=95),
        "Rubrik": st.column_config.TextColumn(width=230),
        "Organisation": st.column_config.TextColumn(width=150),
        "Status": st.column_config.TextColumn(width=75),
        "Rekommendation": st.column_config.TextColumn(width=115),
        "Beslut": st.column_config.TextColumn(width=105),
        "Senast ändrad": st.column_config.DatetimeColumn(format="YYYY-MM-DD", width=95,
                                                          help="Datum för den senaste ändringen"),
    })
rows = picked.selection.rows if picked else []
if rows:
    chosen_id = str(table["id"].iloc[rows[0]])
    st.session_state[TABLE_ROUND] = table_round + 1
    try:
        records_session.open_record(desk.open_case(chosen_id))
    except StoreError as exc:
        st.error(str(exc))
    else:
        st.switch_page("app_pages/case.py")

case_actions.draw(desk, shown, FLASH)
