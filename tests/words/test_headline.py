"""The headline tells the whole truth; an undecided case names what blocks it."""

from __future__ import annotations

import pytest

from iop.documents import decision_outline
from iop.documents.text_report import to_markdown
from iop.engine import Engine, load_case
from iop.guide import preparation_list
from iop.model import Case
from iop.rules import load_rulebook
from iop.words import OFFICIAL, PLAIN
from tests.helpers import CASES, make_case

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)


def test_a_clean_iop_headline_has_no_caveat():
    assert OFFICIAL.headline(ENGINE.assess(make_case())) == "IOP"


@pytest.mark.parametrize(("answers", "caveat"), [
    ({"general_interest": "vet_ej"}, "kommunallagens villkor är inte utredda"),
    ({"economic_activity": "vet_ej"}, "statsstödsfrågan är inte utredd"),
])
def test_an_open_gate_is_named_in_the_headline(answers: dict[str, str], caveat: str):
    assessment = ENGINE.assess(make_case(**answers))
    assert assessment.recommendation == "iop"
    assert OFFICIAL.headline(assessment) == f"IOP – men {caveat}"
    assert "men " not in PLAIN.headline(assessment).split("–")[0]
    assert "kommunallagen" not in PLAIN.headline(assessment)


def test_two_open_gates_are_both_named():
    text = OFFICIAL.headline(ENGINE.assess(make_case(general_interest="vet_ej", economic_activity="vet_ej")))
    assert "kommunallagens villkor" in text and "statsstödsfrågan" in text


def test_the_exported_document_carries_the_caveat_too():
    assessment = ENGINE.assess(make_case(general_interest="vet_ej"))
    assert "Observera: kommunallagens villkor är inte utredda" in to_markdown(assessment)


def test_an_undecided_case_names_its_blocking_questions_with_what_to_find_out():
    case = load_case(CASES / "motesplats-aldre-oppna-fragor.yaml", RULEBOOK)
    assessment = ENGINE.assess(case)
    assert assessment.recommendation == "undecided"
    blockers = OFFICIAL.blockers(assessment, RULEBOOK.questions)
    assert {b.question for b in blockers} >= {"political_programme", "companies_offer"}
    assert all(b.find_out and b.outcomes for b in blockers)


def test_blocking_questions_come_first_in_the_preparation_list():
    assessment = ENGINE.assess(load_case(CASES / "motesplats-aldre-oppna-fragor.yaml", RULEBOOK))
    blockers = PLAIN.blockers(assessment, RULEBOOK.questions)
    points = preparation_list(assessment, RULEBOOK, blockers=blockers)
    assert points[0].startswith("Avgör om det går att säga något alls")
    assert len(points) == len(set(points))


def test_a_decided_case_has_no_blockers():
    assessment = ENGINE.assess(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK))
    assert OFFICIAL.blockers(assessment, RULEBOOK.questions) == []


def test_the_markdown_export_holds_the_case_facts_and_the_verdict_once():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    data = case.model_dump(exclude={"expected"})
    data["organisation"]["org_number"] = "802001 1234"
    case = Case.model_validate(data)
    assessment = ENGINE.assess(case)
    text = to_markdown(decision_outline(assessment, case, RULEBOOK))
    for fact in ("Stadsmissionen i Västerås", "org.nr 802001-1234", "Individ", "Unga 13–20 år", "4 år"):
        assert fact in text.replace("\\", ""), fact
    assert text.count("## Förslag till beslut") == 1
    assert text.replace("\\", "").count("Rekommendationen är idéburet offentligt partnerskap (IOP)") == 1


def test_a_blocker_that_decides_only_together_says_so_instead_of_listing_undecided_answers():
    from iop.words.voice import TOGETHER

    assessment = ENGINE.assess(load_case(CASES / "nattvandring-oklart-avtal.yaml", RULEBOOK))
    blockers = OFFICIAL.blockers(assessment, RULEBOOK.questions)
    assert blockers
    for blocker in blockers:
        assert blocker.outcomes == (TOGETHER,) or not any(o.endswith(": Oavgjort") for o in blocker.outcomes)
