"""Bidrag, IOP eller upphandling: the case placed on the axis, dimension by dimension."""

from __future__ import annotations

from html import escape as html_escape

import streamlit as st

from app_pages.parts import session
from iop.documents import MAX_SHOWN, spectrum_alt, spectrum_data_url, spectrum_svg
from iop.engine import case_facts, load_spectrum, place
from iop.words import voice

case = session.current_case()
book = session.rulebook()
facts = case_facts(case)
plain = session.is_organisation()
speaker = voice(plain)
labels = {qid: speaker.labels(q) for qid, q in book.questions.questions.items()}
placements = place(load_spectrum(), facts, labels)
verdict = speaker.spectrum_verdict(session.engine().assess(case, explain_changes=False))

st.title("Bidrag, IOP eller upphandling")
st.markdown("Var står ärendet? Varje rad är en dimension; punkten visar vart svaret drar.")

picture, words = st.columns([3, 2])
with picture:
    # As an <img> with alt text: Streamlit's HTML sanitiser drops inline SVG.
    picture_url = spectrum_data_url(spectrum_svg(placements, verdict))
    st.markdown(f'<img src="{picture_url}" alt="{html_escape(spectrum_alt(placements, verdict))}" '
                f'data-testid="spectrum-picture" style="width:100%;max-width:{MAX_SHOWN}px">', unsafe_allow_html=True)
    # The same verdict as the Rekommendation page: the recommendation, or the preliminary leaning.
    (st.info if verdict.preliminary else st.success)(
        f"**{session.escape(verdict.label)}.** {session.escape(verdict.explanation)}")
    st.markdown("**Samma sak i ord:**")
    st.markdown("\n".join(
        f"- {session.escape(p.dimension.title)} "
        + (f"{session.escape(p.answer_label or '')} – "
           f"{session.escape(speaker.name(p.dimension.explanation, p.dimension.plain or ''))}"
           if p.position is not None else "Obesvarad.")
        for p in placements))
with words:
    st.subheader("Nuvarande system")
    st.markdown(
        "Pengar från kommunen till idéburna organisationer går på två sätt: **normerade bidrag**, där "
        "organisationen driver sin egen verksamhet, och **upphandling**, där kommunen köper en tjänst på "
        "en marknad. Trenden har gått mot upphandling, och där krockar två principer: "
        "*konkurrensvård och oberoende*. Risken är att idéburna organisationer ”bit för bit glider in i en "
        "roll av att vara kommunernas underleverantörer”."
    )
    st.subheader("Nytt system")
    st.markdown(
        "Idéburet offentligt partnerskap är en tredje väg mellan bidrag och upphandling. Den avgörande "
        "frågan är: **Finns det en marknad?** ”Om man anser att det inte finns en marknad, är det vår "
        "mening att en sådan inte bör skapas genom upphandling.” Kommuner och regioner har utrymme att välja."
    )
    if not plain:  # sources are for the official; an organisation reads the argument
        # The two paragraphs retell slides 29-32 (Nuvarande system, Nytt system, Utgångspunkter, Ekonomisk tjänst).
        st.caption(f"Källa: {session.escape(load_spectrum().source.document_title or '')}, bild 29–32.")
