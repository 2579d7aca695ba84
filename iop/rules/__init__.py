"""The rulebook under criteria/, loaded and checked: criteria sets, decision tables, parameters, derivations."""


from iop.rules.criteria import (
    CriteriaSet,
    Criterion,
)
from iop.rules.decision_table import (
    DecisionTable,
    Rule,
)
from iop.rules.rulebook import (
    DEFAULT_CRITERIA_DIR,
    Rulebook,
    load_rulebook,
)

__all__ = [
    "CriteriaSet",
    "Criterion",
    "DecisionTable",
    "DEFAULT_CRITERIA_DIR",
    "load_rulebook",
    "Rule",
    "Rulebook",
]
