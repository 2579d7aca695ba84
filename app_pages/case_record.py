"""Status och historik: move the case along utkast → bedömd → (granskad →) beslutad, each step in its role;
see what was frozen, and compare revisions."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from app_pages.parts import agreement_view, records_session, session, statement_link
from iop.documents import to_markdown
from iop.guide import assessed_anyway_note, open_before_assessing
from iop.records import (
    AUTOSAVE_NOTE,
    DECISION_FORMS,
    DECISION_LABEL,
    ROLE_LABEL,
    STATUS_LABEL,
    Action,
    AssessmentSnapshot,
    CaseStatus,
    Decision,
    Role,
    case_name,
    decision_terms,
    describe_between,
    describe_changes,
    name_case_ids,
)
from iop.store import StoreError
from iop.words import (
    FORM,
    RECOMMENDATION_SHORT,
    AmountError,
    format_kronor,
    parse_kronor,
    swedish_time,
    swedish_today,
    verdict_sentence,
)

CONFIRM_ASSESS = "record:confirm_assess"
ROLE_VALUES = {role.value for role in Role}
WAITING = {
    CaseStatus.draft: "Ärendet markeras som bedömt av en handläggare. Din roll får läsa det.",
    CaseStatus.assessed: "Nästa steg tas av en granskare (granska eller återlämna) eller en beslutsfattare "
                         "(registrera beslutet eller öppna som utkast igen). Din roll får läsa ärendet.",
    CaseStatus.reviewed: "Nästa steg tas av en beslutsfattare (registrera beslutet eller öppna som utkast igen). "
                         "Din roll får läsa ärendet.",
}
FORM_CHOICE: dict[str | None, str] = {None: "Ingen särskild form",
                                      **{f: FORM[f][:1].upper() + FORM[f][1:] for f in FORM}}

st.title("Status och historik")
desk = records_session.desk_or_stop(Action.read_case)
register, who = desk.register, desk.identity
case_id = records_session.record_id()
if case_id is None or session.is_organisation():
    st.info("Det pågående ärendet är inte sparat i registret. Det sparas automatiskt när du ändrar något "
            "i läget Tjänsteperson; öppna ett sparat ärende under Ärenden.")
    statement_link.stop()

try:
    stored = desk.read_case(case_id)
    history = desk.history(case_id)
    records = desk.status_records(case_id)
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()

st.markdown(f"**{session.escape(stored.case.title)}** · "
            f"{session.escape(stored.case.diarienummer or 'utan diarienummer')}"
            f" · Status: **{STATUS_LABEL[stored.status]}** · Version {stored.revision}")
if stored.from_organisation:
    st.caption("Svaren i ärendet kommer från organisationens självtest (importerad fil).")


def _change(new: CaseStatus, **frozen: object) -> None:
    assert case_id is not None  # narrowed above at module level, which mypy cannot see here
    try:
        records_session.open_record(desk.change_status(case_id, new, stored.revision,
                                                       **frozen))  # type: ignore[arg-type]
    except StoreError as exc:
        st.error(str(exc))
        return
    st.rerun()


st.subheader("Ändra status")
may_decide = desk.may(Action.register_decision)
if stored.status is CaseStatus.draft and not desk.may(Action.mark_assessed):
    st.caption(WAITING[CaseStatus.draft])
elif stored.status in (CaseStatus.assessed, CaseStatus.reviewed) and not (
        may_decide or desk.may(Action.review) or desk.may(Action.reopen)):
    st.caption(WAITING[stored.status])
elif stored.status is CaseStatus.draft:
    st.markdown("När du markerar ärendet som **bedömt** fryses rekommendationen, regeln, kriterieuppsättningens "
                "version och kontrollsumma och hela bedömningen, så att ärendet alltid visar vad som "
                "konstaterades då, även om kriterierna ändras senare. Svaren kan sedan inte ändras.")
    now = session.engine().assess(stored.case)
    still_open = open_before_assessing(now, stored.case, session.rulebook().questions)
    if st.button("Markera som bedömt", type="primary", icon=":material/fact_check:"):
        if not still_open:
            _change(CaseStatus.assessed, snapshot=AssessmentSnapshot.of(now))
        st.session_state[CONFIRM_ASSESS] = case_id
    if still_open and st.session_state.get(CONFIRM_ASSESS) == case_id:
        # Freezing an assessment with a legal gate not investigated or a deciding question open is allowed,
        # but not in one click: the official confirms and says why, and the reason is kept in the history.
        with st.container(border=True, key="confirm-assess"):
            st.warning("**Bedömningen är inte färdig.** Det här är fortfarande öppet och kan ändra "
                       "rekommendationen:\n\n" + "\n".join(f"- {session.escape(p.text)}" for p in still_open),
                       icon=":material/warning:")
            reason = st.text_area("Varför ska ärendet ändå markeras som bedömt? *", key="record:assess_reason",
                                  placeholder="T.ex. Nämnden ska besluta nu; frågan utreds inför avtalet.",
                                  help="Skälet sparas i ärendets historik vid statusändringen.")
            yes_col, no_col = st.columns(2)
            if yes_col.button("Ja, markera som bedömt", type="primary", key="record:assess_confirm"):
                if not reason.strip():
                    st.error("Skriv varför ärendet ska markeras som bedömt trots det som är öppet.")
                else:
                    st.session_state.pop(CONFIRM_ASSESS, None)
                    _change(CaseStatus.assessed, snapshot=AssessmentSnapshot.of(now),
                            note=assessed_anyway_note(reason, still_open))
            if no_col.button("Avbryt", key="record:assess_cancel"):
                st.session_state.pop(CONFIRM_ASSESS, None)
                st.rerun()
elif stored.status in (CaseStatus.assessed, CaseStatus.reviewed) and not may_decide:
    if stored.status is CaseStatus.assessed and desk.may(Action.review):
        st.markdown("Som **granskare** markerar du ärendet som granskat, eller återlämnar det till handläggaren "
                    "som ett utkast (den frysta bedömningen finns kvar i historiken).")
        review_col, return_col = st.columns(2)
        if review_col.button("Markera som granskat", type="primary", icon=":material/verified:"):
            _change(CaseStatus.reviewed, note="Granskat")
        if return_col.button("Återlämna till handläggaren", icon=":material/undo:"):
            _change(CaseStatus.draft, note="Återlämnat av granskaren")
    else:
        st.markdown("Ärendet är granskat. Nästa steg är att en beslutsfattare registrerar beslutet.")
        if desk.may(Action.reopen) and st.button("Återlämna till handläggaren", icon=":material/undo:"):
            _change(CaseStatus.draft, note="Återlämnat av granskaren")
elif stored.status in (CaseStatus.assessed, CaseStatus.reviewed):
    if stored.status is CaseStatus.assessed and desk.may(Action.review):
        review_col, return_col = st.columns(2)
        if review_col.button("Markera som granskat", icon=":material/verified:"):
            _change(CaseStatus.reviewed, note="Granskat")
    snapshot = next((r.snapshot for r in reversed(records) if r.snapshot), None)
    recommendation = snapshot.recommendation if snapshot else "undecided"
    recommended_form = snapshot.form if snapshot else None
    forms = [None, *[f for kind in DECISION_LABEL for f in DECISION_FORMS[kind]]]
    with st.form("decision"):
        st.markdown("**Registrera beslutet**")
        decision = st.radio("Beslut", list(DECISION_LABEL), format_func=DECISION_LABEL.__getitem__, horizontal=True,
                            index=None)
        body_col, date_col, paragraph_col = st.columns(3)
        body = body_col.text_input("Beslutsorgan", placeholder="T.ex. Socialnämnden")
        day = date_col.date_input("Beslutsdatum", value=swedish_today(), format="YYYY-MM-DD")
        paragraph = paragraph_col.text_input("Paragraf", placeholder="T.ex. § 45")
        form_col, amount_col = st.columns(2)
        form = form_col.selectbox("Form", forms, format_func=lambda f: FORM_CHOICE.get(f, f or ""),
                                  index=forms.index(recommended_form) if recommended_form in forms else 0,
                                  help="Vilket slags bidrag eller upphandling nämnden beslutade om.")
        amount_text = amount_col.text_input(
            "Belopp (kronor per år)", placeholder="T.ex. 350 000",
            value=format_kronor(stored.case.public_party.contribution.money_sek_per_year),
            help="Det belopp beslutet anger per år; förifyllt med kommunens pengar under Ärendet.")
        start_col, end_col = st.columns(2)
        period_start = start_col.date_input("Perioden börjar", value=stored.case.activity.start, format="YYYY-MM-DD")
        period_end = end_col.date_input("Perioden slutar", value=None, format="YYYY-MM-DD",
                                        help="Tomt: beslutet gäller tills vidare.")
        reason = st.text_area("Motivering om beslutet avviker från rekommendationen "
                              f"({RECOMMENDATION_SHORT[recommendation]})")
        submitted = st.form_submit_button("Registrera beslut", type="primary")
    if submitted:
        problems = []
        if decision is None:
            problems.append("Välj vilket beslut som fattades.")
        if not body.strip():
            problems.append("Ange beslutsorganet, t.ex. Socialnämnden.")
        if not paragraph.strip():
            problems.append("Ange paragrafen i protokollet, t.ex. § 45.")
        if decision is not None and form is not None and form not in DECISION_FORMS[decision]:
            problems.append(f"Formen {FORM_CHOICE[form].lower()} passar inte ett beslut om "
                            f"{DECISION_LABEL[decision].lower()}; välj en annan form eller Ingen särskild form.")
        try:
            amount = parse_kronor(amount_text)
        except AmountError as exc:
            problems.append(f"Belopp: {exc}")
            amount = None
        if period_start and period_end and period_end < period_start:
            problems.append("Perioden slutar före den börjar; rätta datumen.")
        if not problems and decision is not None:
            try:
                made = Decision(decision=decision, body=body.strip(), date=day, paragraph=paragraph.strip(),
                                recommendation=recommendation, deviation_reason=reason.strip(), form=form,
                                sek_per_year=amount.value if amount else None,
                                period_start=period_start or None, period_end=period_end or None)
            except ValidationError:
                problems.append("Beslutet avviker från rekommendationen: skriv en motivering.")
        if problems:
            st.error("Beslutet registrerades inte.\n\n" + "\n".join(f"- {p}" for p in problems))
        else:
            _change(CaseStatus.decided, decision=made)
    if st.button("Öppna som utkast igen", icon=":material/edit:",
                 help="Den frysta bedömningen finns kvar i historiken."):
        _change(CaseStatus.draft, note="Öppnat som utkast igen")
elif stored.status is CaseStatus.decided:
    st.markdown("Ärendet är beslutat och kan inte ändras. Kopiera det under Ärenden för att arbeta vidare.")
else:
    st.markdown("Ärendet är arkiverat. Återställ det under Ärenden (Visa arkiverade ärenden).")

if records:
    st.subheader("Frysta uppgifter")
for record in records:
    when = swedish_time(record.created_at)
    with st.container(border=True):
        st.markdown(f"**{STATUS_LABEL[record.status]}** i version {record.revision}, {when}, av "
                    f"{session.escape(record.author)}")
        if record.snapshot:
            snap = record.snapshot
            st.markdown(session.escape(verdict_sentence(snap.recommendation, snap.form)))
            st.caption(f"Regel {session.escape(snap.rule)}: {session.escape(snap.rule_annotation)} · "
                       f"Kriterier {session.escape(snap.criteria_set_id)} version "
                       f"{session.escape(snap.criteria_set_version)}, kontrollsumma {snap.criteria_set_hash[:12]}")
            st.download_button("Ladda ner den frysta bedömningen (Markdown)",
                               records_session.logged_export(partial(to_markdown, snap.assessment()),
                                                             kind="fryst_bedomning", format="markdown"),
                               file_name=f"bedomning-version-{record.revision}.md", mime="text/markdown",
                               key=f"snapshot:{record.revision}")
        if record.decision:
            made = record.decision
            follows = ("följer rekommendationen" if made.follows_recommendation
                       else f"avviker från rekommendationen: {made.deviation_reason}")
            terms = decision_terms(made)
            st.markdown(session.escape(f"Beslut: {DECISION_LABEL[made.decision]}{', ' + terms if terms else ''}, "
                                       f"{made.body} {made.date.isoformat()} {made.paragraph}; {follows}."))

agreement_view.draw(desk, stored, records)  # what each role may record there, iop.store.PortfolioDesk decides

st.subheader("Historik")
try:
    listing = desk.case_frame()
    names = {str(row.id): case_name(str(row.title), str(row.diarienummer or "")) for row in listing.itertuples()}
except StoreError:
    names = {}
moments = {r.number: swedish_time(r.created_at) for r in history}
newest_first = list(reversed(history))
table = pd.DataFrame([{
    "Version": r.number,
    "Tid": swedish_time(r.created_at, "second"),
    "Av": r.author,
    "Roll": ROLE_LABEL[Role(r.role)] if r.role in ROLE_VALUES else "",
    "Anteckning": name_case_ids(r.note, names),
    "Statusändring": STATUS_LABEL[r.status_change] if r.status_change else "",
} for r in newest_first])
picked = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="multi-row",
                      key="history:table")
if len(history) > 1:
    rows = sorted(newest_first[i].number for i in picked.selection.rows) if picked else []
    numbers = [r.number for r in history]
    st.caption("Markera två versioner i tabellen för att jämföra dem, eller välj versionerna här.")
    pair = rows if len(rows) == 2 else [numbers[-2], numbers[-1]]
    labels = {r.number: f"Version {r.number} · {moments[r.number]} · {r.author}"
              + (f" · {STATUS_LABEL[r.status_change]}" if r.status_change else "") for r in history}
    from_col, to_col = st.columns(2)
    first = from_col.selectbox("Jämför från version", numbers, index=numbers.index(pair[0]),
                               format_func=labels.__getitem__, key=f"history:from:{pair[0]}")
    last = to_col.selectbox("till version", numbers, index=numbers.index(pair[1]),
                            format_func=labels.__getitem__, key=f"history:to:{pair[1]}")
    first, last = min(first, last), max(first, last)
    by_number = {r.number: r for r in history}
    book = session.rulebook()
    changes = describe_changes(by_number[first].case, by_number[last].case, book.questions,
                               {set_id: criteria.title for set_id, criteria in book.sets.items()})
    events = describe_between(history, records, first, last, routine_notes=(AUTOSAVE_NOTE,))
    with st.container(border=True, key="history-comparison"):
        st.markdown(f"**Från version {first} ({moments[first]}) till version {last} ({moments[last]})**")
        if events:
            st.markdown("**Det här hände:**\n\n" + "\n".join(f"- {session.escape(name_case_ids(e, names))}"
                                                                 for e in events))
        st.markdown("**Skillnader i innehållet:**\n\n" + (
            "\n".join(f"- {session.escape(c)}" for c in changes) if changes else "Inga skillnader i innehållet."))
