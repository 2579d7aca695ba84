"""One question of the walk in its card: the answer, why, and what supports it, written into the case."""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from iop.guide import store_answer
from iop.model import DONT_KNOW, Case, Question
from iop.words import DONT_KNOW_LABEL, voice


def draw(case: Case, qid: str, question: Question, *, plain: bool, locked: bool) -> None:
    """The card for ``question``, seeded from the case's answer; what is typed goes into ``case``.

    A reasoning or evidence over its limit stays in its field with a message, and the case keeps
    the answer it had (``iop.guide.store_answer``).
    """
    existing = case.answers.get(qid)
    labels = {**voice(plain).labels(question), DONT_KNOW: DONT_KNOW_LABEL}
    with st.container(border=True):
        choice = st.radio(
            question.plain if plain else question.text,
            [*question.options, DONT_KNOW],
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
