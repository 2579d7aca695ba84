"""`iop explain`: for every reference case, each step of the chain stands where it says it stands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.engine.explanation import Explanation, explain
from iop.model.questions import NOT_ANSWERED
from iop.rules.locations import Place, place_of
from iop.rules.rulebook import load_rulebook
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()
RUNS = [(path, set_id) for path in sorted(CASES.glob("*.yaml"))
        for set_id in load_case(path, RULEBOOK).expected]


def _line_declares(place: Place, block_id: str) -> bool:
    assert place.line is not None, (place, block_id)
    line = (RULEBOOK.root / place.file).read_text(encoding="utf-8").splitlines()[place.line - 1].strip()
    return line in (f"- id: {block_id}", f"id: {block_id}", f"{block_id}:")


def _explained(path: Path, set_id: str) -> tuple[Explanation, object]:
    case = load_case(path, RULEBOOK)
    assessment = Engine(RULEBOOK).assess(case, set_id)
    return explain(assessment, RULEBOOK), (case, assessment)


@pytest.mark.parametrize(("path", "set_id"), RUNS, ids=[f"{p.stem}[{s}]" for p, s in RUNS])
def test_every_step_points_at_the_line_that_declares_it(path: Path, set_id: str):
    explanation, (case, assessment) = _explained(path, set_id)
    assert explanation.decided.rule == assessment.rule  # type: ignore[attr-defined]
    assert (explanation.recommendation, explanation.form) == (case.expected[set_id].recommendation,  # type: ignore[attr-defined]
                                                              case.expected[set_id].form)  # type: ignore[attr-defined]
    assert _line_declares(explanation.decided.place, assessment.rule.id)  # type: ignore[attr-defined]
    assert [g.gate for g in explanation.gates] == list(RULEBOOK.gate_order)
    for gate in explanation.gates:
        assert _line_declares(gate.step.place, gate.step.rule.id)
        for read in gate.step.read:
            assert _line_declares(read.place, read.question)
    for criterion in explanation.criteria:
        assert criterion.place.file == f"sets/{set_id}.yaml"
        assert _line_declares(criterion.place, criterion.id)


@pytest.mark.parametrize(("path", "set_id"), RUNS[:: max(1, len(RUNS) // 8)])
def test_answers_are_marked_given_derived_or_not_answered_as_the_case_holds_them(path: Path, set_id: str):
    explanation, (case, _) = _explained(path, set_id)
    given = {q for q, a in case.answers.items() if a.value not in NOT_ANSWERED}  # type: ignore[attr-defined]
    for read in [r for g in explanation.gates for r in g.step.read] + [r for c in explanation.criteria for r in c.read]:
        if read.how == "given":
            assert read.question in given
        elif read.how == "not_answered":
            assert read.question not in given


def test_a_place_that_is_not_declared_has_no_line(tmp_path: Path):
    (tmp_path / "t.yaml").write_text("rules:\n  - id: A1\n    then: x\n", encoding="utf-8")
    assert place_of(tmp_path, "t.yaml", "A1") == Place("t.yaml", 2)
    assert place_of(tmp_path, "t.yaml", "A2") == Place("t.yaml", None)
    assert place_of(tmp_path, "missing.yaml", "A1") == Place("missing.yaml", None)


def test_the_command_prints_the_chain_in_swedish_with_files_and_lines():
    done = subprocess.run([sys.executable, "-m", "iop.cli", "explain", str(CASES / "ungdomsbussen.yaml")],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.index("1. De rättsliga grindarna") < out.index("2. Kriterierna") < out.index("3. Regeln som avgjorde")
    assert "regel forum-2015/F9 (criteria/decision/forum-2015.yaml:" in out
    assert "(angivet; criteria/questions.yaml:" in out and "härlett från registreringen" in out


def test_the_command_refuses_a_missing_file_in_swedish():
    done = subprocess.run([sys.executable, "-m", "iop.cli", "explain", "finns-inte.yaml"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "finns inte" in done.stderr and "Traceback" not in done.stderr
