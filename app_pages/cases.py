"""Ärenden: every saved case, searchable and filterable; open, copy, archive, import."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import records_session, session, statement_link, upload_refusal
from iop.engine import case_from_bytes
from iop.io import InputError, log_event
from iop.model import Case
from iop.records import NOT_ACCESS_CONTROLLED, STATUS_LABEL, CaseStatus, display_frame, filter_cases
from iop.store import StoreError
from iop.words import RECOMMENDATION_SHORT

CONFIRM_ARCHIVE = "cases:confirm_archive"
IMPORTED_KEY = "cases:imported_file_id"

st.title("Ärenden")
register, who = records_session.register_or_stop()
assert who is not None and register is not None
if not records_session.policy().login_configured:
    st.warning(NOT_ACCESS_CONTROLLED, icon=":material/lock_open:")

new_col, import_col = st.columns(2)
with new_col:
    if st.button("Nytt ärende", type="primary", icon=":material/add:"):
        session.replace_case(Case(title="Nytt ärende"))
        st.switch_page("app_pages/case.py")
with import_col:
    uploaded = st.file_uploader("Importera en organisations självtest (YAML-fil)", type=["yaml", "yml"],
                                help="Filen som organisationen laddat ner under Exportera i organisationsläget. "
                                     "Den blir ett nytt ärende vars svar är märkta som organisationens.")
    upload_refusal.draw("Inget ärende har skapats.")
    if uploaded is not None and st.session_state.get(IMPORTED_KEY) != uploaded.file_id:
        try:
            # case_from_bytes checks the size (iop's 1 MB bound) before decoding or parsing anything.
            imported = case_from_bytes(uploaded.getvalue(), session.rulebook(), uploaded.name)
            stored = register.create_case(
                imported, who.label, from_organisation=True,
                note=f"Importerat från organisationens självtest ({uploaded.name}); svaren kommer från organisationen")
        except InputError as exc:
            log_event("refused", reason="invalid_file", user=who.label)
            st.error("Filen kunde inte importeras; inget ärende skapades.\n\n"
                     + "\n".join(f"- {session.escape(str(p))}" for p in exc.problems))
        except StoreError as exc:
            st.error(str(exc))
        else:
            st.session_state[IMPORTED_KEY] = uploaded.file_id
            records_session.open_record(stored)
            st.switch_page("app_pages/case.py")

try:
    frame = register.case_frame()
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()

with st.container(border=True):
    search = st.text_input("Sök", key="cases:search",
                           placeholder="Diarienummer, ärendemening, organisation, kommun, nämnd eller handläggare")
    status_col, rec_col, year_col, committee_col = st.columns(4)
    statuses = status_col.multiselect("Status", [s.value for s in CaseStatus], key="cases:status",
                                      format_func=lambda s: STATUS_LABEL[CaseStatus(s)], placeholder="Alla")
    recommendations = rec_col.multiselect("Rekommendation", list(RECOMMENDATION_SHORT), key="cases:rec",
                                          format_func=RECOMMENDATION_SHORT.__getitem__, placeholder="Alla")
    years = year_col.multiselect("År", sorted({int(y) for y in frame["year"].dropna()}, reverse=True),
                                 key="cases:year", placeholder="Alla")
    committees = committee_col.multiselect("Nämnd", sorted({c for c in frame["committee"] if c}),
                                           key="cases:committee", placeholder="Alla")
    include_archived = st.checkbox("Visa arkiverade ärenden", key="cases:archived")

shown = filter_cases(frame, search, statuses, recommendations, years, committees, include_archived)
st.caption(f"{len(shown)} av {len(frame)} ärenden")
if shown.empty:
    st.info("Inga ärenden matchar sökningen." if len(frame) else
            "Inga sparade ärenden ännu. Skapa ett nytt ärende eller öppna ett exempel under Start; "
            "det sparas här så fort du ändrar något.")
    statement_link.stop()
st.dataframe(display_frame(shown), hide_index=True, use_container_width=True,
             column_config={"Senast ändrad": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})

labels: dict[str, str] = {str(row.id): f"{str(row.diarienummer or '(utan diarienummer)')} – {str(row.title)}"
          + (" [arkiverat]" if row.status == CaseStatus.archived.value else "")
          for row in shown.itertuples()}
chosen = st.selectbox("Välj ärende", list(labels), format_func=labels.__getitem__, key="cases:chosen")
if chosen is None:  # cannot happen: the list is not empty and the box has no placeholder
    statement_link.stop()
chosen_status = CaseStatus(shown.loc[shown["id"] == chosen, "status"].iloc[0])
open_col, copy_col, archive_col = st.columns(3)
try:
    if open_col.button("Öppna", type="primary", icon=":material/folder_open:"):
        records_session.open_record(register.load_case(chosen))
        st.switch_page("app_pages/case.py")
    if copy_col.button("Kopiera som nytt ärende", icon=":material/content_copy:"):
        records_session.open_record(register.copy_case(chosen, who.label))
        st.switch_page("app_pages/case.py")
    if chosen_status is CaseStatus.archived:
        if archive_col.button("Återställ från arkivet", icon=":material/unarchive:"):
            register.restore(chosen, who.label)
            st.rerun()
    elif archive_col.button("Arkivera …", icon=":material/archive:"):
        st.session_state[CONFIRM_ARCHIVE] = chosen
    if st.session_state.get(CONFIRM_ARCHIVE) == chosen and chosen_status is not CaseStatus.archived:
        with st.container(border=True):
            st.warning(f"Vill du arkivera ”{session.escape(labels[chosen])}”? Ärendet raderas inte: det "
                       "finns kvar med hela sin historik och visas under ”Visa arkiverade ärenden”, "
                       "där det kan återställas.")
            yes_col, no_col = st.columns(2)
            if yes_col.button("Ja, arkivera", type="primary"):
                current = register.load_case(chosen)
                register.change_status(chosen, CaseStatus.archived, current.revision, who.label)
                st.session_state.pop(CONFIRM_ARCHIVE, None)
                if records_session.record_id() == chosen:
                    records_session.open_record(register.load_case(chosen))
                st.rerun()
            if no_col.button("Avbryt"):
                st.session_state.pop(CONFIRM_ARCHIVE, None)
                st.rerun()
except StoreError as exc:
    st.error(str(exc))
