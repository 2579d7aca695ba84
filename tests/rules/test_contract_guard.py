"""A contract indicator answered yes never yields a grant or an IOP, in any set (issue 22, point 2).

The loader proves it over the rules themselves (iop/rules/contract_guard.py). These tests hold the proof
to the bundled tables, show that it fails where a rule lets an indicator through (C5 and C6 did, before
they were fixed), and check the same promise on the engine's own reading: with one indicator answered and
every other question open, no set can reach a grant or an IOP.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iop.engine.compiled import compile_rulebook
from iop.engine.leaning import reachable_verdicts
from iop.io.errors import RulebookError
from iop.model.case import Case
from iop.rules.contract_guard import contract_indicator_problems, contract_indicators
from iop.rules.decision_table import DecisionTable
from iop.rules.rulebook import Rulebook, load_rulebook
from iop.rules.state_aid import amount_inputs, compute_figures
from tests.helpers import REPO

EXPECTED_INDICATORS = {
    ("need_defined_by", "public"),
    ("payment_basis", "price_per_performance"),
    ("payment_basis", "cost_reimbursement"),
    ("payment_basis", "fixed_sum_defined_activity"),
    ("binding_obligations", "yes"),
    ("sanctions", "yes"),
    ("direct_economic_interest", "yes"),
    ("direct_economic_interest", "receives_result"),
    ("support_form", "agreement_with_deliverables"),
}
"""Gate 1's contract indicators as the tables stand; a change to the list must be seen, not slip through."""


def _problems(rulebook: Rulebook, *, gate: DecisionTable | None = None, legal: DecisionTable | None = None,
              policy: dict[str, DecisionTable] | None = None) -> list[str]:
    gates = {gid: (f"legal/{gid}.yaml", gate if gate is not None and gid == "contract" else table)
             for gid, table in rulebook.gates.items()}
    tables = policy or rulebook.policy_tables
    found = contract_indicator_problems(gates, ("decision/legal-layer.yaml", legal or rulebook.legal_layer),
                                        {sid: (f"decision/{sid}.yaml", t) for sid, t in tables.items()},
                                        rulebook.questions)
    return [str(p) for p in found]


def _with_rule(table: DecisionTable, rule_id: str, when: dict[str, list[str]] | None = None,
               drop: str | None = None) -> DecisionTable:
    rules = []
    for rule in table.rules:
        if rule.id == rule_id:
            conditions = {k: v for k, v in rule.when.items() if k != drop}
            conditions.update({k: frozenset(v) for k, v in (when or {}).items()})
            rule = rule.model_copy(update={"when": conditions})
        rules.append(rule)
    return table.model_copy(update={"rules": rules})


def test_the_contract_indicators_are_every_non_policy_answer_gate_one_lists_as_pointing_to_a_contract(
        rulebook: Rulebook):
    found = {(i.question, i.option) for i in contract_indicators(rulebook.gates["contract"], rulebook.questions)}
    assert found == EXPECTED_INDICATORS
    listed = {(i.question, i.option) for i in rulebook.gates["contract"].indicators if i.points_to == "contract"}
    # The market signals are left to the sets' criteria, and only they.
    assert {q for q, _ in listed - found} == {"companies_offer", "procured_before", "organisation_profit"}


def test_the_bundled_rulebook_passes_the_proof(rulebook: Rulebook):
    assert _problems(rulebook) == []


def test_every_gate_rule_that_says_grant_leaves_out_every_contract_indicator(rulebook: Rulebook):
    gate = rulebook.gates["contract"]
    grant_rules = [r for r in gate.rules if r.then["contract"] == "grant"]
    assert {r.id for r in grant_rules} == {"C5", "C6", "C10"}
    for rule in grant_rules:
        for question, option in EXPECTED_INDICATORS:
            assert option not in rule.when.get(f"q.{question}", {option}), (rule.id, question, option)


