"""The leaning over the compiled rulebook reads it exactly as walking its objects does, and never goes stale.

The leaning reads the rulebook compiled once per rulebook (``compile_rulebook``,
shared with the engine and the walk). The oracle below is the plain reading
the compiled records replaced: it walks the question catalogue, the criteria and the
tables' rules for every case. The compiled leaning must give the same
context, the same facts in the same order and the same leaning.
"""

from __future__ import annotations

import dataclasses
import gc
import shutil
from collections.abc import Iterable, Mapping
from itertools import product
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from iop.engine.compiled import _COMPILED, OUTCOMES, compile_rulebook, min_set, not_met_outcome
from iop.engine.leaning import (
    LeaningCore,
    choose,
    lean,
    possible_context,
    possible_rules,
    weighted_facts,
)
from iop.model.assessment_record import LeaningFact, PresumptionRef
from iop.model.questions import UNKNOWN
from iop.model.three_valued import BY_RANK, MET_RANK, RANK, UNKNOWN_RANK, Outcome
from iop.rules.decision_table import ABSENT, Rule
from iop.rules.rulebook import Rulebook, load_rulebook
from tests.helpers import REPO

_RULEBOOK = load_rulebook()
SETS = sorted(_RULEBOOK.sets)
AMOUNT_VALUES = st.sampled_from(["within", "over", "unknown"])


def _oracle_min_set(sets: Iterable[set[int]]) -> set[int]:
    result = {MET_RANK}
    for values in sets:
        result = {min(a, b) for a, b in product(result, values)}
    return result


def _oracle_rules(rules: Iterable[Rule], context: Mapping[str, frozenset[str]]) -> list[Rule]:
    out: list[Rule] = []
    context = dict(context)
    for rule in rules:
        conditions = [(key, context[key], allowed) for key, allowed in rule.when.items()]
        if all(values & allowed for _key, values, allowed in conditions):
            out.append(rule)
            if all(values <= allowed for _key, values, allowed in conditions):
                break
            if len(conditions) == 1:  # past a one-input rule that did not match, the input is outside its values
                key, values, allowed = conditions[0]
                context[key] = values - allowed
    return out


def _oracle_context(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                    amounts: Mapping[str, str]) -> dict[str, frozenset[str]]:
    context: dict[str, frozenset[str]] = {}
    for qid, question in rulebook.questions.questions.items():
        answer = facts.get(qid, UNKNOWN)
        context[f"q.{qid}"] = frozenset({*question.options, UNKNOWN}) if answer == UNKNOWN else frozenset((answer,))
    for s in rulebook.sets.values():
        context.update({f"c.{c.id}": frozenset({ABSENT}) for c in s.criteria})
    ranks: dict[str, set[int]] = {}
    criteria = rulebook.sets[set_id].criteria
    for criterion in criteria:
        per_question = [{UNKNOWN_RANK if v == UNKNOWN else RANK[effects[v]] for v in context[f"q.{qid}"]}
                        for qid, effects in criterion.questions.items()]
        ranks[criterion.id] = _oracle_min_set(per_question)
        context[f"c.{criterion.id}"] = frozenset(BY_RANK[r].value for r in ranks[criterion.id])
    for kind in ("necessary", "should"):
        combined = _oracle_min_set(ranks[c.id] for c in criteria if c.kind == kind)
        context[kind] = frozenset(BY_RANK[r].value for r in combined)
    context.update({key: frozenset({value}) for key, value in amounts.items()})
    for table in rulebook.gates.values():
        matches = _oracle_rules(table.rules, context)
        for name in table.outputs:
            context[name] = frozenset(r.then[name] or "" for r in matches)
    return context


