"""Ärendet: parties, legal form, activity, each party's contributions, duration."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import form_fields as f
from app_pages.parts import party_fields, records_session, registration_fields, session
from iop.guide import title_problem, too_long
from iop.model import Activity, StateAidInput
from iop.words import swedish_number, swedish_today

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
if message := title_problem(title):
    st.error(message, icon=":material/error:")
else:
    case.title = title.strip()
if message := too_long("Diarienummer", diarienummer, "diarienummer"):
    st.error(message, icon=":material/error:")
else:
    case.diarienummer = diarienummer
case.date = day

if not organisation_mode:
    case.registration = registration_fields.draw(case, locked)
case.public_party = party_fields.public_party(case, organisation_mode, locked)
case.organisation = party_fields.organisation(case, organisation_mode, locked)

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
