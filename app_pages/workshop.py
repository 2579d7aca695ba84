"""Workshop: the facilitator starts a live åsiktsbarometer, runs it, and records the group's conclusions.

The facilitator's URL carries a secret key (``?leda=...``): closing the tab loses
nothing, because the workshop lives in the database, and the same link (or the
list of ongoing workshops) takes it up again. ``&vy=projektor`` gives the view
for the projector, without controls, refreshing by itself.

Every control goes through ``iop.store.WorkshopDesk``: the key finds the workshop,
but only a role that may run workshops (handläggare, granskare, beslutsfattare;
without login the person at this computer) gets the controls, the list of running
workshops or the exports. A participant holding the link is refused, and the
attempt is logged.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.parts import records_session, session, statement_link, workshop_state
from iop.documents import check_template, render_docx
from iop.io import InputError, TemplateError
from iop.model import DONT_KNOW
from iop.records import Action, CaseStatus
from iop.store import StaleRevision, StoreError, WorkshopDesk
from iop.words import DONT_KNOW_LABEL, app_markdown, swedish_time
from iop.workshop import (
    ABSTAIN,
    CHOICES,
    DISAGREEMENT_RULE,
    PHASE_LABEL,
    SCALE,
    SEED_STATEMENTS,
    Phase,
    Workshop,
    WorkshopError,
    answers_csv,
    describe,
    format_code,
    join_qr_png,
    join_url,
    not_for_conclusions,
    statements_from_case,
    statements_from_text,
    summarise,
    summary_markdown,
    summary_outline,
)

LEAD_PARAM, VIEW_PARAM, PROJECTOR = "leda", "vy", "projektor"
# The name field on the facilitator's page (its own key: the sidebar's field has the register's key).
# A comment, not a string under the constant: in a page script Streamlit's "magic" would show it.
NAME_HERE = "ws:name"
QR_ALT = "QR-kod med länken för att gå med i workshoppen"
REFRESH_SECONDS = 1.0  # the projected view reads the database every second: a new answer shows within two

_opened = workshop_state.open_store()
if _opened is None:
    statement_link.stop()
access = records_session.settings()
store: WorkshopDesk = workshop_state.facilitator_desk(access)  # statement_link.stop() above ends the run without one


def _act(action: str, do: Callable[[], object]) -> None:
    """Run a store action from a button; a refusal is shown in Swedish and the page stays as it was."""
    try:
        do()
    except (WorkshopError, StoreError) as exc:
        st.session_state["ws:flash"] = ("error", f"{action}: {exc}")
    st.rerun()


# --- starting a workshop --------------------------------------------------------------

def _start_page(store: WorkshopDesk) -> None:
    st.title("Workshop")
    st.markdown(
        "En **åsiktsbarometer** som i Värmlandspresentationen: deltagarna går med på sina egna telefoner "
        "med en kod, utan konto, och placerar sig från *håller inte med* till *håller med*. Svaren visas "
        "först när du visar resultatet, och aldrig per person."
    )
    ongoing = store.ongoing()
    if ongoing:
        st.subheader("Pågående workshoppar")
        for workshop, key in ongoing:
            cols = st.columns([4, 1])
            cols[0].markdown(f"**Workshop {workshop.number}:** {session.escape(workshop.title)} · "
                             f"kod {format_code(workshop.code)} · startad {swedish_time(workshop.created_at)}")
            if cols[1].button("Ta upp igen", key=f"ws:resume:{workshop.id}"):
                st.query_params[LEAD_PARAM] = key
                st.rerun()
    st.subheader("Starta en ny workshop")
    from_case, from_list = st.tabs(["Från ett sparat ärende", "Från en egen lista"])
    with from_case:
        why_not = store.desk.refusal(Action.edit_draft)  # the conclusions go into the case in this person's name
        cases = store.saved_cases() if not why_not else []
        if why_not:
            st.info(session.escape(f"{why_not} Workshoppens slutsatser förs in i ärendet i ditt namn."))
        elif not cases:
            st.info("Det finns inga sparade ärenden ännu. Spara ärendet i registret först, eller starta "
                    "från en egen lista med påståenden.")
        else:
            labels = dict(cases)
            case_id = st.selectbox("Ärende", list(labels), format_func=labels.__getitem__, key="ws:case")
            st.caption("Varje kriterium i ärendets kriterieuppsättning blir ett påstående, skrivet för ett rum "
                       "där både kommunens och organisationens folk sitter.")
            try:
                status = store.case_status(case_id)
            except StoreError as exc:
                st.error(session.escape(str(exc)))
                return
            if status is CaseStatus.draft:
                if st.button("Starta workshoppen", type="primary", key="ws:start_case"):
                    _start_from_case(case_id, records=True)
            else:
                # A decided case takes no conclusions: said before the room spends an hour, not after.
                st.warning(not_for_conclusions(status), icon=":material/lock:")
                copy_col, plain_col = st.columns(2)
                if copy_col.button("Kopiera ärendet och starta workshoppen på kopian", type="primary",
                                   key="ws:start_copy", icon=":material/content_copy:"):
                    try:
                        copy_id = store.copy_for_workshop(case_id)
                    except StoreError as exc:
                        st.error(session.escape(str(exc)))
                    else:
                        _start_from_case(copy_id, records=True)
                if plain_col.button("Starta utan att föra in slutsatser", key="ws:start_unrecorded"):
                    _start_from_case(case_id, records=False)
    with from_list:
        title = st.text_input("Rubrik", value="Åsiktsbarometer", key="ws:title", max_chars=120)
        text = st.text_area("Påståenden, ett per rad", value="\n".join(SEED_STATEMENTS), height=220,
                            key="ws:statements",
                            help="Exemplet är åsiktsbarometern ur Värmlandspresentationen 2015. Skriv egna "
                                 "påståenden, ett per rad.")
        if st.button("Starta workshoppen", type="primary", key="ws:start_list"):
            try:
                workshop, key = store.create(title, statements_from_text(text))
            except InputError as exc:
                for problem in exc.problems:
                    st.error(session.escape(problem.message))
            except (WorkshopError, StoreError) as exc:
                st.error(session.escape(str(exc)))
            else:
                st.query_params[LEAD_PARAM] = key
                st.rerun()


def _start_from_case(case_id: str, records: bool) -> None:
    """Start a workshop on the case's criteria; ``records``: its conclusions go into that case."""
    try:
        case = store.saved_case(case_id)
        workshop, key = store.create(f"Workshop om {case.title}", statements_from_case(case, session.rulebook()),
                                     case_id=case_id if records else None, criteria_set=case.criteria_set)
    except (WorkshopError, StoreError) as exc:
        st.error(session.escape(str(exc)))
    else:
        st.query_params[LEAD_PARAM] = key
        st.rerun()


