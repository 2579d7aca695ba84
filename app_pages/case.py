"""Ärendet: parties, legal form, activity, each party's contributions, duration."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import form_fields as f
from app_pages.parts import records_session, session
from iop.model import (
    Activity,
    Contribution,
    LegalForm,
    Organisation,
    PublicParty,
    Registration,
    StateAidInput,
    YesNoUnknown,
)
from iop.words import LEGAL_FORM, YES_NO_UNKNOWN, swedish_number, swedish_today

organisation_mode = session.is_organisation()
locked = records_session.locked()  # a bedömd, beslutad or arkiverad case: every input is disabled
# A locked case's fields write into a throwaway copy, so not even a value forced into a disabled widget
# (a stale browser tab) reaches the case that Rekommendation and Exportera show.
case = session.current_case().model_copy(deep=True) if locked else session.current_case()

st.title("Ärendet")
st.caption(records_session.saving_promise() + " Fält markerade med * behövs för en bedömning.")

st.subheader("Ärende")
similar_slot = st.empty()  # filled at the end, once title and organisation are read from their fields
if organisation_mode:
    # Diarienummer and assessment date are the municipality's to set; an organisation's self-check leaves them
    # as they are (the date then follows the activity's start date or today).
    title = f.text("Rubrik *", "case:title", case.title)
    diarienummer, day = case.diarienummer, case.date
else:
    col1, col2, col3 = st.columns(3)
    with col1:
        title = f.text("Rubrik *", "case:title", case.title)
    with col2:
        diarienummer = f.text("Diarienummer", "case:diarienummer", case.diarienummer, help="Fylls i av kommunen.")
    with col3:
        day = f.date("Bedömningsdatum", "case:date", case.date,
                     help="Styr vilka regler och belopp som gäller. Tomt: startdatum eller dagens datum.")
if not title.strip():
    st.error("Rubrik: får inte vara tom; skriv en rubrik för ärendet.", icon=":material/error:")
elif message := f.too_long("Rubrik", title.strip(), "title"):
    st.error(message, icon=":material/error:")
else:
    case.title = title.strip()
if message := f.too_long("Diarienummer", diarienummer, "diarienummer"):
    st.error(message, icon=":material/error:")
else:
    case.diarienummer = diarienummer
case.date = day

if not organisation_mode:
    # What registering the case in the diarium needs (OSL 5 kap.); the document head and the archive package
    # carry it. An organisation's self-check has none of it: that is the municipality's to set.
    st.subheader("Registrering")
    registration = case.registration
    col1, col2, col3 = st.columns(3)
    with col1:
        subject = f.text("Ärendemening", "reg:subject", registration.subject,
                         placeholder=f"Tomt: {case.title}" if case.title.strip() else None,
                         help="I korthet vad ärendet gäller, som det registreras i diariet. Tomt: rubriken används.")
    with col2:
        officer = f.text("Handläggare", "reg:officer", registration.officer, placeholder="Namn, enhet")
    with col3:
        decision_body = f.text("Beslutsinstans", "reg:decision_body", registration.decision_body,
                               placeholder="T.ex. Individ- och familjenämnden",
                               help="Den som fattar beslutet; förslaget till beslut börjar med den.")
    col1, col2 = st.columns(2)
    with col1:
        secret = st.radio("Sekretess", [False, True], horizontal=True, disabled=locked,
                          key=session.seeded("reg:secrecy", registration.secrecy.marked),
                          format_func=lambda marked: "Sekretess enligt OSL" if marked else "Ingen sekretess",
                          help="Om någon uppgift i ärendet kan omfattas av sekretess enligt offentlighets- "
                               "och sekretesslagen (OSL).")
        # Unticking keeps what was typed: it is only left out of the marking, and comes back with the tick.
        provision, reason = registration.secrecy.provision, registration.secrecy.reason
        if secret:
            provision = f.text("Lagrum i OSL", "reg:provision", registration.secrecy.provision,
                               placeholder="T.ex. OSL 31 kap. 16 §")
            reason = f.text("Skäl", "reg:reason", registration.secrecy.reason,
                            placeholder="T.ex. uppgifter om organisationens affärsförhållanden")
            if not provision.strip():
                st.warning("Ange lagrummet i OSL, t.ex. OSL 31 kap. 16 §: det står i sekretessmarkeringen.",
                           icon=":material/warning:")
    with col2:
        disposal = st.radio("Bevaras eller gallras", ["bevaras", "gallras"], horizontal=True, disabled=locked,
                            key=session.seeded("reg:disposal", registration.retention.disposal),
                            format_func=str.capitalize,
                            help="Som informationshanteringsplanen säger för den här typen av ärende.")
        after = registration.retention.after
        if disposal == "gallras":
            after = f.text("Gallras efter", "reg:after", registration.retention.after,
                           placeholder="T.ex. 10 år efter ärendets avslut")
            if not after.strip():
                st.warning("Ange när handlingarna får gallras, t.ex. 10 år efter ärendets avslut.",
                           icon=":material/warning:")
        basis = f.text("Grund", "reg:basis", registration.retention.basis,
                       placeholder="T.ex. informationshanteringsplan, dnr och punkt")
    case.registration = f.validated(Registration, registration, {
        "subject": subject.strip(), "officer": officer.strip(), "decision_body": decision_body.strip(),
        "secrecy": {"marked": secret, "provision": provision.strip(), "reason": reason.strip()},
        "retention": {"disposal": disposal, "after": after.strip(), "basis": basis.strip()}}, "Registrering")


def contribution_fields(prefix: str, current: Contribution, who: str) -> Contribution:
    col_a, col_b = st.columns(2)
    with col_a:
        money = f.money(f"{who}: pengar (kronor per år)", f"{prefix}:money", current.money_sek_per_year)
        premises = f.text(f"{who}: lokaler", f"{prefix}:premises", current.premises)
        material = f.text(f"{who}: material", f"{prefix}:material", current.material)
    with col_b:
        hours = f.hours(f"{who}: ideella timmar per år", f"{prefix}:hours", current.volunteer_hours_per_year)
        staff = f.text(f"{who}: personal", f"{prefix}:staff", current.staff)
        other = f.text(f"{who}: annat (t.ex. nätverk)", f"{prefix}:other", current.other)
    return f.validated(Contribution, current, {
        "money_sek_per_year": money, "volunteer_hours_per_year": hours, "premises": premises,
        "staff": staff, "material": material, "other": other,
    }, f"Insatser, {who.lower()}")


st.subheader("Offentlig part")
col1, col2, col3 = st.columns(3)
with col1:
    kind = st.radio("Typ", ["kommun", "region"], key=session.seeded("public:kind", case.public_party.kind),
                    format_func=str.capitalize, horizontal=True, disabled=locked)
with col2:
    public_name = f.text("Kommun eller region", "public:name", case.public_party.name)
with col3:
    committee = f.text("Vilken del av kommunen (om ni vet)" if organisation_mode else "Nämnd eller förvaltning",
                       "public:committee", case.public_party.committee,
                       placeholder="T.ex. kultur- och fritidsförvaltningen" if organisation_mode else None)
public_contact = f.text("Kontaktperson hos kommunen/regionen", "public:contact", case.public_party.contact,
                        placeholder="Namn, e-post, telefon")
st.markdown("**Kommunens eller regionens insatser**")
public_contribution = contribution_fields("public:c", case.public_party.contribution, "Kommunen/regionen")
case.public_party = f.validated(PublicParty, case.public_party, {
    "kind": kind, "name": public_name, "committee": committee, "contact": public_contact,
    "contribution": public_contribution.model_dump()}, "Offentlig part")

st.subheader("Organisationen")
col1, col2, col3 = st.columns(3)
with col1:
    org_name = f.text("Organisationens namn", "org:name", case.organisation.name)
    org_number = f.text("Organisationsnummer", "org:number", case.organisation.org_number or "",
                        placeholder="NNNNNN-NNNN")
with col2:
    legal_form = st.selectbox("Juridisk form", list(LegalForm),
                              key=session.seeded("org:form", case.organisation.legal_form),
                              format_func=LEGAL_FORM.__getitem__, placeholder="Välj juridisk form",
                              disabled=locked)
with col3:
    registered = st.radio(
        "Registrerad som idéburen organisation hos Kammarkollegiet?", list(YesNoUnknown),
        key=session.seeded("org:registered", case.organisation.registered_ideburen),
        format_func=lambda v: YES_NO_UNKNOWN[v.value], horizontal=True, disabled=locked,
        help=("Frivillig registrering som visar att ni är en idéburen organisation. Den kan spela roll om "
              "kommunen vill köpa tjänsten i en upphandling bara för idéburna organisationer." if organisation_mode
              else "Frivillig registrering enligt lag (2022:900); ett praktiskt bevis vid reserverad upphandling."))
org_contact = f.text("Kontaktperson hos organisationen", "org:contact", case.organisation.contact,
                     placeholder="Namn, e-post, telefon")
st.markdown("**Organisationens insatser**")
org_contribution = contribution_fields("org:c", case.organisation.contribution, "Organisationen")
case.organisation = f.validated(Organisation, case.organisation, {
    "name": org_name, "org_number": org_number, "legal_form": legal_form, "registered_ideburen": registered,
    "contact": org_contact, "contribution": org_contribution.model_dump()}, "Organisationen")

st.subheader("Verksamheten")
description = f.long_text("Beskrivning", "activity:description", case.activity.description,
                          placeholder="Vad ska göras, för vem och hur?")
col1, col2, col3, col4 = st.columns(4)
with col1:
    target = f.text("Målgrupp", "activity:target", case.activity.target_group)
with col2:
    area = f.text("Område", "activity:area", case.activity.area)
with col3:
    start = f.date("Startdatum", "activity:start", case.activity.start)
with col4:
    months = f.months("Planerad varaktighet (månader)", "activity:months", case.activity.planned_duration_months)
case.activity = f.validated(Activity, case.activity, {
    "description": description, "target_group": target, "area": area, "start": start,
    "planned_duration_months": months}, "Verksamheten")

if not organisation_mode:
    st.subheader("Statsstöd")
    rate_default = session.rulebook().parameters["sek_per_eur"].at(case.assessment_date(swedish_today()))
    default_rate = rate_default.value if rate_default else None
    col1, col2 = st.columns(2)
    with col1:
        rate = f.rate(
            "Växelkurs (kronor per euro)", "aid:rate", case.state_aid.sek_per_eur,
            help=f"Tomt: standardvärdet {'–' if default_rate is None else swedish_number(default_rate, 2)} kr/euro "
                 "(kontrollera aktuell kurs).")
    with col2:
        other_aid = f.money("Annat de minimis-stöd de senaste tre åren (kronor)", "aid:other",
                            case.state_aid.other_de_minimis_sek)
    case.state_aid = f.validated(StateAidInput, case.state_aid,
                                 {"sek_per_eur": rate, "other_de_minimis_sek": other_aid}, "Statsstöd")

similar = records_session.similar_cases(case)
if similar:
    similar_slot.warning("**Det finns redan ett ärende med samma rubrik och organisation:**\n\n"
                         + "\n".join(f"- {session.escape(s)}" for s in similar)
                         + "\n\nÄr det samma ansökan, öppna det under Ärenden i stället för att arbeta i två.",
                         icon=":material/content_copy:")

if st.button("Vidare till kriterierna", type="primary"):
    st.switch_page("app_pages/criteria.py")
