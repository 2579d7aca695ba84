"""Decision tables in the DMN style: ordered rules, first match, an annotation per rule.

A table reads named inputs from a context and yields the outputs of the first
rule whose every condition holds. Input names are namespaced:

- ``q.<question>``: the answer option to a fact question, or ``unknown``;
- ``c.<criterion>``: a criterion's outcome, or ``absent`` when the set lacks it;
- anything else: a value derived earlier (``necessary``, ``contract``, ...).

An output value starting with ``$`` is read from the context, so a rule can say
"procurement, by the route the route table chose".

First match is implemented once, in ``first_match_index``, over the
conditions each ``Rule`` compiles from its own ``when`` (``Rule.conditions``);
``failing_inputs`` asks it about one condition at a time.
``DecisionTable.first_match``, the engine (which concatenates the legal and
policy layers) and the leaning (which reads the same conditions over sets of
values) all go through that one representation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_serializer,
    field_validator,
    model_validator,
)

from iop.model.source import Source

ABSENT = "absent"
"""The value of ``c.<criterion>`` when the criteria set has no such criterion."""

Conditions = tuple[tuple[str, frozenset[str]], ...]
"""A rule's compiled ``when``: (input name, allowed values) pairs, all of which must hold."""


def first_match_index(conditions: Sequence[Conditions], context: Mapping[str, str]) -> int:
    """THE first-match hit policy: index of the first rule whose every condition holds, or -1.

    A missing input matches nothing (``None`` is never an allowed value).
    """
    for index, rule in enumerate(conditions):
        for key, allowed in rule:
            if context.get(key) not in allowed:
                break
        else:
            return index
    return -1


def failing_inputs(conditions: Conditions, context: Mapping[str, str]) -> frozenset[str]:
    """The inputs of one rule whose condition does not hold in ``context``, each tested by ``first_match_index``.

    A rule that did not match can match only once every one of these inputs
    has changed; the engine's what-if uses that to skip answers that cannot
    change the outcome (iop/engine/tables.py, ``sensitivity``).
    """
    return frozenset(key for key, allowed in conditions if first_match_index((((key, allowed),),), context) < 0)


def _boolean_message(where: str, value: bool) -> str:
    word = "yes" if value else "no"
    return (f"{where}: {word} utan citattecken läses av YAML som sant/falskt, inte som svaret {word}; "
            f"skriv det inom citattecken: '{word}'.")


def refuse_booleans(where: str, mapping: object, values_too: bool = False) -> None:
    """Refuse an unquoted ``yes:``/``no:`` (a YAML 1.1 boolean) where an answer option is meant."""
    if not isinstance(mapping, Mapping):
        return
    for key, value in mapping.items():
        if isinstance(key, bool):
            raise ValueError(_boolean_message(where, key))
        items = value if isinstance(value, list) else [value]
        for item in items:
            if values_too and isinstance(item, bool):
                raise ValueError(_boolean_message(f"{where} › {key}", item))


class Compiled(BaseModel):
    """A model that keeps a compiled form of its fields, built in ``model_post_init``.

    pydantic's ``model_copy`` skips ``model_post_init``, so a copy with updated fields
    would keep the old compiled form; this rebuilds it (a rule or criterion edited in a
    test or a what-if is then matched by its new fields).
    """

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        copy.model_post_init(None)
        return copy

    def _compiled(self, name: str) -> Any:
        """The compiled form ``name``, read from pydantic's store of private attributes directly.

        Reading ``self._x`` goes through pydantic's ``__getattr__``, about 3 µs
        a read; the leaning and the trace read compiled forms thousands of
        times per case.
        """
        private = self.__pydantic_private__
        return private[name] if private is not None else getattr(self, name)


