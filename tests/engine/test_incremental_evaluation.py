"""The what-if's shortcuts give what evaluating afresh gives.

``Engine.assess`` evaluates each what-if incrementally from one baseline: a
table is read again only when an input its matched rule depended on changed,
and a what-if is skipped when it changes nothing the decisive rules are
sensitive to (``what_if.Baseline.may_change``, built with ``failing_inputs``). These
tests compare that path with ``Engine.evaluate`` on fresh answers, on every
reference case and on Hypothesis-generated answers, and show that the
comparison catches a shortcut that skips too much.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop.documents.text_report import to_json_dict
from iop.engine import what_if as incremental
from iop.engine.answers import answers_with, case_facts
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.engine.tables import Evaluation
from iop.engine.what_if import Baseline
from iop.model.case import Case
from iop.model.questions import UNKNOWN
from iop.rules.decision_table import failing_inputs, first_match_index
from iop.rules.rulebook import Rulebook, load_rulebook
from iop.rules.state_aid import compute_figures

_RULEBOOK = load_rulebook()
SETS = sorted(_RULEBOOK.sets)
CASES = sorted((Path(__file__).resolve().parents[2] / "cases").glob("*.yaml"))


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    return {qid: draw(st.sampled_from([*q.options, "vet_ej"])) for qid, q in _RULEBOOK.questions.questions.items()}


def _whole(result: Evaluation) -> tuple[object, ...]:
    """Everything an evaluation says: outcomes, totals, each gate's rule, the rule and the verdict."""
    return (result.ranks, result.totals_by_name["necessary"], result.totals_by_name["should"],
            result.gate_positions, result.position, tuple(rule.id for rule in result.matched_gates),
            result.rule.id, result.verdict)


def _baseline(engine: Engine, case: Case, set_id: str) -> tuple[Baseline, dict[str, str], dict[str, str]]:
    facts = case_facts(case, engine.rulebook)
    amounts = engine.amount_inputs(compute_figures(case, engine.rulebook.parameters, case.assessment_date()))
    return incremental.baseline(engine.compiled, set_id, facts, amounts), facts, amounts


def _deltas(rulebook: Rulebook, set_id: str, facts: Mapping[str, str]) -> Iterator[dict[str, str]]:
    """Every single other answer to a question the set reads."""
    for qid in rulebook.relevant_questions(set_id):
        for option in rulebook.questions.questions[qid].options:
            if facts.get(qid, UNKNOWN) != option:
                yield {qid: option}


def _joint_deltas(rulebook: Rulebook, set_id: str) -> Iterator[dict[str, str]]:
    """Answers that together meet a rule's conditions on several questions: a rule that failed on
    several inputs matches only when they all change, which single what-ifs never try."""
    for table in rulebook.tables_for(set_id):
        for rule in table.rules:
            qids = [key[2:] for key in rule.when if key.startswith("q.")]
            if 2 <= len(qids) <= 3:
                for combo in itertools.product(*(sorted(rule.when[f"q.{q}"] - {UNKNOWN}) for q in qids)):
                    yield dict(zip(qids, combo, strict=True))


def _mismatches(engine: Engine, case: Case, set_id: str, deltas: list[dict[str, str]] | None = None) -> list[str]:
    """What-ifs where the incremental or the pruned path disagrees with evaluating afresh."""
    baseline, facts, amounts = _baseline(engine, case, set_id)
    answered = case.facts()
    found = []
    for new in deltas if deltas is not None else list(_deltas(engine.rulebook, set_id, facts)):
        delta = incremental.delta(engine.compiled, facts, answered, new)
        fresh = engine.evaluate(set_id, answers_with(facts, answered, new, engine.rulebook), amounts)
        if _whole(incremental.evaluate_changed(baseline, delta, prune=False)) != _whole(fresh):
            found.append(f"incremental {new}")
        pruned = incremental.evaluate_changed(baseline, delta)
        if (pruned.rule.id, pruned.verdict) != (fresh.rule.id, fresh.verdict):
            found.append(f"pruned {new}")
    return found


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_single_what_if_of_a_reference_case_equals_evaluating_afresh(engine: Engine, path: Path):
    case = load_case(path, engine.rulebook)
    for set_id in SETS:
        facts = case_facts(case, engine.rulebook)
        deltas = [*_deltas(engine.rulebook, set_id, facts), *_joint_deltas(engine.rulebook, set_id)]
        assert _mismatches(engine, case, set_id, deltas) == [], set_id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), set_id=st.sampled_from(SETS), data=st.data())
