"""The life of a case after the decision, on Status och historik: its line of predecessors and successors,
Att göra, the agreement, follow-ups with re-assessment when the facts change, and the de minimis room.

Streamlit layout only: what is due, the form's fields and defaults, and reading what was typed live in
``iop.portfolio`` (after_decision); every read and write goes through ``iop.store.PortfolioDesk``, which
asks the access rules, and every write is a revision of the case.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages.parts import portfolio_session, records_session, session
from iop.portfolio import (
    FORM_GROUP,
    NO_FORM,
    WATCHED,
    AgreementPlan,
    agreement_lines,
    agreement_plan,
    answer_index,
    case_labels,
    de_minimis_line,
    due_lines,
    field_rows,
    follow_up_table,
    latest_reassessment,
    link_choices,
    local_time,
    read_agreement,
    read_follow_up,
    today,
    upcoming,
)
from iop.records import CONTACT_FORMAT, FOLLOW_UP_LABEL, Action, CaseStatus, StatusRecord, StoredCase
from iop.store import CaseDesk, PortfolioDesk, StoreError
from iop.words import DATE_FORMAT

FLASH = "agreement:flash"
GONE = "(ärendet finns inte längre i registret)"


def _done(desk: PortfolioDesk, case_id: str, message: str) -> None:
    """After a write: the case in progress follows the new revision, and the page says what was saved."""
    if records_session.record_id() == case_id:
        records_session.open_record(desk.desk.register.load_case(case_id))
    st.session_state[FLASH] = message
    st.rerun()


def _line(desk: PortfolioDesk, stored: StoredCase) -> None:
    st.subheader("Föregångare och efterföljare")
    labels = case_labels(desk.case_choices())
    predecessors, successors, copied_from = desk.line(stored.id)
    if copied_from:
        st.markdown("Kopierat från:")
        st.page_link("app_pages/case_record.py", label=labels.get(copied_from, GONE), icon=":material/content_copy:",
                     query_params={"case": copied_from})
    if not predecessors and not successors:
        st.markdown("Ärendet är inte kopplat till något tidigare eller senare ärende.")
    for case_id in predecessors:
        st.page_link("app_pages/case_record.py", label=labels.get(case_id, GONE), icon=":material/arrow_upward:",
                     query_params={"case": case_id})
    if predecessors or successors:
        st.markdown(f"**Det här ärendet:** {session.escape(labels.get(stored.id, GONE))}")
    for case_id in successors:
        st.page_link("app_pages/case_record.py", label=labels.get(case_id, GONE), icon=":material/arrow_downward:",
                     query_params={"case": case_id})
    if not desk.may(Action.link_cases):
        return
    others = link_choices(labels, stored.id, predecessors, successors)
    with st.expander("Koppla till ett tidigare ärende"):
        st.markdown("Välj det ärende som det här fortsätter: samma verksamhet förnyad, eller flyttad från bidrag "
                    "till IOP eller från IOP till upphandling. Översikten räknar då förflyttningen.")
        chosen = st.selectbox("Det här ärendet fortsätter", list(others), format_func=others.__getitem__,
                              index=None, placeholder="Välj ett ärende", key="agreement:link")
        if st.button("Koppla som efterföljare", icon=":material/link:") and chosen:
            _write(desk, stored.id, lambda: desk.link(chosen, stored.id), "Ärendet är kopplat som efterföljare.")
        last = predecessors[-1] if predecessors else None
        if last and st.button(f"Ta bort kopplingen till {labels.get(last, GONE)}", icon=":material/link_off:"):
            _write(desk, stored.id, lambda: desk.unlink(last, stored.id), "Kopplingen är borttagen.")


def _write(desk: PortfolioDesk, case_id: str, action: Callable[[], object], message: str) -> None:
    """Do a write; a refusal or a store error is said on the page, a success after the page reloads."""
    try:
        action()
    except StoreError as exc:
        st.error(str(exc))
    else:
        _done(desk, case_id, message)


def _todo(desk: PortfolioDesk, stored: StoredCase, aid: str) -> None:
    st.subheader("Att göra")
    state = desk.agreement_state(stored.id)
    due = due_lines(state, today())
    if not due and not aid:
        st.markdown("Inget är aktuellt just nu." if state is not None else
                    "Registrera överenskommelsen nedan, så visas här när den ska följas upp, sägas upp eller "
                    "utvärderas.")
    for line in due:
        text = f"**{line.label}** ({'försenad' if line.overdue else 'snart'}): {session.escape(line.text)}"
        (st.warning if line.overdue else st.info)(text, icon=":material/warning:" if line.overdue
                                                   else ":material/schedule:")
    if aid:
        st.warning(session.escape(aid), icon=":material/euro:")
    if upcoming(state):
        st.caption(upcoming(state))


def _agreement_fields(plan: AgreementPlan) -> tuple[dict[str, str], str]:
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


def _agreement(desk: PortfolioDesk, stored: StoredCase) -> bool:
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
        typed, form = _agreement_fields(plan)
        submitted = st.form_submit_button("Spara överenskommelsen", type="primary")
    if submitted:
        agreement, problems = read_agreement(plan, typed, form, decision)
        if problems or agreement is None:
            st.error("Överenskommelsen sparades inte; det du skrev finns kvar i fälten.\n\n"
                     + "\n".join(f"- {session.escape(p)}" for p in problems))
        else:
            _write(desk, stored.id, lambda: desk.save_agreement(stored.id, agreement),
                   "Överenskommelsen är sparad som en ny version av ärendet.")
    return recorded is not None


def _follow_ups(desk: PortfolioDesk, stored: StoredCase, records: list[StatusRecord], has_agreement: bool) -> None:
    st.subheader("Uppföljningar")
    catalog = session.rulebook().questions
    done = desk.follow_ups(stored.id)
    if done:
        st.dataframe(follow_up_table(done, stored.case, catalog), hide_index=True, width="stretch",
                     alt="Tabell över ärendets uppföljningar, äldst först")
        again = latest_reassessment(done)
        if again is not None:
            body = "\n".join(f"- {session.escape(line)}" for line in again.lines) or \
                "Inga kriterier eller grindar får ett annat utfall."
            (st.warning if again.changed else st.info)(f"{again.heading}\n\n{body}",
                                                       icon=":material/published_with_changes:")
    else:
        st.markdown("Inga uppföljningar registrerade ännu.")
    if not has_agreement:
        st.caption("Registrera överenskommelsen ovan innan den följs upp.")
        return
    if not desk.may(Action.record_follow_up):
        return
    labels = {qid: catalog.questions[qid].text for qid in WATCHED if qid in catalog.questions}
    with st.container(border=True):
        st.markdown("**Registrera en uppföljning**")
        changed_ids = st.multiselect(
            "Har något av detta ändrats sedan bedömningen?", list(labels), format_func=labels.__getitem__,
            key="followup:changed", placeholder="Inget har ändrats",
            help="Till exempel att det nu finns företag som erbjuder tjänsten, eller att kommunen styr mer. "
                 "Ärendet bedöms då om med de nya svaren och jämförs med den sparade bedömningen.")
        with st.form("follow_up", clear_on_submit=True):
            day_col, kind_col = st.columns(2)
            day = day_col.text_input("Datum", today().isoformat(), placeholder=DATE_FORMAT)
            kind = kind_col.radio("Slag", list(FOLLOW_UP_LABEL), format_func=FOLLOW_UP_LABEL.__getitem__,
                                  horizontal=True)
            found = st.text_area("Vad som konstaterades", placeholder="T.ex. verksamheten går enligt plan; 40 elever")
            notes = st.text_area("Anteckningar", placeholder="Protokoll, närvarande, överenskomna åtgärder")
            answers: dict[str, str] = {}
            for qid in changed_ids:
                question = catalog.questions[qid]
                options = list(question.options)
                picked = st.selectbox(f"Nytt svar: {question.text}", options, format_func=question.options.__getitem__,
                                      index=answer_index(options, stored.case, qid), key=f"followup:answer:{qid}")
                if picked is not None:
                    answers[qid] = picked
            submitted = st.form_submit_button("Registrera uppföljningen", type="primary")
    if not submitted:
        return
    snapshot = next((r.snapshot for r in reversed(records) if r.snapshot), None)
    follow_up, problems = read_follow_up(day, kind, found, notes, answers, stored.case, snapshot, session.engine(),
                                         today())
    if problems or follow_up is None:
        st.error("Uppföljningen registrerades inte.\n\n" + "\n".join(f"- {session.escape(p)}" for p in problems))
        return
    st.session_state.pop("followup:changed", None)
    different = follow_up.reassessment is not None and follow_up.reassessment.changed
    _write(desk, stored.id, lambda: desk.add_follow_up(stored.id, follow_up),
           "Uppföljningen är registrerad som en ny version av ärendet."
           + (" Bedömningen blir en annan med de ändrade uppgifterna; se Omprövning." if different else ""))


def draw(case_desk: CaseDesk, stored: StoredCase, records: list[StatusRecord]) -> None:
    """Everything after the decision, for the case shown on Status och historik, as this person may see it."""
    desk = portfolio_session.desk_for(case_desk)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
    try:
        _line(desk, stored)
        aid = de_minimis_line(desk.de_minimis(stored.id, today(), session.rulebook().parameters))
        if stored.status is not CaseStatus.decided:
            if aid:
                st.subheader("Att göra")
                st.warning(session.escape(aid), icon=":material/euro:")
            st.caption("Överenskommelsen, uppföljningarna och Att göra registreras när ärendet är beslutat.")
            return
        _todo(desk, stored, aid)
        _follow_ups(desk, stored, records, _agreement(desk, stored))
    except StoreError as exc:
        st.error(str(exc))
