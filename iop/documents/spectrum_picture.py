"""The spectrum picture: the case placed between bidrag, IOP and upphandling, one row per dimension, as SVG.

Drawn for a phone first: 360 units wide and never shown wider than ``MAX_SHOWN``
pixels, every answer wrapped in full under its mark, and every mark carrying text,
so nothing is told by colour alone. The last row is the engine's verdict (the
recommendation, or the preliminary leaning); the picture computes no tendency of
its own. The page shows it as an image with ``spectrum_alt`` as its text.
"""

from __future__ import annotations

import base64
import textwrap
from html import escape as html_escape

from iop.engine import POSITION, Placement
from iop.words.voice import SpectrumVerdict

# The picture is 360 units wide and never shown wider than MAX_SHOWN px: on a phone (390×844) it is drawn at
# about its own size, so 14-px titles stay 14 px. (A wide layout shrunk to a phone had 5-px labels.)
NARROW_WIDTH, NARROW_ROW, NARROW_SIDE = 360, 92, 28
MAX_SHOWN = 420
ANSWER_SIZE = 13
LINE_STEP = ANSWER_SIZE + 3
ANSWER_BASELINE = 62  # the answer's first line, measured from the top of its row
VERDICT_BASELINE = 68


def _nx(position: float) -> float:
    return NARROW_SIDE + (position + 1) / 2 * (NARROW_WIDTH - 2 * NARROW_SIDE)


def _answer_layout(x: float, position: float, text: str, size: int) -> tuple[str, float, list[str]]:
    """Anchor, x and the lines of an answer under its mark, inside the picture.

    The whole answer is wrapped, never cut: a truncated answer ("som organisatio…")
    hid what the answer said, and the row grows by a line instead.
    """
    if position < -0.25:
        anchor, x_text = "start", max(4.0, x - 10)
    elif position > 0.25:
        anchor, x_text = "end", min(NARROW_WIDTH - 4.0, x + 10)
    else:
        anchor, x_text = "middle", x
    room = {"start": NARROW_WIDTH - 4 - x_text, "end": x_text - 4,
            "middle": 2 * min(x_text - 4, NARROW_WIDTH - 4 - x_text)}[anchor]
    chars = max(12, int(room / (size * 0.6)))  # about 0.6 em per character in a sans-serif face
    return anchor, x_text, textwrap.wrap(text, chars, break_long_words=True) or [""]


def _answer_text(x: float, y: float, position: float, text: str, size: int, bold: bool = False) -> str:
    """An answer under its mark, wrapped onto as many lines as it needs."""
    anchor, x_text, lines = _answer_layout(x, position, text, size)
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(f'<tspan x="{x_text}" dy="{0 if i == 0 else size + 3}">{html_escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text y="{y}" text-anchor="{anchor}" font-size="{size}"{weight} fill="#111827">{spans}</text>'


def _row_height(lines: int, baseline: int) -> int:
    """A row tall enough for its answer: the usual height, plus a line for each line beyond two."""
    return max(NARROW_ROW, baseline + LINE_STEP * (lines - 1) + 22)


def spectrum_svg(placements: list[Placement], verdict: SpectrumVerdict) -> str:
    """The picture: each dimension's title on its own line above its axis, the answer under its mark.

    Every mark also carries text, so nothing is told by colour alone. The last
    row is the verdict: the recommendation, or the preliminary leaning, from
    the engine; the picture never computes a tendency of its own.
    """
    answers = [("? obesvarad", 0.0) if p.position is None else (p.answer_label or "", p.position)
               for p in placements]
    heights = [_row_height(len(_answer_layout(_nx(where), where, text, ANSWER_SIZE)[2]), ANSWER_BASELINE)
               for text, where in answers]
    verdict_where = 0.0 if verdict.outcome is None else POSITION[verdict.outcome]
    verdict_lines = len(_answer_layout(_nx(verdict_where), verdict_where, verdict.label, ANSWER_SIZE)[2])
    height = 34 + sum(heights) + _row_height(verdict_lines, VERDICT_BASELINE) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {NARROW_WIDTH} {height}" width="100%" '
        f'role="img" style="font-family:sans-serif">',
    ]
    for label, position, anchor in (("Bidrag", -1, "start"), ("IOP", 0, "middle"), ("Upphandling", 1, "end")):
        x = _nx(position)
        x_text = 4 if anchor == "start" else NARROW_WIDTH - 4 if anchor == "end" else x
        parts.append(f'<text x="{x_text}" y="18" text-anchor="{anchor}" '
                     f'font-size="15" font-weight="bold" fill="#1f2937">{label}</text>')
    top = 34
    for p, (text, where), row_height in zip(placements, answers, heights, strict=True):
        for position in (-1, 0, 1):  # short guides at each axis, so they never run through the text
            parts.append(f'<line x1="{_nx(position)}" y1="{top + 24}" x2="{_nx(position)}" y2="{top + 48}" '
                         'stroke="#9ca3af" stroke-dasharray="4 4"/>')
        parts.append(f'<text x="4" y="{top + 16}" font-size="14" font-weight="bold" fill="#111827">'
                     f"{html_escape(p.dimension.title)}</text>")
        y = top + 36
        parts.append(f'<line x1="{_nx(-1)}" y1="{y}" x2="{_nx(1)}" y2="{y}" stroke="#4b5563" stroke-width="2"/>')
        if p.position is not None:
            parts.append(f'<circle cx="{_nx(where)}" cy="{y}" r="9" fill="#1d4ed8" stroke="#111827" '
                         'stroke-width="1.5"/>')
        parts.append(_answer_text(_nx(where), top + ANSWER_BASELINE, where, text, ANSWER_SIZE))
        top += row_height
    parts.append(f'<line x1="4" y1="{top + 2}" x2="{NARROW_WIDTH - 4}" y2="{top + 2}" stroke="#111827"/>')
    parts.append(f'<text x="4" y="{top + 20}" font-size="14" font-weight="bold" fill="#111827">'
                 f'{"Preliminärt" if verdict.preliminary else "Utfall"}</text>')
    y = top + 40
    if verdict.outcome is None:
        parts.append(_answer_text(_nx(0), y + 4, 0, verdict.label, ANSWER_SIZE, bold=True))
    else:
        x = _nx(verdict_where)
        dash = ' stroke-dasharray="3 2"' if verdict.preliminary else ""
        parts.append(f'<rect x="{x - 9}" y="{y - 9}" width="18" height="18" transform="rotate(45 {x} {y})" '
                     f'fill="{"#ffffff" if verdict.preliminary else "#111827"}" '
                     f'stroke="#111827" stroke-width="2"{dash}/>')
        parts.append(_answer_text(x, top + VERDICT_BASELINE, verdict_where, verdict.label, ANSWER_SIZE, bold=True))
    parts.append("</svg>")
    return "".join(parts)


def spectrum_data_url(picture: str) -> str:
    """The picture as an <img> source (Streamlit's HTML sanitiser drops inline SVG)."""
    return "data:image/svg+xml;base64," + base64.b64encode(picture.encode("utf-8")).decode("ascii")


def spectrum_alt(placements: list[Placement], verdict: SpectrumVerdict) -> str:
    """The picture's text for a screen reader: each dimension's answer, and the verdict."""
    return "Ärendets läge mellan bidrag, IOP och upphandling: " + "; ".join(
        f"{p.dimension.title} {p.answer_label or 'obesvarad'}" for p in placements) + f". {verdict.label}."
