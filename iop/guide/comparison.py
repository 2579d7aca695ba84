"""The same case under every criteria set, criterion by criterion, side by side.

Sets share their fact questions but not their criteria (SKL 2017 drops the
initiative requirement, Kristianstad adds the independent actor, ...). A reader
comparing them needs to see, per criterion, which sets ask it and how it came
out, and per set which questions are still open and could change its verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from iop.engine.evaluation import Engine
from iop.guide.walk import plan_for
from iop.model.case import Case
from iop.words.swedish import KIND, KIND_SHORT, OUTCOME, OUTCOME_SYMBOL
from iop.words.voice import OFFICIAL, Voice

NOT_IN_SET = "– ingår inte"


@dataclass(frozen=True)
class SetColumn:
    """One criteria set's column: its verdict and the questions it still needs."""

    set_id: str
    title: str
    verdict: str
    rule: str
    pending: tuple[str, ...]
    """Unanswered questions that can still change this set's verdict, in walk order."""


@dataclass(frozen=True)
class CriterionRow:
    """One criterion across the sets: its title and, per set, its outcome or that the set lacks it."""

    criterion: str
    title: str
    questions: tuple[str, ...]
    cells: dict[str, str]


@dataclass(frozen=True)
class SetComparison:
    columns: tuple[SetColumn, ...]
    rows: tuple[CriterionRow, ...]


def compare_sets(engine: Engine, case: Case, said: Voice = OFFICIAL) -> SetComparison:
    """Assess ``case`` under every set and line the criteria up by id, in the words of ``said``.

    The plain voice names criteria by their plain-language texts and verdicts
    without the form's legal name, for organisation mode.
    """
    rulebook = engine.rulebook
    columns = []
    rows: dict[str, tuple[str, tuple[str, ...], dict[str, str]]] = {}
    for set_id, criteria_set in rulebook.sets.items():
        assessment = engine.assess(case, set_id, explain_changes=False)
        plan = plan_for(engine, case, set_id)
        walk_order = [q for step in plan.steps for q in step.questions]
        columns.append(SetColumn(
            set_id=set_id, title=criteria_set.title,
            verdict=said.set_verdict(assessment.recommendation, assessment.form),
            rule=said.set_rule(assessment.rule),
            pending=tuple(q for q in walk_order if q in plan.pending)))
        for result in assessment.criteria:
            title = said.criterion_title(result.title, criteria_set.criterion(result.id).plain)
            _title, _questions, cells = rows.setdefault(
                result.id, (title, tuple(a.question for a in result.answers), {}))
            cells[set_id] = (f"{OUTCOME_SYMBOL[result.outcome.value]} {OUTCOME[result.outcome.value]} "
                             f"({KIND_SHORT[result.kind]})")
    set_ids = list(rulebook.sets)
    return SetComparison(
        columns=tuple(columns),
        rows=tuple(CriterionRow(criterion=cid, title=title, questions=questions,
                                cells={s: cells.get(s, NOT_IN_SET) for s in set_ids})
                   for cid, (title, questions, cells) in rows.items()),
    )


__all__ = ["KIND", "NOT_IN_SET", "CriterionRow", "SetColumn", "SetComparison", "compare_sets"]
