"""The agreement on Status och historik: the decision's terms as the decision states them, the agreement in
words for a reader, and its form for a role that may record it. Layout only: which fields, their defaults
and reading what was typed are ``iop.portfolio.after_decision``'s."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import portfolio_session, session
from iop.portfolio import (
    FORM_GROUP,
    NO_FORM,
    AgreementPlan,
    agreement_lines,
    agreement_plan,
    field_rows,
    local_time,
    read_agreement,
)
from iop.records import CONTACT_FORMAT, Action, StoredCase
from iop.store import PortfolioDesk


def _fields(plan: AgreementPlan) -> tuple[dict[str, str], str]:
    """The agreement's fields as the plan says (inside the form); what was typed, and the form's choice."""
    typed: dict[str, str] = {}
    for row in field_rows(plan):
        for column, field in zip(st.columns(len(row)), row, strict=True):
            if field is not None:
                typed[field.name] = column.text_input(field.label, plan.texts[field.name],
                                                      placeholder=field.placeholder, help=field.help)
    form = NO_FORM
    if plan.form_typed:
        form = st.selectbox("Beslutad form", plan.forms, index=plan.forms.index(plan.form),
                            format_func=lambda f: "Inte angiven" if f == NO_FORM else FORM_GROUP.get(f, f))
    typed["contacts"] = st.text_area("Kontaktpersoner, en per rad", plan.texts["contacts"],
                                     placeholder=CONTACT_FORMAT, help=f"Skriv: {CONTACT_FORMAT}.")
    return typed, form


def draw(desk: PortfolioDesk, stored: StoredCase) -> bool:
    """The agreement (shown to all who read the case, a form for those who may record it); whether there is one."""
    st.subheader("Överenskommelsen")
    recorded = desk.agreement(stored.id)
    decision = desk.decision(stored.id)
    plan = agreement_plan(decision, recorded.agreement if recorded else None, desk.may(Action.register_decision))
    if recorded is not None:
        st.caption(f"Senast ändrad {local_time(recorded.recorded_at)} av {session.escape(recorded.author)} "
                   f"(version {recorded.revision}).")
    for line in plan.from_decision:
        st.markdown(f"- {session.escape(line)}")
    for note in plan.notes:
        st.caption(session.escape(note))
    if not desk.may(Action.record_agreement):
        for line in agreement_lines(recorded.agreement, decision) if recorded else ["Ingen överenskommelse "
                                                                                    "registrerad ännu."]:
            st.markdown(f"- {session.escape(line)}")
        st.caption(desk.refusal(Action.record_agreement))
        return recorded is not None
    with st.form("agreement"):
        st.markdown("Det som överenskommelsen (eller bidragsbeslutet) säger om perioden, uppsägning, uppföljning "
                    "och utvärdering. Det som står i beslutet skrivs inte igen. Varje ändring sparas som en ny "
                    "version av ärendet.")
        typed, form = _fields(plan)
        submitted = st.form_submit_button("Spara överenskommelsen", type="primary")
    if submitted:
        agreement, problems = read_agreement(plan, typed, form, decision)
        if problems or agreement is None:
            st.error("Överenskommelsen sparades inte; det du skrev finns kvar i fälten.\n\n"
                     + "\n".join(f"- {session.escape(p)}" for p in problems))
        else:
            portfolio_session.write(desk, stored.id, lambda: desk.save_agreement(stored.id, agreement),
                   "Överenskommelsen är sparad som en ny version av ärendet.")
    return recorded is not None
