"""Kriterierna: one step at a time, only the questions that can still change the result.

Which questions matter is decided in iop (``plan_for``); the rest are listed
under "Fler frågor" at the end, where they can still be answered.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from app_pages.parts import form_fields as f
from app_pages.parts import reconnect, records_session, session, statement_link
from iop.guide import MORE_STEP_ID, MORE_TITLE, PLAIN_INTRO, Step, plan_for, walk_progress
from iop.io import problems_from_validation
from iop.model import DONT_KNOW, TOO_LONG, Answer, Case
from iop.words import DONT_KNOW_LABEL, KIND, PLAIN_KIND

SCROLL_KEY = "walk:scroll_top"
ANSWER_LABELS = {"reasoning": "Motivering", "evidence": "Underlag"}



def store_answer(case: Case, qid: str, choice: str | None, reasoning: str, evidence: str) -> list[str]:
    """Write one question's widgets into the case; a question left wholly blank has no answer.

    A reasoning or evidence over its limit is not written (the case keeps the answer it had) and
    the returned messages say so; the widgets keep what was typed.
    """
    lines = [line.strip() for line in evidence.splitlines() if line.strip()]
    if choice is None and not reasoning.strip() and not lines:
        case.answers.pop(qid, None)
        return []
    try:
        case.answers[qid] = Answer(value=choice or DONT_KNOW, reasoning=reasoning, evidence=lines)
    except ValidationError as exc:
        messages = []
        for problem, error in zip(problems_from_validation(exc), exc.errors(), strict=True):
            where = ANSWER_LABELS.get(str(error["loc"][0]), "Svaret") if error["loc"] else "Svaret"
            if len(error["loc"]) > 1:  # one line of the evidence
                where += f", rad {int(error['loc'][1]) + 1}"
            kept = f.KEPT if error["type"] in TOO_LONG else ""
            messages.append(f"{where}: {problem.message}{kept}")
        return messages
    return []


def step_the_browser_shows(steps: list[Step]) -> str | None:
    """In a tab reconnected after a restart: the step whose fields the browser sent (the walk's place is
    not in the URL, and the new session starts at the first step), so the user's edit lands where it was made."""
    sent = {key.split(":", 2)[2] for key in reconnect.browser_keys()
            if key.startswith(tuple(session.WIDGET_PREFIX + kind for kind in ("answer:", "why:", "evidence:")))}
    return next((step.id for step in steps if sent & set(step.questions)), None)


def sync_from_widgets(case: Case) -> None:
    """Take in the answer just given before planning, so the plan and progress are not one answer behind."""
    for qid in book.questions.questions:
        key = f"{session.WIDGET_PREFIX}answer:{qid}"
        if key in st.session_state:
            store_answer(case, qid, st.session_state[key],
                         st.session_state.get(f"{session.WIDGET_PREFIX}why:{qid}", ""),
                         st.session_state.get(f"{session.WIDGET_PREFIX}evidence:{qid}", ""))


book = session.rulebook()
plain = session.is_organisation()
locked = records_session.locked()  # a bedömd, beslutad or arkiverad case: answers are shown, not editable
# A locked case's answers write into a throwaway copy, so not even a value forced into a disabled widget
# (a stale browser tab) reaches the case that Rekommendation and Exportera show.
case = session.current_case().model_copy(deep=True) if locked else session.current_case()
sync_from_widgets(case)
plan = plan_for(session.engine(), case)
questions = book.questions.questions

more_step = Step(id=MORE_STEP_ID, title=MORE_TITLE,
                 intro="Frågor som inte kan ändra rekommendationen med de svar ni gett hittills. "
                       "Ni kan ändå besvara dem, till exempel för att dokumentera ärendet.",
                 questions=plan.more)
steps = [*plan.steps, *([more_step] if plan.more else [])]
ids = [s.id for s in steps]
current = step_the_browser_shows(steps) or st.session_state.get(session.STEP_KEY)
if current not in ids:
    current = plan.first_step() or (ids[0] if ids else MORE_STEP_ID)
if st.session_state.get(session.STEP_KEY) != current:
    st.session_state[session.STEP_KEY] = current
index = ids.index(current) if current in ids else 0

st.title("Kriterierna")
if st.session_state.pop(SCROLL_KEY, False):
    # After "Nästa" the new step starts at the top. Streamlit keeps the scroll position across
    # reruns and draws the new step in pieces, so scroll now and again once it has been drawn.
    nonce = st.session_state.get(session.STEP_KEY, "")
    st.html(f"""<script data-step="{nonce}">
(() => {{
  const doc = window.parent ? window.parent.document : document;
  const top = () => {{
    const main = doc.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo(0, 0);
    doc.defaultView.scrollTo(0, 0);
  }};
  top();
  for (const ms of [50, 150, 400, 800, 1500]) setTimeout(top, ms);
}})();
</script>""", unsafe_allow_javascript=True)

if not steps:
    st.info("Det finns inga frågor att besvara för den här kriterieuppsättningen.")
    statement_link.stop()