# --- the projected view ---------------------------------------------------------------

def _chart(counts: dict[int, int], height: int | str = 320) -> alt.Chart:
    order = [*SCALE, ABSTAIN]
    frame = pd.DataFrame({"svar": [CHOICES[v] for v in order], "antal": [counts[v] for v in order],
                          "ställning": ["Vet ej / avstår" if v == ABSTAIN else "Ställning" for v in order]})
    base = alt.Chart(frame).encode(
        x=alt.X("svar:N", sort=[CHOICES[v] for v in order], title=None,
                # Every answer named under its bar, in lines of a word or two, however narrow the chart.
                axis=alt.Axis(labelAngle=0, labelFontSize=15, labelColor="#1f2937", labelOverlap=False,
                              labelExpr="split(replace(datum.label, 'snarare ', 'snarare\\n'), '\\n')")),
        y=alt.Y("antal:Q", title="Antal svar", axis=alt.Axis(tickMinStep=1, titleFontSize=14, labelFontSize=14,
                                                                  titleColor="#1f2937", labelColor="#1f2937")),
    )
    bars = base.mark_bar(aria=False).encode(color=alt.Color("ställning:N", legend=None,
                                                  scale=alt.Scale(range=["#1f4e79", "#9ca3af"])))
    labels = base.mark_text(dy=-10, fontSize=18, fontWeight="bold", aria=False).encode(text="antal:Q")
    # A screen reader gets the whole chart as one Swedish sentence; Vega's own descriptions of each
    # bar and axis are English ("Y-axis titled ...") and are switched off (aria=False).
    described = "Stapeldiagram, antal svar per alternativ: " + ", ".join(
        f"{CHOICES[v]} {counts[v]}" for v in order) + "."
    chart: alt.Chart = (bars + labels).properties(height=height, description=described).configure(aria=False)
    return chart


@st.fragment(run_every=REFRESH_SECONDS)
def _projected(workshop_id: int, projector: bool = False) -> None:
    with workshop_state.guarded():
        _projected_body(workshop_id, projector)


