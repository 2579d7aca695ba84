"""Forms compiled once from the rulebook's models follow the model, also after a copy with new fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iop.rules.decision_table import Rule
from iop.rules.rulebook import Rulebook, load_rulebook

_RULEBOOK = load_rulebook()
_RULES = [r for t in [*_RULEBOOK.gates.values(), _RULEBOOK.legal_layer, *_RULEBOOK.policy_tables.values()]
          for r in t.rules]


@given(rule=st.sampled_from(_RULES),
       context=st.dictionaries(st.sampled_from(["procurement_route", "contract", "x"]), st.sampled_from(["lou", "lov"])))
def test_rule_outputs_resolve_each_reference_from_the_context_and_keep_the_rest(rule: Rule, context):
    expected = {key: context.get(value[1:]) if value and value.startswith("$") else value
                for key, value in rule.then.items()}
    assert rule.outputs(context) == expected
    assert list(rule.outputs(context)) == list(rule.then)


def test_a_copied_rule_resolves_its_new_references():
    rule = next(r for r in _RULES if any((v or "").startswith("$") for v in r.then.values()))
    copy = rule.model_copy(update={"then": {"recommendation": "$x", "form": "projektbidrag"}})
    assert copy.outputs({"x": "grant", "procurement_route": "lou"}) == {"recommendation": "grant",
                                                                        "form": "projektbidrag"}


def test_a_derived_answer_reads_its_questions_from_its_inputs_also_after_a_copy(rulebook: Rulebook):
    derived = next(d for d in rulebook.derivations if d.from_answers_only)
    assert derived.reads_questions == tuple(name.removeprefix("answers.") for name in derived.from_)
    copy = derived.model_copy(update={"from_": ["answers.a", "case.b"]})
    assert copy.reads_questions == ("a",) and copy.from_answers_only is False
