"""Organisation mode shows no legal references: they are taken out, the rest of the text kept."""

from __future__ import annotations

import pytest

from iop.rules import load_rulebook
from iop.words.plain_language import has_legal_reference, plain_text
from iop.words.voice import OFFICIAL


@pytest.mark.parametrize(("text", "plain"), [
    ("Kommunallagen 2 kap. 1 § (allmänintresse och lokaliseringsprincipen).", ""),
    ("Reserverad upphandling gäller vissa välfärdstjänster (LOU 19 kap. 25 a §, LOV 1 kap. 2 a §).",
     "Reserverad upphandling gäller vissa välfärdstjänster."),
    ("Ett bidrag är inte en motprestation. Se HFD 2020 ref. 15.", "Ett bidrag är inte en motprestation."),
    ("Vem tog initiativet (föreningen eller kommunen)?", "Vem tog initiativet (föreningen eller kommunen)?"),
])
def test_legal_references_are_removed_and_plain_words_kept(text: str, plain: str):
    assert plain_text(text) == plain


def test_every_question_help_in_plain_form_has_no_legal_reference():
    for question in load_rulebook().questions.questions.values():
        assert not has_legal_reference(plain_text(question.help)), question.id


def test_reserved_procurement_verdict_reads_plainly():
    text = plain_text(OFFICIAL.verdict_sentence("procurement", "reserved"))
    assert "reserverad upphandling" in text and "§" not in text


def test_plain_step_introductions_name_no_law():
    from iop.guide import PLAIN_INTRO

    assert PLAIN_INTRO
    for text in PLAIN_INTRO.values():
        assert not has_legal_reference(text) and "lagen" not in text.lower()
