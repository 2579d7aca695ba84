"""Exportera's archive package: the saved case as an E-ARK package, made on request (about a second)."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import records_session, session
from iop.documents import archive_package
from iop.model import Case
from iop.records import Action, frozen_assessment
from iop.store import StoreError

ARCHIVE = "export:archive"  # the archive package made on request: (case id, revision, file name, bytes)


def draw(case: Case, slug: str) -> None:
    """The button that makes the package of the register's copy, and its download while it is current."""
    st.subheader("Arkivpaket")
    desk, case_id = records_session.desk(), records_session.record_id()
    if desk is None or case_id is None:
        st.caption("Arkivpaketet görs av ett ärende som är sparat i ärenderegistret: ändra något i ärendet "
                   "(med ditt namn i sidofältet) så sparas det.")
        return
    st.caption("Ett E-ARK-informationspaket (FGS Paketstruktur 2.0) med tjänsteskrivelsen som PDF/A, ärendefilen "
               "och ärendets historik, beskrivet enligt FGS Ärendehantering med kontrollsummor. Registratorn "
               "lämnar det till diariet eller e-arkivet.")
    if st.button("Skapa arkivpaket", icon=":material/inventory_2:"):
        # What was typed just before the click belongs in the package (only a role that may edit typed anything).
        problem = records_session.save_now() if desk.may(Action.edit_draft) else ""
        if problem:
            st.error("Arkivpaketet kunde inte skapas: " + session.escape(problem), icon=":material/error:")
        else:
            try:
                desk.exported(case_id, "arkivpaket (zip)")  # checked against the role and written to the read log
                stored = desk.read_case(case_id)
                history, statuses = desk.history(case_id), desk.status_records(case_id)
            except StoreError as exc:
                st.error(str(exc), icon=":material/cloud_off:")
            else:
                with st.spinner("Arkivpaketet skapas …"):
                    made = frozen_assessment(stored, statuses) or session.engine().assess(stored.case)
                    package = archive_package(stored, history, statuses, made, session.rulebook())
                st.session_state[ARCHIVE] = (case_id, stored.revision, f"arkivpaket-{slug}.zip", package.data)
    kept = st.session_state.get(ARCHIVE)
    if kept and kept[:2] == (case_id, records_session.record().revision):
        st.download_button("Ladda ner arkivpaketet (zip)", kept[3], file_name=kept[2], mime="application/zip",
                           type="primary", icon=":material/download:")
        st.caption(f"Paketet gäller version {kept[1]} av ärendet.")
    elif kept:
        st.caption("Ärendet har ändrats sedan paketet skapades; skapa ett nytt.")
    if not case.diarienummer.strip():
        st.caption("Ärendet har inget diarienummer ännu: paketet bär ärendets id i IOP-stöd tills diariet ger det ett.")