def _projected_body(workshop_id: int, projector: bool = False) -> None:
    """What the room sees. On the projector the join box is drawn here too, so it shrinks as the workshop
    goes on: large until someone has joined, then smaller, and one line once a result is shown, so code,
    question and result fit a 1366×768 screen without scrolling."""
    workshop = store.get(workshop_id)
    participants = store.participant_count(workshop_id)
    phase = workshop.phases[workshop.active] if workshop.active is not None else None
    if projector and workshop.ended_at is None:
        _join_box(workshop, size="large" if participants == 0 and workshop.active is None
                  else "line" if phase is Phase.revealed else "small")
    if workshop.active is None:
        st.markdown(f"Gå med på **{format_code(workshop.code)}**. {participants} deltagare har gått med. "
                    "Det första påståendet visas snart.")
        return
    statement = workshop.statement(workshop.active)
    assert phase is not None
    count = store.answer_counts(workshop_id).get(statement.id, 0)
    st.caption(f"Påstående {workshop.index(statement.id) + 1} av {len(workshop.statements)} · "
               f"{PHASE_LABEL[phase]} · {count} svar av {participants} deltagare")
    size = " ws-statement-small" if projector and phase is Phase.revealed else ""
    st.html(f"<p class='ws-statement{size}'>{_html(statement.text)}</p>")
    if phase is not Phase.revealed:
        st.info("Svaren är dolda tills samtalsledaren visar resultatet, så att ingen påverkas av de andras svar.")
        return
    answers = store.revealed_answers(workshop_id).get(statement.id, [])
    result = summarise(a.value for a in answers)
    if not result.shown:
        st.info(describe(result))
        return
    chart_col, facts_col = st.columns([3, 2]) if projector else (st.container(), st.container())
    with chart_col:
        # On the projector the chart takes the height the screen has left (PROJECTOR_VIEW_CSS sizes it).
        st.altair_chart(_chart(result.counts, height="container" if projector else 320), use_container_width=True)
        st.caption(describe(result))
    with facts_col:
        if result.disagreement:
            st.warning(f"**Gruppen är oenig.** {DISAGREEMENT_RULE}", icon=":material/call_split:")
        if result.spread is not None:
            mean, spread = (f"{v:.1f}".replace(".", ",") for v in (result.mean or 0.0, result.spread))
            cols = st.columns(3)
            cols[0].metric("Medelvärde (1–5)", mean)
            cols[1].metric("Spridning (steg)", spread, help="Standardavvikelse: 0 när alla står på samma steg.")
            cols[2].metric("Från – till", f"{result.low} – {result.high}")
        comments = [a.comment for a in answers if a.comment]
        if comments:
            st.markdown(f"**Kommentarer ({len(comments)})**")
            # A long list scrolls inside its box on the projector instead of pushing the chart off the screen.
            with st.container(height=140 if projector else "content", border=projector):
                for comment in comments:
                    st.markdown(f"- {session.escape(comment)}")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _join_box(workshop: Workshop, size: str = "large") -> None:
    """How to join: code, link and QR code; ``size`` large (nobody yet), small (joined) or line (results shown)."""
    url = join_url(getattr(st.context, "url", None) or "http://localhost:8501/workshop", workshop.code)
    spoken = f"Kod {' '.join(workshop.code)}"
    if size == "line":
        text_col, qr_col = st.columns([6, 1], vertical_alignment="center")
        text_col.html(f"<p class='ws-join-line'>Gå med: <span class='ws-code-small' aria-label='{spoken}'>"
                      f"{format_code(workshop.code)}</span> · <a href='{_html(url)}'>{_html(url)}</a></p>")
        qr_col.image(join_qr_png(url), width=90, alt=QR_ALT)
        return
    text_col, qr_col = st.columns([3, 1] if size == "small" else [2, 1], vertical_alignment="center")
    with text_col:
        st.markdown("Gå med på din telefon med koden")
        css = "ws-code" if size == "large" else "ws-code ws-code-medium"
        st.html(f"<p class='{css}' aria-label='{spoken}'>{format_code(workshop.code)}</p>")
        st.markdown(f"eller öppna länken: [{url}]({url})")
    with qr_col:
        st.image(join_qr_png(url), caption="Skanna för att gå med", width=240 if size == "large" else 140,
                 alt=QR_ALT)


# --- running a workshop -----------------------------------------------------------------

