"""The life of a case after the decision, on Status och historik: its line of predecessors and successors,
Att göra, the agreement, follow-ups with re-assessment when the facts change, and the de minimis room.

Streamlit layout only: the rules (what is due, how the assessment is re-run, how contacts are read)
live in ``iop.portfolio`` and ``iop.records``; every write goes through the store as a revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from app_pages.parts import portfolio_session, records_session, session
from app_pages.parts.form_fields import DATE_FORMAT, parse_swedish_date
from iop.io import problems_from_validation
from iop.portfolio import (
    FORM_GROUP,
    TODO_LABEL,
    WATCHED,
    AgreementState,
    changed_answer_lines,
    de_minimis,
    evaluation_due,
    local_time,
    next_follow_up,
    notice_deadline,
    org_keys,
    reassess,
    today,
    todo_for,
)
from iop.records import (
    CONTACT_FORMAT,
    FOLLOW_UP_LABEL,
    STATUS_LABEL,
    SUBFORMS,
    Agreement,
    CaseStatus,
    FollowUp,
    Identity,
    StatusRecord,
    StoredCase,
    contacts_from_text,
    contacts_to_text,
)
from iop.store import CaseRegister, PortfolioStore, StoreError
from iop.words import AmountError, format_kronor, parse_kronor, parse_months, swedish_number

FLASH = "agreement:flash"
NO_FORM = "ingen"


def _flash(message: str) -> None:
    st.session_state[FLASH] = message
    st.rerun()


def _describe(frame: pd.DataFrame, case_id: str) -> str:
    found = frame.loc[frame["id"] == case_id]
    if found.empty:
        return "(ärendet finns inte längre i registret)"
    row = found.iloc[0]
    number = f" ({row['diarienummer']})" if row["diarienummer"] else ""
    year = "" if pd.isna(row["year"]) else f" {int(row['year'])}"
    where = FORM_GROUP[str(row["form_group"])] if row["decision"] else STATUS_LABEL[CaseStatus(row["status"])]
    return f"{row['title']}{number} · {where}{year}"


def _line(store: PortfolioStore, register: CaseRegister, stored: StoredCase, who: Identity) -> None:
    st.subheader("Föregångare och efterföljare")
    frame = store.frame()
    predecessors, successors, copied_from = store.line(stored.id)
    if copied_from:
        st.markdown("Kopierat från:")
        st.page_link("app_pages/case_record.py", label=_describe(frame, copied_from), icon=":material/content_copy:",
                     query_params={"case": copied_from})
    if not predecessors and not successors:
        st.markdown("Ärendet är inte kopplat till något tidigare eller senare ärende.")
    for case_id in predecessors:
        st.page_link("app_pages/case_record.py", label=_describe(frame, case_id), icon=":material/arrow_upward:",
                     query_params={"case": case_id})
    if predecessors or successors:
        st.markdown(f"**Det här ärendet:** {session.escape(_describe(frame, stored.id))}")
    for case_id in successors:
        st.page_link("app_pages/case_record.py", label=_describe(frame, case_id), icon=":material/arrow_downward:",
                     query_params={"case": case_id})
    others = {str(i): _describe(frame, str(i)) for i in frame.sort_values("title")["id"]
              if i != stored.id and i not in successors and i not in predecessors}
    with st.expander("Koppla till ett tidigare ärende"):
        st.markdown("Välj det ärende som det här fortsätter: samma verksamhet förnyad, eller flyttad från bidrag "
                    "till IOP eller från IOP till upphandling. Översikten räknar då förflyttningen.")
        chosen = st.selectbox("Det här ärendet fortsätter", list(others), format_func=others.__getitem__,
                              index=None, placeholder="Välj ett ärende", key="agreement:link")
        if st.button("Koppla som efterföljare", icon=":material/link:") and chosen:
            try:
                store.link(chosen, stored.id, who.label)
            except StoreError as exc:
                st.error(str(exc))
            else:
                _refresh(register, stored.id)
                _flash("Ärendet är kopplat som efterföljare.")
        for case_id in predecessors[-1:]:
            if st.button(f"Ta bort kopplingen till {_describe(frame, case_id)}", icon=":material/link_off:"):
                try:
                    store.unlink(case_id, stored.id, who.label)
                except StoreError as exc:
                    st.error(str(exc))
                else:
                    _refresh(register, stored.id)
                    _flash("Kopplingen är borttagen.")


def _refresh(register: CaseRegister, case_id: str) -> None:
    """The case in progress follows the revision the store just added (the history and the revision number)."""
    if records_session.record_id() == case_id:
        records_session.open_record(register.load_case(case_id))


def _todo(state: AgreementState | None, aid: str) -> None:
    st.subheader("Att göra")
    items = todo_for(state, today()) if state is not None else []
    if not items and not aid:
        st.markdown("Inget är aktuellt just nu." if state is not None else
                    "Registrera överenskommelsen nedan, så visas här när den ska följas upp, sägas upp eller "
                    "utvärderas.")
    for item in items:
        icon = ":material/warning:" if item.overdue else ":material/schedule:"
        text = f"**{TODO_LABEL[item.kind]}** ({item.state.lower()}): {session.escape(item.text)}"
        (st.warning if item.overdue else st.info)(text, icon=icon)
    if aid:
        st.warning(session.escape(aid), icon=":material/euro:")
    if state is not None:
        agreement = state.schedule
        upcoming = [("Nästa avstämning", next_follow_up(state)), ("Sista dag att säga upp", notice_deadline(agreement)),
                    ("Utvärdering före förnyelse", evaluation_due(agreement))]
        shown = [f"{label}: {day.isoformat()}" for label, day in upcoming if day is not None]
        if shown:
            st.caption(" · ".join(shown))


def _de_minimis(store: PortfolioStore, stored: StoredCase) -> str:
    """A line on this organisation's de minimis room when it is near or over a ceiling, else ''."""
    frame = store.frame()
    row = frame.loc[frame["id"] == stored.id]
    if row.empty:
        return ""
    key = org_keys(row).iloc[0]
    if not key:
        return ""
    table = de_minimis(frame, today(), session.rulebook().parameters)
    mine = table[table["org_key"] == key]
    if mine.empty:
        return ""
    found = mine.iloc[0]
    left = found["headroom_general_eur"]
    if pd.isna(left):
        return ""
    return (f"Stöd av mindre betydelse till {found['organisation']} de senaste tre åren, i alla dess ärenden: "
            f"{swedish_number(int(found['general_eur']))} euro; kvar till taket "
            f"{swedish_number(int(found['ceiling_general_eur']))} euro: {swedish_number(int(left))} euro"
            + (" (över taket)." if left < 0 else "."))


