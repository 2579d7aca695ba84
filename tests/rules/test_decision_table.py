from __future__ import annotations

import pytest
from pydantic import ValidationError

from iop.rules.decision_table import DecisionTable

SOURCE = {"reference": "Testkälla"}


def _table(rules: list[dict]) -> DecisionTable:
    return DecisionTable.model_validate({
        "id": "t", "title": "T", "description": "d", "version": "1", "layer": "policy",
        "outputs": ["recommendation", "form"], "rules": rules,
    })


def test_first_matching_rule_wins():
    table = _table([
        {"id": "A", "when": {"q.x": "yes"}, "then": {"recommendation": "grant", "form": None}, "annotation": "a", "source": SOURCE},
        {"id": "B", "when": {}, "then": {"recommendation": "iop", "form": None}, "annotation": "b", "source": SOURCE},
    ])
    assert table.first_match({"q.x": "yes"}).id == "A"
    assert table.first_match({"q.x": "no"}).id == "B"


def test_a_list_of_values_matches_any_of_them():
    table = _table([
        {"id": "A", "when": {"q.x": ["a", "b"]}, "then": {"recommendation": "grant", "form": None}, "annotation": "a", "source": SOURCE},
    ])
    assert table.first_match({"q.x": "b"}).id == "A"
    assert table.first_match({"q.x": "c"}) is None


def test_dollar_output_is_read_from_the_context():
    table = _table([
        {"id": "A", "when": {}, "then": {"recommendation": "procurement", "form": "$procurement_route"},
         "annotation": "a", "source": SOURCE},
    ])
    rule = table.first_match({})
    assert rule.outputs({"procurement_route": "lov"}) == {"recommendation": "procurement", "form": "lov"}


def test_a_rule_must_set_every_output_of_its_table():
    with pytest.raises(ValidationError, match="ska ange"):
        _table([{"id": "A", "when": {}, "then": {"recommendation": "iop"}, "annotation": "a", "source": SOURCE}])


def test_rule_ids_are_unique_within_a_table():
    rule = {"id": "A", "when": {}, "then": {"recommendation": "iop", "form": None}, "annotation": "a", "source": SOURCE}
    with pytest.raises(ValidationError, match="flera gånger"):
        _table([rule, rule])
