"""Tillgänglighetsredogörelse: the accessibility statement DOS-lagen asks for, in Digg's order of sections.

The text is the municipality's, read from one file (content/tillganglighet.yaml, see
iop/documents/accessibility_statement.py); this page only lays it out under the headings of
Digg's model statement. Reachable from the menu and from the footer of every page, in both modes
and on the workshop's pages, and readable without a case or a name.
"""

from __future__ import annotations

import streamlit as st

from iop.documents import (
    COMPLIANCE_WORDS,
    DIGG_REPORT_URL,
    AccessibilityStatement,
    Compliance,
    Exemption,
    Feedback,
    field_name,
    load_statement,
    long_date,
    statement_path,
    unfilled,
)
from iop.io import InputError

DIGG_FALLBACK = (
    "Du kan alltid anmäla bristande tillgänglighet till Myndigheten för digital förvaltning (Digg): "
    f"[digg.se/tdosanmalan]({DIGG_REPORT_URL})."
)


def _contact_lines(feedback: Feedback) -> str:
    lines = []
    if feedback.email:
        lines.append(f"- E-post: {feedback.email}")
    if feedback.phone:
        lines.append(f"- Telefon: {feedback.phone}")
    if feedback.web_form:
        lines.append(f"- Webbformulär: {feedback.web_form}")
    if feedback.postal_address:
        lines.append(f"- Post: {feedback.postal_address}")
    return "\n".join(lines)


def _exemptions(items: list[Exemption], none: str) -> None:
    if not items:
        st.markdown(none)
    for item in items:
        st.markdown(f"**{item.summary}** {item.reason}")


def _draw(statement: AccessibilityStatement) -> None:
    words = COMPLIANCE_WORDS[statement.compliance]
    # a soft hyphen: on a phone the long word breaks as "Tillgänglighets-/redogörelse", not anywhere
    st.title(f"Tillgänglighets\u00adredogörelse för {statement.service}")
    missing = unfilled(statement)
    if missing:
        st.warning("Kommunen har inte fyllt i alla uppgifter i redogörelsen ännu; det som står inom "
                   "klammerparenteser {…} ska ersättas. Saknas: " + ", ".join(field_name(m) for m in missing)
                   + f". Uppgifterna fylls i i filen {statement_path().name}.", icon=":material/edit_note:")
    intro = (f"{statement.public_body} står bakom {statement.service}. Vi vill att så många som möjligt ska "
             "kunna använda tjänsten. Här beskriver vi hur tjänsten uppfyller lagen (2018:1937) om "
             "tillgänglighet till digital offentlig service, vilka kända brister den har och hur du kan "
             "rapportera problem till oss så att vi kan åtgärda dem.")
    if statement.address:
        intro += f" Redogörelsen gäller {statement.service} på {statement.address}."
    st.markdown(intro)

    st.header("Hur tillgänglig är tjänsten?")
    known = ("Vi känner till de brister som beskrivs under **Innehåll som inte är tillgängligt** nedan."
             if statement.deviations else "Vi känner inte till några brister.")
    st.markdown(f"{statement.service} är **{words}** med lagen om tillgänglighet till digital offentlig "
                f"service. {known}")

    contact = _contact_lines(statement.feedback)
    answer = f"\n\n{statement.feedback.response_time}" if statement.feedback.response_time else ""
    st.header("Vad kan du göra om du inte kan använda delar av tjänsten?")
    st.markdown("Om du behöver innehåll från tjänsten i en annan form, till exempel uppgifterna i en tabell "
                f"som vanlig text, kan du kontakta oss:\n\n{contact}{answer}")

    st.header("Rapportera brister i tjänstens tillgänglighet")
    st.markdown("Vi vill hela tiden förbättra tjänstens tillgänglighet. Om du upptäcker problem som inte "
                "beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, kontakta oss "
                f"så att vi får veta att problemet finns:\n\n{contact}{answer}")

    enforcement = statement.enforcement
    st.header("Tillsyn")
    digg = [f"- Anmälan: [{enforcement.report_url}]({enforcement.report_url})"]
    if enforcement.email:
        digg.append(f"- E-post: {enforcement.email}")
    if enforcement.phone:
        digg.append(f"- Telefon: {enforcement.phone}")
    if enforcement.postal_address:
        digg.append(f"- Post: {enforcement.postal_address}")
    st.markdown(f"{enforcement.authority} har ansvaret för tillsynen över lagen om tillgänglighet till digital "
                "offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter, eller om du har "
                "begärt innehåll i en tillgänglig form och inte fått det, kan du anmäla det till "
                f"{enforcement.authority}:\n\n" + "\n".join(digg))

    st.header("Teknisk information om tjänstens tillgänglighet")
    reason = ("" if statement.compliance is Compliance.full
              else ", på grund av de brister som beskrivs nedan")
    st.markdown(f"{statement.service} är {words} med lagen om tillgänglighet till digital offentlig service"
                f"{reason}. Kraven är {statement.standard}.")
    st.subheader("Innehåll som inte är tillgängligt")
    if not statement.deviations:
        st.markdown("Vi känner inte till något innehåll som inte är tillgängligt.")
    for deviation in statement.deviations:
        with st.container(border=True):
            st.markdown(f"#### {deviation.summary}")
            st.markdown(deviation.details)
            facts = []
            if deviation.where:
                facts.append(f"- **Var:** {deviation.where}")
            facts.append(f"- **Varför:** {deviation.reason}")
            if deviation.alternative:
                facts.append(f"- **Gör så här i stället:** {deviation.alternative}")
            facts.append("- **Krav som inte uppfylls:** WCAG " + ", ".join(deviation.wcag))
            st.markdown("\n".join(facts))
    st.subheader("Oskäligt betungande anpassning")
    _exemptions(statement.disproportionate_burden,
                "Vi åberopar inte undantaget för oskäligt betungande anpassning (12 §) för något innehåll.")
    st.subheader("Innehåll som inte omfattas av lagen")
    _exemptions(statement.not_covered, "Tjänsten har inget innehåll som undantas från lagen (9 §).")

    assessment = statement.assessment
    st.header("Hur vi testat tjänsten")
    st.markdown(f"{assessment.method} Bedömningen gjordes den {long_date(assessment.date)}.")
    if assessment.automated:
        tool = assessment.automated
        st.markdown(f"**Automatisk granskning:** {tool.tool} {tool.version} i {tool.browser}, mot {tool.rules}.")
    if assessment.manual_checks:
        st.markdown("**Manuella kontroller:**\n\n" + "\n".join(f"- {c}" for c in assessment.manual_checks))
    if assessment.not_tested:
        st.markdown("**Inte testat:**\n\n" + "\n".join(f"- {c}" for c in assessment.not_tested))
    st.markdown(f"Redogörelsen uppdaterades senast den {long_date(statement.updated)}.")


try:
    _statement = load_statement()
except InputError as exc:
    st.title("Tillgänglighetsredogörelse")
    st.error("Tillgänglighetsredogörelsen kunde inte läsas. Förvaltningen som ansvarar för verktyget behöver "
             "rätta filen:\n\n" + "\n".join(f"- {p}" for p in exc.problems))
    st.markdown(DIGG_FALLBACK)
else:
    _draw(_statement)
