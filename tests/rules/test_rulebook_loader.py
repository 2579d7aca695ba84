"""The loader refuses what would break the engine, in Swedish, naming the file and the rule.

Each test edits one file in a copy of criteria/ and checks the message: an
official editing a variant must learn what is wrong and how to fix it, never
see a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iop.cli.main import main
from iop.engine.spectrum import load_spectrum
from iop.io.errors import Problem, RulebookError
from iop.rules.rulebook import load_rulebook
from tests.helpers import REPO


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", root)
    return root


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(root: Path) -> list[Problem]:
    with pytest.raises(RulebookError) as info:
        load_rulebook(root)
    return info.value.problems


def test_a_policy_table_without_a_catch_all_is_refused_naming_file_and_rule(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "decision/skl-2017.yaml", "  - id: S4\n    when: {}", "  - id: S4\n    when: {necessary: unknown}")
    problems = _problems(root)
    assert any("skl-2017.yaml" in p.file and "S4" in p.field and "alltid gäller" in p.message for p in problems)


def test_a_gate_table_without_a_catch_all_is_refused(tmp_path: Path):
    root = _copy(tmp_path)
    text = (root / "legal/procurement-route.yaml").read_text(encoding="utf-8")
    last = text.rindex("when: {}")
    (root / "legal/procurement-route.yaml").write_text(text[:last] + "when: {q.choice_system: 'no'}" +
                                                       text[last + len("when: {}"):], encoding="utf-8")
    assert any("procurement-route.yaml" in p.file and "alltid gäller" in p.message for p in _problems(root))


def test_an_unquoted_yes_key_in_a_criterion_says_to_quote_it(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "sets/forum-2015.yaml", "long_duration: {'yes': met, 'no': not_met}",
          "long_duration: {yes: met, 'no': not_met}")
    problems = _problems(root)
    message = next(p for p in problems if "forum-2015.yaml" in p.file)
    assert "long_duration" in message.message and "citattecken" in message.message and "'yes'" in message.message


def test_an_unquoted_yes_value_in_a_rule_says_to_quote_it_and_names_the_rule(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "decision/forum-2015.yaml", "when: {q.organisation_profit: 'yes'}", "when: {q.organisation_profit: yes}")
    problems = _problems(root)
    assert any("forum-2015.yaml" in p.file and "regel F" in p.message and "citattecken" in p.message
               for p in problems)


def test_a_criterion_valid_from_that_nothing_reads_is_refused(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "sets/skl-2017.yaml", "    questions:\n", "    valid_from: 2018-01-01\n    questions:\n")
    problems = _problems(root)
    assert any("skl-2017.yaml" in p.file and "valid_from" in p.message and "ta bort raden" in p.message
               for p in problems)


def test_a_policy_table_must_say_it_builds_on_the_legal_layer(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "decision/kristianstad-2016.yaml", "builds_on: legal-layer\n", "")
    assert any("kristianstad-2016.yaml" in p.file and "builds_on" in p.message for p in _problems(root))


def test_a_derivation_naming_an_unknown_function_is_refused(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "rulebook.yaml", "function: registration_evidence", "function: registration_evidense")
    assert any("rulebook.yaml" in p.file and "registration_evidense" in p.message for p in _problems(root))


def test_the_gates_run_in_the_order_rulebook_yaml_lists_them(tmp_path: Path):
    rulebook = load_rulebook()
    assert rulebook.order is not None
    assert rulebook.gate_order == tuple(g.id for g in rulebook.order.gates)
    root = _copy(tmp_path)
    text = (root / "rulebook.yaml").read_text(encoding="utf-8")
    route = text[text.index("  - id: procurement_route"):text.index("\n# The recommendation table")]
    text = text.replace(route + "\n", "")
    text = text.replace("  - id: contract\n", route.rstrip("\n") + "\n  - id: contract\n", 1)
    (root / "rulebook.yaml").write_text(text, encoding="utf-8")
    assert load_rulebook(root).gate_order[0] == "procurement_route"


def test_each_gate_has_one_name_for_table_output_and_reading_order():
    rulebook = load_rulebook()
    for gate_id, table in rulebook.gates.items():
        assert table.id == gate_id and table.outputs == [gate_id]


def test_iop_criteria_dir_applies_to_the_spectrum_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _copy(tmp_path)
    _edit(root, "spectrum.yaml", "    title: Vem tog initiativet?", "    title: Vem tog initiativet i kommunen?")
    monkeypatch.setenv("IOP_CRITERIA_DIR", str(root))
    assert load_spectrum().dimensions[0].title == "Vem tog initiativet i kommunen?"
    assert load_rulebook().root == root.resolve()


def test_criteria_check_reports_problems_in_swedish_without_a_traceback(tmp_path: Path, capsys):
    root = _copy(tmp_path)
    _edit(root, "decision/skl-2017.yaml", "  - id: S4\n    when: {}", "  - id: S4\n    when: {necessary: unknown}")
    assert main(["criteria", "--check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "skl-2017.yaml" in err and "alltid gäller" in err


def test_qualified_rule_ids_are_unique_across_the_whole_rulebook():
    rulebook = load_rulebook()
    tables = [*rulebook.gates.values(), rulebook.legal_layer, *rulebook.policy_tables.values()]
    qualified = [f"{t.id}/{r.id}" for t in tables for r in t.rules]
    assert len(qualified) == len(set(qualified))
    bare = [r.id for t in tables for r in t.rules]
    assert len(bare) > len(set(bare)), "bare ids collide (e.g. S3), which is why records carry the qualified form"


def test_every_rule_reference_in_a_record_carries_its_qualified_id(engine):
    from tests.helpers import make_case

    result = engine.assess(make_case(), "skl-2017")
    assert result.rule.qualified_id == f"{result.rule.table}/{result.rule.id}" == "skl-2017/S3"
    assert {g.rule.qualified_id.split("/")[0] for g in result.gates} == set(engine.rulebook.gates)


def test_a_gate_applicability_testing_an_impossible_value_is_refused(tmp_path: Path):
    root = _copy(tmp_path)
    _edit(root, "rulebook.yaml", "applies_when: {contract: [grant, unclear]}", "applies_when: {contract: [bidrag]}")
    assert any("rulebook.yaml" in p.file and "'bidrag'" in p.message for p in _problems(root))


def test_a_gate_whose_name_is_no_question_group_is_refused(tmp_path: Path):
    root = _copy(tmp_path)
    path = root / "questions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("group: procurement_route", "group: policy"),
                    encoding="utf-8")
    assert any("rulebook.yaml" in p.file and "procurement_route" in p.field and "gruppen procurement_route" in p.message
               for p in _problems(root))
