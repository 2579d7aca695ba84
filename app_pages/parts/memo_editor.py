"""The tjänsteskrivelse's own texts on Exportera: prefilled from the recommendation, saved with the case.

What the official leaves as generated is not kept (``iop.documents.memo_fields``), so
the document follows the recommendation until someone writes their own words.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import form_fields as f
from iop.documents import (
    SUMMARY_MAX_LINES,
    generated_proposal,
    generated_summary,
    has_placeholders,
    involves_children,
    memo_fields,
    printed_lines,
)
from iop.model import Assessment, Case, Memo


def draw(case: Case, assessment: Assessment, locked: bool) -> None:
    """Förslag till beslut, Sammanfattning and the free sections; written into ``case`` unless it is locked."""
    memo = case.memo
    proposal_default = "\n".join(generated_proposal(assessment, case))
    summary_default = generated_summary(assessment, case)
    st.subheader("Tjänsteskrivelsen")
    st.caption("Det du skriver här sparas i ärendet som en ny version och kommer med i Word, PDF och "
               "arkivpaketet. Ett bedömt ärende behåller texterna som de var när det frystes.")
    typed = {"proposal": f.long_text(
        "Förslag till beslut", "memo:proposal", memo.proposal or proposal_default, height=110,
        help="En beslutsmening per rad, beslutet först. Förifyllt från rekommendationen; "
             "tomt fält: förslaget från rekommendationen används.")}
    if has_placeholders(typed["proposal"] or proposal_default):
        st.warning("Förslaget innehåller uppgifter inom [hakparentes] som behöver fyllas i innan det diarieförs.",
                   icon=":material/edit_note:")
    typed["summary"] = f.long_text("Sammanfattning", "memo:summary", memo.summary or summary_default, height=130,
                                   help=f"Högst {SUMMARY_MAX_LINES} rader i dokumentet. Förifylld från ärendet och "
                                        "rekommendationen.")
    used = printed_lines(typed["summary"] or summary_default)
    if used > SUMMARY_MAX_LINES:
        st.warning(f"Sammanfattningen blir {used} rader i dokumentet; korta den till högst {SUMMARY_MAX_LINES}.",
                   icon=":material/short_text:")
    children = involves_children(case)
    with st.expander("Egna texter, bilagor, mottagare och underskrifter", expanded=children and not memo.child_rights):
        typed.update(_own_texts(memo, children))
        typed.update(_attachments_and_signatures(case, memo))
    if locked:
        return  # the fields are disabled; a locked case's texts stay as they were frozen
    case.memo = f.validated(Memo, memo, memo_fields(typed, proposal_default, summary_default), "Tjänsteskrivelsen")


def _own_texts(memo: Memo, children: bool) -> dict[str, str]:
    typed = {
        "background": f.long_text("Ärendet – egen text", "memo:background", memo.background,
                                  placeholder="Bakgrund med egna ord; verksamheten och parterna kommer efter."),
        "assessment": f.long_text("Bedömning – egen text", "memo:assessment", memo.assessment,
                                  placeholder="Förvaltningens egna överväganden; kriterierna och grindarna "
                                              "kommer efter."),
        "economy": f.long_text("Ekonomiska konsekvenser – egen text", "memo:economy", memo.economy,
                               placeholder="T.ex. hur kostnaden ryms i budgeten."),
    }
    if children:
        st.info("Målgruppen omfattar barn: tjänsteskrivelsen behöver en barnrättsbedömning (barnkonventionen, "
                "lag (2018:1197)).", icon=":material/child_care:")
    typed["child_rights"] = f.long_text(
        "Barnrättsbedömning", "memo:child_rights", memo.child_rights,
        placeholder="Hur barnets bästa har beaktats och hur barn har fått komma till tals.")
    return typed


def _attachments_and_signatures(case: Case, memo: Memo) -> dict[str, str]:
    typed = {}
    col1, col2 = st.columns(2)
    with col1:
        typed["attachments"] = f.long_text("Bilagor (en per rad)", "memo:attachments", "\n".join(memo.attachments),
                                           help="”Så kom bedömningen till” kommer alltid med som bilaga 1.")
    with col2:
        typed["recipients"] = f.long_text("Beslutet skickas till (en per rad)", "memo:recipients",
                                          "\n".join(memo.recipients),
                                          placeholder=case.organisation.name or "Organisationen")
    col1, col2, col3 = st.columns(3)
    with col1:
        typed["officer_title"] = f.text("Handläggarens titel", "memo:officer_title", memo.officer_title,
                                        placeholder="T.ex. Utvecklingsledare")
    with col2:
        typed["manager"] = f.text("Chef som skriver under", "memo:manager", memo.manager, placeholder="Namn")
    with col3:
        typed["manager_title"] = f.text("Chefens titel", "memo:manager_title", memo.manager_title,
                                        placeholder="T.ex. Förvaltningschef")
    return typed
