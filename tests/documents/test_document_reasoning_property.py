"""Property: whatever a case's answers and reasoning, every reasoning is in the Word file and the PDF."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.pdf_report import render_pdf
from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case
from iop.rules.rulebook import Rulebook, load_rulebook
from tests.document_reading import docx_body, pdf_text, squash

_RULEBOOK = load_rulebook()
SETS = sorted(_RULEBOOK.sets)

# What officials type: Swedish letters, digits, punctuation, markup and template syntax, line breaks.
# ("{_{" is left out: docxtpl turns it into "{{" after rendering, a known limitation.)
_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzåäöéABCÅÄÖ0123456789 .,;:!?&<>\"'{}%#*-()/\n"))
reasoning_texts = st.text(_ALPHABET, min_size=3, max_size=60).filter(lambda t: len(squash(t)) >= 3)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A case with any answers; each question answered or not, most with a reasoning."""
    answers = {}
    for qid, question in _RULEBOOK.questions.questions.items():
        option = draw(st.sampled_from([*question.options, "vet_ej"]))
        reasoning = draw(st.one_of(st.just(""), reasoning_texts, reasoning_texts))
        answers[qid] = Answer(value=option, reasoning=reasoning)
    return Case(title=draw(reasoning_texts).replace("\n", " "), date="2026-05-01",  # type: ignore[arg-type]
                criteria_set=draw(st.sampled_from(SETS)), answers=answers)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(case=cases(), organisation=st.booleans())
def test_every_answers_reasoning_appears_in_both_documents(engine: Engine, rulebook: Rulebook, case: Case,
                                                          organisation: bool):
    outline = decision_outline(engine.assess(case), case, rulebook,
                               audience="organisation" if organisation else "official")
    word = squash("".join(text for _, text in docx_body(render_docx(outline))))
    pdf = squash(pdf_text(render_pdf(outline)))
    for qid, answer in case.answers.items():
        if answer.reasoning:
            assert squash(answer.reasoning) in word, (qid, answer.reasoning)
            assert squash(answer.reasoning) in pdf, (qid, answer.reasoning)
