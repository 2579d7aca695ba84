"""The decision outline: parts built from the case and the record, and the organisation wording."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from iop.documents.decision_document import background_section, decision_outline, parties_section
from iop.documents.outline import MEMO_SECTIONS, Heading, Table, build_outline
from iop.engine.evaluation import Engine
from iop.records.record_meta import RecordMeta
from iop.rules.rulebook import Rulebook
from tests.helpers import make_case


def test_contact_people_are_printed_with_the_parties():
    case = make_case()
    case.public_party.contact = "Eva Berg, eva.berg@example.se"
    case.organisation.contact = "Ali Noor, 070-000 00 00"
    table = parties_section(case).blocks[0]
    assert isinstance(table, Table)
    cells = dict((row[0], row[1]) for row in table.rows)
    assert cells["Kontakt, offentlig part"] == case.public_party.contact
    assert cells["Kontakt, organisationen"] == case.organisation.contact


def test_a_decision_can_only_be_recorded_for_a_decided_case():
    with pytest.raises(ValidationError):
        RecordMeta(status="bedomd", decision="Bifall")
    assert RecordMeta(status="beslutad", decision="Bifall").decision == "Bifall"


def test_the_tjansteskrivelse_opens_with_the_proposal_and_keeps_the_trace_for_its_appendix(
        engine: Engine, rulebook: Rulebook):
    case = make_case(payment_basis="vet_ej")
    case.memo.child_rights = "Barnen har fått komma till tals."
    assessment = engine.assess(case)
    memo = decision_outline(assessment, case, rulebook)
    assert [s.id for s in memo.sections] == list(MEMO_SECTIONS)
    trace = memo.section("trace")
    assert trace is not None
    parts = {b.text for b in trace.blocks if isinstance(b, Heading) and b.level == 3}
    # Every part of the assessment is in the appendix, the verdict itself once under Bedömning.
    short = {s.title for s in build_outline(assessment).sections} - {"Rekommendation"}
    assert short <= parts and {"Avgörande regel", "Beslut"} <= parts


def test_the_contact_people_are_in_arendet_too():
    case = make_case()
    case.public_party.contact = "Eva Berg, eva.berg@example.se"
    case.organisation.contact = "Ali Noor, 070-000 00 00"
    table = next(b for b in background_section(case).blocks if isinstance(b, Table))
    cells = dict((row[0], row[1]) for row in table.rows)
    assert cells["Kontakt, offentlig part"] == case.public_party.contact
    assert cells["Kontakt, organisationen"] == case.organisation.contact


def test_organisation_mode_names_criteria_and_questions_in_plain_words(engine: Engine, rulebook: Rulebook):
    case = make_case(initiative="vet_ej")
    assessment = engine.assess(case)
    outline = decision_outline(assessment, case, rulebook, audience="organisation")
    # An undecided case has its preliminary leaning right after the verdict (iop.engine.leaning).
    assert [s.id for s in outline.sections][:3] == ["recommendation", "leaning", "preparation"]
    text = "\n".join(str(b) for s in outline.sections for b in s.blocks)
    criteria = rulebook.criteria_set(assessment.criteria_set.id).criteria
    assert all(c.plain in text for c in criteria)
    assert rulebook.questions.questions["initiative"].plain in text
    assert rulebook.questions.questions["initiative"].text not in text
