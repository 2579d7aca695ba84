"""Where a case stands on the axis grant ↔ IOP ↔ procurement, per dimension.

The dimensions and positions are data (criteria/spectrum.yaml); this module
reads the case's answers against them. It places, it does not decide: the
recommendation comes from the decision tables alone, and the picture's
verdict row shows that recommendation (or the preliminary leaning), never a
tendency of its own (``iop.words.voice.Voice.spectrum_verdict`` says it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from iop.io.yaml_models import load_model
from iop.model.source import Source
from iop.rules.rulebook import criteria_dir


class Dimension(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    question: str
    positions: dict[str, float]
    explanation: str
    plain: str | None = None
    """The explanation in plain Swedish for organisation mode (no seed numbers or official terms); a voice
    chooses between the two (``Voice.name(explanation, plain)``)."""


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


def load_spectrum(root: Path | None = None) -> Spectrum:
    """criteria/spectrum.yaml from the same folder as the rulebook (``IOP_CRITERIA_DIR`` when set).

    Read once per folder and process (like the rulebook); callers must not mutate it.
    """
    return _load_spectrum_cached(criteria_dir(root).resolve())


@cache
def _load_spectrum_cached(root: Path) -> Spectrum:
    return load_model(root / "spectrum.yaml", Spectrum, "en spektrumfil")


def place(
    spectrum: Spectrum, facts: Mapping[str, str], option_labels: Mapping[str, Mapping[str, str]],
) -> list[Placement]:
    return [
        Placement(
            dimension=d,
            position=d.positions.get(facts.get(d.question, "")),
            answer_label=option_labels[d.question].get(facts.get(d.question, "")),
        )
        for d in spectrum.dimensions
    ]


POSITION = {"grant": -1.0, "iop": 0.0, "procurement": 1.0}
"""Where each outcome sits on the axis."""
