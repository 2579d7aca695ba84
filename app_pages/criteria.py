"""Kriterierna: one step at a time, each criterion's questions, then the legal gates."""

from __future__ import annotations

import streamlit as st

from app_pages import session
from iop.case import Answer
from iop.questions import DONT_KNOW, UNKNOWN
from iop.swedish import DONT_KNOW_LABEL, KIND
from iop.walk import walk_steps

case = session.current_case()
book = session.rulebook()
plain = session.is_organisation()
steps = walk_steps(book, case.criteria_set)
questions = book.questions.questions

index = min(st.session_state.get(session.STEP_KEY, 0), len(steps) - 1)
step = steps[index]

st.title("Kriterierna")
relevant = [q for s in steps for q in s.questions]
answered = sum(1 for q in relevant if q in case.answers and case.answers[q].option != UNKNOWN)
st.progress((index + 1) / len(steps),
            text=f"Steg {index + 1} av {len(steps)} · {answered} av {len(relevant)} frågor besvarade")

titles = [f"{i + 1}. {s.title}" for i, s in enumerate(steps)]
chosen = st.selectbox("Gå till steg", range(len(steps)), index=index, format_func=titles.__getitem__,
                      key=f"{session.WIDGET_PREFIX}criteria:jump:{index}")
if chosen != index:
    st.session_state[session.STEP_KEY] = chosen
    st.rerun()

st.header(step.title)
if step.criterion is not None:
    criterion = step.criterion
    st.caption(KIND[criterion.kind])
    st.markdown(session.escape(criterion.plain if plain else criterion.help))
    with st.expander("Källa"):
        source = criterion.source
        marker = " [kontrollera]" if source.needs_checking else ""
        st.markdown(f"> {session.escape(source.quote or '')}")
        st.caption(f"{'Citat' if source.verbatim else 'Sammanfattning'} ur {source.document}{marker}")
else:
    st.markdown(session.escape(step.intro))

for qid in step.questions:
    question = questions[qid]
    existing = case.answers.get(qid)
    options = [*question.options, DONT_KNOW]
    labels = {**question.options, DONT_KNOW: DONT_KNOW_LABEL}
    with st.container(border=True):
        choice = st.radio(
            question.plain if plain else question.text,
            options,
            key=session.seeded(f"answer:{qid}", existing.value if existing else None),
            format_func=labels.__getitem__,
            help=None if plain else question.help,
        )
        if plain:
            st.caption(session.escape(question.help))
        reasoning = st.text_area("Motivering", key=session.seeded(f"why:{qid}", existing.reasoning if existing else ""),
                                 height=80, placeholder="Varför detta svar?")
        evidence = st.text_area("Underlag (ett per rad)",
                                key=session.seeded(f"evidence:{qid}", "\n".join(existing.evidence) if existing else ""),
                                height=68, placeholder="T.ex. beslut, avtalsutkast, protokoll")
    lines = [line.strip() for line in evidence.splitlines() if line.strip()]
    if choice is None and not reasoning.strip() and not lines:
        case.answers.pop(qid, None)
    else:
        case.answers[qid] = Answer(value=choice or DONT_KNOW, reasoning=reasoning, evidence=lines)

st.caption("Obesvarade frågor är tillåtna: de visas som öppna frågor i rekommendationen.")
back, forward, finish = st.columns(3)
with back:
    if st.button("← Föregående", disabled=index == 0, width="stretch"):
        st.session_state[session.STEP_KEY] = index - 1
        st.rerun()
with forward:
    if st.button("Nästa →", disabled=index == len(steps) - 1, type="primary", width="stretch"):
        st.session_state[session.STEP_KEY] = index + 1
        st.rerun()
with finish:
    if st.button("Till rekommendationen", width="stretch"):
        st.switch_page("app_pages/recommendation.py")