progress = walk_progress(plan, case, session.engine().assess(case, explain_changes=False), book.questions, plain)
# The walk asks only what can still change the outcome, so some steps are skipped. Each step keeps its
# place among all the steps the walk can have ("Steg 4 av 9"): the total is fixed for the set and never
# grows as one answers. The bar shows the share of what matters that is answered; a "Vet ej" that still
# decides the case counts as open, not as answered.
number = plan.number(steps[index].id)
where = f"Steg {number} av högst {plan.total}" if index < len(plan.steps) and number else MORE_TITLE
st.progress(progress.share, text=f"{where} · {progress.counts()}")
if progress.dont_know and not locked:
    with st.container(border=True):
        st.markdown("**Det här avgör fortfarande, fast ni svarat Vet ej – ta reda på:**" if plain else
                     "**Besvarat med Vet ej men avgör fortfarande rekommendationen – ta reda på:**")
        for item in progress.dont_know:
            outcomes = f" ({'; '.join(item.outcomes)})" if item.outcomes else ""
            st.markdown(f"- {session.escape(item.text)}{session.escape(outcomes)}"
                        + (f"  \n  {session.escape(item.find_out)}" if item.find_out else ""))
elif not progress.to_ask and not locked:
    st.success("Alla frågor som kan ändra rekommendationen är besvarade. Se Rekommendation, "
               "eller besvara fler frågor under Fler frågor.")

titles = {s.id: f"{plan.number(s.id)}. {s.heading(plain)}" if s.id != MORE_STEP_ID
          else f"{s.title} ({len(plan.more)})" for s in steps}
# Options are the step ids, not positions: an answer can add or remove a step before this one, and a
# position kept by the widget would then point at another step.
chosen = st.selectbox("Gå till steg", ids, index=index, format_func=titles.__getitem__,
                      key=f"{session.WIDGET_PREFIX}criteria:jump:{current}:{len(ids)}")
if chosen != current:
    st.session_state[session.STEP_KEY] = chosen
    st.session_state[SCROLL_KEY] = True
    st.rerun()

step = steps[index]
st.header(step.heading(plain))
if step.criterion is not None:
    criterion = step.criterion
    st.caption(PLAIN_KIND[criterion.kind] if plain else KIND[criterion.kind])
    if not plain:  # in organisation mode the heading is the criterion's plain text already
        st.markdown(session.escape(criterion.help))
        with st.expander("Källa"):
            source = criterion.source
            marker = " [kontrollera]" if source.needs_checking else ""
            st.markdown(f"> {session.escape(source.quote or '')}")
            kind = "Citat" if source.verbatim else "Sammanfattning"
            st.caption(f"{kind} ur {session.escape(source.location or '')}{marker}")
else:
    st.markdown(session.escape(PLAIN_INTRO.get(step.id, step.intro) if plain else step.intro))

for qid in step.questions:
    question = questions[qid]
    existing = case.answers.get(qid)
    options = [*question.options, DONT_KNOW]
    labels = {**question.labels(plain), DONT_KNOW: DONT_KNOW_LABEL}
    with st.container(border=True):
        choice = st.radio(
            question.plain if plain else question.text,
            options,
            key=session.seeded(f"answer:{qid}", existing.value if existing else None),
            format_func=labels.__getitem__,
            help=None if plain else question.help,
            disabled=locked,
        )
        if plain and question.plain_help:
            st.caption(session.escape(question.plain_help))
        reasoning = st.text_area("Varför svarar ni så? (frivilligt)" if plain else "Motivering",
                                 key=session.seeded(f"why:{qid}", existing.reasoning if existing else ""),
                                 height=80, placeholder="Varför detta svar?", disabled=locked)
        evidence = st.text_area("Vad kan ni visa som stöd? (frivilligt, en sak per rad)" if plain
                                else "Underlag (ett per rad)",
                                key=session.seeded(f"evidence:{qid}", "\n".join(existing.evidence) if existing else ""),
                                height=68, placeholder="T.ex. stadgar, protokoll, en budget" if plain
                                else "T.ex. beslut, avtalsutkast, protokoll", disabled=locked)
    for message in store_answer(case, qid, choice, reasoning, evidence):
        st.error(session.escape(message), icon=":material/error:")

if not locked:
    st.caption("Obesvarade frågor är tillåtna: de visas som öppna frågor i rekommendationen.")
# "Nästa" is free: the next step with a question to ask, else the next step, so earlier steps can be
# reviewed and left again; only on the last step is there nowhere to go.
following = None if step.id == MORE_STEP_ID else (plan.forward(step.id) or (MORE_STEP_ID if plan.more else None))
back, forward, finish = st.columns(3)
with back:
    if st.button("← Föregående", disabled=index == 0, width="stretch"):
        st.session_state[session.STEP_KEY] = ids[index - 1]
        st.session_state[SCROLL_KEY] = True
        st.rerun()
with forward:
    if st.button("Nästa →", disabled=following is None, type="primary", width="stretch"):
        st.session_state[session.STEP_KEY] = following
        st.session_state[SCROLL_KEY] = True
        st.rerun()
with finish:
    if st.button("Till rekommendationen", width="stretch", type="primary" if following is None else "secondary"):
        st.switch_page("app_pages/recommendation.py")