def _months(label: str, typed: str, problems: list[str]) -> int | None:
    try:
        number = parse_months(typed)
    except AmountError as exc:
        problems.append(f"{label}: {exc}")
        return None
    return number.value if number else None


def _kronor(label: str, typed: str, problems: list[str]) -> int | None:
    try:
        number = parse_kronor(typed)
    except AmountError as exc:
        problems.append(f"{label}: {exc}")
        return None
    return number.value if number else None


def _date(label: str, typed: str, problems: list[str]) -> dt.date | None:
    try:
        return parse_swedish_date(typed)
    except ValueError:
        problems.append(f"{label}: ”{typed.strip()}” är inget datum. Skriv datumet som {DATE_FORMAT}, "
                        "till exempel 2026-03-02.")
        return None


def _agreement(store: PortfolioStore, register: CaseRegister, stored: StoredCase, decision: str | None,
               who: Identity) -> Agreement | None:
    st.subheader("Överenskommelsen")
    recorded = store.agreement(stored.id)
    current = recorded.agreement if recorded else None
    if recorded is not None:
        st.caption(f"Senast ändrad {local_time(recorded.recorded_at)} av {session.escape(recorded.author)} "
                   f"(version {recorded.revision}).")
    forms = [NO_FORM, *SUBFORMS.get(decision, ())] if decision else [NO_FORM]  # type: ignore[call-overload]
    with st.form("agreement"):
        st.markdown("Det som överenskommelsen (eller bidragsbeslutet) säger om perioden, uppsägning, uppföljning "
                    "och utvärdering. Varje ändring sparas som en ny version av ärendet.")
        start_col, end_col = st.columns(2)
        start = start_col.text_input("Startdatum", current.start.isoformat() if current else "",
                                     placeholder=DATE_FORMAT)
        end = end_col.text_input("Slutdatum (tomt: tills vidare)", current.end.isoformat() if current and current.end
                                 else "", placeholder=DATE_FORMAT)
        notice_col, follow_col, evaluation_col = st.columns(3)
        shown: Callable[[int | None], str] = lambda m: f"{m} månader" if m else ""  # noqa: E731
        notice = notice_col.text_input("Uppsägningstid före slutdatum",
                                       shown(current.notice_months if current else None), placeholder="t.ex. 3 månader")
        follow = follow_col.text_input("Avstämning var", shown(current.follow_up_months if current else 12),
                                       placeholder="t.ex. 12 månader", help="12 månader: en årlig avstämning.")
        evaluation = evaluation_col.text_input("Utvärdering före slutdatum",
                                               shown(current.evaluation_months_before_end if current else None),
                                               placeholder="t.ex. 6 månader",
                                               help="Hur långt före slutdatum verksamheten utvärderas inför ett "
                                                    "beslut om förnyelse.")
        form = st.selectbox("Beslutad form", forms, index=forms.index(current.form) if current and current.form in forms
                            else 0, format_func=lambda f: "Inte angiven" if f == NO_FORM else FORM_GROUP.get(f, f))
        money_col, kind_col = st.columns(2)
        money = money_col.text_input("Kommunens pengar, kr per år", format_kronor(current.municipality_sek_per_year)
                                     if current and current.municipality_sek_per_year is not None else "",
                                     placeholder="tomt: enligt ärendet")
        in_kind = kind_col.text_input("Kommunens övriga insatser värderade, kr per år",
                                      format_kronor(current.municipality_in_kind_sek_per_year)
                                      if current and current.municipality_in_kind_sek_per_year is not None else "",
                                      placeholder="t.ex. lokaler")
        org_money = money_col.text_input("Organisationens pengar, kr per år",
                                         format_kronor(current.organisation_sek_per_year)
                                         if current and current.organisation_sek_per_year is not None else "",
                                         placeholder="tomt: enligt ärendet")
        org_in_kind = kind_col.text_input("Organisationens övriga insatser värderade, kr per år",
                                          format_kronor(current.organisation_in_kind_sek_per_year)
                                          if current and current.organisation_in_kind_sek_per_year is not None else "",
                                          placeholder="t.ex. ideella timmar")
        contacts_text = st.text_area("Kontaktpersoner, en per rad",
                                     contacts_to_text(current.contacts) if current else "",
                                     placeholder=CONTACT_FORMAT, help=f"Skriv: {CONTACT_FORMAT}.")
        submitted = st.form_submit_button("Spara överenskommelsen", type="primary")
    if not submitted:
        return current
    problems: list[str] = []
    start_day = _date("Startdatum", start, problems)
    if start_day is None and not problems:
        problems.append("Ange startdatum.")
    values: dict[str, Any] = {
        "start": start_day, "end": _date("Slutdatum", end, problems),
        "notice_months": _months("Uppsägningstid", notice, problems),
        "follow_up_months": _months("Avstämning", follow, problems),
        "evaluation_months_before_end": _months("Utvärdering", evaluation, problems),
        "form": None if form == NO_FORM else form,
        "municipality_sek_per_year": _kronor("Kommunens pengar", money, problems),
        "municipality_in_kind_sek_per_year": _kronor("Kommunens övriga insatser", in_kind, problems),
        "organisation_sek_per_year": _kronor("Organisationens pengar", org_money, problems),
        "organisation_in_kind_sek_per_year": _kronor("Organisationens övriga insatser", org_in_kind, problems),
    }
    contacts, contact_problems = contacts_from_text(contacts_text)
    problems += contact_problems
    if not problems:
        try:
            agreement = Agreement.model_validate({**values, "contacts": contacts})
        except ValidationError as exc:
            problems += [p.message if p.field in ("", "(överst)") else f"{p.field}: {p.message}"
                         for p in problems_from_validation(exc)]
    if problems:
        st.error("Överenskommelsen sparades inte; det du skrev finns kvar i fälten.\n\n"
                 + "\n".join(f"- {session.escape(p)}" for p in problems))
        return current
    try:
        store.save_agreement(stored.id, agreement, who.label)
    except StoreError as exc:
        st.error(str(exc))
        return current
    _refresh(register, stored.id)
    _flash("Överenskommelsen är sparad som en ny version av ärendet.")
    return agreement