def _controls(workshop: Workshop, key: str) -> None:
    flash = st.session_state.pop("ws:flash", None)
    if flash:
        st.error(session.escape(flash[1]))
    ids = [s.id for s in workshop.statements]
    labels = {s.id: f"{i}. {s.text[:80]} ({PHASE_LABEL[workshop.phases[s.id]].lower()})"
              for i, s in enumerate(workshop.statements, start=1)}
    current = workshop.active or ids[0]
    chosen = st.selectbox("Påstående", ids, index=ids.index(current), format_func=labels.__getitem__,
                          key=f"ws:chosen:{current}")
    cols = st.columns(4)
    if chosen != workshop.active:
        if cols[0].button("Visa det här påståendet", type="primary", key="ws:activate"):
            _act("Påståendet kunde inte visas", lambda: store.set_active(workshop.id, chosen))
        return
    phase = workshop.phases[chosen]
    if phase is Phase.open and cols[0].button("Stäng svaren", key="ws:close"):
        _act("Svaren kunde inte stängas", lambda: store.move(workshop.id, chosen, Phase.closed))
    if phase is Phase.closed and cols[0].button("Öppna för svar igen", key="ws:reopen"):
        _act("Påståendet kunde inte öppnas", lambda: store.move(workshop.id, chosen, Phase.open))
    if phase in (Phase.open, Phase.closed) and cols[1].button("Stäng och visa resultatet", type="primary",
                                                              key="ws:reveal"):
        _act("Resultatet kunde inte visas", lambda: store.move(workshop.id, chosen, Phase.revealed))
    position = ids.index(chosen)
    if position + 1 < len(ids) and cols[2].button("Nästa påstående", key="ws:next"):
        _act("Nästa påstående kunde inte visas", lambda: store.set_active(workshop.id, ids[position + 1]))


def _take_typed_name() -> None:
    """The name typed on this page is the user's name everywhere: the same as typing it in the sidebar."""
    records_session.take_name(st.session_state.get(NAME_HERE, ""))


def _identify_here(why_not: str, purpose: str) -> None:
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


def _conclusion_form(workshop: Workshop) -> None:
    if workshop.case_id is None or workshop.active is None:
        return
    statement = workshop.statement(workshop.active)
    if statement.criterion_id is None or workshop.phases[statement.id] is not Phase.revealed:
        return
    questions = session.rulebook().questions.questions
    done = {c.statement_id: c for c in store.conclusions(workshop.id)}.get(statement.id)
    case = store.saved_case(workshop.case_id)
    st.subheader("Gruppens slutsats")
    why_not = store.desk.refusal(Action.edit_draft)
    who = store.desk.identity
    if why_not or who is None:
        _identify_here(why_not, "föra in gruppens slutsats i ärendet")
        return
    if done is not None:
        st.success(f"Slutsatsen är införd i ärendet {swedish_time(done.recorded_at)} med "
                   f"{done.participants} deltagare. Du kan föra in en ny om gruppen ändrar sig.")
    with st.form(f"ws:conclusion:{statement.id}"):
        chosen: dict[str, str] = {}
        for qid in statement.question_ids:
            question = questions[qid]
            options = [*question.options, DONT_KNOW]
            labels = {**question.options, DONT_KNOW: DONT_KNOW_LABEL}
            current = (done.answers.get(qid) if done else None) or (
                case.answers[qid].value if qid in case.answers else DONT_KNOW)
            chosen[qid] = st.selectbox(question.text, options, format_func=labels.__getitem__,
                                       index=options.index(current) if current in options else len(options) - 1)
        reasoning = st.text_area("Gruppens motivering", value=done.reasoning if done else "",
                                 placeholder="Vad kom gruppen fram till, och varför?")
        st.caption(f"Förs in i ärendet i ditt namn, {session.escape(who.label)}, med workshoppens nummer, "
                   "datum och antal deltagare i historiken.")
        sent = st.form_submit_button("För in slutsatsen i ärendet", type="primary")
    if sent:
        try:
            store.record_conclusion(workshop.id, statement.id, chosen, reasoning)
        except StaleRevision as exc:
            st.error(f"{session.escape(exc.head_author)} sparade ärendet medan gruppen diskuterade. Inget skrevs över. "
                     "Tryck på knappen igen så förs slutsatsen in ovanpå den nya versionen; det du skrev "
                     "finns kvar i formuläret.")
        except (WorkshopError, StoreError) as exc:
            st.error(session.escape(f"{exc} Det du skrev finns kvar i formuläret."))
        else:
            st.session_state["ws:flash_ok"] = "Slutsatsen är införd i ärendet."
            st.rerun()


