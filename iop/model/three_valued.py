"""Three-valued outcomes (met / not met / unknown, with "partly" where allowed).

The conjunction is defined once, here, as the weakest outcome by ``RANK``; the
engine, the criteria and the preliminary leaning all combine outcomes through
``RANK``/``BY_RANK``/``weakest`` so there is a single reading of "and".
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum


class Outcome(str, Enum):
    met = "met"
    partly = "partly"
    unknown = "unknown"
    not_met = "not_met"


# Conjunction order: one failing part fails the whole; otherwise an unknown part
# leaves the whole unknown; otherwise a partial part makes it partial.
_WEAKEST_FIRST = (Outcome.not_met, Outcome.unknown, Outcome.partly, Outcome.met)

RANK: dict[Outcome, int] = {outcome: rank for rank, outcome in enumerate(_WEAKEST_FIRST)}
"""An outcome's strength: the conjunction of outcomes is the one with the lowest rank."""
BY_RANK: dict[int, Outcome] = dict(enumerate(_WEAKEST_FIRST))
MET_RANK = RANK[Outcome.met]
UNKNOWN_RANK = RANK[Outcome.unknown]


def weakest(ranks: Iterable[int]) -> int:
    """The conjunction over ranks; an empty conjunction is met."""
    return min(ranks, default=MET_RANK)


def conjunction(outcomes: Iterable[Outcome]) -> Outcome:
    """Kleene-style AND over outcomes; an empty conjunction is met."""
    return BY_RANK[weakest(RANK[o] for o in outcomes)]
