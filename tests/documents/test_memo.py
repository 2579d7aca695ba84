"""What the tjänsteskrivelse says where the official has not written it: proposal, summary, totals, children."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.documents import memo
from iop.documents.decision_document import decision_outline, economy_section
from iop.documents.outline import Paragraph, Signatures, Table
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.rules.rulebook import Rulebook
from tests.helpers import CASES

REFERENCE_CASES = sorted(CASES.glob("*.yaml"))


def test_the_gottsunda_example_totals_over_the_agreement_period():
    # 300 000 kr a year for three years is 900 000 kr (the worked example).
    assert memo.total(300_000, 36) == 900_000
    assert memo.Period(dt.date(2026, 8, 1), 48).end == dt.date(2030, 7, 31)
    assert memo.Period(dt.date(2026, 1, 31), 1).end == dt.date(2026, 2, 27)  # no 31 February
    assert memo.Period(None, 36).text() == "om 3 år" and memo.Period(None, None).text() == memo.MISSING_PERIOD


def test_the_proposal_names_the_organisation_the_period_and_the_yearly_amount(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    case.registration.decision_body = "Individ- och familjenämnden"
    [sentence] = memo.generated_proposal(engine.assess(case), case)
    assert sentence == ("Individ- och familjenämnden beslutar att ingå ett idéburet offentligt partnerskap med "
                        "Stadsmissionen i Västerås om verksamheten ”Ungdomsbussen – fältverksamhet för unga” för "
                        "perioden 2026-08-01–2030-07-31 med 850\u00a0000\u00a0kr per år.")


def test_what_the_case_does_not_say_is_marked_for_the_official_never_guessed(engine: Engine):
    case = Case(title="Utan uppgifter")
    proposal = " ".join(memo.generated_proposal(engine.assess(case), case))
    assert proposal.startswith("[") or memo.MISSING_ORGANISATION in proposal


@pytest.mark.parametrize("path", REFERENCE_CASES, ids=lambda p: p.stem)
def test_every_reference_case_gets_a_proposal_first_and_a_summary_of_five_lines_at_most(
        path, rulebook: Rulebook, engine: Engine):
    case = load_case(path, rulebook)
    assessment = engine.assess(case)
    outline = decision_outline(assessment, case, rulebook)
    assert [s.id for s in outline.sections][:2] == ["proposal", "summary"]
    assert memo.printed_lines(memo.generated_summary(assessment, case)) <= memo.SUMMARY_MAX_LINES
    opening = memo.generated_proposal(assessment, case)[0]
    decided = assessment.recommendation != "undecided"
    assert opening.startswith("Nämnden beslutar att") == decided


def test_the_officials_own_words_replace_the_generated_ones(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    case.memo.proposal = "Nämnden beslutar att ingå IOP.\n\nNämnden beslutar att följa upp efter ett år."
    case.memo.summary = "Kort."
    case.memo.recipients = ["Stadsmissionen i Västerås", "Ekonomienheten"]
    outline = decision_outline(engine.assess(case), case, rulebook)
    proposal, summary, recipients = (outline.section(s) for s in ("proposal", "summary", "recipients"))
    assert [b.text for b in proposal.blocks] == ["Nämnden beslutar att ingå IOP.",  # type: ignore[union-attr]
                                                 "Nämnden beslutar att följa upp efter ett år."]
    assert [b.text for b in summary.blocks] == ["Kort."]  # type: ignore[union-attr]
    assert recipients.blocks[0].items == ["Stadsmissionen i Västerås", "Ekonomienheten"]  # type: ignore[union-attr]


def test_economy_totals_both_parties_money_and_in_kind_and_the_de_minimis_standing(
        rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    section = economy_section(engine.assess(case), case)
    table = next(b for b in section.blocks if isinstance(b, Table))
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Pengar under perioden (4 år)"] == ["3\u00a0400\u00a0000\u00a0kr", "1\u00a0400\u00a0000\u00a0kr"]
    assert rows["Ideellt arbete under perioden (4 år)"][1] == "9\u00a0600\u00a0timmar"
    assert rows["Lokaler"][0] == "Uppställningsplats med el för bussen" and rows["Personal"][1]
    text = " ".join(b.text for b in section.blocks if isinstance(b, Paragraph))
    assert "under taket för stöd av mindre betydelse på 300\u00a0000 euro" in text


def test_an_unknown_period_is_said_not_summed(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    case.activity.planned_duration_months = None
    text = " ".join(b.text for b in economy_section(engine.assess(case), case).blocks if isinstance(b, Paragraph))
    assert "Avtalsperiodens längd är inte angiven" in text


@pytest.mark.parametrize(("target", "children"), [
    ("Unga 13–20 år", True), ("Barn och deras föräldrar", True), ("Elever i årskurs 7–9", True),
    ("Tonåringar i Gottsunda", True), ("Unga vuxna 18–25 år", False), ("Äldre över 65", False),
    ("Nyanlända vuxna", False), ("Personer under 18 år", True),
])
def test_children_in_the_target_group_ask_for_a_barnrattsbedomning(target: str, children: bool):
    case = Case(title="Målgrupp")
    case.activity.target_group = target
    assert memo.involves_children(case) is children


def test_the_barnrattsbedomning_is_asked_for_only_when_children_are_concerned(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    asked = decision_outline(engine.assess(case), case, rulebook).section("child_rights")
    assert asked is not None and "Barnrättsbedömning saknas" in asked.blocks[0].text  # type: ignore[union-attr]
    case.activity.target_group, case.activity.description = "Äldre över 65", "Samtalsgrupper för äldre."
    assert decision_outline(engine.assess(case), case, rulebook).section("child_rights") is None
    case.memo.child_rights = "Verksamheten berör inte barn direkt."
    written = decision_outline(engine.assess(case), case, rulebook).section("child_rights")
    assert written is not None and written.blocks[0].text == "Verksamheten berör inte barn direkt."  # type: ignore[union-attr]


def test_the_signature_block_names_handlaggare_and_chef(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    case.registration.officer = "Karin Lind"
    case.memo.officer_title, case.memo.manager = "Utvecklingsledare", "Eva Ek"
    section = decision_outline(engine.assess(case), case, rulebook).section("signatures")
    assert section is not None and section.blocks == [Signatures([("Karin Lind", "Utvecklingsledare"),
                                                                   ("Eva Ek", "Chef")])]


def test_the_header_fields_carry_the_registration(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    case.registration.subject = "Ansökan om IOP – Ungdomsbussen"
    case.registration.secrecy.marked = True
    case.registration.secrecy.provision = "OSL 31 kap. 16 §"
    case.registration.retention.disposal = "gallras"
    case.registration.retention.after = "10 år efter avslut"
    official = decision_outline(engine.assess(case), case, rulebook)
    assert official.title == "Ansökan om IOP – Ungdomsbussen"
    assert official.fields["secrecy"] == "Sekretess enligt OSL 31 kap. 16 §"
    assert official.fields["retention"] == "Gallras 10 år efter avslut"
    assert official.fields["sender"] == "Västerås stad · Individ- och familjenämnden"
    plain = decision_outline(engine.assess(case), case, rulebook, audience="organisation")
    assert plain.fields["sender"] == "Stadsmissionen i Västerås" and plain.kind == "generic"
    assert plain.fields["secrecy"] == "" and plain.fields["subject"] == ""