def _export(workshop: Workshop) -> None:
    st.subheader("Exportera")
    answers = store.revealed_answers(workshop.id)
    participants = store.participant_count(workshop.id)
    case_title = store.saved_case(workshop.case_id).title if workshop.case_id else None
    st.caption("Bara påståenden vars resultat har visats kommer med, och bara med minst tre svar. "
               "Ingen fil innehåller vem som svarade vad.")
    catalog = session.rulebook().questions
    summary = summary_outline(workshop, answers, participants, store.conclusions(workshop.id), case_title, catalog)
    cols = st.columns(3)
    def logged(make: Callable[[], bytes], *, kind: str, format: str) -> Callable[[], bytes]:  # noqa: A002
        """Checked against the role and written to the read log when the file is taken, not when offered."""
        produce = records_session.logged_export(make, kind=kind, format=format, case_id=workshop.case_id,
                                                workshop=workshop.number)

        def download() -> bytes:
            store.exported(workshop, f"{kind} ({format})")
            return produce()
        return download

    cols[0].download_button("Svaren som CSV",
                            logged(lambda: answers_csv(workshop, answers).encode("utf-8"),
                                   kind="workshop_svar", format="csv"),
                            file_name=f"workshop-{workshop.number}-svar.csv", mime="text/csv")
    conclusions = store.conclusions(workshop.id)
    cols[1].download_button("Sammanfattning (Markdown)",
                            logged(lambda: summary_markdown(workshop, answers, participants, conclusions,
                                                            case_title, catalog).encode("utf-8"),
                                   kind="workshop_sammanfattning", format="markdown"),
                            file_name=f"workshop-{workshop.number}.md", mime="text/markdown")
    try:
        check_template(kind=summary.kind)  # the neutral template: a workshop summary carries no letterhead
    except TemplateError as exc:
        cols[2].error("Word-mallen kan inte användas: " + app_markdown("; ".join(str(p) for p in exc.problems)))
    else:
        cols[2].download_button("Sammanfattning (Word)",
                                logged(lambda: render_docx(summary), kind="workshop_sammanfattning", format="docx"),
                                file_name=f"workshop-{workshop.number}.docx",
                                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def _end(workshop: Workshop) -> None:
    with st.expander("Avsluta workshoppen"):
        st.markdown("Koden slutar gälla och öppna påståenden stängs. Svar och slutsatser finns kvar för export.")
        sure = st.checkbox("Ja, avsluta workshoppen", key="ws:end_sure")
        if st.button("Avsluta", disabled=not sure, key="ws:end"):
            _act("Workshoppen kunde inte avslutas", lambda: store.end(workshop.id))


def _run_page(workshop: Workshop, key: str) -> None:
    if st.query_params.get(VIEW_PARAM) == PROJECTOR:
        st.html(workshop_state.PROJECTOR_CSS + workshop_state.PROJECTOR_VIEW_CSS)
        _projected(workshop.id, projector=True)
        return
    st.html(workshop_state.PROJECTOR_CSS)
    _way_back(workshop)
    st.title(f"Workshop {workshop.number}: {session.escape(workshop.title)}")  # typed by whoever started it
    ok = st.session_state.pop("ws:flash_ok", None)
    if ok:
        st.success(ok)
    if workshop.ended_at is not None:
        st.info(session.escape(workshop.closed_reason(workshop.ended_at) or "Workshoppen är avslutad."))
    else:
        _join_box(workshop, size="small" if store.participant_count(workshop.id) else "large")
        st.markdown(f"[Öppna projektorvyn i ett eget fönster](?{LEAD_PARAM}={key}&{VIEW_PARAM}={PROJECTOR}) · "
                    "Stänger du fliken går workshoppen vidare; den här sidans adress tar upp den igen.")
        _controls(workshop, key)
    st.divider()
    _projected(workshop.id)
    st.divider()
    _conclusion_form(workshop)
    _export(workshop)
    if workshop.ended_at is None:
        _end(workshop)


def _way_back(workshop: Workshop) -> None:
    """The facilitator's view hides the app's menu (it is shown to the room): links back into the app."""
    cols = st.columns([1, 1, 3])
    cols[0].page_link("app_pages/start.py", label="Till IOP-stöd", icon=":material/arrow_back:")
    if workshop.case_id is not None:
        cols[1].page_link("app_pages/case.py", label="Till ärendet", icon=":material/description:",
                          query_params={"case": workshop.case_id})
    else:
        cols[1].page_link("app_pages/workshop.py", label="Alla workshoppar", icon=":material/groups:")


why_not = store.refusal()
lead_key = st.query_params.get(LEAD_PARAM)
if why_not:  # without login: no name yet (the page asks for it); with login the page gate refused already
    st.title("Workshop")
    _identify_here(why_not, "starta eller leda en workshop")
elif lead_key:
    found = store.by_facilitator_key(lead_key)
    if found is None:
        st.title("Workshop")
        st.error("Länken till workshoppen känns inte igen. Välj workshoppen under Pågående workshoppar, "
                 "eller starta en ny.")
        if st.button("Till workshopsidan"):
            del st.query_params[LEAD_PARAM]
            st.rerun()
    else:
        _run_page(*found)
else:
    _start_page(store)
