"""Rekommendation: the result in one sentence and everything behind it."""

from __future__ import annotations

import streamlit as st

from app_pages import outline_view, session, set_comparison
from iop import (
    blocking_questions,
    headline,
    plain_text,
    preparation_list,
    preparation_text,
)
from iop.document import build_outline
from iop.swedish import DISCLAIMER, verdict_sentence

case = session.current_case()
assessment = session.engine().assess(case)

st.title("Rekommendation")
SYMBOL = {"iop": ":material/handshake:", "grant": ":material/payments:", "procurement": ":material/contract:",
          "undecided": ":material/help:"}
plain = session.is_organisation()
blockers = blocking_questions(assessment, session.rulebook().questions, plain=plain)
with st.container(border=True):
    st.markdown(f"### {SYMBOL[assessment.recommendation]} {session.escape(headline(assessment, plain=plain))}")
    if assessment.recommendation != "undecided":
        sentence = verdict_sentence(assessment.recommendation, assessment.form)
        st.markdown(f"**{session.escape(plain_text(sentence) if plain else sentence)}**")
    if not plain:
        st.caption(f"Avgjort av regel {assessment.rule.id} i {session.escape(assessment.rule.table_title)}")
    if assessment.recommendation == "undecided":
        if blockers:
            st.markdown("**Det här avgör ärendet – ta reda på:**" if not plain
                        else "**Det här behöver ni ta reda på innan det går att säga något:**")
            for blocker in blockers[:3]:
                find_out = plain_text(blocker.find_out) if plain else blocker.find_out
                st.markdown(f"- **{session.escape(blocker.text)}**  \n{session.escape(find_out)}  \n"
                            + " · ".join(session.escape(o) for o in blocker.outcomes))
        else:
            annotation = assessment.rule.annotation
            st.markdown(session.escape(plain_text(annotation) if plain else annotation))

# Room for a separate "preliminary leaning" block (issue #11) directly below the headline.

if plain:
    st.subheader("Det här behöver ni förbereda")
    st.markdown("Innan ni kontaktar kommunen, ta fram:")
    points = [plain_text(p) or p for p in preparation_list(assessment, session.rulebook(), blockers=blockers)]
    st.markdown("\n".join(f"1. {session.escape(point)}" for point in points))
    st.download_button("Ladda ner listan (text)", preparation_text(case.title, points),
                       file_name="det-har-behover-ni-forbereda.txt", mime="text/plain")
    with st.expander("Hela bedömningen, med regler och källor"):
        outline_view.draw(build_outline(assessment, include_verdict=False))
else:
    outline_view.draw(build_outline(assessment, include_verdict=False))

set_comparison.draw()

st.caption(DISCLAIMER)
