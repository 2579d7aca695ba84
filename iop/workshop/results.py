"""The barometer's scale and what a group's answers to one statement add up to.

Rules, each chosen so it can be said aloud to the room:

* **Scale.** Five steps from "Håller inte med" (1) to "Håller med" (5), as the
  seed's Åsiktsbarometer runs from "Jag håller INTE med" to "Jag håller med"
  (003), plus "Vet ej / avstår" (0), which counts as an answer but has no
  position.
* **Anonymity.** With fewer than ``MIN_SHOWN`` answers only the count is
  shown: with one or two answers a distribution tells the room who said what.
  The result object then carries no distribution at all, so no page can leak it.
* **Spread** is the standard deviation of the positions, in scale steps
  (0 = everyone on the same step, 2 = half at each end), with the range.
* **Disagreement** ("gruppen är oenig"): at least ``DISAGREEMENT_SHARE`` (a
  quarter) of those who took a position are on each side of the middle
  (steps 1–2 against 4–5). A quarter is the quartile: when the lower and the
  upper quartile of the answers lie on opposite sides, the middle half of the
  group spans the middle of the scale, and the room should talk before it
  concludes. The rule is printed with the marker on the projected view.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from iop.words.swedish import swedish_number

ABSTAIN = 0
SCALE: dict[int, str] = {
    1: "Håller inte med",
    2: "Håller snarare inte med",
    3: "Både och",
    4: "Håller snarare med",
    5: "Håller med",
}
CHOICES: dict[int, str] = {**SCALE, ABSTAIN: "Vet ej / avstår"}
"""Every answer a participant can give, in the order the phone shows them."""

MIN_SHOWN = 3
DISAGREEMENT_SHARE = 0.25
DISAGREEMENT_RULE = (
    "Markeras som oenighet när minst en fjärdedel av dem som tagit ställning håller med "
    "(4–5) och minst en fjärdedel inte håller med (1–2)."
)


class StatementResult(BaseModel):
    """The group's answers to one statement, as far as they may be shown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: int
    """Everyone who answered, "vet ej / avstår" included."""
    shown: bool
    """False below MIN_SHOWN answers: then everything but ``answers`` is empty."""
    counts: dict[int, int] = {}
    """Answer value (0–5) -> how many gave it; all six values present when shown."""
    positioned: int = 0
    mean: float | None = None
    spread: float | None = None
    low: int | None = None
    high: int | None = None
    disagree_share: float | None = None
    agree_share: float | None = None
    disagreement: bool = False


def summarise(values: Iterable[int]) -> StatementResult:
    """Aggregate anonymous answer values (0–5); raises ValueError on anything else."""
    values = list(values)
    wrong = [v for v in values if v not in CHOICES]
    if wrong:
        raise ValueError(f"ogiltiga svar: {sorted(set(wrong))}")
    if len(values) < MIN_SHOWN:
        return StatementResult(answers=len(values), shown=False)
    counts = Counter(values)
    positions = [v for v in values if v != ABSTAIN]
    result = StatementResult(
        answers=len(values), shown=True, counts={v: counts.get(v, 0) for v in CHOICES},
        positioned=len(positions),
    )
    if not positions:
        return result
    disagree = sum(1 for v in positions if v <= 2) / len(positions)
    agree = sum(1 for v in positions if v >= 4) / len(positions)
    return result.model_copy(update={
        "mean": statistics.fmean(positions),
        "spread": statistics.pstdev(positions),
        "low": min(positions),
        "high": max(positions),
        "disagree_share": disagree,
        "agree_share": agree,
        "disagreement": disagree >= DISAGREEMENT_SHARE and agree >= DISAGREEMENT_SHARE,
    })


def describe(result: StatementResult) -> str:
    """One Swedish sentence for a screen reader and the Markdown summary."""
    if not result.shown:
        return (f"{result.answers} svar. Fördelningen visas först när minst {MIN_SHOWN} har svarat, "
                "så att ingen enskild persons svar kan utläsas.")
    parts = [f"{result.answers} svar"]
    parts += [f"{CHOICES[v].lower()}: {result.counts[v]}" for v in (*SCALE, ABSTAIN)]
    text = ", ".join(parts) + "."
    if result.spread is not None:
        text += (f" Medelvärde {_num(result.mean)} och spridning {_num(result.spread)} steg "
                 f"(från {result.low} till {result.high}).")
    if result.disagreement:
        text += " Gruppen är oenig."
    return text


def _num(value: float | None) -> str:
    return "–" if value is None else swedish_number(value, 1)
