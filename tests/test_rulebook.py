from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iop.errors import RulebookError
from iop.rulebook import GATE_ORDER, Rulebook, load_rulebook
from tests.helpers import REPO


def test_every_gate_and_policy_table_ends_in_a_catch_all(rulebook: Rulebook):
    for table in [*(rulebook.gates[g] for g in GATE_ORDER), *rulebook.policy_tables.values()]:
        assert table.rules[-1].when == {}, table.id


def test_legal_layer_precedes_policy_rules(rulebook: Rulebook):
    rules = rulebook.recommendation_rules("forum-2015")
    assert [r.id for r in rules[:3]] == ["L1", "L2", "L3"]


def test_every_rule_cites_a_source(rulebook: Rulebook):
    for table in [rulebook.legal_layer, *rulebook.policy_tables.values(), *rulebook.gates.values()]:
        for rule in table.rules:
            assert rule.source.cite(), f"{table.id}/{rule.id}"


def _copy_rulebook(tmp_path: Path) -> Path:
    target = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", target)
    return target


def test_a_table_testing_an_unknown_question_is_reported_with_its_file(tmp_path: Path):
    root = _copy_rulebook(tmp_path)
    path = root / "decision" / "forum-2015.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("q.organisation_profit", "q.no_such_question"),
                    encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(root)
    assert any("forum-2015.yaml" in p.file and "no_such_question" in p.message for p in info.value.problems)


def test_a_criterion_missing_an_answer_option_is_reported(tmp_path: Path):
    root = _copy_rulebook(tmp_path)
    path = root / "sets" / "forum-2015.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "initiative: {organisation: met, joint: partly, public: not_met}",
        "initiative: {organisation: met, public: not_met}"), encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(root)
    assert any("joint" in p.message for p in info.value.problems)


def test_a_value_no_input_can_take_is_reported(tmp_path: Path):
    root = _copy_rulebook(tmp_path)
    path = root / "decision" / "legal-layer.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("contract_test: unclear", "contract_test: unclaer"),
                    encoding="utf-8")
    with pytest.raises(RulebookError) as info:
        load_rulebook(root)
    assert any("unclaer" in p.message for p in info.value.problems)
