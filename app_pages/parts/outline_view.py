"""Draw a document outline (iop.documents.outline) with Streamlit elements.

Every text goes through session.escape: what a user typed is shown as typed,
never rendered as Markdown, LaTeX, shortcodes or HTML.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts.session import escape
from iop.documents import Bullets, Heading, Outline, Paragraph, Signatures, Table


def draw(outline: Outline, skip_first_heading: bool = True) -> None:
    blocks = outline.blocks[1:] if skip_first_heading and isinstance(outline.blocks[0], Heading) else outline.blocks
    for block in blocks:
        if isinstance(block, Heading):
            {1: st.header, 2: st.subheader}.get(block.level, lambda t: st.markdown(f"**{t}**"))(escape(block.text))
        elif isinstance(block, Paragraph):
            st.markdown(escape(block.text))
        elif isinstance(block, Bullets):
            st.markdown("\n".join(f"- {escape(item)}" for item in block.items))
        elif isinstance(block, Table):
            def cell(text: str) -> str:  # a line break would end the table row
                return escape(" ".join(text.splitlines()))
            lines = ["| " + " | ".join(cell(h) for h in block.header) + " |", "|" + "---|" * len(block.header)]
            lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows]
            st.markdown("\n".join(lines))
        elif isinstance(block, Signatures):
            st.markdown("  \n".join(f"{escape(name or '–')}, *{escape(role)}*" for name, role in block.signers))
