"""Ärenden: every saved case, searchable and filterable; open by clicking a row; copy, archive, import."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app_pages.parts import records_session, session, statement_link, upload_refusal
from iop.documents import case_from_upload
from iop.io import InputError, log_event
from iop.model import Case
from iop.records import (
    ANSWERS_FROM_LABEL,
    DECISION_SHORT,
    LOCAL_NOTE,
    NO_DECISION,
    SHOWN_COLUMNS,
    STATUS_LABEL,
    Action,
    AnswersFrom,
    CaseStatus,
    Network,
    case_name,
    display_frame,
    duplicates_of,
    filter_cases,
)
from iop.store import StoreError
from iop.words import RECOMMENDATION_SHORT

CONFIRM_ARCHIVE = "cases:confirm_archive"
# Comments, not strings under the constants: in a page script Streamlit's "magic" would show them.
FLASH = "cases:flash"  # a message for the next run (archived, restored, imported), shown above the list
TABLE_ROUND = "cases:table_round"  # in the table's key: a new key after opening, so it does not open again
UPLOAD_ROUND = "cases:upload_round"
SOURCE_WORDS: dict[AnswersFrom, str] = {
    "organisation": "organisationen (dess självtest)",
    "official": "en tjänsteperson",
    "workshop": "en workshop",
}
EXTRA_COLUMNS = ["Offentlig part", "Nämnd", "Organisationsnummer", "Kontaktpersoner", "Kriterieuppsättning",
                 "Svar från", "Ändrad av"]


@dataclass(frozen=True)
class Upload:
    """One chosen file, read: the case in it, or why it cannot be imported."""

    name: str
    case: Case | None
    problems: tuple[str, ...] = ()


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
files = None
upload_round = st.session_state.get(UPLOAD_ROUND, 0)
if desk.may(Action.import_self_check):  # a role that only reads imports nothing
    with import_col.expander("Importera ärenden", icon=":material/upload_file:",
                             expanded=bool(st.session_state.get(f"cases:upload:{upload_round}"))):
        files = st.file_uploader(
            "Importera ärenden (PDF eller YAML, flera filer går bra)", type=["pdf", "yaml", "yml"],
            accept_multiple_files=True, key=f"cases:upload:{upload_round}",
            help="Organisationens PDF från självtestet (ärendefilen ligger inuti), eller en ärendefil i "
                 "YAML-format från Exportera. Varje fil blir ett nytt ärende.")
        upload_refusal.draw("Inget ärende har skapats.")

if files:
    uploads = []
    for file in files:
        try:
            uploads.append(Upload(file.name, case_from_upload(file.getvalue(), book, file.name)))
        except InputError as exc:
            log_event("refused", reason="invalid_file", user=desk.identity.label if desk.identity else None)
            uploads.append(Upload(file.name, None, tuple(str(p) for p in exc.problems)))
    with st.container(border=True, key="import-panel"):
        st.markdown(f"**Import av {len(uploads)} {'fil' if len(uploads) == 1 else 'filer'}**")
        source: AnswersFrom = st.radio(
            "Svaren i filerna kommer från", list(SOURCE_WORDS), format_func=ANSWERS_FROM_LABEL.__getitem__,
            horizontal=True, key="cases:import_source",
            help="Visas i kolumnen Svar från och i ärendets historik: organisationens svar är inte en "
                 "tjänstepersons bedömning.")
        readable = [u for u in uploads if u.case is not None]
        doubled = False
        for upload in uploads:
            if upload.case is None:
                st.error(f"{session.escape(upload.name)} kan inte importeras:\n\n"
                         + "\n".join(f"- {session.escape(p)}" for p in upload.problems))
                continue
            case = upload.case
            same = duplicates_of(frame, case.title, case.organisation.name, case.organisation.org_number or "")
            line = (f"{session.escape(upload.name)}: {session.escape(case_name(case.title, case.diarienummer))}"
                    + (f", {session.escape(case.organisation.name)}" if case.organisation.name else ""))
            if same.empty:
                st.markdown(f"- {line}")
            else:
                doubled = True
                st.warning(f"{line}. **Liknar ett ärende som redan finns** (samma rubrik och organisation): "
                           + "; ".join(session.escape(case_name(str(r.title), str(r.diarienummer or "")))
                                       + f" ({STATUS_LABEL[CaseStatus(r.status)].lower()})"
                                       for r in same.itertuples()),
                           icon=":material/content_copy:")
        anyway = st.checkbox("Importera ändå, också det som liknar befintliga ärenden", key="cases:import_anyway") \
            if doubled else True
        label = f"Importera {len(readable)} {'ärende' if len(readable) == 1 else 'ärenden'}"
        if st.button(label, type="primary", disabled=not readable or not anyway, icon=":material/upload_file:"):
            created = []
            try:
                for upload in readable:
                    assert upload.case is not None
                    created.append(desk.create_case(
                        upload.case, f"Importerat från {upload.name}; svaren kommer från {SOURCE_WORDS[source]}",
                        answers_from=source, imported=True))
            except StoreError as exc:
                st.error(str(exc))
            else:
                st.session_state[UPLOAD_ROUND] = upload_round + 1  # empties the uploader
                if len(created) == 1:
                    records_session.open_record(created[0])
                    st.switch_page("app_pages/case.py")
                st.session_state[FLASH] = (f"{len(created)} ärenden importerades, med svar från "
                                           f"{SOURCE_WORDS[source]}.")
                st.rerun()

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
    years = year_col.multiselect("År", sorted({int(y) for y in frame["year"].dropna()}, reverse=True),
                                 key="cases:year", placeholder="Alla")
    committees = committee_col.multiselect("Nämnd", sorted({c for c in frame["committee"] if c}),
                                           key="cases:committee", placeholder="Alla")
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

labels: dict[str, str] = {str(row.id): case_name(str(row.title), str(row.diarienummer or ""))
                          + (" [arkiverat]" if row.status == CaseStatus.archived.value else "")
                          for row in shown.itertuples()}
with st.expander("Kopiera, arkivera eller återställ ett ärende"):
    chosen = st.selectbox("Välj ärende", list(labels), format_func=labels.__getitem__, key="cases:chosen")
    if chosen is None:  # cannot happen: the list is not empty and the box has no placeholder
        statement_link.stop()
    chosen_status = CaseStatus(shown.loc[shown["id"] == chosen, "status"].iloc[0])
    open_col, copy_col, archive_col = st.columns(3)
    may_archive = desk.may(Action.archive_case)
    try:
        if open_col.button("Öppna", icon=":material/folder_open:"):
            records_session.open_record(desk.open_case(chosen))
            st.switch_page("app_pages/case.py")
        if desk.may(Action.copy_case) and copy_col.button("Kopiera som nytt ärende", icon=":material/content_copy:"):
            records_session.open_record(desk.copy_case(chosen))
            st.switch_page("app_pages/case.py")
        if not may_archive:
            pass  # a role that may not archive sees no archive button (the register would refuse it anyway)
        elif chosen_status is CaseStatus.archived:
            if archive_col.button("Återställ från arkivet", icon=":material/unarchive:"):
                restored = desk.restore(chosen)
                if records_session.record_id() == chosen:
                    records_session.open_record(restored)
                st.session_state[FLASH] = (f"{labels[chosen].removesuffix(' [arkiverat]')} är återställt som "
                                           f"{STATUS_LABEL[restored.status].lower()}.")
                st.rerun()
        elif archive_col.button("Arkivera …", icon=":material/archive:"):
            st.session_state[CONFIRM_ARCHIVE] = chosen
        if st.session_state.get(CONFIRM_ARCHIVE) == chosen and chosen_status is not CaseStatus.archived:
            with st.container(border=True):
                st.warning(f"Vill du arkivera {session.escape(labels[chosen])}? Ärendet raderas inte: det "
                           "finns kvar med hela sin historik och visas under ”Visa arkiverade ärenden”, "
                           "där det kan återställas.")
                yes_col, no_col = st.columns(2)
                if yes_col.button("Ja, arkivera", type="primary"):
                    current = desk.read_case(chosen)
                    desk.change_status(chosen, CaseStatus.archived, current.revision)
                    st.session_state.pop(CONFIRM_ARCHIVE, None)
                    if records_session.record_id() == chosen:
                        records_session.open_record(desk.read_case(chosen))
                    st.session_state[FLASH] = (f"{labels[chosen]} är arkiverat. Det visas under ”Visa arkiverade "
                                               "ärenden”, där det kan återställas.")
                    st.rerun()
                if no_col.button("Avbryt"):
                    st.session_state.pop(CONFIRM_ARCHIVE, None)
                    st.rerun()
    except StoreError as exc:
        st.error(str(exc))
