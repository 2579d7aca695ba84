"""Rekommendation: the result in one sentence and everything behind it."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import outline_view, records_session, session, set_comparison
from app_pages.parts.shown_case import frozen_note, shown_case
from iop.documents import (
    Bullets,
    Heading,
    Outline,
    Paragraph,
    build_outline,
    explanation_markdown,
    leaning_section,
    plain_wording,
)
from iop.engine import explain
from iop.guide import (
    not_yet_below_box,
    plain_leaning_below_box,
    preparation_list,
    preparation_text,
    settle_below_box,
    warnings_below_box_of,
)
from iop.words import OFFICIAL, PLAIN_DISCLAIMER, voice

shown = shown_case(with_record=False)  # a locked case shows the assessment frozen when it became bedömd
case, assessment = shown.case, shown.assessment
plain = session.is_organisation()
said = voice(plain)  # the result box's words; the outline below says an organisation's in ``wording``
blockers = said.blockers(assessment, session.rulebook().questions)
# The box names these; the sections below refer back to it rather than say it again.
in_box = blockers[:3] if assessment.recommendation == "undecided" else []
# Organisation mode reads the same assessment in plain words: no rule ids, sources or case law.
wording = plain_wording(session.rulebook(), assessment.criteria_set.id) if plain else None

st.title("Rekommendation")
if shown.problem:
    st.warning("Den frysta bedömningen kunde inte läsas från registret; sidan visar bedömningen av svaren som "
               "de står nu. " + session.escape(shown.problem), icon=":material/warning:")
if frozen_note(shown):
    st.caption(":material/lock: " + session.escape(frozen_note(shown)))
SYMBOL = {"iop": ":material/handshake:", "grant": ":material/payments:", "procurement": ":material/contract:",
          "undecided": ":material/help:"}
outline = build_outline(assessment, wording) if wording else build_outline(assessment)
# The document's recommendation section says again what the box below says: the box shows its rule
# and source once, and the section is left out of the outline further down.
reasons = outline.section("recommendation")
with st.container(border=True):
    # The headline names every open gate ("IOP – men …"); a reader who stops here is not misled.
    st.markdown(f"### {SYMBOL[assessment.recommendation]} {session.escape(said.headline(assessment))}")
    if assessment.recommendation != "undecided":
        st.markdown(f"**{session.escape(said.verdict_sentence(assessment.recommendation, assessment.form))}**")
    if wording is not None and assessment.recommendation != "undecided":
        st.markdown(session.escape(f"Varför: {wording.rule(assessment.rule)}"))
    rule_captions = [b.text for b in (reasons.blocks if reasons and not plain else [])
                     if isinstance(b, Paragraph) and b.text.startswith(("Avgörande regel:", "Källa:"))]
    for text in rule_captions:
        st.caption(session.escape(text))
    if assessment.recommendation == "undecided":
        if blockers:
            st.markdown(f"**{said.blockers_heading(blockers)}**")
            for blocker in in_box:
                st.markdown(f"- **{session.escape(blocker.text)}**  \n{session.escape(blocker.find_out)}  \n"
                            + " · ".join(session.escape(o) for o in blocker.outcomes))
        elif wording is not None:  # an official has read the rule's annotation in the caption above
            st.markdown(session.escape(wording.rule(assessment.rule)))

if assessment.leaning is not None:
    # Kept apart from the verdict above: a leaning is never the recommendation.
    with st.container(border=True):
        st.markdown("#### :material/explore: Preliminär bedömning – inte en rekommendation")
        if plain:
            st.markdown(session.escape(plain_leaning_below_box(assessment.leaning, in_box)))
        else:
            st.markdown(session.escape(OFFICIAL.leaning(assessment.leaning)))
            lead, rest = settle_below_box(assessment.leaning, in_box)
            if rest:
                st.markdown(f"{lead}\n" + "\n".join(f"1. {session.escape(OFFICIAL.settle_line(q))}" for q in rest))
            # The box quotes the deciding rule, which is also why the case is undecided.
            st.caption(session.escape(not_yet_below_box(assessment.leaning, rule_captions)))
            section = leaning_section(assessment)
            basis = section.blocks[2:] if section else []  # after the sentence and "not yet", shown above
            if basis:
                with st.expander("Underlaget: kända uppgifter med vikt och källa"):
                    # The decision document's blocks; the settling questions are listed just above already.
                    settle = [Paragraph("Det som avgör ärendet, viktigast först:"),
                              Bullets([OFFICIAL.settle_line(q) for q in assessment.leaning.settle])]
                    outline_view.draw(Outline([b for b in basis if b not in settle]), skip_first_heading=False)

# An organisation reads what to think about on the page, not only inside the collapsed assessment.
warned = outline.section("warnings")
cautions = warned if wording else None
# The title, the verdict and its reasons stand in the box above; the outline leaves them out rather
# than repeat them.
shown_above: list[object] = [Heading(assessment.case_title, 1)]
if reasons is not None:
    shown_above += [Heading(reasons.title, 2), *reasons.blocks]
# The leaning is drawn in its own block above too.
section = leaning_section(assessment, wording) if wording else leaning_section(assessment)
if section is not None:
    shown_above += [Heading(section.title, 2), *section.blocks]
if cautions is not None:
    shown_above += [Heading(cautions.title, 2), *cautions.blocks]
about = outline.section("about")
if plain and about is not None:  # the disclaimer closes the page, outside the folded assessment; said once
    shown_above += [Heading(about.title, 2), *about.blocks]
outline = Outline([b for b in outline.blocks if b not in shown_above])

if wording is not None:  # the organisation's page (plain words)
    caution_items = warnings_below_box_of(assessment.warnings, wording, assessment.leaning, in_box)
    if cautions is not None and caution_items:  # a warning the box quotes in full is not said again
        st.subheader(cautions.title)
        outline_view.draw(Outline([Bullets(caution_items)]), skip_first_heading=False)
    st.subheader("Det här behöver ni förbereda")
    st.markdown("Innan ni kontaktar kommunen, ta fram:")
    points = preparation_list(assessment, session.rulebook(), blockers=blockers, case=case)
    st.markdown("\n".join(f"1. {session.escape(point)}" for point in points))
    st.download_button("Ladda ner listan (text)",
                       records_session.logged_export(lambda: preparation_text(case.title, points),
                                                     kind="forberedelselista", format="text"),
                       file_name="det-har-behover-ni-forbereda.txt", mime="text/plain")
    with st.expander("Hela bedömningen: vad ni svarade och vad det betyder"):
        outline_view.draw(outline, skip_first_heading=False)
else:
    # The warnings stay in the beslutsunderlag with statute and source; the remedy the box gives is referred to.
    warned_ids = {id(b) for b in (warned.blocks if warned else [])}
    outline_view.draw(Outline([Bullets(warnings_below_box_of(assessment.warnings, OFFICIAL, assessment.leaning, in_box))
                               if isinstance(b, Bullets) and id(b) in warned_ids else b
                               for b in outline.blocks]), skip_first_heading=False)
    with st.expander("Så kom vi fram till det: grind för grind och regel för regel, med fil och rad"):
        st.markdown(explanation_markdown(explain(assessment, session.rulebook())))

set_comparison.draw()

if plain:  # an official reads it under "Om bedömningen" at the end of the assessment above
    st.caption(PLAIN_DISCLAIMER)
