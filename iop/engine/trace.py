"""The record's trace: what each criterion and gate read, the answers behind them, and the warnings that apply.

Everything a reader of the record follows a result by: built from one
evaluation and the compiled rulebook's records, with every record that is
rulebook data only (rule references, indicator hits, cautions) shared, never
copied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from iop.engine.compiled import CompiledRulebook, CompiledSet, TracedQuestion
from iop.engine.tables import Evaluation
from iop.model.assessment_record import (
    AnswerTrace,
    Caution,
    CriterionResult,
    GateResult,
    IndicatorHit,
    OutOfValidity,
)
from iop.model.case import Case
from iop.model.questions import UNKNOWN
from iop.model.source import Source
from iop.model.three_valued import BY_RANK


def answer_traces(plan: Iterable[TracedQuestion], case: Case, facts: Mapping[str, str],
                  derived: Mapping[str, tuple[str, str]]) -> list[AnswerTrace]:
    """The trace of each answer in ``plan``: what was answered, why, and whether the engine derived it.

    One loop over the compiled questions with its lookups bound once: the record
    traces about thirty answers per case, and a method call per answer cost a
    fifth of the trace.
    """
    answers = case.answers
    out = []
    for question in plan:
        qid = question.id
        option = facts.get(qid, UNKNOWN)
        answer = answers.get(qid)
        why = derived.get(qid)
        # An answer that is none of the options (unknown) has no label: a voice names it.
        label = question.labels.get(option, "")
        # Positional, in AnswerTrace's field order: keywords cost a third more.
        if answer is None and why is None:
            out.append(AnswerTrace(qid, question.text, option, label, question.effects[option]))
        else:
            out.append(AnswerTrace(qid, question.text, option, label, question.effects[option],
                                   answer.reasoning if answer else "", list(answer.evidence) if answer else [],
                                   why is not None, why[1] if why is not None else ""))
    return out


def criteria_trace(cset: CompiledSet, case: Case, facts: Mapping[str, str],
                   derived: Mapping[str, tuple[str, str]], result: Evaluation) -> list[CriterionResult]:
    """Each criterion's outcome with the answers behind it, in the set's order."""
    out = []
    for criterion, rank in zip(cset.criteria, result.ranks, strict=True):
        c = criterion.criterion
        # Positional, in CriterionResult's field order: keywords cost a third more, once per criterion per case.
        out.append(CriterionResult(c.id, c.title, c.kind, BY_RANK[rank],
                                   answer_traces(criterion.asked, case, facts, derived),
                                   c.source, c.weight))
    return out


def gate_trace(book: CompiledRulebook, case: Case, facts: Mapping[str, str], derived: Mapping[str, tuple[str, str]],
               result: Evaluation, applicable: set[str]) -> list[GateResult]:
    """Each gate's value, the rule that gave it, the answers it read and the indicators on each side."""
    # A gate reads an answer as it stands, whatever the gate: one trace per answer, shared by the gates.
    traces = {trace.question: trace for trace in answer_traces(book.gate_trace, case, facts, derived)}
    gates = []
    for gate, index in zip(book.gates, result.gate_positions, strict=True):
        rule = gate.table.rules[index]
        for_contract: list[IndicatorHit] = []
        for_grant: list[IndicatorHit] = []
        for indicator in gate.indicators:
            if facts.get(indicator.answer.question) == indicator.answer.option:
                (for_contract if indicator.side == "contract" else for_grant).append(indicator.hit)
        # Positional, in GateResult's field order (gate, title, value, rule, applies, facts, for_contract,
        # for_grant): keywords cost a third more.
        gates.append(GateResult(gate.id, gate.title, rule.value, rule.ref, gate.id in applicable,
                                [traces[qid] for qid in gate.reads], for_contract, for_grant))
    return gates


def warnings(cset: CompiledSet, day: dt.date, result: Evaluation, applicable: set[str]) -> list[Caution]:
    """Warnings from the gates that bear on this recommendation, and validity checks."""
    out = [caution for gate, index in zip(cset.gates, result.gate_positions, strict=True)
           if gate.id in applicable and (caution := gate.table.rules[index].caution) is not None]
    criteria_set = cset.criteria_set
    if day < criteria_set.valid_from or (criteria_set.valid_until and day > criteria_set.valid_until):
        # Data only: a voice says it (``iop.words.voice.Voice.caution_text``).
        out.append(Caution(
            text="", out_of_validity=OutOfValidity(criteria_set=criteria_set.id, day=day),
            source=Source(document=criteria_set.reference.document, title=criteria_set.reference.title),
        ))
    return out
