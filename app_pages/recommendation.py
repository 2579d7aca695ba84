"""Rekommendation: the result in one sentence and everything behind it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import outline_view, session
from iop import leaning_sentence, plain_leaning
from iop.document import Bullets, Heading, Outline, Paragraph, build_outline, leaning_section
from iop.preparation import preparation_list
from iop.swedish import DISCLAIMER, RECOMMENDATION_SHORT, verdict_sentence

case = session.current_case()
assessment = session.engine().assess(case)

st.title("Rekommendation")
SYMBOL = {"iop": ":material/handshake:", "grant": ":material/payments:", "procurement": ":material/contract:",
          "undecided": ":material/help:"}
with st.container(border=True):
    st.markdown(f"### {SYMBOL[assessment.recommendation]} {RECOMMENDATION_SHORT[assessment.recommendation]}")
    st.markdown(f"**{session.escape(verdict_sentence(assessment.recommendation, assessment.form))}**")
    st.caption(f"Avgjort av regel {assessment.rule.id} i {session.escape(assessment.rule.table_title)} · "
               f"Kriterier: {session.escape(assessment.criteria_set.title)}, version {assessment.criteria_set.version}")

if assessment.leaning is not None:
    # Kept apart from the verdict above: a leaning is never the recommendation.
    with st.container(border=True):
        st.markdown("#### :material/explore: Preliminär bedömning – inte en rekommendation")
        if session.is_organisation():
            st.markdown(session.escape(plain_leaning(assessment.leaning)))
        else:
            st.markdown(session.escape(leaning_sentence(assessment.leaning)))
            if assessment.leaning.settle:
                st.markdown("Det som avgör, viktigast först:\n" + "\n".join(
                    f"1. {session.escape(q.text)}" for q in assessment.leaning.settle))
            st.caption(session.escape(assessment.leaning.not_yet))
            section = leaning_section(assessment)
            basis = section.blocks[2:] if section else []  # after the sentence and "not yet", shown above
            if basis:
                with st.expander("Underlaget: kända uppgifter med vikt och källa"):
                    # The decision document's blocks; the settling questions are listed just above already.
                    settle = [Paragraph("Det som avgör ärendet, viktigast först:"),
                              Bullets([q.text for q in assessment.leaning.settle])]
                    outline_view.draw(Outline([b for b in basis if b not in settle]), skip_first_heading=False)

outline = build_outline(assessment)
if not session.is_organisation():
    # The leaning is drawn in its own block above; the outline leaves it out rather than repeat it.
    section = leaning_section(assessment)
    if section is not None:
        shown_above = [Heading(section.title, 2), *section.blocks]
        outline = Outline([b for b in outline.blocks if b not in shown_above])

if session.is_organisation():
    st.subheader("Det här behöver ni förbereda")
    st.markdown("Innan ni kontaktar kommunen, ta fram:")
    st.markdown("\n".join(f"1. {session.escape(point)}" for point in preparation_list(assessment, session.rulebook())))
    with st.expander("Hela bedömningen, med regler och källor"):
        outline_view.draw(outline)
else:
    outline_view.draw(outline)

st.subheader("Samma ärende under alla kriterieuppsättningar")
rows = []
for set_id, criteria_set in session.rulebook().sets.items():
    other = assessment if set_id == assessment.criteria_set.id else session.engine().assess(
        case, set_id, explain_changes=False)
    rows.append({
        "Kriterieuppsättning": criteria_set.title,
        "Rekommendation": verdict_sentence(other.recommendation, other.form),
        "Avgörande regel": f"{other.rule.id}: {other.rule.annotation}",
    })
st.table(pd.DataFrame(rows).set_index("Kriterieuppsättning"))
st.caption("Svaren är desamma; det som skiljer är vilka kriterier och regler varje källa ställer upp.")

st.caption(DISCLAIMER)