def test_the_proof_fails_on_the_rules_as_they_were(rulebook: Rulebook):
    """C5 accepted a direct economic interest, C6 did not ask who defined the need: both are named."""
    gate = rulebook.gates["contract"]
    old = _with_rule(_with_rule(gate, "C5", {"q.direct_economic_interest": ["no", "yes", "unknown"]}),
                     "C6", drop="q.need_defined_by")
    problems = _problems(rulebook, gate=old)
    assert len(problems) == 2
    assert problems[0].startswith("legal/contract.yaml: regel C5 › q.direct_economic_interest:")
    assert "'yes'" in problems[0] and "indikator för kontrakt" in problems[0]
    assert problems[1].startswith("legal/contract.yaml: regel C6 › q.need_defined_by:")
    assert "'public'" in problems[1] and "prövar inte frågan" in problems[1]


@pytest.mark.parametrize(("question", "option"), sorted(EXPECTED_INDICATORS))
def test_each_indicator_let_through_by_a_grant_rule_is_named(rulebook: Rulebook, question: str, option: str):
    gate = rulebook.gates["contract"]
    rule = next(r for r in gate.rules if r.then["contract"] == "grant" and f"q.{question}" in r.when)
    widened = _with_rule(gate, rule.id, {f"q.{question}": [*rule.when[f"q.{question}"], option]})
    problems = _problems(rulebook, gate=widened)
    assert problems and all(f"regel {rule.id} › q.{question}" in p for p in problems)


def test_a_legal_layer_that_lets_an_unclear_gate_through_is_refused_for_every_set(rulebook: Rulebook):
    legal = rulebook.legal_layer.model_copy(
        update={"rules": [r for r in rulebook.legal_layer.rules if r.id != "L2"]})
    problems = _problems(rulebook, legal=legal)
    for set_id, table in rulebook.policy_tables.items():
        first_grant = next(r for r in table.rules if r.then["recommendation"] in ("grant", "iop"))
        assert any(f"regel {first_grant.id}:" in p and set_id in p and "unclear" in p for p in problems), set_id


def test_a_policy_rule_that_reads_the_gate_itself_may_still_say_grant_only_on_grant(rulebook: Rulebook):
    skl = rulebook.policy_tables["skl-2017"]
    legal = rulebook.legal_layer.model_copy(
        update={"rules": [r for r in rulebook.legal_layer.rules if r.id != "L2"]})
    guarded = skl.model_copy(update={"rules": [
        r.model_copy(update={"when": {**r.when, "contract": frozenset({"grant"})}})
        if r.then["recommendation"] in ("grant", "iop") else r for r in skl.rules]})
    problems = _problems(rulebook, legal=legal, policy={"skl-2017": guarded})
    assert problems == []


def test_the_loader_refuses_a_variant_where_an_indicator_yields_a_grant(tmp_path: Path):
    root = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", root)
    path = root / "legal/contract.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - id: C5\n"), text.index("  - id: C6\n")
    fixed = "      q.direct_economic_interest: ['no', unknown]\n"
    assert text[start:end].count(fixed) == 1
    loosened = text[start:end].replace(fixed, "      q.direct_economic_interest: ['no', 'yes', unknown]\n")
    path.write_text(text[:start] + loosened + text[end:], encoding="utf-8")
    with pytest.raises(RulebookError) as refused:
        load_rulebook(root)
    assert "regel C5 › q.direct_economic_interest" in str(refused.value)


def test_with_one_indicator_answered_and_everything_else_open_no_set_reaches_grant_or_iop(rulebook: Rulebook):
    """The leaning reads the tables over every possible answer: an over-approximation, so this is a proof too."""
    for question, option in sorted(EXPECTED_INDICATORS):
        case = Case(title="t", date="2026-06-01", answers={question: option})  # type: ignore[arg-type]
        amounts = amount_inputs(compute_figures(case, rulebook.parameters, case.assessment_date()))
        for set_id in rulebook.sets:
            reachable = reachable_verdicts(compile_rulebook(rulebook), set_id, case.facts(), amounts)
            assert not reachable & {"grant", "iop"}, (question, option, set_id, sorted(reachable))
            assert reachable, (question, option, set_id)
    # And without any answer, both are reachable: the test is not vacuous.
    empty = Case(title="t", date="2026-06-01")
    amounts = amount_inputs(compute_figures(empty, rulebook.parameters, empty.assessment_date()))
    for set_id in rulebook.sets:
        assert {"grant", "iop"} <= reachable_verdicts(compile_rulebook(rulebook), set_id, {}, amounts)
