"""Every rule of every decision table is reached by at least one reference case."""

from __future__ import annotations

from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.rules.rulebook import Rulebook
from tests.helpers import CASES


def test_every_rule_is_reached_by_a_reference_case(rulebook: Rulebook, engine: Engine):
    reached: set[tuple[str, str]] = set()
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, rulebook)
        for set_id in case.expected:
            result = engine.assess(case, set_id, explain_changes=False)
            reached.add((result.rule.table, result.rule.id))
            reached.update((g.gate, g.rule.id) for g in result.gates)
    tables = [rulebook.legal_layer, *rulebook.policy_tables.values(), *rulebook.gates.values()]
    every_rule = {(t.id, r.id) for t in tables for r in t.rules}
    assert sorted(every_rule - reached) == []


def test_reference_cases_reach_every_recommendation(rulebook: Rulebook):
    seen = {e.recommendation for p in CASES.glob("*.yaml") for e in load_case(p, rulebook).expected.values()}
    assert seen == {"iop", "grant", "procurement", "undecided"}


def test_ungdomsbussen_is_among_the_cases_and_comes_out_iop(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    assert all(engine.assess(case, s).recommendation == "iop" for s in rulebook.sets)
