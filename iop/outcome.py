"""Three-valued outcomes (met / not met / unknown, with "partly" where allowed)."""

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


def conjunction(outcomes: Iterable[Outcome]) -> Outcome:
    """Kleene-style AND over outcomes; an empty conjunction is met."""
    seen = set(outcomes)
    for outcome in _WEAKEST_FIRST:
        if outcome in seen:
            return outcome
    return Outcome.met
