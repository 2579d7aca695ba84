"""Someone else saved meanwhile: what they changed, and the choice to merge or to reload (never a silent overwrite)."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from app_pages.parts.records_session.keys import CONFLICT, MERGE_NOTE, SAVE_ERROR
from app_pages.parts.records_session.record_run import RecordRun
from app_pages.parts.records_session.record_state import open_record, record, record_id
from iop.store import StaleRevision, StoreError

MERGED_NOTE = "Sammanslaget efter samtidig ändring"


def conflict_panel(run: RecordRun) -> None:
    conflict = st.session_state.get(CONFLICT)
    found = run.desk()
    if not conflict or run.who is None or found is None:
        return
    with st.container(border=True):
        st.warning(session.escape(conflict["message"]), icon=":material/group:")  # it names a person
        st.markdown("**Det här ändrade den andra personen:**\n\n" +
                    "\n".join(f"- {session.escape(c)}" for c in conflict["changes"]))
        merge_col, reload_col = st.columns(2)
        merge = merge_col.button("Slå ihop mina ändringar med den nya versionen", type="primary",
                                 icon=":material/merge:")
        reload = reload_col.button("Läs in den nya versionen (mina ändringar tas bort)", icon=":material/refresh:")
    case_id = record_id()
    if not case_id or not (merge or reload):
        return
    try:
        theirs = found.read_case(case_id)
        if reload:
            open_record(theirs)
        else:
            merged, collisions = found.merge(record().saved or theirs.case, session.current_case(), theirs.case)
            open_record(found.save_case(case_id, merged, theirs.revision, note=MERGED_NOTE))
            if collisions:
                st.session_state[MERGE_NOTE] = collisions
    except StaleRevision as exc:
        st.session_state[CONFLICT] = {"message": str(exc), "changes": exc.changes}
    except StoreError as exc:
        st.session_state[SAVE_ERROR] = str(exc)
    st.rerun()


def merge_note() -> None:
    """After a merge, once: where both changed the same thing, the user's own value was kept."""
    collisions = st.session_state.pop(MERGE_NOTE, [])
    if collisions:
        st.info("Ändringarna är sammanslagna och sparade. Där ni båda ändrat samma sak behölls ditt värde:\n\n"
                + "\n".join(f"- {session.escape(c)}" for c in collisions))
