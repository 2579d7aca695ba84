"""The beslutsunderlag's Ärendeuppgifter: a draft names no assessor, and the case's date says what it is for.

Word, PDF and Markdown render one outline, so each is read back for the same rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

from iop.documents import Heading, Table, decision_outline, render_docx, render_pdf, to_markdown
from iop.documents.outline import Outline
from iop.engine import Engine
from iop.engine.case_import import load_case
from iop.records import RecordMeta
from iop.rules.rulebook import Rulebook
from tests.document_reading import docx_body, pdf_text, squash
from tests.helpers import CASES

ASSESSOR = "Karin Lind"
WHEN = dt.datetime(2026, 11, 24, 0, 16, tzinfo=dt.UTC)  # 01:16 in Stockholm (winter time, UTC+1)


def details(outline: Outline) -> dict[str, str]:
    """The Ärendeuppgifter table of the appendix ("Så kom bedömningen till") as {Uppgift: Värde}."""
    section = outline.section("trace")
    assert section is not None
    start = next(i for i, b in enumerate(section.blocks) if isinstance(b, Heading) and b.text == "Ärendeuppgifter")
    table = next(b for b in section.blocks[start:] if isinstance(b, Table))
    return {label: value for label, value in table.rows}


@pytest.fixture(scope="module")
def outlines(rulebook: Rulebook, engine: Engine) -> dict[str, Outline]:
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    assessment = engine.assess(case)
    return {status: decision_outline(assessment, case, rulebook,
                                     RecordMeta(status=status, assessed_by=ASSESSOR, assessed_at=WHEN))
            for status in ("utkast", "bedomd")}


def test_a_drafts_document_names_no_assessor_and_no_time_of_assessment(outlines: dict[str, Outline]) -> None:
    rows = details(outlines["utkast"])
    assert rows["Status"] == "Utkast, inte bedömt ännu"
    assert "Bedömd av" not in rows and "Bedömd den" not in rows
    assert ASSESSOR not in rows.values() and "2026-11-24 01:16" not in rows.values()


def test_an_assessed_document_names_who_assessed_it_and_when(outlines: dict[str, Outline]) -> None:
    rows = details(outlines["bedomd"])
    assert (rows["Status"], rows["Bedömd av"], rows["Bedömd den"]) == ("Bedömd", ASSESSOR, "2026-11-24 01:16")


def test_the_case_date_says_it_picks_the_rules_and_amounts(outlines: dict[str, Outline]) -> None:
    for outline in outlines.values():
        assert details(outline)["Bedömningsdatum"] == "2026-03-02 (regler och belopp som gäller den dagen)"


def test_word_pdf_and_markdown_of_a_draft_say_draft_and_name_no_assessor(outlines: dict[str, Outline]) -> None:
    draft = outlines["utkast"]
    word = " | ".join(text for _, text in docx_body(render_docx(draft)))
    pdf = squash(pdf_text(render_pdf(draft)))
    markdown = to_markdown(draft)
    for text, squashed in ((word, False), (pdf, True), (markdown, False)):
        def has(phrase: str, text: str = text, squashed: bool = squashed) -> bool:
            return (squash(phrase) if squashed else phrase) in text
        assert has("Utkast, inte bedömt ännu")
        assert not has(ASSESSOR) and not has("Bedömd av") and not has("2026-11-24 01:16")


def test_an_assessed_word_document_still_names_the_assessor(outlines: dict[str, Outline]) -> None:
    word = [text for _, text in docx_body(render_docx(outlines["bedomd"]))]
    assert "Bedömd av" in word and ASSESSOR in word and "2026-11-24 01:16" in word
