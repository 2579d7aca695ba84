"""The Ungdomsbussen case as a beslutsunderlag, checked section by section in Word and in PDF.

Expected contents are taken from the case file and its assessment, so the test
pins that each section carries its data, not what the data happens to be.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.outline import Outline
from iop.documents.pdf_report import render_pdf
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.model.assessment_record import Assessment
from iop.model.case import Case
from iop.records.record_meta import RecordMeta
from iop.rules.rulebook import Rulebook
from iop.words.clock import STOCKHOLM
from iop.words.swedish import DISCLAIMER, GATE_VALUE, LEGAL_FORM
from iop.words.voice import OFFICIAL
from tests.document_reading import docx_sections, pdf_text, squash
from tests.helpers import CASES

RECORD = RecordMeta(status="bedomd", assessed_by="Karin Lind, socialförvaltningen",
                    assessed_at=dt.datetime(2026, 3, 2, 14, 5, tzinfo=STOCKHOLM))


@pytest.fixture(scope="module")
def built(rulebook: Rulebook, engine: Engine) -> tuple[Case, Assessment, Outline, dict[str, str], str]:
    """The case, its assessment and outline, the Word file's sections and the PDF's text (made once)."""
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    assessment = engine.assess(case)
    outline = decision_outline(assessment, case, rulebook, RECORD)
    return case, assessment, outline, docx_sections(render_docx(outline)), pdf_text(render_pdf(outline))


def _kr(amount: int | None) -> str:
    return f"{amount:,} kr".replace(",", " ")


Expectation = Callable[[Case, Assessment], list[str]]

EXPECTED: dict[str, Expectation] = {
    "Förslag till beslut": lambda c, a: [
        "beslutar att ingå ett idéburet offentligt partnerskap med", c.organisation.name, c.title,
        "2026-08-01–2030-07-31", f"{_kr(c.public_party.contribution.money_sek_per_year)} per år"],
    "Sammanfattning": lambda c, a: [c.title, c.organisation.name, "idéburet offentligt partnerskap"],
    "Ärendet": lambda c, a: [c.activity.description, c.activity.target_group, c.activity.area, "4 år",
                             c.public_party.name, c.public_party.committee, c.organisation.name,
                             LEGAL_FORM[c.organisation.legal_form].lower()],  # type: ignore[index]
    "Bedömning": lambda c, a: [OFFICIAL.verdict_sentence(a.recommendation, a.form), a.rule.annotation[1:],
                               a.rule.source.cite(),
                               *(g.title for g in a.gates if g.applies),
                               *(x for cr in a.criteria for x in (cr.title, *(t.reasoning for t in cr.answers)))],
    "Ekonomiska konsekvenser": lambda c, a: [
        _kr(c.public_party.contribution.money_sek_per_year), _kr(c.organisation.contribution.money_sek_per_year),
        "3 400 000 kr", "1 400 000 kr", "9 600 timmar", c.organisation.contribution.staff,
        c.public_party.contribution.premises, "300 000 euro"],
    "Barnrättsbedömning": lambda c, a: [c.activity.target_group, "lag (2018:1197)"],
    "Bilagor": lambda c, a: ["Så kom bedömningen till"],
    "Beslutet skickas till": lambda c, a: [c.organisation.name],
    "Så kom bedömningen till": lambda c, a: [
        a.criteria_set.id, a.criteria_set.version, a.criteria_set.hash, a.criteria_set.title, "Bedömd",
        RECORD.assessed_by, "2026-03-02 14:05", a.date.isoformat(), a.rule.id, a.rule.qualified_id,
        *(t for g in a.gates for t in (g.title, g.rule.id, GATE_VALUE[g.value]) if g.applies),
        *(q.text for q in a.open_questions), "Växelkurs", "inte beslutat", DISCLAIMER],
}


def test_the_word_document_has_one_heading_per_section_in_outline_order(built):
    _, _, outline, sections, _ = built
    assert list(sections) == [s.title for s in outline.sections if s.id != "signatures"]
    assert set(EXPECTED) == {s.title for s in outline.sections if s.id != "signatures"}


def test_the_rule_ids_and_checksum_are_in_the_appendix_only(built):
    _, assessment, _, sections, _ = built
    body = squash("\n".join(text for title, text in sections.items() if title != "Så kom bedömningen till"))
    assert squash(assessment.criteria_set.hash) not in body and f"(regel {assessment.rule.id})" not in body
    assert squash(assessment.criteria_set.hash) in squash(sections["Så kom bedömningen till"])


@pytest.mark.parametrize("title", EXPECTED)
def test_each_section_of_the_word_document_holds_its_content(built, title: str):
    case, assessment, _, sections, _ = built
    text = squash(sections[title])
    for expected in EXPECTED[title](case, assessment):
        assert squash(expected) in text, (title, expected)


@pytest.mark.parametrize("title", EXPECTED)
def test_each_section_of_the_pdf_holds_its_content(built, title: str):
    case, assessment, outline, _, pdf = built
    # Each section title is a line of its own; the section runs to the next title's line. The running
    # footer (sender, then title and "sida N av M") and the bullets' glyphs, which the PDF's text
    # gives apart from their items, are page furniture: a paragraph that breaks across pages reads on.
    sender = " · ".join((case.public_party.name, case.public_party.committee))
    lines = [line.strip() for line in pdf.splitlines()]
    lines = [line for line in lines if not re.search(r"sida \d+ av \d+$", line) and line not in (sender, "•")]
    titles = [s.title for s in outline.sections if s.id != "signatures"]
    start = lines.index(title)
    following = titles[titles.index(title) + 1:]
    end = lines.index(following[0], start) if following else len(lines)
    section = squash("".join(lines[start:end]))
    for expected in EXPECTED[title](case, assessment):
        assert squash(expected) in section, (title, expected)


def test_a_decided_case_prints_the_decision(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    record = RecordMeta(status="beslutad", decision="Nämnden beslutar att ingå IOP med Stadsmissionen.",
                        decided_by="Individ- och familjenämnden", decided_at=dt.date(2026, 4, 20))
    outline = decision_outline(engine.assess(case), case, rulebook, record)
    appendix = docx_sections(render_docx(outline))["Så kom bedömningen till"]
    decision = appendix[appendix.index("Beslut\n"):]
    for expected in (record.decision, record.decided_by, "2026-04-20"):
        assert expected in decision


def test_sources_are_cited_by_title_and_slide_never_by_file_name(built, engine: Engine):
    from iop.documents.text_report import to_markdown

    case, assessment, _, sections, pdf = built
    markdown = to_markdown(engine.assess(case))
    for shown in (squash(" ".join(sections.values())), squash(pdf), squash(markdown)):
        assert squash("Forum, Värmland 2015, bild 33") in shown
        assert ".txt" not in shown and "003_" not in shown and "004_" not in shown