def _oracle_facts(rulebook: Rulebook, set_id: str, facts: Mapping[str, str],
                  decided_gates: frozenset[str]) -> list[LeaningFact]:
    questions = rulebook.questions.questions
    out: list[LeaningFact] = []
    for gate, table in rulebook.gates.items():
        if gate in decided_gates:
            continue
        for i in table.indicators:
            if facts.get(i.question) == i.option:
                toward = ["procurement"] if i.points_to == "contract" else ["grant", "iop"]
                out.append(LeaningFact(question=i.question, text=questions[i.question].text,
                                       answer_label=questions[i.question].options[i.option],
                                       toward=toward, weight=i.weight, basis=i.label, source=i.source))  # type: ignore[arg-type]
    for signal in rulebook.policy_tables[set_id].signals:
        if facts.get(signal.question) == signal.option:
            out.append(LeaningFact(question=signal.question, text=questions[signal.question].text,
                                   answer_label=questions[signal.question].options[signal.option],
                                   toward=[signal.toward], weight=signal.weight, basis=signal.label,
                                   source=signal.source))
    for criterion in rulebook.sets[set_id].criteria:
        if any(facts.get(qid, UNKNOWN) == UNKNOWN for qid in criterion.questions):
            continue
        outcome = criterion.evaluate(facts)
        not_met = not_met_outcome(rulebook, set_id, criterion.id, criterion.kind)
        targets = (list(criterion.met_points_to) if outcome in (Outcome.met, Outcome.partly)
                   else [not_met] if not_met is not None else [])
        if not targets:
            continue
        qid = next(iter(criterion.questions))
        labels = "; ".join(questions[q].options[facts[q]] for q in criterion.questions)
        out.append(LeaningFact(question=qid, text=questions[qid].text, answer_label=labels, toward=targets,  # type: ignore[arg-type]
                               weight=criterion.weight, basis=criterion.title, source=criterion.source))
    return out


def _oracle_lean(rulebook: Rulebook, set_id: str, facts: Mapping[str, str], amounts: Mapping[str, str]) -> LeaningCore:
    context = _oracle_context(rulebook, set_id, facts, amounts)
    reachable = frozenset(r.then["recommendation"] or "undecided"
                          for r in _oracle_rules(rulebook.recommendation_rules(set_id), context))
    decided = frozenset(g for g, t in rulebook.gates.items() if all(len(context[o]) == 1 for o in t.outputs))
    found = _oracle_facts(rulebook, set_id, facts, decided)
    scores = {o: sum(f.weight for f in found if o in f.toward) for o in OUTCOMES}
    applied = [p for p in rulebook.legal_layer.presumptions if p.outcome in reachable]
    outcome, strength, blocked = choose(reachable, scores, {o for p in applied for o in p.excludes})
    return LeaningCore(outcome=outcome, strength=strength, blocked=blocked, reachable=reachable, scores=scores,
                       facts=found, presumptions=[PresumptionRef(id=p.id, annotation=p.annotation, source=p.source)
                                                  for p in applied])


@st.composite
def known_answers(draw: st.DrawFn) -> dict[str, str]:
    """Some questions answered with one of their options (or "unknown"), the rest left open."""
    answers = {}
    for qid, question in _RULEBOOK.questions.questions.items():
        if draw(st.booleans()):
            answers[qid] = draw(st.sampled_from([*question.options, UNKNOWN]))
    return answers


AMOUNTS = st.fixed_dictionaries({"amount.de_minimis": AMOUNT_VALUES, "amount.sgei_de_minimis": AMOUNT_VALUES,
                                 "amount.sgei_annual": AMOUNT_VALUES})


@settings(max_examples=300, deadline=None)
@given(facts=known_answers(), set_id=st.sampled_from(SETS), amounts=AMOUNTS)
def test_compiled_leaning_equals_the_plain_reading_of_the_rulebook(facts, set_id, amounts):
    book = compile_rulebook(_RULEBOOK)
    assert possible_context(book, set_id, facts, amounts) == _oracle_context(_RULEBOOK, set_id, facts, amounts)
    assert lean(book, set_id, facts, amounts) == _oracle_lean(_RULEBOOK, set_id, facts, amounts)


@settings(max_examples=150, deadline=None)
@given(facts=known_answers(), set_id=st.sampled_from(SETS),
       decided=st.frozensets(st.sampled_from(sorted(_RULEBOOK.gates))))
def test_weighted_facts_equal_the_plain_reading_in_order(facts, set_id, decided):
    assert (weighted_facts(compile_rulebook(_RULEBOOK), set_id, facts, decided)
            == _oracle_facts(_RULEBOOK, set_id, facts, decided))


@given(facts=known_answers(), set_id=st.sampled_from(SETS), amounts=AMOUNTS)
@settings(max_examples=50, deadline=None)
def test_possible_rules_over_any_table_equals_the_plain_reading(facts, set_id, amounts):
    context = _oracle_context(_RULEBOOK, set_id, facts, amounts)
    for table in [*_RULEBOOK.gates.values(), _RULEBOOK.legal_layer, _RULEBOOK.policy_tables[set_id]]:
        assert possible_rules(table.rules, context) == _oracle_rules(table.rules, context)


