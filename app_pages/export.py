"""Exportera: the case as YAML (to import again) and the recommendation as Markdown."""

from __future__ import annotations

import re

import streamlit as st

from app_pages import session
from iop.case_files import case_to_yaml
from iop.report import to_markdown

case = session.current_case()
slug = re.sub(r"[^a-z0-9]+", "-", case.title.lower().translate(str.maketrans("åäöé", "aaoe"))).strip("-") or "arende"

st.title("Exportera")
st.markdown("Spara ärendet för att arbeta vidare senare, eller rekommendationen som beslutsunderlag.")
col1, col2 = st.columns(2)
with col1:
    st.download_button("Ladda ner ärendet (YAML)", case_to_yaml(case), file_name=f"{slug}.yaml",
                       mime="application/x-yaml", type="primary", icon=":material/save:")
    st.caption("Kan importeras igen under Start.")
with col2:
    assessment = session.engine().assess(case)
    st.download_button("Ladda ner rekommendationen (Markdown)", to_markdown(assessment, case),
                       file_name=f"{slug}-rekommendation.md", mime="text/markdown", icon=":material/article:")
    st.caption("Öppnas i valfri textredigerare; innehåller alla kriterier, regler och källor.")
