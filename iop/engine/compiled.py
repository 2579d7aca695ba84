"""The rulebook compiled once: a record per gate, per criteria set and per criterion, shared by every reader.

Everything here is read off the rulebook's own objects (``Rule.conditions``,
``Criterion.ranked_effects``, the names criteria/rulebook.yaml declares) and
none of it depends on a case. So it is built once per rulebook
(``compile_rulebook``) and kept while the rulebook lives, and the engine
(iop/engine/evaluation.py and the modules it calls), the preliminary leaning
(iop/engine/leaning.py) and the walk (iop/guide/walk.py) all read this one
object instead of each compiling the rulebook its own way.

Every per-gate, per-rule, per-criterion and per-question fact is a field of
that gate's, rule's, criterion's or question's record; the few tuples kept
beside the records are the inputs of the one matcher (``first_match_index``
reads each rule's conditions in order) and of the rulebook's total functions
(ranks and kinds in the set's order), documented where they are kept.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import partial

from iop.model.assessment_record import (
    Caution,
    CriteriaSetRef,
    IndicatorHit,
    LeaningFact,
    LeaningOutcome,
    RuleRef,
    StateAidFigures,
)
from iop.model.questions import NOT_ANSWERED, UNKNOWN, Question
from iop.model.source import Source
from iop.model.three_valued import BY_RANK, MET_RANK, RANK, UNKNOWN_RANK, Outcome
from iop.rules.criteria import CRITERION_KINDS, CriteriaSet, Criterion, RankedEffects, criterion_rank
from iop.rules.decision_table import ABSENT, Conditions, DecisionTable, Presumption, Rule, first_match_index
from iop.rules.derivations import AMOUNTS, FROM_ANSWERS, FROM_CASE, TOTALS, TotalFunction
from iop.rules.parameters import Parameter
from iop.rules.rulebook import Rulebook, unknown_set

VERDICT = "recommendation"
"""The output of every recommendation layer (criteria/decision/*.yaml) that holds the verdict; the record's
field of the same name."""
FORM = "form"
"""The output of every recommendation layer that holds the verdict's form (the record's ``form``)."""
UNDECIDED = "undecided"
"""The verdict when a rule gives none."""

OUTCOMES: tuple[LeaningOutcome, ...] = ("iop", "grant", "procurement")
"""The outcomes a case can lean to, in the order the leaning weighs them."""

INDICATOR_TOWARD: dict[str, tuple[LeaningOutcome, ...]] = {"contract": ("procurement",), "grant": ("grant", "iop")}
"""Where an indicator (criteria/legal/) points in the leaning: a contract is procured; an IOP is legally a
grant, so what points to a grant points to both."""

_ABSENT = frozenset({ABSENT})
_TOWARD_IOP = frozenset({RANK[Outcome.met], RANK[Outcome.partly]})
"""A settled criterion that is met or partly met points where ``Criterion.met_points_to`` says."""
_VALUE_BY_RANK = {rank: outcome.value for rank, outcome in BY_RANK.items()}


# --- tables and rules -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """One rule as first match reads it: what its match depended on, and how the record names it."""

    rule: Rule
    reads: frozenset[str]
    """The inputs first match examined to stop at this rule (its own conditions and every earlier rule's)
    and the inputs its ``$`` outputs read. While none of them changes, first match stops at the same rule
    with the same outputs, so the table need not be read again."""
    own: frozenset[str]
    """The inputs of its own conditions and those its ``$`` outputs read."""
    fixed: dict[str, str | None] | None
    """Its outputs when none is a ``$`` reference (the same in every context), else None."""
    value: str
    """Its value of the table's main output as written ("" for none): a gate's value, a recommendation
    layer's verdict (``$`` references unresolved; ``outputs`` resolves them)."""
    ref: RuleRef
    """The record's reference to the rule: rulebook data only, frozen, so built once and shared."""
    caution: Caution | None
    """The rule's warning as the record shows it (None: the rule has no warning)."""

    def outputs(self, context: Mapping[str, str]) -> dict[str, str | None]:
        """``Rule.outputs``; a rule without references gives the same dict every time."""
        fixed = self.fixed
        return fixed if fixed is not None else self.rule.outputs(context)

    def verdict(self, context: Mapping[str, str]) -> tuple[str, str | None]:
        """A recommendation layer's rule: the verdict and its form (``$`` references resolved)."""
        out = self.outputs(context)
        return out[VERDICT] or UNDECIDED, out[FORM]


@dataclass(frozen=True, slots=True)
class CompiledTable:
    """A table's rules in reading order, as first match reads them."""

    name: str
    rules: tuple[CompiledRule, ...]
    conditions: tuple[Conditions, ...]
    """Each rule's ``Rule.conditions``, in the rules' order: the one matcher's input (``first_match_index``),
    whose index picks the rule out of ``rules``."""

    def first_match(self, context: Mapping[str, str]) -> int:
        index = first_match_index(self.conditions, context)
        if index < 0:  # the loader refuses a gate or policy table without a catch-all
            raise AssertionError(f"no rule matched in {self.name}")
        return index

    def rule(self, rule_id: str) -> CompiledRule | None:
        return next((r for r in self.rules if r.rule.id == rule_id), None)


SharedRefs = dict[tuple[str, str], tuple[RuleRef, Caution | None]]
"""(table id, rule id) -> the rule's reference and caution, built once and shared by every table it is read in."""


def _rule_ref(table: DecisionTable, rule: Rule) -> RuleRef:
    return RuleRef(table=table.id, table_title=table.title, layer=table.layer, id=rule.id,
                   annotation=rule.annotation, source=rule.source, warning=rule.warning, remedy=rule.remedy)


def compile_table(name: str, tables: Sequence[DecisionTable], output: str,
                  shared: SharedRefs | None = None) -> CompiledTable:
    """The rules of ``tables``, one after the other, as one first match reads them.

    ``output`` is the output each rule's ``value`` holds: a gate's own, or the recommendation layers' verdict.

    ``shared`` keeps each rule's reference and caution, so a rule read in several
    tables (the legal layer is the first layer of every set's recommendation
    table) is named by the same record in each.
    """
    shared = {} if shared is None else shared
    seen: set[str] = set()
    rules = []
    for table in tables:
        for rule in table.rules:
            seen |= set(rule.when)
            references = {input_name for _output, input_name in rule.references}
            if (table.id, rule.id) not in shared:
                shared[table.id, rule.id] = (_rule_ref(table, rule), Caution(
                    text=rule.warning, source=rule.source, remedy=rule.remedy) if rule.warning else None)
            ref, caution = shared[table.id, rule.id]
            rules.append(CompiledRule(
                rule=rule, reads=frozenset(seen | references),
                own=frozenset(set(rule.when) | references),
                fixed=None if rule.references else dict(rule.then), value=rule.then[output] or "",
                ref=ref, caution=caution))
    return CompiledTable(name, tuple(rules), tuple(r.rule.conditions for r in rules))


# --- questions, indicators and signals ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TracedQuestion:
    """A question as the record's trace shows it: its text, its options' labels, what each answer implies."""

    id: str
    text: str
    labels: Mapping[str, str]
    effects: Mapping[str, Outcome]
    """Answer option (or UNKNOWN) -> what it implies for the criterion that reads it (unknown for a gate)."""


@dataclass(frozen=True, slots=True)
class CriterionQuestion(TracedQuestion):
    """One question a criterion reads: as the trace shows it, and what each answer makes of the criterion."""

    ranks: Mapping[str, int]
    """Answer option (or UNKNOWN) -> rank of the criterion's outcome (``Criterion.ranked_effects``)."""
    open_ranks: frozenset[int]
    """Every rank it can give while unanswered (each option, and unknown): the leaning's reading."""


@dataclass(frozen=True, slots=True)
class WeightedAnswer:
    """An answer that points somewhere in the leaning, with its weight and source (an indicator or a signal)."""

    question: str
    option: str
    text: str
    answer_label: str
    toward: tuple[LeaningOutcome, ...]
    weight: int
    basis: str
    source: Source

    def fact(self) -> LeaningFact:
        return LeaningFact(question=self.question, text=self.text, answer_label=self.answer_label,
                           toward=list(self.toward), weight=self.weight, basis=self.basis, source=self.source)


@dataclass(frozen=True, slots=True)
class CompiledIndicator:
    """One of a gate's indicators (criteria/legal/): its hit in the record's trace and its fact in the leaning."""

    side: str
    """The gate value it points to (``Indicator.points_to``): the trace lists it under that side."""
    hit: IndicatorHit
    answer: WeightedAnswer


@dataclass(frozen=True, slots=True)
class CompiledGate:
    """A gate (criteria/rulebook.yaml) with everything the engine, the trace, the leaning and the walk read of it."""

    id: str
    """The gate's one name: its table's id, its output in the context and its questions' group."""
    title: str
    table: CompiledTable
    applies: Conditions
    """``applies_when`` compiled (``GateEntry.conditions``): when the gate bears on the recommendation."""
    reads: tuple[str, ...]
    """The answers its table reads, in asking order (the trace shows them)."""
    indicators: tuple[CompiledIndicator, ...]
    description: str
    """What the gate asks, as criteria/rulebook.yaml describes it."""


# --- criteria and sets ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CriterionReading:
    """What one criterion can be for one combination of answers to its questions (the leaning)."""

    ranks: frozenset[int]
    """Every rank its outcome can take (one when all its questions are answered)."""
    values: frozenset[str]
    """The same as outcome values: the table input ``c.<id>``."""
    points_to: tuple[LeaningOutcome, ...]
    """Where the settled criterion points in the leaning; empty while open or when it points nowhere."""
    answer_label: str
    """The answers' labels, for the leaning fact of a settled criterion."""


@dataclass(frozen=True, slots=True)
class CompiledCriterion:
    """One criterion of one set: its outcome, its trace and what it says in the leaning."""

    criterion: Criterion
    id: str
    kind: str
    key: str
    """Its table input, ``c.<id>``."""
    effects: RankedEffects
    """``Criterion.ranked_effects``: what ``criterion_rank`` reads."""
    asked: tuple[CriterionQuestion, ...]
    """The questions it reads, in the file's order."""
    questions: tuple[str, ...]
    """The ids of ``asked``: the key of ``readings``, read off the answers with one ``map``."""
    unknown: tuple[str, ...]
    """UNKNOWN once per question: the default of each ``facts.get`` in ``read``."""
    not_met: LeaningOutcome | None
    """What the set's policy table makes of the criterion not being met (its first rule testing that)."""
    met: tuple[LeaningOutcome, ...]
    """Where the criterion points when met or partly met (``Criterion.met_points_to``)."""
    readings: dict[tuple[str, ...], CriterionReading]
    """Memo: the answers to ``questions`` -> the reading. Bounded by the answer combinations of a
    criterion's few questions (tens), so it never grows large."""

    def read(self, facts: Mapping[str, str]) -> CriterionReading:
        """What the criterion can be, given the known answers."""
        answers = tuple(map(facts.get, self.questions, self.unknown))
        reading = self.readings.get(answers)
        if reading is None:
            reading = self.readings[answers] = self._reading(answers)
        return reading

    def _reading(self, answers: tuple[str, ...]) -> CriterionReading:
        ranks = frozenset(min_set(
            asked.open_ranks if answer == UNKNOWN else {asked.ranks[answer]}
            for answer, asked in zip(answers, self.asked, strict=True)
        ))
        points_to: tuple[LeaningOutcome, ...] = ()
        label = ""
        if UNKNOWN not in answers:
            (rank,) = ranks  # every answer known: one outcome
            points_to = self.met if rank in _TOWARD_IOP else (self.not_met,) if self.not_met else ()
            label = "; ".join(asked.labels[a] for asked, a in zip(self.asked, answers, strict=True))
        return CriterionReading(ranks=ranks, values=frozenset(_VALUE_BY_RANK[r] for r in ranks),
                                points_to=points_to, answer_label=label)

    def fact(self, reading: CriterionReading, points_to: tuple[LeaningOutcome, ...]) -> LeaningFact:
        """The leaning fact of the settled criterion, pointing to ``points_to`` (the reading's)."""
        c = self.criterion
        return LeaningFact(question=self.questions[0], text=self.asked[0].text,
                           answer_label=reading.answer_label, toward=list(points_to), weight=c.weight,
                           basis=c.title, source=c.source)


def min_set(sets: Iterable[AbstractSet[int]]) -> set[int]:
    """Every value the conjunction (min rank, iop.model.three_valued) can take when one value is picked from each set.

    Read off directly rather than through the product of the sets: a value is
    possible exactly when one set offers it and every set offers something at
    least as strong (pick it there and the strongest value everywhere else).
    The empty conjunction is met; an empty set leaves no value at all.
    """
    cap = MET_RANK
    offered = {MET_RANK}
    for values in sets:
        cap = min(cap, max(values, default=-1))
        offered.update(values)
    return {value for value in offered if value <= cap}


@dataclass(frozen=True, slots=True)
class CompiledTotal:
    """A computed input that totals the criteria (criteria/rulebook.yaml's ``computed_inputs``)."""

    name: str
    """Its name in the context, and the record's field of the same name."""
    function: TotalFunction
    kind: str | None
    """The criterion kind it is named after: it changes only when a criterion of that kind does (None: any)."""


@dataclass(frozen=True, slots=True)
class KindTotal:
    """A total named after a criterion kind, as the leaning reads it over sets of values."""

    name: str
    positions: tuple[int, ...]
    """The positions in ``CompiledSet.criteria`` of the criteria of that kind."""


@dataclass(frozen=True, slots=True)
class CompiledSet:
    """One criteria set with everything read of it per case, built once: a what-if then costs a few dict operations."""

    id: str
    criteria_set: CriteriaSet
    ref: CriteriaSetRef
    """The record's reference to the set (with its content hash): rulebook data only, frozen, built once and shared."""
    criteria: tuple[CompiledCriterion, ...]
    kinds: tuple[str, ...]
    """Each criterion's kind in the set's order: the second argument of the total functions, beside the ranks."""
    totals: tuple[CompiledTotal, ...]
    """The rulebook's totals (shared by every set), in the order criteria/rulebook.yaml lists them."""
    kind_totals: tuple[KindTotal, ...]
    gates: tuple[CompiledGate, ...]
    """The rulebook's gates in reading order (shared by every set)."""
    recommendation: CompiledTable
    """The legal layer's rules, then the policy table's: one first match over both."""
    legal_rules: int
    """How many of ``recommendation``'s rules are the legal layer's; the rest are the set's policy table."""
    by_question: dict[str, tuple[int, ...]]
    """question id -> the positions in ``criteria`` of the criteria that read it."""
    affected: dict[str, frozenset[str]]
    """question id -> every context key a change of its answer can alter."""
    alike: dict[str, dict[str, tuple[object, ...]]]
    """question id -> {answer (or unknown) -> what every table condition and criterion of the set makes of
    it}. Two answers alike give the same evaluation, so a what-if evaluates only one of them. Absent for a
    question an implied answer or a ``$`` output reads."""
    relevant: tuple[str, ...]
    """Questions that can affect an assessment under the set, in asking order (``Rulebook.relevant_questions``)."""
    signals: tuple[WeightedAnswer, ...]
    """The policy table's signals (``DecisionTable.signals``): answers that tell grant from IOP in the leaning."""


# --- derived answers ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompiledDerivation:
    """A derived answer (criteria/rulebook.yaml's ``derived_answers``) with its function looked up once."""

    question: str
    from_answers: bool
    """Reads only other answers (then ``function`` takes the answers), else the case."""
    function: Callable[..., str | None]
    evidence: str
    reads: tuple[str, ...]
    """The questions whose answers it reads."""



# --- the whole rulebook ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class CompiledRulebook:
    """The rulebook compiled once (``compile_rulebook``): what the engine, the leaning and the walk read of it.

    It holds the rulebook's parts, not the ``Rulebook`` itself, so the cache that
    keeps it goes when its rulebook does.
    """

    questions: Mapping[str, Question]
    parameters: Mapping[str, Parameter]
    sets: dict[str, CompiledSet]
    gates: tuple[CompiledGate, ...]
    """In reading order (criteria/rulebook.yaml)."""
    totals: tuple[CompiledTotal, ...]
    amounts: tuple[Callable[[StateAidFigures], dict[str, str]], ...]
    """The functions that compute the ``amount.*`` inputs, each once."""
    derivations: tuple[CompiledDerivation, ...]
    """In the order criteria/rulebook.yaml lists them."""
    implied: tuple[CompiledDerivation, ...]
    """The derived answers that read only other answers, so a what-if re-derives them."""
    implying: frozenset[str]
    """Questions some implied answer reads: only their what-ifs re-derive implied answers."""
    answer_keys: dict[str, str]
    """question id -> its table input ``q.<id>``, spelt once."""
    answer_values: dict[str, frozenset[str]]
    """For each question: every value a case's answer may hold (its options, or a way to say "vet ej");
    checked for every case loaded."""
    base_context: dict[str, str]
    """Every input a table may read, unknown or absent: an unanswered question matches "unknown"."""
    labels: dict[str, dict[str, str]]
    """question id -> option -> label (the trace's and the what-if's)."""
    gate_trace: tuple[TracedQuestion, ...]
    """Every answer some gate reads, once each, with no criterion effect: one trace per answer, shared by the gates."""
    unanswered: dict[str, frozenset[str]]
    """The leaning's context with no answer known: every value for each ``q.<id>``, absent for each ``c.<id>``."""
    singles: dict[str, tuple[str, dict[str, frozenset[str]]]]
    """question id -> its table input and, per option, the one-value set (built once, hash cached)."""
    presumptions: tuple[Presumption, ...]
    """The legal layer's presumptions, which the leaning respects."""

    def set(self, set_id: str) -> CompiledSet:
        """The compiled set; an unknown set is a Swedish InputError, not a KeyError."""
        compiled = self.sets.get(set_id)
        if compiled is None:
            raise unknown_set(set_id, self.sets)
        return compiled

    def gate(self, gate_id: str) -> CompiledGate:
        return next(g for g in self.gates if g.id == gate_id)


def _not_met_outcome(policy: DecisionTable, criterion_id: str, kind: str) -> LeaningOutcome | None:
    """What the set's policy table makes of this criterion not being met (its first rule testing that)."""
    for key in (f"c.{criterion_id}", kind):
        for rule in policy.rules:
            if "not_met" in rule.when.get(key, ()):
                value = rule.then[VERDICT]
                return next((o for o in OUTCOMES if o == value), None)
    return None


def not_met_outcome(rulebook: Rulebook, set_id: str, criterion_id: str, kind: str) -> LeaningOutcome | None:
    """What the set's policy table makes of the criterion ``criterion_id`` (of ``kind``) not being met."""
    return _not_met_outcome(rulebook.policy_tables[set_id], criterion_id, kind)


def _alike(rulebook: Rulebook, set_id: str, implying: frozenset[str]) -> dict[str, dict[str, tuple[object, ...]]]:
    """For each question, what each of its answers means to the set's tables and criteria (``CompiledSet.alike``).

    Each condition on the question is asked through the one matcher and each
    criterion through ``criterion_rank``: answers with the same signature
    cannot be told apart by any rule or criterion of the set.
    """
    rules = [rule for table in rulebook.tables_for(set_id) for rule in table.rules]
    referenced = {name for rule in rules for _output, name in rule.references}
    criteria = rulebook.sets[set_id].criteria
    alike: dict[str, dict[str, tuple[object, ...]]] = {}
    for qid, question in rulebook.questions.questions.items():
        key = f"q.{qid}"
        if qid in implying or key in referenced:
            continue
        conditions = [condition for rule in rules for condition in rule.conditions if condition[0] == key]
        readers = [c.ranked_effects for c in criteria if qid in c.questions]
        alike[qid] = {
            option: (tuple(first_match_index(((condition,),), {key: option}) == 0 for condition in conditions),
                     tuple(criterion_rank(effects, {qid: option}) for effects in readers))
            for option in [*question.options, UNKNOWN]
        }
    return alike


def _compile_criterion(rulebook: Rulebook, set_id: str, criterion: Criterion,
                       unanswered: Mapping[str, frozenset[str]]) -> CompiledCriterion:
    questions = rulebook.questions.questions
    asked = []
    for (qid, effects), (_qid, ranks) in zip(criterion.questions.items(), criterion.ranked_effects, strict=True):
        open_ranks = frozenset(UNKNOWN_RANK if v == UNKNOWN else ranks[v] for v in unanswered[f"q.{qid}"])
        asked.append(CriterionQuestion(qid, questions[qid].text, dict(questions[qid].options),
                                       {**effects, UNKNOWN: Outcome.unknown}, ranks, open_ranks))
    return CompiledCriterion(
        criterion=criterion, id=criterion.id, kind=criterion.kind, key=f"c.{criterion.id}",
        effects=criterion.ranked_effects, asked=tuple(asked), questions=tuple(q.id for q in asked),
        unknown=(UNKNOWN,) * len(asked),
        not_met=not_met_outcome(rulebook, set_id, criterion.id, criterion.kind), met=tuple(criterion.met_points_to),
        readings={},
    )


def _compile_set(rulebook: Rulebook, set_id: str, gates: tuple[CompiledGate, ...],
                 totals: tuple[CompiledTotal, ...], implied: tuple[CompiledDerivation, ...],
                 unanswered: Mapping[str, frozenset[str]],
                 refs: SharedRefs) -> CompiledSet:
    questions = rulebook.questions.questions
    criteria_set = rulebook.sets[set_id]
    criteria = tuple(_compile_criterion(rulebook, set_id, c, unanswered) for c in criteria_set.criteria)
    by_question: dict[str, list[int]] = {}
    for index, criterion in enumerate(criteria):
        for qid in criterion.questions:
            by_question.setdefault(qid, []).append(index)
    affected: dict[str, frozenset[str]] = {}
    for qid in questions:
        keys = {f"q.{qid}"}
        for index in by_question.get(qid, []):
            keys |= {criteria[index].key, criteria[index].kind}
        affected[qid] = frozenset(keys)
    for derived in implied:
        # Changing an answer can also change the answers it implies.
        for qid in derived.reads:
            affected[qid] = affected[qid] | affected[derived.question]
    policy = rulebook.policy_tables[set_id]
    signals = tuple(
        WeightedAnswer(question=g.question, option=g.option, text=questions[g.question].text,
                       answer_label=questions[g.question].options[g.option], toward=(g.toward,),
                       weight=g.weight, basis=g.label, source=g.source)
        for g in policy.signals
    )
    content_hash = criteria_set.content_hash(rulebook.questions, policy)
    return CompiledSet(
        id=set_id, criteria_set=criteria_set,
        ref=CriteriaSetRef(id=criteria_set.id, version=criteria_set.version, title=criteria_set.title,
                           hash=content_hash),
        criteria=criteria, kinds=tuple(c.kind for c in criteria), totals=totals,
        kind_totals=tuple(KindTotal(t.name, tuple(i for i, c in enumerate(criteria) if c.kind == t.kind))
                          for t in totals if t.kind is not None),
        gates=gates,
        recommendation=compile_table(f"the recommendation table of {set_id}", [rulebook.legal_layer, policy], VERDICT,
                                     refs),
        legal_rules=len(rulebook.legal_layer.rules),
        by_question={q: tuple(i) for q, i in by_question.items()},
        affected=affected,
        alike=_alike(rulebook, set_id, frozenset(q for d in implied for q in d.reads)),
        relevant=tuple(rulebook.relevant_questions(set_id)),
        signals=signals,
    )


def _compile_gate(rulebook: Rulebook, gate_id: str, refs: SharedRefs) -> CompiledGate:
    questions = rulebook.questions.questions
    table = rulebook.gates[gate_id]
    entry = next(e for e in rulebook.gate_entries if e.id == gate_id)
    indicators = tuple(
        CompiledIndicator(
            side=i.points_to,
            hit=IndicatorHit(question=i.question, label=i.label, reference=i.reference, confidence=i.confidence,
                             weight=i.weight),
            answer=WeightedAnswer(question=i.question, option=i.option, text=questions[i.question].text,
                                  answer_label=questions[i.question].options[i.option],
                                  toward=INDICATOR_TOWARD[i.points_to], weight=i.weight, basis=i.label,
                                  source=i.source))
        for i in table.indicators
    )
    return CompiledGate(id=gate_id, title=table.title, table=compile_table(gate_id, [table], gate_id, refs),
                        applies=entry.conditions,
                        reads=tuple(q for q in questions if f"q.{q}" in table.input_names),
                        indicators=indicators, description=entry.description)


def _compile(rulebook: Rulebook) -> CompiledRulebook:
    questions = rulebook.questions.questions
    refs: SharedRefs = {}
    gates = tuple(_compile_gate(rulebook, gate_id, refs) for gate_id in rulebook.gates)
    totals = tuple(CompiledTotal(c.name, TOTALS[c.function], c.name if c.name in CRITERION_KINDS else None)
                   for c in rulebook.computed_inputs if c.function in TOTALS)
    derivations = tuple(
        CompiledDerivation(d.question, d.from_answers_only,
                           FROM_ANSWERS[d.function] if d.from_answers_only else FROM_CASE[d.function],
                           d.evidence, d.reads_questions)
        for d in rulebook.derivations)
    implied = tuple(d for d in derivations if d.from_answers)
    criterion_inputs = sorted({f"c.{c.id}" for s in rulebook.sets.values() for c in s.criteria})
    base_context = {f"q.{q}": UNKNOWN for q in questions}
    base_context.update(dict.fromkeys(criterion_inputs, ABSENT))
    base_context.update({c.name: UNKNOWN for c in rulebook.computed_inputs})
    base_context.update({gate.id: "" for gate in gates})
    answer_inputs = {qid: (f"q.{qid}", frozenset({*q.options, UNKNOWN})) for qid, q in questions.items()}
    unanswered = {key: every for key, every in answer_inputs.values()}
    unanswered.update(dict.fromkeys(criterion_inputs, _ABSENT))
    gate_answers = tuple(dict.fromkeys(q for gate in gates for q in gate.reads))
    no_effect = {option: Outcome.unknown for option in (*{o for q in questions.values() for o in q.options}, UNKNOWN)}
    labels = {qid: dict(q.options) for qid, q in questions.items()}
    return CompiledRulebook(
        questions=questions, parameters=rulebook.parameters,
        sets={sid: _compile_set(rulebook, sid, gates, totals, implied, unanswered, refs) for sid in rulebook.sets},
        gates=gates, totals=totals,
        amounts=tuple(dict.fromkeys(AMOUNTS[c.function] for c in rulebook.computed_inputs if c.function in AMOUNTS)),
        derivations=derivations, implied=implied, implying=frozenset(q for d in implied for q in d.reads),
        answer_keys={q: f"q.{q}" for q in questions},
        answer_values={qid: frozenset(q.options) | NOT_ANSWERED for qid, q in questions.items()},
        base_context=base_context, labels=labels,
        gate_trace=tuple(TracedQuestion(qid, questions[qid].text, labels[qid], no_effect) for qid in gate_answers),
        unanswered=unanswered,
        singles={qid: (key, {o: frozenset((o,)) for o in every if o != UNKNOWN})
                 for qid, (key, every) in answer_inputs.items()},
        presumptions=tuple(rulebook.legal_layer.presumptions),
    )


_COMPILED: dict[int, tuple[weakref.ref[Rulebook], CompiledRulebook]] = {}


def compile_rulebook(rulebook: Rulebook) -> CompiledRulebook:
    """``rulebook`` compiled, built on first use and shared by every reader.

    Kept by the rulebook's identity with a weak reference: a compiled rulebook
    is never returned for another rulebook (even one that reuses a freed
    rulebook's id), and it goes when its rulebook does. A ``Rulebook`` cannot key
    a dict itself: it is a frozen dataclass of dicts, so it has no usable hash.
    """
    key = id(rulebook)
    entry = _COMPILED.get(key)  # one lookup: another thread's collection may drop the entry meanwhile
    if entry is not None:
        held, compiled = entry
        if held() is rulebook:
            return compiled
    compiled = _compile(rulebook)
    _COMPILED[key] = (weakref.ref(rulebook, partial(_forget, key)), compiled)
    return compiled


def _forget(key: int, _gone: weakref.ref[Rulebook]) -> None:
    _COMPILED.pop(key, None)
