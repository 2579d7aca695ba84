"""The facilitator's controls, drawn: the statement buttons, the group's conclusion, the exports, the end.

Which buttons a statement offers and where the conclusion's answers start are the
domain's (``iop.workshop.facilitation``); every action goes through the facilitator's
desk (``iop.store.WorkshopDesk``), which checks the role and logs it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from app_pages.parts import records_session, session
from iop.records import AccessSettings, Action
from iop.store import StaleRevision, StoreError, WorkshopDesk
from iop.words import app_markdown
from iop.workshop import (
    Download,
    Step,
    Workshop,
    WorkshopError,
    chosen_at_first,
    conclusion_due,
    conclusion_fields,
    controls,
    downloads,
    recorded,
    recorded_note,
    statement_labels,
)

NAME_HERE = "ws:name"  # the name field on this page (its own key: the sidebar's field has the register's key)
COLUMN = {Step.activate: 0, Step.close: 0, Step.reopen: 0, Step.reveal: 1, Step.next: 2}


def statement_controls(desk: WorkshopDesk, workshop: Workshop) -> None:
    flash = st.session_state.pop("ws:flash", None)
    if flash:
        st.error(session.escape(flash[1]))
    labels = statement_labels(workshop)
    current = chosen_at_first(workshop)
    chosen = st.selectbox("Påstående", list(labels), index=list(labels).index(current),
                          format_func=labels.__getitem__, key=f"ws:chosen:{current}")
    cols = st.columns(4)
    for control in controls(workshop, chosen):
        if cols[COLUMN[control.step]].button(control.label, type="primary" if control.primary else "secondary",
                                             key=f"ws:{control.step.value}"):
            _act(control.failure, partial(desk.take, workshop.id, control))


def _act(failure: str, do: Callable[[], object]) -> None:
    """Run a store action from a button; a refusal is shown in Swedish and the page stays as it was."""
    try:
        do()
    except (WorkshopError, StoreError) as exc:
        st.session_state["ws:flash"] = ("error", f"{failure}: {exc}")
    st.rerun()


def identify_here(access: AccessSettings, why_not: str, purpose: str) -> None:
    """Ask for the name (or the login) on the page: the facilitator's view hides the sidebar that asks for it."""
    if not access.login:
        st.info(f"Skriv ditt namn här för att {purpose}. Namnet står i ärendets historik och i åtkomstloggen.",
                icon=":material/edit:")
        st.columns(2)[0].text_input(
            "Ditt namn", key=NAME_HERE, placeholder="Förnamn Efternamn", on_change=_take_typed_name,
            help="Tryck Enter eller gå vidare från fältet.")
    elif records_session.identity(access) is None:
        st.info(f"Logga in med kommunens inloggning för att {purpose}.", icon=":material/login:")
        st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary", key="ws:login")
    else:  # logged in, but without a role that allows it: only an administrator can help
        st.info(session.escape(why_not), icon=":material/lock:")


def _take_typed_name() -> None:
    """The name typed on this page is the user's name everywhere: the same as typing it in the sidebar."""
    records_session.take_name(st.session_state.get(NAME_HERE, ""))


def conclusion_form(desk: WorkshopDesk, workshop: Workshop, access: AccessSettings) -> None:
    statement = conclusion_due(workshop)
    if statement is None or workshop.case_id is None:
        return
    done = recorded(desk.conclusions(workshop.id), statement.id)
    case = desk.saved_case(workshop.case_id)
    st.subheader("Gruppens slutsats")
    why_not = desk.desk.refusal(Action.edit_draft)
    who = desk.desk.identity
    if why_not or who is None:
        identify_here(access, why_not, "föra in gruppens slutsats i ärendet")
        return
    if done is not None:
        st.success(recorded_note(done))
    with st.form(f"ws:conclusion:{statement.id}"):
        chosen = {field.question_id: st.selectbox(field.text, field.options, format_func=field.labels.__getitem__,
                                                  index=field.default_index)
                  for field in conclusion_fields(statement, session.rulebook().questions, case, done)}
        reasoning = st.text_area("Gruppens motivering", value=done.reasoning if done else "",
                                 placeholder="Vad kom gruppen fram till, och varför?")
        st.caption(f"Förs in i ärendet i ditt namn, {session.escape(who.label)}, med workshoppens nummer, "
                   "datum och antal deltagare i historiken.")
        sent = st.form_submit_button("För in slutsatsen i ärendet", type="primary")
    if not sent:
        return
    try:
        desk.record_conclusion(workshop.id, statement.id, chosen, reasoning)
    except StaleRevision as exc:
        st.error(f"{session.escape(exc.head_author)} sparade ärendet medan gruppen diskuterade. Inget skrevs över. "
                 "Tryck på knappen igen så förs slutsatsen in ovanpå den nya versionen; det du skrev "
                 "finns kvar i formuläret.")
    except (WorkshopError, StoreError) as exc:
        st.error(session.escape(f"{exc} Det du skrev finns kvar i formuläret."))
    else:
        st.session_state["ws:flash_ok"] = "Slutsatsen är införd i ärendet."
        st.rerun()


def export(desk: WorkshopDesk, workshop: Workshop) -> None:
    st.subheader("Exportera")
    case_title = desk.saved_case(workshop.case_id).title if workshop.case_id else None
    st.caption("Bara påståenden vars resultat har visats kommer med, och bara med minst tre svar. "
               "Ingen fil innehåller vem som svarade vad.")
    files = downloads(workshop, desk.revealed_answers(workshop.id), desk.participant_count(workshop.id),
                      desk.conclusions(workshop.id), case_title, session.rulebook().questions)
    for col, file in zip(st.columns(len(files)), files, strict=True):
        if file.refusal:
            col.error("Word-mallen kan inte användas: " + app_markdown(file.refusal))
        else:
            col.download_button(file.label, _logged(desk, workshop, file), file_name=file.file_name, mime=file.mime)


def _logged(desk: WorkshopDesk, workshop: Workshop, file: Download) -> Callable[[], bytes]:
    """Checked against the role and written to the read log when the file is taken, not when offered."""
    produce = records_session.logged_export(file.make, kind=file.kind, format=file.format,
                                            case_id=workshop.case_id, workshop=workshop.number)

    def download() -> bytes:
        desk.exported(workshop, f"{file.kind} ({file.format})")
        return produce()
    return download


def end(desk: WorkshopDesk, workshop: Workshop) -> None:
    with st.expander("Avsluta workshoppen"):
        st.markdown("Koden slutar gälla och öppna påståenden stängs. Svar och slutsatser finns kvar för export.")
        sure = st.checkbox("Ja, avsluta workshoppen", key="ws:end_sure")
        if st.button("Avsluta", disabled=not sure, key="ws:end"):
            _act("Workshoppen kunde inte avslutas", partial(desk.end, workshop.id))
