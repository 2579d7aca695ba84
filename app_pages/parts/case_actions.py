"""Ärenden's "Kopiera, arkivera eller återställ": one chosen case opened, copied, archived (after a question) or
restored; each button only for a role that may, and the register checks again."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.parts import records_session, session, statement_link
from iop.records import STATUS_LABEL, Action, CaseStatus, case_choices, case_names
from iop.store import CaseDesk, StoreError

CONFIRM_ARCHIVE = "cases:confirm_archive"


def draw(desk: CaseDesk, shown: Any, flash_key: str) -> None:
    """The expander for the cases in ``shown`` (the filtered list); a message for the next run under ``flash_key``."""
    labels = case_choices(shown)
    with st.expander("Kopiera, arkivera eller återställ ett ärende"):
        chosen = st.selectbox("Välj ärende", list(labels), format_func=labels.__getitem__, key="cases:chosen")
        if chosen is None:  # cannot happen: the list is not empty and the box has no placeholder
            statement_link.stop()
        chosen_status = CaseStatus(shown.loc[shown["id"] == chosen, "status"].iloc[0])
        open_col, copy_col, archive_col = st.columns(3)
        try:
            if open_col.button("Öppna", icon=":material/folder_open:"):
                records_session.open_record(desk.open_case(chosen))
                st.switch_page("app_pages/case.py")
            if desk.may(Action.copy_case) and copy_col.button("Kopiera som nytt ärende",
                                                              icon=":material/content_copy:"):
                records_session.open_record(desk.copy_case(chosen))
                st.switch_page("app_pages/case.py")
            if not desk.may(Action.archive_case):
                return  # a role that may not archive sees no archive button (the register would refuse it anyway)
            if chosen_status is CaseStatus.archived:
                if archive_col.button("Återställ från arkivet", icon=":material/unarchive:"):
                    _restore(desk, chosen, case_names(shown)[chosen], flash_key)
                return
            if archive_col.button("Arkivera …", icon=":material/archive:"):
                st.session_state[CONFIRM_ARCHIVE] = chosen
            if st.session_state.get(CONFIRM_ARCHIVE) == chosen:
                _confirm_archive(desk, chosen, labels[chosen], flash_key)
        except StoreError as exc:
            st.error(str(exc))


def _restore(desk: CaseDesk, chosen: str, name: str, flash_key: str) -> None:
    restored = desk.restore(chosen)
    if records_session.record_id() == chosen:
        records_session.open_record(restored)
    st.session_state[flash_key] = (f"{name} är återställt som "
                                   f"{STATUS_LABEL[restored.status].lower()}.")
    st.rerun()


def _confirm_archive(desk: CaseDesk, chosen: str, label: str, flash_key: str) -> None:
    with st.container(border=True):
        st.warning(f"Vill du arkivera {session.escape(label)}? Ärendet raderas inte: det "
                   "finns kvar med hela sin historik och visas under ”Visa arkiverade ärenden”, "
                   "där det kan återställas.")
        yes_col, no_col = st.columns(2)
        if yes_col.button("Ja, arkivera", type="primary"):
            current = desk.read_case(chosen)
            desk.change_status(chosen, CaseStatus.archived, current.revision)
            st.session_state.pop(CONFIRM_ARCHIVE, None)
            if records_session.record_id() == chosen:
                records_session.open_record(desk.read_case(chosen))
            st.session_state[flash_key] = (f"{label} är arkiverat. Det visas under ”Visa arkiverade "
                                           "ärenden”, där det kan återställas.")
            st.rerun()
        if no_col.button("Avbryt"):
            st.session_state.pop(CONFIRM_ARCHIVE, None)
            st.rerun()
