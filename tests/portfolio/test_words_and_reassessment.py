"""The charts' summaries in Swedish, and a re-assessment when a follow-up finds the facts changed."""

from __future__ import annotations

from iop.engine.evaluation import Engine
from iop.portfolio import (
    PortfolioFilter,
    aggregate,
    breakdown_summary,
    changed_answer_lines,
    form_year_summary,
    moves_summary,
    reassess,
    recommendation_summary,
    undecided_summary,
)
from iop.portfolio.trend import links_frame, moves
from tests.helpers import make_case
from tests.portfolio.fixtures import hand_counted
from tests.portfolio.test_filters_and_trend import LINKS, chain

NB = "\u00a0"


def test_the_form_per_year_chart_in_words():
    portfolio = aggregate(PortfolioFilter().apply(hand_counted()))
    assert form_year_summary(portfolio) == (
        f"2023–2025: 5 beslutade ärenden; bidrag 2 (40{NB}%), IOP 1 (20{NB}%), upphandling 1 (20{NB}%) och "
        f"avslag 1 (20{NB}%). Andelen bidrag från 100{NB}% 2023 till 0{NB}% 2025. "  # 2025's one decision: avslag
        "Därtill 3 ärenden som inte är beslutade.")
    assert form_year_summary(portfolio, "municipality_sek").startswith(
        f"2023–2025: 960{NB}000{NB}kr per år i beslutade ärenden; bidrag 100{NB}000{NB}kr (10{NB}%), IOP "
        f"300{NB}000{NB}kr (31{NB}%)")


def test_the_other_summaries():
    portfolio = aggregate(PortfolioFilter().apply(hand_counted()))
    assert breakdown_summary(portfolio.by_committee, "committee", "nämnd") == (
        f"Störst per nämnd: Socialnämnden: 5 ärenden (62{NB}%), mest inte beslutat; "
        f"Kulturnämnden: 3 ärenden (38{NB}%), mest bidrag: form inte angiven.")
    assert recommendation_summary(portfolio) == (
        f"Av 5 beslut följde 3 (60{NB}%) rekommendationen och 2 avvek, oftast Bidrag blev avslag (1) och "
        "IOP blev bidrag (1).")
    assert undecided_summary(portfolio, {"companies_offer": "Finns det företag som erbjuder tjänsten?"}) == (
        f"3 av 8 ärenden (38{NB}%) är inte beslutade; 2 av dem går inte att avgöra ännu. Oftast blockerar frågan "
        "”Finns det företag som erbjuder tjänsten?” (2 ärenden).")
    frame = chain()
    assert moves_summary(moves(frame, frame["id"], links_frame(LINKS))) == (
        "3 verksamheter har fortsatt i ett nytt ärende 2022–2025: bidrag förnyat 1, bidrag → IOP 1 och "
        "IOP → upphandling 1.")
    empty = aggregate(PortfolioFilter(2030, 2030).apply(hand_counted()))
    assert form_year_summary(empty) == "Inga ärenden i urvalet."


def test_a_market_that_appears_changes_the_recommendation_and_says_how(engine: Engine):
    case = make_case()
    stored = engine.assess(case)
    assert stored.recommendation == "iop"
    again = reassess(engine, case, stored, {"companies_offer": "yes", "procured_before": "yes"})
    assert again.changed and (again.before, again.after) == ("iop", again.after)
    assert again.after != "iop"
    assert again.differences[0].startswith("Rekommendationen blir ")
    assert any("Ingen marknad" in line or "marknad" in line.lower() for line in again.differences)
    assert changed_answer_lines(case, {"companies_offer": "yes"}, engine.rulebook.questions) == [
        f"{engine.rulebook.questions.questions['companies_offer'].text} Nej → Ja"]


def test_unchanged_facts_give_no_difference(engine: Engine):
    case = make_case()
    stored = engine.assess(case)
    again = reassess(engine, case, stored, {"companies_offer": "no"})
    assert not again.changed and again.differences == ()
