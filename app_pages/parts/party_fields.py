"""Ärendet's two parties: the municipality or region and the organisation, each with what it contributes."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import form_fields as f
from app_pages.parts import session
from iop.model import Case, Contribution, LegalForm, Organisation, PublicParty, YesNoUnknown
from iop.words import LEGAL_FORM, YES_NO_UNKNOWN


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


def public_party(case: Case, plain: bool, locked: bool) -> PublicParty:
    st.subheader("Offentlig part")
    col1, col2, col3 = st.columns(3)
    with col1:
        kind = st.radio("Typ", ["kommun", "region"], key=session.seeded("public:kind", case.public_party.kind),
                        format_func=str.capitalize, horizontal=True, disabled=locked)
    with col2:
        public_name = f.text("Kommun eller region", "public:name", case.public_party.name)
    with col3:
        committee = f.text("Vilken del av kommunen (om ni vet)" if plain else "Nämnd eller förvaltning",
                           "public:committee", case.public_party.committee,
                           placeholder="T.ex. kultur- och fritidsförvaltningen" if plain else None)
    public_contact = f.text("Kontaktperson hos kommunen/regionen", "public:contact", case.public_party.contact,
                            placeholder="Namn, e-post, telefon")
    st.markdown("**Kommunens eller regionens insatser**")
    contribution = contribution_fields("public:c", case.public_party.contribution, "Kommunen/regionen")
    return f.validated(PublicParty, case.public_party, {
        "kind": kind, "name": public_name, "committee": committee, "contact": public_contact,
        "contribution": contribution.model_dump()}, "Offentlig part")


def organisation(case: Case, plain: bool, locked: bool) -> Organisation:
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
                  "kommunen vill köpa tjänsten i en upphandling bara för idéburna organisationer." if plain
                  else "Frivillig registrering enligt lag (2022:900); ett praktiskt bevis vid reserverad "
                       "upphandling."))
    org_contact = f.text("Kontaktperson hos organisationen", "org:contact", case.organisation.contact,
                         placeholder="Namn, e-post, telefon")
    st.markdown("**Organisationens insatser**")
    contribution = contribution_fields("org:c", case.organisation.contribution, "Organisationen")
    return f.validated(Organisation, case.organisation, {
        "name": org_name, "org_number": org_number, "legal_form": legal_form, "registered_ideburen": registered,
        "contact": org_contact, "contribution": contribution.model_dump()}, "Organisationen")
