"""Exportera: the case as YAML (to import again), the recommendation as Markdown, the tjänsteskrivelse
(edited here before it is filed) as Word and PDF/A, and the archive package for the diarium or e-arkiv."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import form_fields as f
from app_pages.parts import records_session, session
from app_pages.parts.shown_case import shown_case
from iop.documents import (
    SUMMARY_MAX_LINES,
    archive_package,
    check_template,
    decision_outline,
    generated_proposal,
    generated_summary,
    involves_children,
    printed_lines,
    render_docx,
    render_pdf,
    render_pdf_with_case,
    to_markdown,
)
from iop.engine import case_to_yaml
from iop.io import TemplateError
from iop.model import Memo
from iop.records import STATUS_PREDICATE, Action, CaseStatus, RecordMeta, frozen_assessment
from iop.store import StoreError
from iop.words import file_stem as stem_of

ARCHIVE = "export:archive"  # the archive package made on request: (case id, revision, file name, bytes)

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


def _edited(typed: str, generated: str) -> str:
    """What to keep of an editor prefilled with the generated text: nothing while it is unchanged."""
    return "" if typed.strip() == generated.strip() else typed.strip()


def memo_editor() -> None:
    """Förslag till beslut, Sammanfattning and the free sections, prefilled, saved with the case."""
    memo = case.memo
    proposal_default = "\n".join(generated_proposal(assessment, case))
    summary_default = generated_summary(assessment, case)
    st.subheader("Tjänsteskrivelsen")
    st.caption("Det du skriver här sparas i ärendet som en ny version och kommer med i Word, PDF och "
               "arkivpaketet. Ett bedömt ärende behåller texterna som de var när det frystes.")
    proposal = f.long_text("Förslag till beslut", "memo:proposal", memo.proposal or proposal_default, height=110,
                           help="En beslutsmening per rad, beslutet först. Förifyllt från rekommendationen; "
                                "tomt fält: förslaget från rekommendationen används.")
    if "[" in (proposal or proposal_default):
        st.warning("Förslaget innehåller uppgifter inom [hakparentes] som behöver fyllas i innan det diarieförs.",
                   icon=":material/edit_note:")
    summary = f.long_text("Sammanfattning", "memo:summary", memo.summary or summary_default, height=130,
                          help=f"Högst {SUMMARY_MAX_LINES} rader i dokumentet. Förifylld från ärendet och "
                               "rekommendationen.")
    used = printed_lines(summary or summary_default)
    if used > SUMMARY_MAX_LINES:
        st.warning(f"Sammanfattningen blir {used} rader i dokumentet; korta den till högst {SUMMARY_MAX_LINES}.",
                   icon=":material/short_text:")
    children = involves_children(case)
    with st.expander("Egna texter, bilagor, mottagare och underskrifter", expanded=children and not memo.child_rights):
        background = f.long_text("Ärendet – egen text", "memo:background", memo.background,
                                 placeholder="Bakgrund med egna ord; verksamheten och parterna kommer efter.")
        own_assessment = f.long_text("Bedömning – egen text", "memo:assessment", memo.assessment,
                                     placeholder="Förvaltningens egna överväganden; kriterierna och grindarna "
                                                 "kommer efter.")
        economy = f.long_text("Ekonomiska konsekvenser – egen text", "memo:economy", memo.economy,
                              placeholder="T.ex. hur kostnaden ryms i budgeten.")
        if children:
            st.info("Målgruppen omfattar barn: tjänsteskrivelsen behöver en barnrättsbedömning (barnkonventionen, "
                    "lag (2018:1197)).", icon=":material/child_care:")
        child_rights = f.long_text("Barnrättsbedömning", "memo:child_rights", memo.child_rights,
                                   placeholder="Hur barnets bästa har beaktats och hur barn har fått komma till tals.")
        col1, col2 = st.columns(2)
        with col1:
            attachments = f.long_text("Bilagor (en per rad)", "memo:attachments", "\n".join(memo.attachments),
                                      help="”Så kom bedömningen till” kommer alltid med som bilaga 1.")
        with col2:
            recipients = f.long_text("Beslutet skickas till (en per rad)", "memo:recipients",
                                     "\n".join(memo.recipients),
                                     placeholder=case.organisation.name or "Organisationen")
        col1, col2, col3 = st.columns(3)
        with col1:
            officer_title = f.text("Handläggarens titel", "memo:officer_title", memo.officer_title,
                                   placeholder="T.ex. Utvecklingsledare")
        with col2:
            manager = f.text("Chef som skriver under", "memo:manager", memo.manager, placeholder="Namn")
        with col3:
            manager_title = f.text("Chefens titel", "memo:manager_title", memo.manager_title,
                                   placeholder="T.ex. Förvaltningschef")
    if locked:
        return  # the fields are disabled; a locked case's texts stay as they were frozen
    case.memo = f.validated(Memo, memo, {
        "proposal": _edited(proposal, proposal_default), "summary": _edited(summary, summary_default),
        "background": background.strip(), "assessment": own_assessment.strip(), "economy": economy.strip(),
        "child_rights": child_rights.strip(),
        "attachments": [line.strip() for line in attachments.splitlines() if line.strip()],
        "recipients": [line.strip() for line in recipients.splitlines() if line.strip()],
        "officer_title": officer_title.strip(), "manager": manager.strip(), "manager_title": manager_title.strip(),
    }, "Tjänsteskrivelsen")


if not organisation:
    memo_editor()

outline = decision_outline(assessment, case, session.rulebook(), record, "organisation" if organisation else "official")
document, file_stem = (("sammanfattningen", "sammanfattning") if organisation
                       else ("tjänsteskrivelsen", "tjansteskrivelse"))


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
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
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


def archive_section() -> None:
    """The E-ARK package of the saved case: made on request (about a second), then downloaded."""
    st.subheader("Arkivpaket")
    desk, case_id = records_session.desk(), records_session.record_id()
    if desk is None or case_id is None:
        st.caption("Arkivpaketet görs av ett ärende som är sparat i ärenderegistret: ändra något i ärendet "
                   "(med ditt namn i sidofältet) så sparas det.")
        return
    st.caption("Ett E-ARK-informationspaket (FGS Paketstruktur 2.0) med tjänsteskrivelsen som PDF/A, ärendefilen "
               "och ärendets historik, beskrivet enligt FGS Ärendehantering med kontrollsummor. Registratorn "
               "lämnar det till diariet eller e-arkivet.")
    if st.button("Skapa arkivpaket", icon=":material/inventory_2:"):
        # What was typed just before the click belongs in the package (only a role that may edit typed anything).
        problem = records_session.save_now() if desk.may(Action.edit_draft) else ""
        if problem:
            st.error("Arkivpaketet kunde inte skapas: " + session.escape(problem), icon=":material/error:")
        else:
            try:
                desk.exported(case_id, "arkivpaket (zip)")  # checked against the role and written to the read log
                stored = desk.read_case(case_id)
                history, statuses = desk.history(case_id), desk.status_records(case_id)
            except StoreError as exc:
                st.error(str(exc), icon=":material/cloud_off:")
            else:
                with st.spinner("Arkivpaketet skapas …"):
                    made = frozen_assessment(stored, statuses) or session.engine().assess(stored.case)
                    package = archive_package(stored, history, statuses, made, session.rulebook())
                st.session_state[ARCHIVE] = (case_id, stored.revision, f"arkivpaket-{slug}.zip", package.data)
    kept = st.session_state.get(ARCHIVE)
    if kept and kept[:2] == (case_id, records_session.record().revision):
        st.download_button("Ladda ner arkivpaketet (zip)", kept[3], file_name=kept[2], mime="application/zip",
                           type="primary", icon=":material/download:")
        st.caption(f"Paketet gäller version {kept[1]} av ärendet.")
    elif kept:
        st.caption("Ärendet har ändrats sedan paketet skapades; skapa ett nytt.")
    if not case.diarienummer.strip():
        st.caption("Ärendet har inget diarienummer ännu: paketet bär ärendets id i IOP-stöd tills diariet ger det ett.")


if not organisation:
    archive_section()
