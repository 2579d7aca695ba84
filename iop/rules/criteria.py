"""Criteria sets: versioned data describing when an IOP is possible and advisable.

A set is one source's list of criteria (Forum 2015, Kristianstad 2016, ...).
Each criterion names the fact questions it rests on and how each answer bears
on it; evaluation is a pure function of the answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from iop.model.questions import UNKNOWN
from iop.model.source import Source
from iop.model.three_valued import BY_RANK, MET_RANK, RANK, UNKNOWN_RANK, Outcome
from iop.rules.decision_table import Compiled, refuse_booleans

CriterionKind = Literal["necessary", "should"]
"""necessary: "möjlig då" (IOP is possible only if met); should: "bör ingås när"."""

CRITERION_KINDS: frozenset[str] = frozenset(get_args(CriterionKind))
"""Every kind a criterion can be: a computed input named after one (criteria/rulebook.yaml) totals the
criteria of that kind."""

RankedEffects = tuple[tuple[str, dict[str, int]], ...]
"""A criterion compiled: (question id, {answer option or UNKNOWN -> outcome rank}) pairs."""


def criterion_rank(effects: RankedEffects, facts: Mapping[str, str]) -> int:
    """THE criterion outcome, as a rank: the conjunction of what each answer implies.

    An unanswered question counts as unknown. ``Criterion.evaluate``, the
    engine and its what-if all call this one function.
    """
    rank = MET_RANK
    for qid, ranks in effects:
        value = ranks[facts.get(qid, UNKNOWN)]  # the compiled effects map UNKNOWN to UNKNOWN_RANK
        if value < rank:
            rank = value
    return rank


def _iop_only() -> list[Literal["iop", "grant"]]:
    return ["iop"]


class Criterion(Compiled):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    kind: CriterionKind
    help: str
    plain: str
    statement: str = ""
    """The criterion as a statement for a workshop where the municipality's and the organisation's people
    sit together: plain words, addressed to neither (no "ni"); the title is used when it is empty."""
    source: Source
    questions: dict[str, dict[str, Outcome]] = Field(min_length=1)
    """question id -> {answer option -> what that answer means for this criterion}."""
    weight: int = Field(default=1, ge=1, le=3)
    """How much a settled outcome of this criterion counts in the preliminary leaning (source: the criterion's)."""
    met_points_to: list[Literal["iop", "grant"]] = Field(default_factory=_iop_only, min_length=1)
    """Where the criterion, met or partly met, points in the preliminary leaning. A criterion that is as true
    of an ordinary grant as of an IOP (the organisation's initiative, co-financing, no market) points to both,
    so it never tips a case towards IOP on its own (shared/domain.md, "Grant or IOP")."""

    _effects: RankedEffects = PrivateAttr(default=())

    @model_validator(mode="before")
    @classmethod
    def _refuse_unused_and_boolean(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        where = f"kriterium {data.get('id', '?')}"
        for key in ("valid_from", "valid_until"):
            if key in data:
                # A date nothing reads would promise a check that never happens.
                raise ValueError(
                    f"{where}: {key} används inte för enskilda kriterier; ta bort raden. "
                    "Giltigheten anges för hela uppsättningen (valid_from/valid_until överst i filen)."
                )
        questions = data.get("questions")
        if isinstance(questions, Mapping):
            for qid, effects in questions.items():
                refuse_booleans(f"{where} › {qid}", effects)
        return data

    def model_post_init(self, context: Any, /) -> None:
        # UNKNOWN is compiled in as one more option, so reading an answer is one lookup.
        self._effects = tuple(
            (qid, {**{option: RANK[outcome] for option, outcome in effects.items()}, UNKNOWN: UNKNOWN_RANK})
            for qid, effects in self.questions.items()
        )

    @property
    def ranked_effects(self) -> RankedEffects:
        """The compiled form the engine keeps for speed; built here, read by ``criterion_rank``."""
        effects: RankedEffects = self._compiled("_effects")
        return effects

    def evaluate(self, facts: Mapping[str, str]) -> Outcome:
        """The criterion's outcome: the conjunction of what each answer implies."""
        return BY_RANK[criterion_rank(self.ranked_effects, facts)]


class SetReference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str
    title: str
    confidence: str = "verified"


class CriteriaSet(BaseModel):
    """One source's criteria, with the decision table that turns them into advice."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: str
    title: str
    description: str
    reference: SetReference
    valid_from: dt.date
    valid_until: dt.date | None = None
    allows_partly: bool = True
    decision_table: str
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSet:
        ids = [c.id for c in self.criteria]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"kriterie-id förekommer flera gånger: {', '.join(duplicates)}")
        if not self.allows_partly:
            for criterion in self.criteria:
                for effects in criterion.questions.values():
                    if Outcome.partly in effects.values():
                        raise ValueError(
                            f"kriteriet {criterion.id} använder 'partly' "
                            "men uppsättningen tillåter inte delvis uppfyllt"
                        )
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    @property
    def question_ids(self) -> list[str]:
        """Questions this set reads, in the order its criteria ask them."""
        seen: dict[str, None] = {}
        for criterion in self.criteria:
            seen.update(dict.fromkeys(criterion.questions))
        return list(seen)

    def content_hash(self, *extra: BaseModel) -> str:
        """sha256 of the set and what it depends on, so a record names exactly what was used."""
        payload = [self.model_dump(mode="json")] + [m.model_dump(mode="json") for m in extra]
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