def test_what_ifs_of_generated_answers_equal_evaluating_afresh(engine: Engine, answers, set_id, data):
    case = Case(title="t", date="2026-06-01", answers=answers)
    facts = case_facts(case, engine.rulebook)
    singles = list(_deltas(engine.rulebook, set_id, facts))
    # Pairs and triples too: a rule that failed on several inputs matches only when they change together.
    several = [dict(itertools.chain.from_iterable(d.items() for d in group))
               for group in data.draw(st.lists(st.lists(st.sampled_from(singles), min_size=2, max_size=3),
                                               max_size=25))]
    assert _mismatches(engine, case, set_id, singles + several + list(_joint_deltas(engine.rulebook, set_id))) == []


def test_the_comparison_catches_a_shortcut_that_skips_too_much(rulebook: Rulebook, monkeypatch: pytest.MonkeyPatch):
    """With every what-if judged unable to change the result, the comparison must see the difference."""
    engine = Engine(rulebook)
    monkeypatch.setattr(Baseline, "may_change", lambda self, keys: False)
    found = [m for path in CASES for set_id in SETS
             for m in _mismatches(engine, load_case(path, rulebook), set_id)]
    assert any(m.startswith("pruned") for m in found)


@settings(max_examples=200, deadline=None)
@given(answers=answer_sets())
def test_failing_inputs_are_exactly_the_conditions_first_match_rejects(answers):
    context = {f"q.{qid}": option if option != "vet_ej" else UNKNOWN for qid, option in answers.items()}
    for table in [*_RULEBOOK.gates.values(), _RULEBOOK.legal_layer, *_RULEBOOK.policy_tables.values()]:
        for rule in table.rules:
            failing = failing_inputs(rule.conditions, context)
            assert (not failing) == (first_match_index((rule.conditions,), context) == 0)
            for key, allowed in rule.conditions:
                assert (key in failing) == (context.get(key) not in allowed)


def test_assessing_twice_gives_the_same_record(engine: Engine):
    """Records shared between assessments (rule references, indicator hits) are never changed by one of them."""
    for path in CASES:
        case = load_case(path, engine.rulebook)
        for set_id in SETS:
            first = engine.assess(case, set_id)
            again = engine.assess(case, set_id)
            assert to_json_dict(first) == to_json_dict(again)
            assert first.model_dump_json() == again.model_dump_json()


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_what_if_in_a_reference_record_equals_evaluating_afresh(engine: Engine, path: Path):
    """The record's what-ifs, where answers alike share one evaluation (``CompiledSet.alike``)."""
    case = load_case(path, engine.rulebook)
    answered = case.facts()
    for set_id in SETS:
        _baseline_, facts, amounts = _baseline(engine, case, set_id)
        result = engine.assess(case, set_id)
        for question in result.open_questions + result.changes:
            for what_if in question.what_if:
                fresh = engine.evaluate(
                    set_id, answers_with(facts, answered, {question.question: what_if.option}, engine.rulebook), amounts)
                assert (what_if.recommendation, what_if.form, what_if.rule) == (fresh.recommendation, fresh.form,
                                                                                 fresh.rule.id)


def test_an_earlier_gate_rule_with_the_matched_output_does_not_make_its_inputs_sensitive(engine: Engine):
    """Contract rule C2 (sanctions) matches; C1 before it also says "contract", so C1 matching instead changes
    nothing downstream and its inputs need no what-if of their own. The rule that says otherwise (C5, grant)
    comes after C2 and is never reached while C2 matches."""
    answers = {"sanctions": "yes", "need_defined_by": "joint", "payment_basis": "contribution"}
    case = Case(title="t", date="2026-06-01", answers=answers)
    for set_id in SETS:
        baseline, facts, amounts = _baseline(engine, case, set_id)
        contract = engine.rulebook.gates["contract"]
        assert baseline.result.gate_rules["contract"].id == "C2"
        first = contract.rules[0]
        assert first.id == "C1" and first.then == baseline.result.gate_rules["contract"].then
        assert "q.sanctions" in baseline.sensitive
        assert "q.need_defined_by" not in baseline.sensitive
        assert not any("q.need_defined_by" in inputs for inputs in baseline.jointly)
        # ... and the what-if it no longer evaluates still says what evaluating afresh says.
        assert _mismatches(engine, case, set_id, [{"need_defined_by": "public"},
                                                  {"need_defined_by": "public", "payment_basis": "cost_reimbursement"}]) == []
