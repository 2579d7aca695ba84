"""Status och historik's "Ändra status": the step this person's role may take on the case, and nothing else.

Which panel is shown is ``iop.records.status_offer``; the decision form is read by
``iop.records.read_decision``; the guarded register checks each step again.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages.parts import decision_form, records_session, session
from iop.guide import open_before_assessing
from iop.records import (
    REOPENED_NOTE,
    RETURNED_NOTE,
    REVIEWED_NOTE,
    AssessmentSnapshot,
    CaseStatus,
    Panel,
    StatusRecord,
    StoredCase,
    assessed_anyway_note,
    status_offer,
    waiting_text,
)
from iop.store import CaseDesk, StoreError

CONFIRM_ASSESS = "record:confirm_assess"


class _Change:
    """Take a status step on the case and show the case as it now is; a refusal is said, not raised."""

    def __init__(self, desk: CaseDesk, stored: StoredCase) -> None:
        self.desk, self.stored = desk, stored

    def __call__(self, new: CaseStatus, **frozen: object) -> None:
        try:
            records_session.open_record(self.desk.change_status(self.stored.id, new, self.stored.revision,
                                                                **frozen))  # type: ignore[arg-type]
        except StoreError as exc:
            st.error(str(exc))
            return
        st.rerun()


def draw(desk: CaseDesk, stored: StoredCase, records: Sequence[StatusRecord]) -> None:
    st.subheader("Ändra status")
    offer = status_offer(stored.status, desk.may)
    change = _Change(desk, stored)
    if offer.panel is Panel.waiting:
        st.caption(waiting_text(stored.status, desk.identity))
    elif offer.panel is Panel.assess:
        _assess(desk, stored)
    elif offer.panel is Panel.review:
        st.markdown("Som **granskare** markerar du ärendet som granskat, eller återlämnar det till handläggaren "
                    "som ett utkast (den frysta bedömningen finns kvar i historiken).")
        review_col, return_col = st.columns(2)
        if review_col.button("Markera som granskat", type="primary", icon=":material/verified:"):
            change(CaseStatus.reviewed, note=REVIEWED_NOTE)
        if return_col.button("Återlämna till handläggaren", icon=":material/undo:"):
            change(CaseStatus.draft, note=RETURNED_NOTE)
    elif offer.panel is Panel.reviewed:
        st.markdown("Ärendet är granskat. Nästa steg är att en beslutsfattare registrerar beslutet.")
        if offer.may_return and st.button("Återlämna till handläggaren", icon=":material/undo:"):
            change(CaseStatus.draft, note=RETURNED_NOTE)
    elif offer.panel is Panel.decide:
        if offer.may_review:
            review_col, _ = st.columns(2)
            if review_col.button("Markera som granskat", icon=":material/verified:"):
                change(CaseStatus.reviewed, note=REVIEWED_NOTE)
        alone = desk.decision_refusal(stored.id)
        if alone:  # said before the form, not after it has been filled in
            st.info(alone, icon=":material/group:")
        else:
            made = decision_form.draw(stored, records)
            if made is not None:
                change(CaseStatus.decided, decision=made)
        if st.button("Öppna som utkast igen", icon=":material/edit:",
                     help="Den frysta bedömningen finns kvar i historiken."):
            change(CaseStatus.draft, note=REOPENED_NOTE)
    elif offer.panel is Panel.decided:
        st.markdown("Ärendet är beslutat och kan inte ändras. Kopiera det under Ärenden för att arbeta vidare.")
    else:
        st.markdown("Ärendet är arkiverat. Återställ det under Ärenden (Visa arkiverade ärenden).")


def _assess(desk: CaseDesk, stored: StoredCase) -> None:
    change = _Change(desk, stored)
    st.markdown("När du markerar ärendet som **bedömt** fryses rekommendationen, regeln, kriterieuppsättningens "
                "version och kontrollsumma och hela bedömningen, så att ärendet alltid visar vad som "
                "konstaterades då, även om kriterierna ändras senare. Svaren kan sedan inte ändras.")
    now = session.engine().assess(stored.case)
    still_open = open_before_assessing(now, stored.case, session.rulebook().questions)
    if st.button("Markera som bedömt", type="primary", icon=":material/fact_check:"):
        if not still_open:
            change(CaseStatus.assessed, snapshot=AssessmentSnapshot.of(now))
        st.session_state[CONFIRM_ASSESS] = stored.id
    if not still_open or st.session_state.get(CONFIRM_ASSESS) != stored.id:
        return
    # Freezing an assessment with a legal gate not investigated or a deciding question open is allowed,
    # but not in one click: the official confirms and says why, and the reason is kept in the history.
    with st.container(border=True, key="confirm-assess"):
        st.warning("**Bedömningen är inte färdig.** Det här är fortfarande öppet och kan ändra "
                   "rekommendationen:\n\n" + "\n".join(f"- {session.escape(p.text)}" for p in still_open),
                   icon=":material/warning:")
        reason = st.text_area("Varför ska ärendet ändå markeras som bedömt? *", key="record:assess_reason",
                              placeholder="T.ex. Nämnden ska besluta nu; frågan utreds inför avtalet.",
                              help="Skälet sparas i ärendets historik vid statusändringen.")
        yes_col, no_col = st.columns(2)
        if yes_col.button("Ja, markera som bedömt", type="primary", key="record:assess_confirm"):
            if not reason.strip():
                st.error("Skriv varför ärendet ska markeras som bedömt trots det som är öppet.")
            else:
                st.session_state.pop(CONFIRM_ASSESS, None)
                change(CaseStatus.assessed, snapshot=AssessmentSnapshot.of(now),
                       note=assessed_anyway_note(reason, [p.text for p in still_open]))
        if no_col.button("Avbryt", key="record:assess_cancel"):
            st.session_state.pop(CONFIRM_ASSESS, None)
            st.rerun()
