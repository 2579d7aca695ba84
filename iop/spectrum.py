"""Where a case stands on the axis grant ↔ IOP ↔ procurement, per dimension.

The dimensions and positions are data (criteria/spectrum.yaml); this module
reads the case's answers against them. It places, it does not decide: the
recommendation comes from the decision tables alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from iop.files import load_model
from iop.rulebook import DEFAULT_CRITERIA_DIR
from iop.source import Source


class Dimension(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    question: str
    positions: dict[str, float]
    explanation: str


class Spectrum(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    version: str
    source: Source
    dimensions: list[Dimension] = Field(min_length=1)


@dataclass(frozen=True)
class Placement:
    dimension: Dimension
    position: float | None
    """-1 grant, 0 IOP, +1 procurement; None while the question is unanswered."""
    answer_label: str | None


@cache
def load_spectrum(root: Path | None = None) -> Spectrum:
    """The spectrum file, read once per process (like the rulebook); callers must not mutate it."""
    return load_model((root or DEFAULT_CRITERIA_DIR) / "spectrum.yaml", Spectrum, "en spektrumfil")


def place(spectrum: Spectrum, facts: Mapping[str, str], option_labels: Mapping[str, Mapping[str, str]]) -> list[Placement]:
    return [
        Placement(
            dimension=d,
            position=d.positions.get(facts.get(d.question, "")),
            answer_label=option_labels[d.question].get(facts.get(d.question, "")),
        )
        for d in spectrum.dimensions
    ]


def leaning(placements: list[Placement]) -> str | None:
    """Which end the answered dimensions lean to on average: grant, iop or procurement."""
    known = [p.position for p in placements if p.position is not None]
    if not known:
        return None
    mean = sum(known) / len(known)
    return "grant" if mean < -0.33 else "procurement" if mean > 0.33 else "iop"