class Rule(Compiled):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    when: dict[str, frozenset[str]] = Field(default_factory=dict)
    then: dict[str, str | None]
    annotation: str
    source: Source
    warning: str | None = None
    remedy: str | None = None
    plain: str | None = None
    """The annotation in plain Swedish for organisation mode: no act, paragraph or case law."""
    plain_warning: str | None = None
    """The warning and what can be done, in plain Swedish; only for a rule with a ``warning``."""

    _conditions: Conditions = PrivateAttr(default=())
    _references: tuple[tuple[str, str], ...] = PrivateAttr(default=())

    @model_validator(mode="before")
    @classmethod
    def _no_yaml_booleans(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            where = f"regel {data.get('id', '?')}"
            refuse_booleans(where, data.get("when"), values_too=True)
            refuse_booleans(where, data.get("then"), values_too=True)
        return data

    def model_post_init(self, context: Any, /) -> None:
        self._conditions = tuple(self.when.items())
        self._references = tuple((key, value[1:]) for key, value in self.then.items()
                                 if value and value.startswith("$"))

    @property
    def references(self) -> tuple[tuple[str, str], ...]:
        """(output, the input it reads) for each ``$name`` output: what ``outputs`` resolves."""
        references: tuple[tuple[str, str], ...] = self._compiled("_references")
        return references

    @property
    def conditions(self) -> Conditions:
        """The compiled ``when`` every matcher reads (first_match_index, the leaning)."""
        conditions: Conditions = self._compiled("_conditions")
        return conditions

    @field_validator("when", mode="before")
    @classmethod
    def _values_as_sets(cls, when: object) -> object:
        # A condition may be written as one value or a list of values.
        if isinstance(when, Mapping):
            return {k: [v] if isinstance(v, str) else v for k, v in when.items()}
        return when

    @field_serializer("when")
    def _sorted_values(self, when: dict[str, frozenset[str]]) -> dict[str, list[str]]:
        # Sets serialise in hash-seed order; sorting keeps content hashes stable across runs.
        return {key: sorted(values) for key, values in when.items()}

    def matches(self, context: Mapping[str, str]) -> bool:
        return first_match_index((self.conditions,), context) == 0

    @property
    def is_catch_all(self) -> bool:
        """A rule with no conditions: it matches every context."""
        return not self.when

    def outputs(self, context: Mapping[str, str]) -> dict[str, str | None]:
        """The rule's outputs with ``$name`` references resolved from the context."""
        out = dict(self.then)
        for key, name in self.references:
            out[key] = context.get(name)
        return out


class DecisionTable(BaseModel):
    """An ordered list of rules with the first-match hit policy."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    description: str
    version: str
    layer: Literal["legal", "policy"]
    outputs: list[str] = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    indicators: list[Indicator] = Field(default_factory=list)
    presumptions: list[Presumption] = Field(default_factory=list)
    """Presumptions the preliminary leaning of an undecided case respects (iop.engine.leaning)."""
    signals: list[Signal] = Field(default_factory=list)
    """A policy table's facts that tell an ordinary grant from an IOP in the leaning (iop.engine.leaning)."""
    builds_on: str | None = None
    """For a policy table: the layer read before it (the legal layer, see criteria/rulebook.yaml)."""

    @model_validator(mode="after")
    def _well_formed(self) -> DecisionTable:
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise ValueError(f"regel-id förekommer flera gånger i tabellen {self.id}")
        for rule in self.rules:
            if set(rule.then) != set(self.outputs):
                raise ValueError(
                    f"regel {rule.id} i tabellen {self.id} ska ange {', '.join(self.outputs)}"
                )
        return self

    @property
    def conditions(self) -> tuple[Conditions, ...]:
        return tuple(rule.conditions for rule in self.rules)

    def first_match(self, context: Mapping[str, str]) -> Rule | None:
        index = first_match_index(self.conditions, context)
        return self.rules[index] if index >= 0 else None

    @property
    def input_names(self) -> set[str]:
        return {key for rule in self.rules for key in rule.when}


class Indicator(Compiled):
    """An answer that points towards grant or contract, with its source (gate 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    option: str
    points_to: Literal["grant", "contract"]
    label: str
    reference: str
    confidence: str = "verified"
    weight: int = Field(default=1, ge=1, le=3)
    """How much the indicator counts in the preliminary leaning: 1 weak, 2 clear, 3 strong on its own."""

    _source: Source | None = PrivateAttr(default=None)

    def model_post_init(self, context: Any, /) -> None:
        self._source = Source(reference=self.reference, confidence=self.confidence)  # type: ignore[arg-type]

    @property
    def source(self) -> Source:
        """The indicator's reference as a source (built once: the leaning reads it per case)."""
        source: Source = self._compiled("_source")
        return source


LeaningOutcome = Literal["iop", "grant", "procurement"]


class Signal(BaseModel):
    """An answer that points to grant or to IOP, both legally grants, in the preliminary leaning.

    Gate 1's indicators tell grant from contract; a grant indicator there points
    to grant and IOP alike. What tells the two forms apart (how the money is
    given, whose activity it is, who steers) is the set's to say, so each policy
    table lists its signals with the source it reads them from.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    option: str
    toward: Literal["iop", "grant"]
    weight: int = Field(default=1, ge=1, le=3)
    label: str
    source: Source


class Presumption(BaseModel):
    """While ``outcome`` is still reachable, an undecided case may not lean to any of ``excludes``.

    The legal layer presumes a contract until it is ruled out: an IOP or a grant
    must not be an unlawful direct award, so the leaning cannot point to them
    while an open answer could still make the agreement a purchase.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    outcome: LeaningOutcome
    excludes: list[LeaningOutcome] = Field(min_length=1)
    annotation: str
    source: Source


DecisionTable.model_rebuild()
