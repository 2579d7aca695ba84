"""Measure the preliminary leaning honestly against decided reference cases.

Take a case the engine decides, hide some of its answers, and see whether the
leaning of the now incomplete case points to the full decision, nowhere, or
the other way. The test suite and bench/bench_leaning.py both use this, so the
figure in the README is the one the tests pin.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations

from iop.engine.evaluation import Engine, case_facts
from iop.engine.leaning import lean
from iop.model.case import ReferenceCase
from iop.rules.state_aid import amount_inputs, compute_figures
from iop.words.clock import swedish_today

GRANT_SIDE = {"iop", "grant"}

COLUMNS = ("avgjort", "lutar grant", "lutar iop", "lutar procurement", "pekar grant", "pekar iop",
           "pekar procurement", "ingen")
"""The confusion table's columns: still decided, leans to an outcome, points to one while a presumption
holds the leaning back ("pekar mot bidrag"), or nowhere."""


def classify(decided: str, leaning: str | None) -> str:
    """agree, neighbour (IOP and grant: both legally grants), opposite (contract against grant side), or none."""
    if leaning is None:
        return "none"
    if leaning == decided:
        return "agree"
    if leaning in GRANT_SIDE and decided in GRANT_SIDE:
        return "neighbour"
    return "opposite"


@dataclass
class Tally:
    """Counts per number of hidden answers and per full decision."""

    by_hidden: dict[int, Counter[str]] = field(default_factory=dict)
    by_decision: dict[str, Counter[str]] = field(default_factory=dict)
    opposite_examples: list[str] = field(default_factory=list)
    blocked: dict[int, Counter[str]] = field(default_factory=dict)
    """Per number hidden: leanings a presumption held back, classified by where the facts pointed."""
    confusion: dict[str, Counter[str]] = field(default_factory=dict)
    """Per full decision: how its variants came out (``COLUMNS``): still decided, leaning to an outcome,
    pointing to one while a presumption holds the leaning back, or nowhere."""

    def variants(self, decided: str) -> int:
        """Every variant of the cases decided ``decided``, still decided ones included."""
        return sum(self.confusion.get(decided, Counter()).values())

    def points_to_rate(self, decided: str, outcome: str, undecided_only: bool = False) -> float:
        """Share of the variants of ``decided`` cases that lean or point to ``outcome``.

        A variant still decided as ``outcome`` counts as pointing there (the tool says so outright);
        with ``undecided_only`` the share is of the leanings alone.
        """
        row = self.confusion.get(decided, Counter())
        hits = row[f"lutar {outcome}"] + row[f"pekar {outcome}"]
        total = sum(v for k, v in row.items() if k != "avgjort")
        if not undecided_only:
            hits += row["avgjort"] if decided == outcome else 0
            total += row["avgjort"]
        return hits / total if total else 0.0

    def add(self, hidden: int, decided: str, kind: str, example: str) -> None:
        self.by_hidden.setdefault(hidden, Counter())[kind] += 1
        self.by_decision.setdefault(decided, Counter())[kind] += 1
        if kind == "opposite" and len(self.opposite_examples) < 20:
            self.opposite_examples.append(example)

    def rate(self, kind: str, hidden: int | None = None, decided: str | None = None) -> float:
        """Share of the leanings (undecided partial cases) that are ``kind``."""
        counts = self.by_hidden[hidden] if hidden is not None else (
            self.by_decision[decided] if decided is not None else sum(self.by_hidden.values(), Counter()))
        leanings = sum(v for k, v in counts.items() if k != "still_decided")
        return counts[kind] / leanings if leanings else 0.0


def _hidden_sets(keys: list[str], hidden: int, sample: int | None, rng: random.Random) -> Iterator[tuple[str, ...]]:
    every = list(combinations(keys, hidden))
    if sample is not None and len(every) > sample:
        every = rng.sample(every, sample)
    yield from every


def measure(engine: Engine, cases: Iterable[ReferenceCase], hide: Iterable[int] = (1, 2, 3),
            sample: int | None = None, seed: int = 2026) -> Tally:
    """Hide 1, 2, 3 answers of each decided case (every combination, or ``sample`` per case and size)."""
    rng = random.Random(seed)
    tally = Tally()
    rulebook = engine.rulebook
    sizes = list(hide)
    for case in cases:
        for set_id in case.expected:
            amounts = amount_inputs(compute_figures(case, rulebook.parameters, case.assessment_date(swedish_today())))
            decided = engine.evaluate(set_id, case_facts(case), amounts).recommendation
            if decided == "undecided":
                continue
            keys = sorted(q for q, a in case.answers.items() if a.option != "unknown")
            for size in sizes:
                for hidden in _hidden_sets(keys, size, sample, rng):
                    partial = case.model_copy(update={"answers": {q: a for q, a in case.answers.items()
                                                                  if q not in hidden}})
                    facts = case_facts(partial)
                    verdict = engine.evaluate(set_id, facts, amounts).recommendation
                    if verdict != "undecided":
                        tally.add(size, decided, "still_decided", "")
                        tally.confusion.setdefault(decided, Counter())["avgjort"] += 1
                        continue
                    core = lean(engine.compiled, set_id, facts, amounts)
                    outcome = core.outcome
                    column = (f"lutar {outcome}" if outcome else f"pekar {core.blocked}" if core.blocked else "ingen")
                    tally.confusion.setdefault(decided, Counter())[column] += 1
                    kind = classify(decided, outcome)
                    if core.blocked is not None:
                        # Held back by a presumption: where the facts pointed, for the record.
                        tally.blocked.setdefault(size, Counter())[classify(decided, core.blocked)] += 1
                    tally.add(size, decided, kind, f"{case.title} [{set_id}] utan {', '.join(hidden)}: "
                                                   f"beslut {decided}, lutning {outcome}")
    return tally
