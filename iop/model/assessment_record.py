"""The reasoned recommendation: what the engine decided and why (a trace).

These models are the record an official files. They hold no logic; the engine
fills them and the report module renders them.

The records built many times per case (an answer in the trace, a criterion's
or a gate's result, an indicator hit, a what-if, an open question, a fact or
question in the leaning) are slotted stdlib dataclasses: every value
comes from validated rulebook data, so pydantic validation would only cost
time. pydantic still serialises and, when a record is read back, validates
them as part of the ``Assessment``; the JSON is the same. They are not
``frozen``: a frozen dataclass sets each field through ``object.__setattr__``,
which makes building one about four times as slow, and the engine builds
dozens per case. Nothing changes them once built; treat them as read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from iop.model.source import Source
from iop.model.three_valued import Outcome

Recommendation = Literal["iop", "grant", "procurement", "undecided"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


@dataclass(slots=True)
class AnswerTrace:
    """One answer behind a criterion: what was answered and what it implies."""

    question: str
    text: str
    answer: str
    answer_label: str
    """The label of the option answered, from the rulebook; empty when the answer is none of the question's
    options (unknown), which a voice names (``iop.words.voice.Voice.answer``). A record stored before the
    words were left to the voice carries that name here."""
    effect: Outcome
    reasoning: str = ""
    evidence: list[str] = field(default_factory=list)
    derived: bool = False
    """True when the engine derived the answer from other case facts (e.g. contributions)."""
    derived_from: str = ""


@dataclass(slots=True)
class CriterionResult:
    """One criterion's outcome and the answers behind it."""

    id: str
    title: str
    kind: Literal["necessary", "should"]
    outcome: Outcome
    answers: list[AnswerTrace]
    source: Source
    weight: int = 1
    """The criterion's weight in a preliminary leaning (criteria/sets/); its source is the criterion's."""


class RuleRef(_Record):
    """The rule that matched in a decision table, with its annotation and source."""

    table: str
    table_title: str
    layer: Literal["legal", "policy"]
    id: str
    annotation: str
    source: Source
    warning: str | None = None
    remedy: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def qualified_id(self) -> str:
        """``<table>/<rule>`` (e.g. ``skl-2017/S3``, ``state_aid/S3``): unique across the whole rulebook."""
        return f"{self.table}/{self.id}"


@dataclass(slots=True)
class IndicatorHit:
    question: str
    label: str
    reference: str
    confidence: str
    weight: int = 1
    """The indicator's weight in a preliminary leaning (criteria/legal/), kept in the trace with its source."""


@dataclass(slots=True)
class GateResult:
    """A gate's value, the rule that gave it, the answers it read and the indicators on each side."""

    gate: str
    title: str
    value: str
    rule: RuleRef
    applies: bool = True
    """False when the gate does not bear on this recommendation (e.g. the route for an IOP)."""
    facts: list[AnswerTrace] = field(default_factory=list)
    """The answers the gate's table read, in asking order."""
    for_contract: list[IndicatorHit] = field(default_factory=list)
    for_grant: list[IndicatorHit] = field(default_factory=list)


@dataclass(slots=True)
class WhatIf:
    option: str
    option_label: str
    recommendation: Recommendation
    form: str | None
    rule: str


@dataclass(slots=True)
class OpenQuestion:
    """An unanswered question and what each possible answer would lead to."""

    question: str
    text: str
    group: str
    decisive: bool
    what_if: list[WhatIf]
    decides_with: list[str] = field(default_factory=list)
    """Other open questions that, answered together with this one, can change the result."""


class OutOfValidity(_Record):
    """A criteria set applied on a day outside its validity (``valid_from`` to ``valid_until``)."""

    criteria_set: str
    day: dt.date


class Caution(_Record):
    """A warning in the record (e.g. state aid over the ceiling), with its source and remedy.

    Named ``Caution`` so it does not shadow Python's builtin ``Warning``; the
    record's JSON key stays ``warnings``.
    """

    text: str
    """The rule's warning, from the rulebook; empty on a warning the engine raises itself (``out_of_validity``),
    whose words are a voice's (``iop.words.voice.Voice.caution_text``)."""
    source: Source
    remedy: str | None = None
    out_of_validity: OutOfValidity | None = None
    """Set when the criteria set does not apply on the assessment day."""


