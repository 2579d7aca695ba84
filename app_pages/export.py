"""Exportera: the case as YAML (to import again), the recommendation as Markdown,
and the beslutsunderlag as Word and PDF."""

from __future__ import annotations

import re

import streamlit as st

from app_pages.parts import records_session, session
from app_pages.parts.shown_case import shown_case
from iop.documents import check_template, decision_outline, render_docx, render_pdf, to_markdown
from iop.engine import case_to_yaml
from iop.io import TemplateError
from iop.records import STATUS_PREDICATE, CaseStatus, RecordMeta

# A case in the register supplies its status, assessor and decision, and once bedömd the case and
# assessment frozen then (the register's copy, not this session's); a case outside the register is an
# unsaved draft assessed now.
shown = shown_case()
case, assessment = shown.case, shown.assessment
slug = re.sub(r"[^a-z0-9]+", "-", case.title.lower().translate(str.maketrans("åäöé", "aaoe"))).strip("-") or "arende"

st.title("Exportera")
st.markdown("Spara ärendet för att arbeta vidare senare, eller rekommendationen som beslutsunderlag.")
# The beslutsunderlag with the case facts (parties, activity, contributions): Markdown, Word and PDF.
# Word and PDF are rendered only when a button is clicked (Word ~0.3 s, PDF ~1 s).
record = shown.record or RecordMeta()  # an unsaved draft: nobody has assessed it
if shown.problem:
    st.warning("Ärendets status kunde inte läsas från registret; dokumenten visas som utkast. "
               + session.escape(shown.problem), icon=":material/warning:")
elif shown.status is not None and shown.status is not CaseStatus.draft:
    st.info(f"Ärendet är {STATUS_PREDICATE[shown.status]}. " + (
        "Filerna visar ärendet och bedömningen som de frystes då, även om kriterierna har ändrats sedan."
        if shown.frozen else "Filerna visar ärendet som det sparades senast."), icon=":material/lock:")
outline = decision_outline(assessment, case, session.rulebook(), record,
                           "organisation" if session.is_organisation() else "official")
document, file_stem = (("sammanfattningen", "sammanfattning") if session.is_organisation()
                       else ("beslutsunderlaget", "beslutsunderlag"))
col1, col2 = st.columns(2)
with col1:
    st.download_button("Ladda ner ärendet (YAML)",
                       records_session.logged_export(lambda: case_to_yaml(case), kind="arende", format="yaml"),
                       file_name=f"{slug}.yaml",
                       mime="application/x-yaml", type="primary", icon=":material/save:")
    st.caption("Kan importeras igen under Start.")
with col2:
    st.download_button("Ladda ner rekommendationen (Markdown)",
                       records_session.logged_export(lambda: to_markdown(outline), kind=file_stem, format="markdown"),
                       file_name=f"{slug}-rekommendation.md", mime="text/markdown", icon=":material/article:")
    st.caption("Öppnas i valfri textredigerare; innehåller det ni svarat och vad det betyder."
               if session.is_organisation()
               else "Öppnas i valfri textredigerare; innehåller alla kriterier, regler och källor.")

col3, col4 = st.columns(2)
with col3:
    try:
        check_template()
    except TemplateError as exc:
        st.error("Word-mallen kan inte användas: " + session.escape("; ".join(str(p) for p in exc.problems)),
                 icon=":material/error:")
    else:
        st.download_button("Ladda ner som Word",
                           records_session.logged_export(lambda: render_docx(outline), kind=file_stem, format="docx"),
                           file_name=f"{slug}-{file_stem}.docx",
                           mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                           icon=":material/description:")
        purpose = "ta med till kommunen" if session.is_organisation() else "diarieföra"
        st.caption(f"Hela {document} som Word-dokument, att redigera och {purpose}.")
with col4:
    st.download_button("Ladda ner som PDF",
                       records_session.logged_export(lambda: render_pdf(outline), kind=file_stem, format="pdf"),
                       file_name=f"{slug}-{file_stem}.pdf",
                       mime="application/pdf", icon=":material/picture_as_pdf:")
    where = "" if session.is_organisation() else " för akten"
    st.caption(f"Samma innehåll som PDF{where}, tillgänglighetsmärkt och på svenska.")
