"""Exportera: the case as YAML (to import again), the recommendation as Markdown, the tjänsteskrivelse
(edited here before it is filed) as Word and PDF/A, and the archive package for the diarium or e-arkiv."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import archive_section, memo_editor, records_session, session
from app_pages.parts.shown_case import shown_case
from iop.documents import (
    DOCX_MIME,
    check_template,
    decision_outline,
    document_name,
    render_docx,
    render_pdf,
    render_pdf_with_case,
    to_markdown,
)
from iop.engine import case_to_yaml
from iop.io import TemplateError
from iop.records import STATUS_PREDICATE, CaseStatus, RecordMeta
from iop.words import file_stem as stem_of

# A case in the register supplies its status, assessor and decision, and once bedömd the case and
# assessment frozen then (the register's copy, not this session's); a case outside the register is an
# unsaved draft assessed now.
shown = shown_case()
case, assessment = shown.case, shown.assessment
organisation = session.is_organisation()
locked = records_session.locked()
slug = stem_of(case.title)  # short and safe: the title can be 200 characters of anything

st.title("Exportera")
st.markdown("Ladda ner filen att skicka till kommunen, eller spara era svar för att fortsätta senare."
            if organisation else
            "Spara ärendet för att arbeta vidare senare, eller ladda ner tjänsteskrivelsen och arkivpaketet "
            "att diarieföra.")
record = shown.record or RecordMeta()  # an unsaved draft: nobody has assessed it
if shown.problem:
    st.warning("Ärendets status kunde inte läsas från registret; dokumenten visas som utkast. "
               + session.escape(shown.problem), icon=":material/warning:")
elif shown.status is not None and shown.status is not CaseStatus.draft:
    st.info(f"Ärendet är {STATUS_PREDICATE[shown.status]}. " + (
        "Filerna visar ärendet och bedömningen som de frystes då, även om kriterierna har ändrats sedan."
        if shown.frozen else "Filerna visar ärendet som det sparades senast."), icon=":material/lock:")

if not organisation:
    memo_editor.draw(case, assessment, locked)

outline = decision_outline(assessment, case, session.rulebook(), record, "organisation" if organisation else "official")
names = document_name(organisation)
document, file_stem = names.words, names.stem


def word_download(label: str, caption: str) -> None:
    """The Word button, or a Swedish message naming what is wrong with the municipality's template."""
    try:
        check_template(kind=outline.kind)
    except TemplateError as exc:
        st.error("Word-mallen kan inte användas: " + session.escape("; ".join(str(p) for p in exc.problems)),
                 icon=":material/error:")
        return
    st.download_button(label,
                       records_session.logged_export(lambda: render_docx(outline), kind=file_stem, format="docx"),
                       file_name=f"{slug}-{file_stem}.docx",
                       mime=DOCX_MIME,
                       icon=":material/description:")
    st.caption(caption)


def organisation_downloads() -> None:
    """One file to send: the summary as PDF with the answers inside; the other forms under "Andra format"."""
    st.subheader("Skicka till kommunen")
    st.download_button("Ladda ner filen att skicka till kommunen (PDF)",
                       records_session.logged_export(lambda: render_pdf_with_case(outline, case),
                                                     kind="sammanfattning_med_arende", format="pdf"),
                       file_name=f"{slug}-till-kommunen.pdf", mime="application/pdf", type="primary",
                       icon=":material/send:")
    st.markdown("Det här är den enda fil ni behöver skicka, till exempel som bilaga i ett mejl till er "
                "kontaktperson på kommunen. Den går att läsa som en vanlig PDF, och kommunen kan läsa in era "
                "svar direkt ur den, så att ingen behöver skriva av dem.")
    with st.expander("Andra format"):
        word_download("Sammanfattningen som Word", "Samma innehåll, att redigera själva.")
        st.download_button("Era svar, att fortsätta med senare",
                           records_session.logged_export(lambda: case_to_yaml(case), kind="arende", format="yaml"),
                           file_name=f"{slug}.yaml", mime="application/x-yaml", icon=":material/save:")
        st.caption("Öppna filen under Start (Fortsätt med en sparad fil) för att fortsätta där ni slutade. "
                   "PDF:en ovan går också att öppna där.")


def official_downloads() -> None:
    st.subheader("Ladda ner")
    col1, col2 = st.columns(2)
    with col1:
        st.download_button("Ladda ner ärendet (YAML)",
                           records_session.logged_export(lambda: case_to_yaml(case), kind="arende", format="yaml"),
                           file_name=f"{slug}.yaml",
                           mime="application/x-yaml", type="primary", icon=":material/save:")
        st.caption("Kan importeras igen under Start eller Ärenden.")
    with col2:
        st.download_button("Ladda ner som Markdown",
                           records_session.logged_export(lambda: to_markdown(outline), kind=file_stem,
                                                         format="markdown"),
                           file_name=f"{slug}-{file_stem}.md", mime="text/markdown", icon=":material/article:")
        st.caption("Öppnas i valfri textredigerare; innehåller alla kriterier, regler och källor.")
    col3, col4 = st.columns(2)
    with col3:
        word_download("Ladda ner som Word", f"Hela {document} som Word-dokument, att redigera och diarieföra.")
    with col4:
        st.download_button("Ladda ner som PDF",
                           records_session.logged_export(lambda: render_pdf(outline), kind=file_stem, format="pdf"),
                           file_name=f"{slug}-{file_stem}.pdf",
                           mime="application/pdf", icon=":material/picture_as_pdf:")
        st.caption("Samma innehåll som PDF/A för arkivet, tillgänglighetsmärkt och på svenska.")


if organisation:
    organisation_downloads()
else:
    official_downloads()
    archive_section.draw(case, slug)
