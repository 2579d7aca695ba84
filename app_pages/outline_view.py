"""Draw a document outline (iop.document) with Streamlit elements.

Every text goes through md_escape: what a user typed is shown as text, never
rendered as Markdown or HTML.
"""

from __future__ import annotations

import streamlit as st

from iop.document import Bullets, Heading, Outline, Paragraph, Table
from iop.report import md_escape, to_markdown


def draw(outline: Outline, skip_first_heading: bool = True) -> None:
    blocks = outline.blocks[1:] if skip_first_heading and isinstance(outline.blocks[0], Heading) else outline.blocks
    for block in blocks:
        if isinstance(block, Heading):
            {1: st.header, 2: st.subheader}.get(block.level, lambda t: st.markdown(f"**{t}**"))(md_escape(block.text))
        elif isinstance(block, Paragraph):
            st.markdown(md_escape(block.text))
        elif isinstance(block, Bullets):
            st.markdown("\n".join(f"- {md_escape(item)}" for item in block.items))
        elif isinstance(block, Table):
            st.markdown(to_markdown(Outline([block])))