_INPUTS = {"a": ("1", "2", "3"), "b": ("x", "y"), "c": ("p", "q", "r")}


@st.composite
def small_tables(draw: st.DrawFn) -> tuple[list[Rule], dict[str, frozenset[str]]]:
    """A small table of random rules (one input or several) and what is known of each input."""
    rules = []
    for number in range(draw(st.integers(1, 6))):
        keys = draw(st.lists(st.sampled_from(sorted(_INPUTS)), unique=True, max_size=3))
        when = {k: draw(st.lists(st.sampled_from(_INPUTS[k]), min_size=1, unique=True)) for k in keys}
        rules.append(Rule(id=f"R{number}", when=when, then={"out": f"v{number}"}, annotation="a",
                          source={"reference": "r"}))  # type: ignore[arg-type]
    known = {k: frozenset(draw(st.sets(st.sampled_from(values), min_size=1))) for k, values in _INPUTS.items()}
    return rules, known


@settings(max_examples=300, deadline=None)
@given(table=small_tables())
def test_possible_rules_hold_every_first_match_of_every_completion_and_no_more_than_before(table):
    """Sound: each rule some completion matches first is listed. Narrowing past one-input rules only drops rules
    the plain set reading (without narrowing) would list although no completion reaches them."""
    rules, known = table
    keys = sorted(known)
    exact = set()
    for values in product(*(sorted(known[k]) for k in keys)):
        completion = dict(zip(keys, values, strict=True))
        first = next((r for r in rules if r.matches(completion)), None)
        if first is not None:
            exact.add(first.id)
    listed = [r.id for r in possible_rules(rules, known)]
    assert exact <= set(listed)
    unnarrowed = []
    for rule in rules:
        if all(known[k] & allowed for k, allowed in rule.when.items()):
            unnarrowed.append(rule.id)
            if all(known[k] <= allowed for k, allowed in rule.when.items()):
                break
    assert set(listed) <= set(unnarrowed)


@given(st.lists(st.sets(st.sampled_from(sorted(BY_RANK))), max_size=5))
def test_min_set_read_off_directly_equals_the_product_of_the_sets(sets):
    assert min_set(sets) == _oracle_min_set(sets)


def _variant_rulebook(tmp_path: Path) -> Rulebook:
    """A municipality's copy whose gate 1 weighs "the organisation defined the need" 3 instead of 1."""
    root = tmp_path / "criteria"
    shutil.copytree(REPO / "criteria", root)
    path = root / "legal/contract.yaml"
    text = path.read_text(encoding="utf-8")
    old = "option: organisation, points_to: grant, weight: 1,"
    assert old in text
    path.write_text(text.replace(old, "option: organisation, points_to: grant, weight: 3,"), encoding="utf-8")
    return load_rulebook(root)


def test_a_plan_is_never_used_for_another_rulebook(tmp_path: Path):
    variant = _variant_rulebook(tmp_path)
    facts = {"need_defined_by": "organisation"}
    amounts = {"amount.de_minimis": "within", "amount.sgei_de_minimis": "within", "amount.sgei_annual": "within"}
    for _ in range(2):  # alternate, so each call finds the other rulebook's plan already built
        for rulebook in (_RULEBOOK, variant):
            for set_id in SETS:
                assert lean(compile_rulebook(rulebook), set_id, facts, amounts) == _oracle_lean(rulebook, set_id,
                                                                                                 facts, amounts)
    assert (lean(compile_rulebook(variant), SETS[0], facts, amounts).scores
            != lean(compile_rulebook(_RULEBOOK), SETS[0], facts, amounts).scores)


def test_a_copy_of_a_rulebook_gets_its_own_plan_and_the_plan_goes_with_its_rulebook():
    copy = dataclasses.replace(_RULEBOOK)
    plan = compile_rulebook(copy)
    assert plan is not compile_rulebook(_RULEBOOK)
    assert compile_rulebook(copy) is plan
    key = id(copy)
    assert key in _COMPILED
    del copy
    gc.collect()
    assert key not in _COMPILED
