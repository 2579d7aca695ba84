"""One matcher: production and tests read first match and criterion outcomes through the same code.

The engine keeps compiled lookups for speed; these tests pin that they are
the rulebook objects' own compiled forms, read by the one matcher, so the
property tests of the engine (tests/engine/test_engine.py, tests/engine/test_leaning.py)
exercise the same semantics as DecisionTable.first_match and Criterion.evaluate.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iop.engine.compiled
import iop.engine.criteria_sets
import iop.model.three_valued
import iop.rules.criteria
import iop.rules.decision_table
import iop.rules.state_aid
from iop.engine.answers import case_facts
from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.rules.rulebook import load_rulebook

SETS = ["forum-2015", "kristianstad-2016", "skl-2017"]
_RULEBOOK = load_rulebook()


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    return {qid: draw(st.sampled_from([*q.options, "vet_ej"])) for qid, q in _RULEBOOK.questions.questions.items()}


def test_the_engine_reads_rules_and_criteria_through_the_rulebook_s_own_matcher():
    assert iop.engine.compiled.first_match_index is iop.rules.decision_table.first_match_index
    assert iop.engine.criteria_sets.criterion_rank is iop.rules.criteria.criterion_rank
    engine = Engine(_RULEBOOK)
    for sid, criteria_set in _RULEBOOK.sets.items():
        compiled = engine.compiled.sets[sid]
        assert [c.effects for c in compiled.criteria] == [c.ranked_effects for c in criteria_set.criteria]
        rules = _RULEBOOK.recommendation_rules(sid)
        assert compiled.recommendation.conditions == tuple(r.conditions for r in rules)
        assert all(a.rule is b for a, b in zip(compiled.recommendation.rules, rules, strict=True))
    for gate, (gate_id, table) in zip(engine.compiled.gates, _RULEBOOK.gates.items(), strict=True):
        assert gate.id == gate_id
        assert gate.table.conditions == table.conditions
        assert all(a.rule is b for a, b in zip(gate.table.rules, table.rules, strict=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), set_id=st.sampled_from(SETS))
def test_engine_agrees_with_first_match_and_criterion_evaluate_on_any_answers(engine: Engine, answers, set_id):
    case = Case(title="t", date="2026-06-01", answers=answers)
    facts = case_facts(case)
    amounts = engine.amount_inputs(iop.rules.state_aid.compute_figures(case, _RULEBOOK.parameters, case.assessment_date()))
    result = engine.evaluate(set_id, facts, amounts)
    for criterion in _RULEBOOK.sets[set_id].criteria:
        assert result.outcomes[criterion.id] == criterion.evaluate(facts)
    # Rebuild the context the tables read and ask each table itself.
    context = {f"q.{q}": facts.get(q, "unknown") for q in _RULEBOOK.questions.questions}
    context.update({f"c.{c}": "absent" for s in _RULEBOOK.sets.values() for c in (x.id for x in s.criteria)})
    context.update({f"c.{c}": o.value for c, o in result.outcomes.items()})
    context.update(amounts, necessary=result.totals_by_name["necessary"].value,
                   should=result.totals_by_name["should"].value)
    for gate, table in _RULEBOOK.gates.items():
        rule = table.first_match(context)
        assert rule is result.gate_rules[gate]
        context[gate] = rule.then[gate] or ""
    legal = _RULEBOOK.legal_layer.first_match(context)
    assert (legal or _RULEBOOK.policy_tables[set_id].first_match(context)) is result.rule


def test_a_copied_rule_or_criterion_is_matched_by_its_new_conditions():
    table = _RULEBOOK.policy_tables["skl-2017"]
    rule = table.rules[-1].model_copy(update={"when": {"necessary": frozenset({"met"})}})
    assert rule.matches({"necessary": "met"}) and not rule.matches({"necessary": "unknown"})
    criterion = _RULEBOOK.sets["skl-2017"].criteria[0]
    qid = next(iter(criterion.questions))
    flipped = criterion.model_copy(update={"questions": {qid: {o: iop.model.three_valued.Outcome.met for o in criterion.questions[qid]}}})
    option = next(iter(criterion.questions[qid]))
    assert flipped.evaluate({qid: option}) == iop.model.three_valued.Outcome.met
