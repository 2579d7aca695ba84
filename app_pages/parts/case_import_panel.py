"""Ärenden's import: several case files (PDF or YAML) at once, whose answers they hold, and look-alikes warned of."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from app_pages.parts import records_session, session, upload_refusal
from iop.documents import Upload, read_uploads
from iop.io import log_event
from iop.records import (
    ANSWERS_FROM_LABEL,
    SOURCE_WORDS,
    STATUS_LABEL,
    AnswersFrom,
    CaseStatus,
    case_name,
    cases_word,
    duplicates_of,
    files_word,
    import_note,
    imported_message,
)
from iop.store import CaseDesk, StoreError

UPLOAD_ROUND = "cases:upload_round"


def uploader(column: Any) -> list[Any] | None:
    """The file chooser in its expander (in ``column``); the chosen files, if any."""
    upload_round = st.session_state.get(UPLOAD_ROUND, 0)
    with column.expander("Importera ärenden", icon=":material/upload_file:",
                         expanded=bool(st.session_state.get(f"cases:upload:{upload_round}"))):
        files = st.file_uploader(
            "Importera ärenden (PDF eller YAML, flera filer går bra)", type=["pdf", "yaml", "yml"],
            accept_multiple_files=True, key=f"cases:upload:{upload_round}",
            help="Organisationens PDF från självtestet (ärendefilen ligger inuti), eller en ärendefil i "
                 "YAML-format från Exportera. Varje fil blir ett nytt ärende.")
        upload_refusal.draw("Inget ärende har skapats.")
    return files


def draw(desk: CaseDesk, files: Sequence[Any], frame: Any, flash_key: str) -> None:
    """What the chosen files hold, whose answers they are, and the button that imports them as new cases."""
    uploads = read_uploads([(file.name, file.getvalue()) for file in files], session.rulebook())
    for upload in uploads:
        if upload.case is None:
            log_event("refused", reason="invalid_file", user=desk.identity.label if desk.identity else None)
    with st.container(border=True, key="import-panel"):
        st.markdown(f"**Import av {len(uploads)} {files_word(len(uploads))}**")
        source: AnswersFrom = st.radio(
            "Svaren i filerna kommer från", list(SOURCE_WORDS), format_func=ANSWERS_FROM_LABEL.__getitem__,
            horizontal=True, key="cases:import_source",
            help="Visas i kolumnen Svar från och i ärendets historik: organisationens svar är inte en "
                 "tjänstepersons bedömning.")
        readable = [u for u in uploads if u.case is not None]
        looks_alike = [_listed(upload, frame) for upload in uploads]  # every file listed, in order
        doubled = any(looks_alike)
        anyway = st.checkbox("Importera ändå, också det som liknar befintliga ärenden", key="cases:import_anyway") \
            if doubled else True
        label = f"Importera {len(readable)} {cases_word(len(readable))}"
        if st.button(label, type="primary", disabled=not readable or not anyway, icon=":material/upload_file:"):
            _import(desk, readable, source, flash_key)


def _listed(upload: Upload, frame: Any) -> bool:
    """One file in the list: why it cannot be imported, or its case; True when it looks like a saved case."""
    if upload.case is None:
        st.error(f"{session.escape(upload.name)} kan inte importeras:\n\n"
                 + "\n".join(f"- {session.escape(p)}" for p in upload.problems))
        return False
    case = upload.case
    same = duplicates_of(frame, case.title, case.organisation.name, case.organisation.org_number or "")
    line = (f"{session.escape(upload.name)}: {session.escape(case_name(case.title, case.diarienummer))}"
            + (f", {session.escape(case.organisation.name)}" if case.organisation.name else ""))
    if same.empty:
        st.markdown(f"- {line}")
        return False
    st.warning(f"{line}. **Liknar ett ärende som redan finns** (samma rubrik och organisation): "
               + "; ".join(session.escape(case_name(str(r.title), str(r.diarienummer or "")))
                           + f" ({STATUS_LABEL[CaseStatus(r.status)].lower()})"
                           for r in same.itertuples()),
               icon=":material/content_copy:")
    return True


def _import(desk: CaseDesk, readable: list[Upload], source: AnswersFrom, flash_key: str) -> None:
    created = []
    try:
        for upload in readable:
            assert upload.case is not None
            created.append(desk.create_case(upload.case, import_note(upload.name, source), answers_from=source,
                                            imported=True))
    except StoreError as exc:
        st.error(str(exc))
        return
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1  # empties the uploader
    if len(created) == 1:
        records_session.open_record(created[0])
        st.switch_page("app_pages/case.py")
    st.session_state[flash_key] = imported_message(len(created), source)
    st.rerun()
