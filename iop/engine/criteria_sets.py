"""Evaluating a criteria set: each criterion's outcome from the answers, and the totals the tables read.

A criterion's outcome is read by ``criterion_rank`` over its compiled effects
(the one reading of criteria/sets/), as a rank; a total (criteria/rulebook.yaml's
``computed_inputs``) by the function the rulebook names. The context built here
is what the gates and the recommendation layers then read (iop/engine/tables.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from iop.engine.compiled import CompiledRulebook, CompiledSet
from iop.model.three_valued import BY_RANK, Outcome
from iop.rules.criteria import criterion_rank

VALUE = {outcome: outcome.value for outcome in Outcome}
VALUE_BY_RANK = {rank: outcome.value for rank, outcome in BY_RANK.items()}
"""Enum ``.value`` is a descriptor call; the what-if reads these thousands of times per case."""


def prepare(book: CompiledRulebook, cset: CompiledSet, facts: Mapping[str, str],
            amounts: Mapping[str, str]) -> tuple[dict[str, str], list[int]]:
    """The context before the totals and the gates (answers, amounts, criterion outcomes) and the criteria's ranks."""
    context = dict(book.base_context)
    context.update(zip(map(book.answer_keys.__getitem__, facts), facts.values(), strict=True))
    context.update(amounts)
    ranks = [criterion_rank(criterion.effects, facts) for criterion in cset.criteria]
    context.update(zip((criterion.key for criterion in cset.criteria), map(VALUE_BY_RANK.__getitem__, ranks),
                       strict=True))
    return context, ranks


def totals(cset: CompiledSet, context: dict[str, str], ranks: Sequence[int]) -> tuple[Outcome, ...]:
    """Every total of the rulebook over ``ranks``, in ``cset.totals``' order, also written into ``context``."""
    out = []
    for total in cset.totals:
        outcome = BY_RANK[total.function(ranks, cset.kinds)]
        context[total.name] = VALUE[outcome]
        out.append(outcome)
    return tuple(out)


def totals_again(cset: CompiledSet, context: dict[str, str], ranks: Sequence[int], before: tuple[Outcome, ...],
                 kinds: set[str], changed: set[str]) -> tuple[Outcome, ...]:
    """The totals after the criteria of ``kinds`` changed: ``before`` where nothing they count changed.

    A total named after a kind (criteria/rulebook.yaml) is computed again only when a criterion of that kind
    changed, any other total whenever a criterion changed. A total that comes out different is written into
    ``context`` and its name joins ``changed`` (both modified in place), so the tables see it.
    """
    if not kinds:
        return before
    out: list[Outcome] | None = None
    for number, total in enumerate(cset.totals):
        if total.kind is not None and total.kind not in kinds:
            continue
        outcome = BY_RANK[total.function(ranks, cset.kinds)]
        if outcome is not before[number]:
            if out is None:
                out = list(before)
            out[number] = outcome
            changed.add(total.name)
            context[total.name] = VALUE[outcome]
    return before if out is None else tuple(out)


def rerank(cset: CompiledSet, facts: Mapping[str, str], delta: Mapping[str, str], ranks: tuple[int, ...],
           updates: dict[str, str]) -> tuple[tuple[int, ...], set[str]]:
    """The criteria's ranks once the answers in ``delta`` replace those in ``facts``, and the kinds that changed.

    Only the criteria that read a changed answer are evaluated again; each whose
    outcome changes is written into ``updates`` (modified in place) as its table input.
    """
    kinds: set[str] = set()
    by_question = cset.by_question
    touched = ({i for qid in delta for i in by_question.get(qid, ())} if len(delta) > 1
               else by_question.get(next(iter(delta)), ()) if delta else ())
    if not touched:
        return ranks, kinds
    answers = {**facts, **delta}
    new_ranks = list(ranks)
    for index in touched:
        criterion = cset.criteria[index]
        rank = criterion_rank(criterion.effects, answers)
        if rank != new_ranks[index]:
            new_ranks[index] = rank
            updates[criterion.key] = VALUE_BY_RANK[rank]
            kinds.add(criterion.kind)
    return (tuple(new_ranks) if kinds else ranks), kinds
