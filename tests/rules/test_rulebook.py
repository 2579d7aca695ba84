from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iop.io.errors import RulebookError
from iop.rules.rulebook import Rulebook, load_rulebook
from tests.helpers import REPO


def test_every_gate_and_policy_table_ends_in_a_catch_all(rulebook: Rulebook):
    for table in [*(rulebook.gates[g] for g in rulebook.gate_order), *rulebook.policy_tables.values()]:
        assert table.rules[-1].when == {}, table.id


def test_legal_layer_precedes_policy_rules(rulebook: Rulebook):
    rules = rulebook.recommendation_rules("forum-2015")
    assert [r.id for r in rules[:3]] == ["L1", "L2", "L3"]


def test_every_rule_cites_a_source(rulebook: Rulebook):
    for table in [rulebook.legal_layer, *rulebook.policy_tables.values(), *rulebook.gates.values()]:
        for rule in table.rules:
            assert rule.source.cite(), f"{table.id}/{rule.id}"


def _problems_after_edit(tmp_path: Path, file: str, old: str, new: str) -> list:
    """Load a copy of criteria/ with one text replaced in ``file``; return the reported problems."""
    root = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(root)
    return info.value.problems


def test_a_table_testing_an_unknown_question_is_reported_with_its_file(tmp_path: Path):
    problems = _problems_after_edit(tmp_path, "decision/forum-2015.yaml", "q.organisation_profit", "q.no_such_question")
    assert any("forum-2015.yaml" in p.file and "no_such_question" in p.message for p in problems)


def test_a_criterion_missing_an_answer_option_is_reported(tmp_path: Path):
    problems = _problems_after_edit(tmp_path, "sets/forum-2015.yaml",
                                    "initiative: {organisation: met, joint: partly, public: not_met}",
                                    "initiative: {organisation: met, public: not_met}")
    assert any("joint" in p.message for p in problems)


def test_a_value_no_input_can_take_is_reported(tmp_path: Path):
    problems = _problems_after_edit(tmp_path, "decision/legal-layer.yaml", "contract: unclear", "contract: unclaer")
    assert any("unclaer" in p.message for p in problems)


def test_an_indicator_weight_out_of_range_is_reported_in_swedish(tmp_path: Path):
    problems = _problems_after_edit(tmp_path, "legal/contract.yaml",
                                    "option: price_per_performance, points_to: contract, weight: 3",
                                    "option: price_per_performance, points_to: contract, weight: 7")
    assert any("contract.yaml" in p.file and "weight" in p.field and "högst 3" in p.message for p in problems)


def test_an_indicator_naming_an_unknown_answer_is_reported(tmp_path: Path):
    problems = _problems_after_edit(tmp_path, "legal/contract.yaml",
                                    "option: fixed_sum_defined_activity, points_to: contract",
                                    "option: fixed_sum, points_to: contract")
    assert any("fixed_sum" in p.message and "finns inte" in p.message for p in problems)


def test_a_presumption_with_an_unknown_outcome_is_reported_in_swedish(tmp_path: Path):
    problems = _problems_after_edit(tmp_path, "decision/legal-layer.yaml", "excludes: [iop, grant]",
                                    "excludes: [iop, bidrag]")
    assert any("legal-layer.yaml" in p.file and "'bidrag'" in p.message and "välj ett av" in p.message
               for p in problems)


def test_every_weight_and_presumption_cites_a_source(rulebook: Rulebook):
    for gate in rulebook.gate_order:
        for indicator in rulebook.gates[gate].indicators:
            assert indicator.source.cite() and 1 <= indicator.weight <= 3
    assert rulebook.legal_layer.presumptions
    for presumption in rulebook.legal_layer.presumptions:
        assert presumption.source.cite() and presumption.annotation
