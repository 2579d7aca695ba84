"""criteria/rulebook.yaml as a model: the order in which the engine reads the rulebook.

Which gates run and in which order, that the legal layer comes before each
set's policy table, which inputs are computed and which answers derived are
data a reader of criteria/ finds in one file; the engine follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from iop.io.errors import Problem
from iop.model.questions import QuestionCatalog
from iop.model.source import Source
from iop.rules.criteria import CRITERION_KINDS
from iop.rules.decision_table import Compiled, Conditions, DecisionTable, first_match_index
from iop.rules.derivations import AMOUNTS, FROM_ANSWERS, FROM_CASE, TOTALS

FILE = "rulebook.yaml"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GateEntry(Compiled):
    """A gate: its one name (table id, output, question group), file and when it bears on the result."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    file: str
    description: str
    applies_when: dict[str, frozenset[str]] = Field(default_factory=dict)
    _conditions: Conditions = PrivateAttr(default=())

    @field_validator("applies_when", mode="before")
    @classmethod
    def _values_as_sets(cls, when: object) -> object:
        if isinstance(when, Mapping):
            return {k: [v] if isinstance(v, str) else v for k, v in when.items()}
        return when

    def model_post_init(self, context: object, /) -> None:
        self._conditions = tuple(self.applies_when.items())

    @property
    def conditions(self) -> Conditions:
        """The compiled ``applies_when``, as ``Rule.conditions`` is a rule's ``when``."""
        conditions: Conditions = self._compiled("_conditions")
        return conditions

    def applies(self, context: Mapping[str, str]) -> bool:
        """Whether the gate bears on a result, read with the same matcher as every rule."""
        return first_match_index((self.conditions,), context) == 0


class LayerEntry(_Entry):
    id: Literal["legal-layer", "policy"]
    file: str
    description: str


class ComputedInput(_Entry):
    name: str
    values: list[str] = Field(min_length=1)
    function: str
    description: str
    source: Source


class DerivedAnswer(Compiled):
    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str
    from_: list[str] = Field(alias="from", min_length=1)
    function: str
    evidence: str
    description: str
    source: Source

    _reads: tuple[str, ...] = PrivateAttr(default=())
    _answers_only: bool = PrivateAttr(default=False)

    def model_post_init(self, context: object, /) -> None:
        # Read off ``from`` once: the engine asks both in every what-if.
        self._reads = tuple(name.removeprefix("answers.") for name in self.from_ if name.startswith("answers."))
        self._answers_only = all(name.startswith("answers.") for name in self.from_)

    @property
    def from_answers_only(self) -> bool:
        """Reads only other answers: re-derived whenever one of them changes in a what-if."""
        answers_only: bool = self._compiled("_answers_only")
        return answers_only

    @property
    def reads_questions(self) -> tuple[str, ...]:
        """The questions whose answers it reads (``answers.<id>`` in ``from``)."""
        reads: tuple[str, ...] = self._compiled("_reads")
        return reads


class ReadingOrder(_Entry):
    """criteria/rulebook.yaml."""

    id: str
    title: str
    description: str
    source: Source
    gates: list[GateEntry] = Field(min_length=1)
    layers: list[LayerEntry] = Field(min_length=2, max_length=2)
    computed_inputs: list[ComputedInput]
    derived_answers: list[DerivedAnswer]

    @model_validator(mode="after")
    def _legal_layer_first(self) -> ReadingOrder:
        if [layer.id for layer in self.layers] != ["legal-layer", "policy"]:
            raise ValueError("lagren ska vara legal-layer först och policy sedan: lagen prövas före kriterierna.")
        return self

    @property
    def legal_layer(self) -> LayerEntry:
        return self.layers[0]


def check_reading_order(order: ReadingOrder, gates: Mapping[str, DecisionTable], legal_layer: DecisionTable,
                        catalog: QuestionCatalog) -> list[Problem]:
    """Names in rulebook.yaml must agree with the tables and the functions they point to."""
    problems: list[Problem] = []
    groups = {question.group for question in catalog.questions.values()}
    for gate in order.gates:
        table = gates[gate.id]
        if gate.id not in groups:
            problems.append(Problem(FILE, f"gates › {gate.id}", f"ingen fråga i questions.yaml har gruppen {gate.id}; "
                                                              "grindens frågor ska ha grindens namn som grupp."))
        if table.id != gate.id or table.outputs != [gate.id]:
            problems.append(Problem(gate.file, "id", f"grinden heter {gate.id} i rulebook.yaml; tabellens id och "
                                                     f"utdata ska heta likadant ({gate.id})."))
        for key, allowed in gate.applies_when.items():
            possible = ({"iop", "grant", "procurement", "undecided"} if key == "recommendation" else
                        {r.then[key] or "" for r in gates[key].rules} if key in gates else None)
            if possible is None:
                problems.append(Problem(FILE, f"gates › {gate.id} › applies_when",
                                        f"{key!r} är varken en grind eller recommendation."))
            else:
                for value in sorted(set(allowed) - possible):
                    problems.append(Problem(FILE, f"gates › {gate.id} › applies_when",
                                            f"värdet {value!r} kan aldrig förekomma för {key}."))
    if legal_layer.id != order.legal_layer.id:
        problems.append(Problem(order.legal_layer.file, "id",
                                f"det rättsliga lagret ska ha id {order.legal_layer.id}."))
    for entry in order.computed_inputs:
        known = TOTALS if entry.name in CRITERION_KINDS else AMOUNTS
        if entry.function not in known:
            problems.append(Problem(FILE, f"computed_inputs › {entry.name}",
                                    f"funktionen {entry.function!r} finns inte; välj en av: {', '.join(known)}."))
    for derived in order.derived_answers:
        known_functions = FROM_ANSWERS if derived.from_answers_only else FROM_CASE
        where = f"derived_answers › {derived.question}"
        if derived.function not in known_functions:
            problems.append(Problem(FILE, where, f"funktionen {derived.function!r} finns inte; "
                                                 f"välj en av: {', '.join(known_functions)}."))
        for qid in (derived.question, *derived.reads_questions):
            if qid not in catalog.questions:
                problems.append(Problem(FILE, where, f"frågan {qid!r} finns inte i questions.yaml."))
    return problems
