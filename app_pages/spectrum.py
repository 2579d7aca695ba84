"""Bidrag, IOP eller upphandling: the case placed on the axis, dimension by dimension."""

from __future__ import annotations

import base64
from html import escape as html_escape

import streamlit as st

from app_pages import session
from iop import POSITION, Placement, SpectrumVerdict, case_facts, load_spectrum, place, spectrum_verdict

WIDTH, ROW, LEFT, RIGHT, TOP = 760, 56, 230, 70, 46


def _x(position: float) -> float:
    return LEFT + (position + 1) / 2 * (WIDTH - LEFT - RIGHT)


def _short(label: str, limit: int = 42) -> str:
    """A label that fits beside its mark; the full answer stands in the list below and in the alt text."""
    return label if len(label) <= limit else label[: limit - 1].rstrip(" ,") + "…"


def svg(placements: list[Placement], verdict: SpectrumVerdict) -> str:
    """The picture; every mark also carries text, so nothing is told by colour alone.

    The last row is the verdict: the recommendation, or the preliminary
    leaning, from the engine. The picture never computes a tendency of its own.
    """
    height = TOP + ROW * (len(placements) + 1) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="spectrum-title spectrum-desc" '
        f'style="max-width:{WIDTH}px;font-family:sans-serif">',
        '<title id="spectrum-title">Ärendets läge mellan bidrag, IOP och upphandling</title>',
        '<desc id="spectrum-desc">' + html_escape("; ".join(
            f"{p.dimension.title} {p.answer_label or 'obesvarad'}" for p in placements)) + "</desc>",
    ]
    for label, position in (("Bidrag", -1), ("IOP", 0), ("Upphandling", 1)):
        x = _x(position)
        parts.append(f'<text x="{x}" y="20" text-anchor="middle" '
                     f'font-size="15" font-weight="bold" fill="#1f2937">{label}</text>')
        parts.append(f'<line x1="{x}" y1="28" x2="{x}" y2="{height - 6}" stroke="#9ca3af" stroke-dasharray="4 4"/>')
    for row, p in enumerate(placements):
        y = TOP + ROW * row + ROW / 2
        parts.append(f'<text x="8" y="{y + 5}" font-size="14" fill="#111827">{html_escape(p.dimension.title)}</text>')
        parts.append(f'<line x1="{_x(-1)}" y1="{y}" x2="{_x(1)}" y2="{y}" stroke="#4b5563" stroke-width="2"/>')
        if p.position is None:
            parts.append(f'<text x="{_x(0)}" y="{y - 8}" text-anchor="middle" '
                         f'font-size="13" fill="#374151">? obesvarad</text>')
        else:
            x = _x(p.position)
            parts.append(f'<circle cx="{x}" cy="{y}" r="9" fill="#1d4ed8" stroke="#111827" stroke-width="1.5"/>')
            anchor = "start" if p.position < 0.5 else "end"
            dx = 14 if anchor == "start" else -14
            parts.append(f'<text x="{x + dx}" y="{y - 10}" text-anchor="{anchor}" font-size="12" fill="#111827">'
                         f"{html_escape(_short(p.answer_label or ''))}</text>")
    y = TOP + ROW * len(placements) + ROW / 2
    parts.append(f'<line x1="8" y1="{y - ROW / 2 + 2}" x2="{WIDTH - 8}" y2="{y - ROW / 2 + 2}" stroke="#111827"/>')
    parts.append(f'<text x="8" y="{y + 5}" font-size="14" font-weight="bold" fill="#111827">'
                 f'{"Preliminärt" if verdict.preliminary else "Utfall"}</text>')
    if verdict.outcome is None:
        parts.append(f'<text x="{_x(0)}" y="{y + 5}" text-anchor="middle" font-size="13" fill="#111827">'
                     f"{html_escape(verdict.label)}</text>")
    else:
        x = _x(POSITION[verdict.outcome])
        dash = ' stroke-dasharray="3 2"' if verdict.preliminary else ""
        parts.append(f'<rect x="{x - 9}" y="{y - 9}" width="18" height="18" transform="rotate(45 {x} {y})" '
                     f'fill="{"#ffffff" if verdict.preliminary else "#111827"}" '
                     f'stroke="#111827" stroke-width="2"{dash}/>')
        anchor = "start" if POSITION[verdict.outcome] < 0.5 else "end"
        dx = 16 if anchor == "start" else -16
        parts.append(f'<text x="{x + dx}" y="{y - 12}" text-anchor="{anchor}" font-size="13" font-weight="bold" '
                     f'fill="#111827">{html_escape(verdict.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


case = session.current_case()
book = session.rulebook()
facts = case_facts(case)
labels = {qid: q.options for qid, q in book.questions.questions.items()}
placements = place(load_spectrum(), facts, labels)
verdict = spectrum_verdict(session.engine().assess(case, explain_changes=False), plain=session.is_organisation())

st.title("Bidrag, IOP eller upphandling")
st.markdown("Var står ärendet? Varje rad är en dimension; punkten visar vart svaret drar.")

picture, words = st.columns([3, 2])
with picture:
    # As an <img> with alt text: Streamlit's HTML sanitiser drops inline SVG.
    encoded = base64.b64encode(svg(placements, verdict).encode("utf-8")).decode("ascii")
    alt = "Ärendets läge mellan bidrag, IOP och upphandling: " + "; ".join(
        f"{p.dimension.title} {p.answer_label or 'obesvarad'}" for p in placements) + f". {verdict.label}."
    st.markdown(f'<img src="data:image/svg+xml;base64,{encoded}" alt="{html_escape(alt)}" '
                f'style="width:100%;max-width:{WIDTH}px">', unsafe_allow_html=True)
    # The same verdict as the Rekommendation page: the recommendation, or the preliminary leaning.
    (st.info if verdict.preliminary else st.success)(
        f"**{session.escape(verdict.label)}.** {session.escape(verdict.explanation)}")
    st.markdown("**Samma sak i ord:**")
    st.markdown("\n".join(
        f"- {session.escape(p.dimension.title)} "
        + (f"{session.escape(p.answer_label or '')} – {session.escape(p.dimension.explanation)}"
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
    # The two paragraphs retell slides 29-32 (Nuvarande system, Nytt system, Utgångspunkter, Ekonomisk tjänst).
    st.caption(f"Källa: {session.escape(load_spectrum().source.document_title or '')}, bild 29–32.")
