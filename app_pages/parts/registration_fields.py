"""Ärendet's Registrering: what registering the case in the diarium needs (OSL 5 kap.).

The document head and the archive package carry it. An organisation's self-check has
none of it: that is the municipality's to set.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import form_fields as f
from app_pages.parts import session
from iop.model import Case, Registration


def draw(case: Case, locked: bool) -> Registration:
    """The registration fields, seeded from ``case``; the registration as typed (or its last valid value)."""
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
    return f.validated(Registration, registration, {
        "subject": subject.strip(), "officer": officer.strip(), "decision_body": decision_body.strip(),
        "secrecy": {"marked": secret, "provision": provision.strip(), "reason": reason.strip()},
        "retention": {"disposal": disposal, "after": after.strip(), "basis": basis.strip()}}, "Registrering")
