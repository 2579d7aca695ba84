"""Rekommendation: the result in one sentence and everything behind it."""

from __future__ import annotations

import streamlit as st

from app_pages import outline_view, session, set_comparison
from iop import (
    DISCLAIMER,
    Bullets,
    Heading,
    Outline,
    Paragraph,
    blocking_questions,
    build_outline,
    headline,
    leaning_section,
    leaning_sentence,
    plain_leaning,
    plain_text,
    preparation_list,
    preparation_text,
    verdict_sentence,
)


def _recommendation_section(outline: Outline) -> Outline:
    """The outline's "Rekommendation" section (heading and blocks), which the box on this page replaces."""
    start = next((i for i, b in enumerate(outline.blocks)
                  if isinstance(b, Heading) and b.level == 2 and b.text == "Rekommendation"), None)
    if start is None:
        return Outline([])
    end = next((i for i, b in enumerate(outline.blocks[start + 1:], start + 1)
                if isinstance(b, Heading) and b.level <= 2), len(outline.blocks))
    return Outline(outline.blocks[start:end])


case = session.current_case()
assessment = session.engine().assess(case)
plain = session.is_organisation()
blockers = blocking_questions(assessment, session.rulebook().questions, plain=plain)

st.title("Rekommendation")
SYMBOL = {"iop": ":material/handshake:", "grant": ":material/payments:", "procurement": ":material/contract:",
          "undecided": ":material/help:"}
with st.container(border=True):
    # The headline names every open gate ("IOP – men …"); a reader who stops here is not misled.
    st.markdown(f"### {SYMBOL[assessment.recommendation]} {session.escape(headline(assessment, plain=plain))}")
    if assessment.recommendation != "undecided":
        sentence = verdict_sentence(assessment.recommendation, assessment.form)
        st.markdown(f"**{session.escape(plain_text(sentence) if plain else sentence)}**")
    outline = build_outline(assessment)
    # The document's "Rekommendation" section says again what this box says; its rule and source are
    # shown here instead, once, and the section is left out of the outline below.
    reasons = _recommendation_section(outline)
    if not plain:
        for block in reasons.blocks:
            if isinstance(block, Paragraph) and block.text.startswith(("Avgörande regel:", "Källa:")):
                st.caption(session.escape(block.text))
    if assessment.recommendation == "undecided":
        if blockers:
            st.markdown("**Det här avgör ärendet – ta reda på:**" if not plain
                        else "**Det här behöver ni ta reda på innan det går att säga något:**")
            for blocker in blockers[:3]:
                find_out = plain_text(blocker.find_out) if plain else blocker.find_out
                st.markdown(f"- **{session.escape(blocker.text)}**  \n{session.escape(find_out)}  \n"
                            + " · ".join(session.escape(o) for o in blocker.outcomes))
        elif plain:  # an official has read the rule's annotation in the caption above
            st.markdown(session.escape(plain_text(assessment.rule.annotation)))

if assessment.leaning is not None:
    # Kept apart from the verdict above: a leaning is never the recommendation.
    with st.container(border=True):
        st.markdown("#### :material/explore: Preliminär bedömning – inte en rekommendation")
        if plain:
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

# The title and the verdict stand in the box above; the outline leaves them out rather than repeat them.
shown_above = [Heading(assessment.case_title, 1), *reasons.blocks]
if plain:  # the disclaimer closes the page, outside the folded assessment; said once
    shown_above += [Heading("Om bedömningen", 2), Paragraph(DISCLAIMER)]
if not plain:
    # The leaning is drawn in its own block above too.
    section = leaning_section(assessment)
    if section is not None:
        shown_above += [Heading(section.title, 2), *section.blocks]
outline = Outline([b for b in outline.blocks if b not in shown_above])

if plain:
    st.subheader("Det här behöver ni förbereda")
    st.markdown("Innan ni kontaktar kommunen, ta fram:")
    points = [plain_text(p) or p for p in preparation_list(assessment, session.rulebook(), blockers=blockers)]
    st.markdown("\n".join(f"1. {session.escape(point)}" for point in points))
    st.download_button("Ladda ner listan (text)", preparation_text(case.title, points),
                       file_name="det-har-behover-ni-forbereda.txt", mime="text/plain")
    with st.expander("Hela bedömningen, med regler och källor"):
        outline_view.draw(outline, skip_first_heading=False)
else:
    outline_view.draw(outline, skip_first_heading=False)

set_comparison.draw()

if plain:  # an official reads it under "Om bedömningen" in the assessment above
    st.caption(DISCLAIMER)
