"""Kriterierna: one step at a time, only the questions that can still change the result.

Which questions matter is decided in iop (``plan_for``), and how the steps are shown,
numbered and followed in ``walk_screen``; the rest are listed under "Fler frågor" at
the end, where they can still be answered.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import question_card, records_session, scroll_to_top, session, statement_link
from app_pages.parts.reconnect import browser_keys
from iop.guide import PLAIN_INTRO, plan_for, store_answer, walk_progress, walk_screen
from iop.model import Case
from iop.words import KIND, PLAIN_KIND, voice

ANSWER_KINDS = ("answer:", "why:", "evidence:")


def sync_from_widgets(case: Case) -> None:
    """Take in the answer just given before planning, so the plan and progress are not one answer behind."""
    for qid in book.questions.questions:
        key = f"{session.WIDGET_PREFIX}answer:{qid}"
        if key in st.session_state:
            store_answer(case, qid, st.session_state[key],
                         st.session_state.get(f"{session.WIDGET_PREFIX}why:{qid}", ""),
                         st.session_state.get(f"{session.WIDGET_PREFIX}evidence:{qid}", ""))


def go_to(step_id: str | None) -> None:
    st.session_state[session.STEP_KEY] = step_id
    scroll_to_top.ask()
    st.rerun()


book = session.rulebook()
plain = session.is_organisation()
locked = records_session.locked()  # a bedömd, beslutad or arkiverad case: answers are shown, not editable
# A locked case's answers write into a throwaway copy, so not even a value forced into a disabled widget
# (a stale browser tab) reaches the case that Rekommendation and Exportera show.
case = session.current_case().model_copy(deep=True) if locked else session.current_case()
sync_from_widgets(case)
plan = plan_for(session.engine(), case)
screen = walk_screen(plan)
steps, ids = screen.steps, screen.ids
# In a tab reconnected after a restart, the step whose fields the browser sent (the walk's place is not in the
# URL, and the new session starts at the first step), so the user's edit lands where it was made.
sent = {key.split(":", 2)[2] for key in browser_keys()
        if key.startswith(tuple(session.WIDGET_PREFIX + kind for kind in ANSWER_KINDS))}
current = screen.shown(screen.holding(sent) or st.session_state.get(session.STEP_KEY))
if st.session_state.get(session.STEP_KEY) != current:
    st.session_state[session.STEP_KEY] = current
index = ids.index(current) if current in ids else 0

st.title("Kriterierna")
scroll_to_top.if_asked(str(st.session_state.get(session.STEP_KEY, "")))

if not steps:
    st.info("Det finns inga frågor att besvara för den här kriterieuppsättningen.")
    statement_link.stop()
progress = walk_progress(plan, case, session.engine().assess(case, explain_changes=False), book.questions,
                         voice(plain))
# The walk asks only what can still change the outcome, so some steps are skipped. Each step keeps its
# place among all the steps the walk can have ("Steg 4 av 9"): the total is fixed for the set and never
# grows as one answers. The bar shows the share of what matters that is answered; a "Vet ej" that still
# decides the case counts as open, not as answered.
st.progress(progress.share, text=f"{screen.where(steps[index].id)} · {progress.counts()}")
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

titles = screen.titles(voice(plain))
# Options are the step ids, not positions: an answer can add or remove a step before this one, and a
# position kept by the widget would then point at another step.
chosen = st.selectbox("Gå till steg", ids, index=index, format_func=titles.__getitem__,
                      key=f"{session.WIDGET_PREFIX}criteria:jump:{current}:{len(ids)}")
if chosen != current:
    go_to(chosen)

step = steps[index]
st.header(step.heading(voice(plain)))
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
    question_card.draw(case, qid, book.questions.questions[qid], plain=plain, locked=locked)

if not locked:
    st.caption("Obesvarade frågor är tillåtna: de visas som öppna frågor i rekommendationen.")
# "Nästa" is free: the next step with a question to ask, else the next step, so earlier steps can be
# reviewed and left again; only on the last step is there nowhere to go.
following = screen.following(step.id)
back, forward, finish = st.columns(3)
with back:
    if st.button("← Föregående", disabled=index == 0, width="stretch"):
        go_to(ids[index - 1])
with forward:
    if st.button("Nästa →", disabled=following is None, type="primary", width="stretch"):
        go_to(following)
with finish:
    if st.button("Till rekommendationen", width="stretch", type="primary" if following is None else "secondary"):
        st.switch_page("app_pages/recommendation.py")
