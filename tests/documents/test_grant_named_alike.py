"""A recommended grant is named one way everywhere: its form and "stöd till organisationens egen verksamhet".

Issue 22, point 7. The headline, the spectrum picture's verdict row and both documents (the tjänsteskrivelse
and the organisation's self-check, as Word and as PDF) name a grant through ``Voice.verdict_name``. These tests read
the rendered files, not the outline: every place a document names a grant by its form in brackets carries
the reason too, and so does what-if ("Om svaret är …") and the memo's summary, which had their own wording.
"""

from __future__ import annotations

import re

import pytest

from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.pdf_report import render_pdf
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.model.assessment_record import Assessment
from iop.model.case import Case
from iop.rules.rulebook import Rulebook, load_rulebook
from iop.words.swedish import FORM
from iop.words.voice import (
    GRANT_FORM_PLAIN,
    GRANT_REASON,
    GRANT_REASON_PLAIN,
    OFFICIAL,
    voice,
)
from tests.document_reading import docx_body, pdf_text, squash
from tests.helpers import CASES

BOOK = load_rulebook()
ENGINE = Engine(BOOK)
_NAMES = sorted({*(FORM[f] for f in ("normerat_foreningsbidrag", "verksamhetsbidrag", "projektbidrag")),
                 *GRANT_FORM_PLAIN.values()}, key=len, reverse=True)
BRACKETED = re.compile(r"[Bb]idrag \((" + "|".join(map(re.escape, _NAMES)) + r")([^)]*)\)")
"""A grant named by its form in brackets, "Bidrag (verksamhetsbidrag…)": what follows the form must be the reason."""
WHAT_IF = re.compile(r"Om svaret är ”[^”]*”: Bidrag(?! \()")
"""An answer said to lead to a grant without naming its form and reason."""


def _grant_cases() -> list[tuple[str, str]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, BOOK)
        out += [(path.name, s) for s in case.expected if case.expected[s].recommendation == "grant"]
    return out


GRANTS = _grant_cases()


def _assessed(name: str, set_id: str) -> tuple[Case, Assessment]:
    case = load_case(CASES / name, BOOK)
    return case, ENGINE.assess(case, set_id)


def _word_text(case: Case, assessment: Assessment, rulebook: Rulebook, audience: str) -> str:
    outline = decision_outline(assessment, case, rulebook, audience=audience)  # type: ignore[arg-type]
    return "\n".join(text for _style, text in docx_body(render_docx(outline)))


def _bracketed_problems(text: str, plain: bool) -> list[str]:
    reason = GRANT_REASON_PLAIN if plain else GRANT_REASON
    return [m.group(0) for m in BRACKETED.finditer(text) if m.group(2) != f", {reason}"]


def test_every_set_recommends_a_grant_in_some_reference_case_with_each_form():
    forms = {(set_id, ENGINE.assess(load_case(CASES / name, BOOK), set_id).form) for name, set_id in GRANTS}
    for set_id in BOOK.sets:
        assert {"verksamhetsbidrag", "projektbidrag"} <= {f for s, f in forms if s == set_id}, set_id


@pytest.mark.parametrize(("name", "set_id"), GRANTS)
def test_the_word_documents_name_the_grant_with_its_form_and_reason_wherever_they_name_it(name: str, set_id: str):
    case, assessment = _assessed(name, set_id)
    for audience, plain in (("official", False), ("organisation", True)):
        text = _word_text(case, assessment, BOOK, audience)
        phrase = voice(plain).grant_form_phrase(assessment.form)
        assert phrase in text, (audience, phrase)
        assert voice(plain).headline(assessment).startswith(f"Bidrag ({phrase})")
        assert voice(plain).spectrum_verdict(assessment).label == f"Rekommendation: Bidrag ({phrase})"
        assert _bracketed_problems(text, plain) == [], audience
        assert WHAT_IF.findall(text) == [], audience
    memo = _word_text(case, assessment, BOOK, "official")
    assert f"Förvaltningen föreslår att verksamheten stöds med bidrag ({OFFICIAL.grant_form_phrase(assessment.form)})." in memo


@pytest.mark.parametrize("name", ["verksamhetsbidrag-kvinnojour-hassleholm.yaml",
                                  "engangsbidrag-ovriga-andamal-falun.yaml"])
def test_the_pdf_documents_name_the_grant_as_the_word_documents_do(name: str):
    case, assessment = _assessed(name, "forum-2015")
    assert assessment.recommendation == "grant"
    for audience, plain in (("official", False), ("organisation", True)):
        outline = decision_outline(assessment, case, BOOK, audience=audience)  # type: ignore[arg-type]
        pdf = squash(pdf_text(render_pdf(outline)))
        assert squash(f"bidrag ({voice(plain).grant_form_phrase(assessment.form)})") in pdf.lower(), audience
        reason = squash(GRANT_REASON_PLAIN if plain else GRANT_REASON)
        for form_name in _NAMES:
            for found in re.finditer(re.escape(squash(f"idrag ({form_name}")), pdf):
                assert pdf[found.end():].startswith(f",{reason})"), (audience, pdf[found.start():found.end() + 60])


def test_the_check_finds_a_grant_named_without_its_reason():
    """The two patterns would have caught the old wording: "Bidrag (projektbidrag) (regel F13)" and "…: Bidrag"."""
    assert _bracketed_problems("Om svaret är ”Ja”: Bidrag (projektbidrag) (regel F13)", plain=False)
    assert not _bracketed_problems(f"Bidrag (projektbidrag, {GRANT_REASON}) (regel F13)", plain=False)
    assert WHAT_IF.findall("Om svaret är ”Ja, ni kan få vanligt föreningsbidrag”: Bidrag")
    assert not WHAT_IF.findall(f"Om svaret är ”Ja”: Bidrag (verksamhetsbidrag, {GRANT_REASON_PLAIN})")