def _follow_ups(store: PortfolioStore, register: CaseRegister, stored: StoredCase, records: list[StatusRecord],
                who: Identity, has_agreement: bool) -> None:
    st.subheader("Uppföljningar")
    catalog = session.rulebook().questions
    done = store.follow_ups(stored.id)
    if done:
        st.dataframe(pd.DataFrame({
            "Datum": [f.follow_up.date.isoformat() for f in done],
            "Slag": [FOLLOW_UP_LABEL[f.follow_up.kind] for f in done],
            "Vad som konstaterades": [f.follow_up.found for f in done],
            "Anteckningar": [f.follow_up.notes for f in done],
            "Ändrade uppgifter": ["; ".join(changed_answer_lines(stored.case, f.follow_up.changed_answers, catalog))
                                  for f in done],
            "Registrerad": [f"{local_time(f.recorded_at)}, {f.author}" for f in done],
        }), hide_index=True, width="stretch", alt="Tabell över ärendets uppföljningar, äldst först")
        latest = next((f for f in reversed(done) if f.follow_up.reassessment is not None), None)
        if latest is not None and latest.follow_up.reassessment is not None:
            again = latest.follow_up.reassessment
            heading = (f"Omprövning efter uppföljningen {latest.follow_up.date.isoformat()}: "
                       + ("bedömningen blir en annan." if again.changed else "rekommendationen står sig."))
            body = "\n".join(f"- {session.escape(line)}" for line in again.differences) or \
                "Inga kriterier eller grindar får ett annat utfall."
            (st.warning if again.changed else st.info)(f"{heading}\n\n{body}", icon=":material/published_with_changes:")
    else:
        st.markdown("Inga uppföljningar registrerade ännu.")
    if not has_agreement:
        st.caption("Registrera överenskommelsen ovan innan den följs upp.")
        return
    snapshot = next((r.snapshot for r in reversed(records) if r.snapshot), None)
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
                now = stored.case.answers.get(qid)
                picked = st.selectbox(f"Nytt svar: {question.text}", options,
                                      format_func=question.options.__getitem__,
                                      index=options.index(now.option) if now and now.option in options else 0,
                                      key=f"followup:answer:{qid}")
                if picked is not None:
                    answers[qid] = picked
            submitted = st.form_submit_button("Registrera uppföljningen", type="primary")
    if not submitted:
        return
    problems: list[str] = []
    follow_day = _date("Datum", day, problems) or (None if problems else today())
    if not found.strip():
        problems.append("Skriv vad som konstaterades vid uppföljningen.")
    if problems or follow_day is None:
        st.error("Uppföljningen registrerades inte.\n\n" + "\n".join(f"- {session.escape(p)}" for p in problems))
        return
    changed = {qid: option for qid, option in answers.items()
               if option != (stored.case.answers[qid].option if qid in stored.case.answers else None)}
    outcome = (reassess(session.engine(), stored.case, snapshot.assessment(), changed)
               if changed and snapshot is not None else None)
    try:
        store.add_follow_up(stored.id, FollowUp(date=follow_day, kind=kind, found=found.strip(), notes=notes.strip(),
                                                changed_answers=changed, reassessment=outcome), who.label)
    except (StoreError, ValidationError) as exc:
        st.error(str(exc) if isinstance(exc, StoreError) else "Uppföljningen kunde inte sparas: för lång text.")
        return
    _refresh(register, stored.id)
    st.session_state.pop("followup:changed", None)
    different = outcome is not None and outcome.changed
    _flash("Uppföljningen är registrerad som en ny version av ärendet."
           + (" Bedömningen blir en annan med de ändrade uppgifterna; se Omprövning." if different else ""))


def draw(register: CaseRegister, stored: StoredCase, records: list[StatusRecord], who: Identity) -> None:
    """Everything after the decision, for the case shown on Status och historik."""
    store = portfolio_session.store(register)
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
    try:
        _line(store, register, stored, who)
        decision = next((r.decision for r in reversed(records) if r.decision), None)
        aid = _de_minimis(store, stored)
        if stored.status is not CaseStatus.decided:
            if aid:
                st.subheader("Att göra")
                st.warning(session.escape(aid), icon=":material/euro:")
            st.caption("Överenskommelsen, uppföljningarna och Att göra registreras när ärendet är beslutat.")
            return
        _todo(store.agreement_state(stored.id), aid)
        agreement = _agreement(store, register, stored, decision.decision if decision else None, who)
        _follow_ups(store, register, stored, records, who, agreement is not None)
    except StoreError as exc:
        st.error(str(exc))
