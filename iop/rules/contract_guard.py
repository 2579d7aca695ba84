"""A contract indicator answered yes never yields a grant or an IOP: proved over the tables, for every set.

IOP has no legal status of its own, and an IOP is legally a grant: where an
answer says the agreement looks like a purchase, neither form may come out,
whatever a set's criteria say (criteria/decision/legal-layer.yaml). This is
not left to examples. The loader reads the rules themselves and refuses a
rulebook, the bundled one or a municipality's variant, where it does not hold:

1. **Gate 1 never says grant on a contract indicator.** Every rule of the gate
   that outputs ``grant`` names each indicator's question in its ``when`` and
   leaves the indicator's answer out of the values it accepts. First match
   means the gate says grant only when such a rule matches, so the answer
   cannot have been given.
2. **No recommendation is grant or IOP unless gate 1 said grant.** Reading the
   legal layer and then each set's policy table in order, a rule that only
   tests the gate's output takes those values away from every later rule;
   a rule that outputs grant or IOP may be reachable only with ``grant`` left.

Together: an answer that is a contract indicator makes the gate's output
something other than grant (1), and then no rule can recommend grant or IOP
(2). The leaning reads the same conditions over sets of answers
(iop/engine/leaning.py), so the same holds for where an undecided case leans.

**Which answers are contract indicators.** The indicators a gate lists as
pointing to a contract (``points_to: contract``), on every question that is
not a policy question: the gate's own questions (who defined the need, what
the money pays for, binding obligations, sanctions, direct economic interest)
and how the money is given (an agreement with defined deliverables). The
market signals among gate 1's indicators (companies offer the service, it was
procured before, the organisation makes a profit) are policy questions: the
sets weigh them as criteria, and SKL 2017 accepts a market situation in a
co-financed partnership (shared/legal.md §7), so they are not checked here.
"""

from __future__ import annotations

from collections.abc import Mapping

from iop.io.errors import Problem
from iop.model.questions import QuestionCatalog
from iop.rules.decision_table import DecisionTable, Indicator

GRANT = "grant"
"""The gate's output for a grant, and the side of its indicators that points away from a contract."""
GRANT_FORMS = frozenset({"grant", "iop"})
"""The recommendations a contract indicator must never yield: an IOP is legally a grant."""


def contract_indicators(gate: DecisionTable, catalog: QuestionCatalog) -> list[Indicator]:
    """The gate's indicators that point to a contract on a question that is not a policy question."""
    questions = catalog.questions
    return [i for i in gate.indicators
            if i.points_to == "contract" and i.question in questions and questions[i.question].group != "policy"]


def _gate_problems(gate: DecisionTable, file: str, output: str, indicators: list[Indicator]) -> list[Problem]:
    problems: list[Problem] = []
    for rule in gate.rules:
        if rule.then.get(output) != GRANT:
            continue
        for indicator in indicators:
            key = f"q.{indicator.question}"
            allowed = rule.when.get(key)
            if allowed is not None and indicator.option not in allowed:
                continue
            how = " (regeln prövar inte frågan)" if allowed is None else ""
            problems.append(Problem(
                file, f"regel {rule.id} › {key}",
                f"regeln ger bidrag också på svaret {indicator.option!r}{how}, men det svaret är en indikator "
                f"för kontrakt ({indicator.label}) och får aldrig ge bidrag eller IOP. Ange de svar regeln "
                f"godtar, utan {indicator.option!r}."))
    return problems


def _layer_problems(output: str, values: frozenset[str], layers: list[tuple[str, DecisionTable]],
                    set_id: str) -> list[Problem]:
    problems: list[Problem] = []
    remaining = set(values)
    for file, table in layers:
        for rule in table.rules:
            allowed = rule.when.get(output, values)
            reach = remaining & allowed
            if not reach:
                continue
            recommendation = rule.then.get("recommendation") or ""
            if (recommendation in GRANT_FORMS or recommendation.startswith("$")) and reach - {GRANT}:
                shown = ", ".join(sorted(reach - {GRANT}))
                problems.append(Problem(
                    file, f"regel {rule.id}",
                    f"regeln kan ge {recommendation or 'ett utfall'} under {set_id} fast grind 1 ({output}) "
                    f"har sagt {shown}; bidrag eller IOP får bara följa när grind 1 har sagt {GRANT}. Lägg "
                    f"villkoret {output}: {GRANT} på regeln, eller en regel före den som fångar {shown}."))
            if set(rule.when) <= {output}:
                remaining -= allowed
    return problems


def contract_indicator_problems(gates: Mapping[str, tuple[str, DecisionTable]],
                                legal_layer: tuple[str, DecisionTable],
                                policy_tables: Mapping[str, tuple[str, DecisionTable]],
                                catalog: QuestionCatalog) -> list[Problem]:
    """Every way a contract indicator could yield a grant or an IOP, by file and rule; empty when none can.

    ``gates``, ``legal_layer`` and ``policy_tables`` give each table with the
    file it was read from (the gates by id, the policy tables by set id).
    """
    problems: list[Problem] = []
    for file, gate in gates.values():
        indicators = contract_indicators(gate, catalog)
        if not indicators:
            continue
        for output in gate.outputs:
            values = frozenset(v for r in gate.rules if (v := r.then.get(output)) is not None)
            if GRANT not in values:
                continue
            problems += _gate_problems(gate, file, output, indicators)
            for set_id, policy in policy_tables.items():
                for problem in _layer_problems(output, values, [legal_layer, policy], set_id):
                    if problem not in problems:
                        problems.append(problem)
    return problems