@dataclass(slots=True)
class StateAidFigures:
    """The figures behind gate 3, so a reader can check the arithmetic.

    A slotted dataclass, like the trace: the engine builds one per assessment
    from values it has computed itself, so pydantic validation would only cost
    time; a stored record is still validated field by field when it is read.
    """

    date: dt.date
    public_money_sek_per_year: int | None
    months_counted: int
    duration_assumed: bool
    other_de_minimis_sek: int
    sek_per_eur: float
    sek_per_eur_from_case: bool
    amount_three_years_eur: float | None
    amount_per_year_eur: float | None
    de_minimis_ceiling_eur: float | None
    sgei_de_minimis_ceiling_eur: float | None
    sgei_annual_ceiling_eur: float | None
    references: list[str]


LeaningOutcome = Literal["iop", "grant", "procurement"]


@dataclass(slots=True)
class LeaningFact:
    """A known answer and where it points in the preliminary leaning, with its weight and source."""

    question: str
    text: str
    answer_label: str
    toward: list[LeaningOutcome]
    weight: int
    basis: str
    """What in the rulebook gives the answer its weight: an indicator's label or a criterion's title."""
    source: Source


class PresumptionRef(_Record):
    id: str
    annotation: str
    source: Source


@dataclass(slots=True)
class SettlingQuestion:
    """A question that would settle an undecided case, in plain words too.

    Usually an open question. When an *answered* question stops the case (a
    gate says the grant is unlawful), that answer is what settles it, so it is
    named too, with the answer given and what can be done: a reader who is
    only shown open questions looks for the block in the wrong place.
    """

    question: str
    text: str
    plain: str
    answer: str = ""
    """The label of the answer given, for an answered question that stops the case (from the rulebook); empty
    for an open question, and for an answer without a label, which a voice names from ``option``
    (``iop.words.voice.Voice.given``)."""
    remedy: str = ""
    """What can be done about the stopping answer (the gate rule's remedy), for the official."""
    plain_remedy: str = ""
    """The same in plain Swedish, for an organisation."""
    option: str = ""
    """The option given (``unknown`` for "vet ej"), for an answered question that stops the case; empty for an
    open question, and in records stored before it was kept (their ``answer`` is always set)."""

    @property
    def answered(self) -> bool:
        """Whether this is an answered question that stops the case, not an open one."""
        return bool(self.option or self.answer)


class Leaning(_Record):
    """Where an undecided case points on what is known so far. Preliminary: never the recommendation."""

    outcome: LeaningOutcome | None
    """None when the known facts point nowhere yet (or only to outcomes a presumption rules out)."""
    strength: Literal["strong", "moderate", "weak"] | None
    blocked: LeaningOutcome | None = None
    """Where the known facts point when a presumption keeps the case from leaning there (outcome is then None)."""
    reachable: list[Recommendation]
    """Every verdict some answers to the open questions could still give (decided gates hold)."""
    scores: dict[str, int]
    facts: list[LeaningFact]
    presumptions: list[PresumptionRef]
    """Presumptions that applied: outcomes they rule out were not leaned to."""
    settle: list[SettlingQuestion]
    """The open questions that would settle the case, most important first."""
    not_yet: str = ""
    """Why this was not yet a recommendation, in the words of a record stored before the engine left the
    words to a voice; empty in a new record, whose voice says it from ``undecided_because``
    (``iop.words.voice.Voice.not_yet``)."""
    undecided_because: str = ""
    """Why the case is undecided: the deciding rule's annotation (empty in records stored before it was kept,
    which carry ``not_yet`` instead)."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def points_to(self) -> LeaningOutcome | None:
        """Where the known facts point: the leaning, or while a presumption holds it back the blocked outcome
        ("pekar mot bidrag")."""
        return self.outcome or self.blocked


class CriteriaSetRef(_Record):
    id: str
    version: str
    title: str
    hash: str


class Assessment(_Record):
    case_title: str
    diarienummer: str
    date: dt.date
    recommendation: Recommendation
    form: str | None
    rule: RuleRef
    criteria_set: CriteriaSetRef
    necessary: Outcome
    should: Outcome
    criteria: list[CriterionResult]
    gates: list[GateResult]
    open_questions: list[OpenQuestion]
    changes: list[OpenQuestion]
    """Answered questions whose other answers would change the recommendation."""
    warnings: list[Caution]
    state_aid: StateAidFigures
    leaning: Leaning | None = None
    """The preliminary leaning, on an undecided assessment only."""
