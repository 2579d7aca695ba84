"""Registering the decision on Status och historik: the form, and the decision it holds once it is whole.

What the form must hold, and every problem at once, is ``iop.records.read_decision``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from iop.records import (
    DECISION_LABEL,
    FORM_CHOICE,
    FORM_OPTIONS,
    Decision,
    StatusRecord,
    StoredCase,
    decision_start,
    read_decision,
)
from iop.words import RECOMMENDATION_SHORT, format_kronor, swedish_today


def draw(stored: StoredCase, records: Sequence[StatusRecord]) -> Decision | None:
    """The form, prefilled from the frozen recommendation and the case; the decision once it is sent and whole."""
    start = decision_start(records)
    with st.form("decision"):
        st.markdown("**Registrera beslutet**")
        kind = st.radio("Beslut", list(DECISION_LABEL), format_func=DECISION_LABEL.__getitem__, horizontal=True,
                        index=None)
        body_col, date_col, paragraph_col = st.columns(3)
        body = body_col.text_input("Beslutsorgan", placeholder="T.ex. Socialnämnden")
        day = date_col.date_input("Beslutsdatum", value=swedish_today(), format="YYYY-MM-DD")
        paragraph = paragraph_col.text_input("Paragraf", placeholder="T.ex. § 45")
        form_col, amount_col = st.columns(2)
        form = form_col.selectbox("Form", FORM_OPTIONS, format_func=lambda f: FORM_CHOICE.get(f, f or ""),
                                  index=start.form_index,
                                  help="Vilket slags bidrag eller upphandling nämnden beslutade om.")
        amount = amount_col.text_input(
            "Belopp (kronor per år)", placeholder="T.ex. 350 000",
            value=format_kronor(stored.case.public_party.contribution.money_sek_per_year),
            help="Det belopp beslutet anger per år; förifyllt med kommunens pengar under Ärendet.")
        start_col, end_col = st.columns(2)
        period_start = start_col.date_input("Perioden börjar", value=stored.case.activity.start, format="YYYY-MM-DD")
        period_end = end_col.date_input("Perioden slutar", value=None, format="YYYY-MM-DD",
                                        help="Tomt: beslutet gäller tills vidare.")
        reason = st.text_area("Motivering om beslutet avviker från rekommendationen "
                              f"({RECOMMENDATION_SHORT[start.recommendation]})")
        submitted = st.form_submit_button("Registrera beslut", type="primary")
    if not submitted:
        return None
    reading = read_decision(kind=kind, body=body, day=day, paragraph=paragraph, form=form, amount=amount,
                            period_start=period_start, period_end=period_end,
                            recommendation=start.recommendation, reason=reason)
    if reading.decision is None:
        st.error("Beslutet registrerades inte.\n\n" + "\n".join(f"- {p}" for p in reading.problems))
    return reading.decision
