"""An official's variant, as criteria/README.md describes it: copy a set, edit it, check it, see the effect.

The test walks the README's steps on a real copy, so the guide stays true.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from iop.cli.main import main
from iop.engine.rulebook_check import check_criteria
from tests.helpers import REPO


def _variant(tmp_path: Path) -> Path:
    """Steps 1-3 of criteria/README.md: copy criteria/, copy SKL 2017 as 'skl-2017-exempelkommun', edit it."""
    root = tmp_path / "kommun-criteria"
    shutil.copytree(REPO / "criteria", root)
    new_set = (root / "sets/skl-2017.yaml").read_text(encoding="utf-8")
    new_set = new_set.replace("id: skl-2017\n", "id: skl-2017-exempelkommun\n", 1)
    new_set = new_set.replace("decision_table: skl-2017.yaml", "decision_table: skl-2017-exempelkommun.yaml")
    new_set = new_set.replace("title: SKL – rapport om IOP (2017)", "title: SKL 2017 med Exempelkommunens krav")
    # Change a criterion: the municipality requires anchoring in a political programme.
    anchor = "  - id: political_programme\n    title: Med fördel förankrat i ett politiskt program\n    kind: should"
    assert anchor in new_set
    new_set = new_set.replace(anchor, anchor.replace("kind: should", "kind: necessary"))
    (root / "sets/skl-2017-exempelkommun.yaml").write_text(new_set, encoding="utf-8")
    table = (root / "decision/skl-2017.yaml").read_text(encoding="utf-8")
    table = table.replace("id: skl-2017\n", "id: skl-2017-exempelkommun\n", 1)
    # Change a rule: without a market and without partnership, the municipality still wants a grant, as a project.
    table = table.replace("then: {recommendation: grant, form: verksamhetsbidrag}",
                          "then: {recommendation: grant, form: projektbidrag}", 1)
    (root / "decision/skl-2017-exempelkommun.yaml").write_text(table, encoding="utf-8")
    return root


def test_a_copied_and_edited_set_loads_and_changes_the_reference_cases_only_under_its_own_id(tmp_path: Path):
    effects = check_criteria(_variant(tmp_path))
    by_set: dict[str, dict[str, str]] = {}
    for effect in effects:
        by_set.setdefault(effect.set_id, {})[effect.case] = effect.actual
    assert "skl-2017-exempelkommun" in by_set
    assert not [e for e in effects if e.changed], "the original sets still give every expected outcome"
    differ = [case for case, actual in by_set["skl-2017-exempelkommun"].items() if by_set["skl-2017"][case] != actual]
    assert differ, "requiring a political programme changes at least one reference case"
    assert all(e.expected is None for e in effects if e.set_id == "skl-2017-exempelkommun")


def test_criteria_check_prints_the_effect_of_the_variant_in_swedish(tmp_path: Path, capsys):
    assert main(["criteria", "--check", str(_variant(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "är giltig" in out and "[skl-2017-exempelkommun]" in out and "som väntat" in out
    assert "0 skiljer sig från det förväntade utfallet" in out


def test_an_edit_to_a_set_with_expected_outcomes_is_shown_as_changed(tmp_path: Path, capsys):
    root = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", root)
    path = root / "decision/skl-2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "when: {necessary: [met, partly]}\n    then: {recommendation: iop, form: null}",
        "when: {necessary: [met, partly]}\n    then: {recommendation: grant, form: verksamhetsbidrag}"), encoding="utf-8")
    assert main(["criteria", "--check", str(root)]) == 0
    out = capsys.readouterr().out
    assert "ÄNDRAT – väntat iop (S3), blev grant/verksamhetsbidrag (S3)" in out
