"""Where a case stands on the axis grant ↔ IOP ↔ procurement, per dimension.

The dimensions and positions are data (criteria/spectrum.yaml); this module
reads the case's answers against them. It places, it does not decide: the
recommendation comes from the decision tables alone, and the picture's
verdict row shows that recommendation (or the preliminary leaning), never a
tendency of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from iop.engine.leaning import leaning_sentence, plain_leaning, settle_line
from iop.io.yaml_models import load_model
from iop.model.assessment_record import Assessment
from iop.model.source import Source
from iop.rules.rulebook import criteria_dir
from iop.words.swedish import RECOMMENDATION_SHORT, verdict_name


class Dimension(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    question: str
    positions: dict[str, float]
    explanation: str
    plain: str | None = None
    """The explanation in plain Swedish for organisation mode (no seed numbers or official terms)."""

    def explained(self, plain: bool) -> str:
        return (self.plain or self.explanation) if plain else self.explanation


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


@dataclass(frozen=True)
class SpectrumVerdict:
    """What the picture's verdict row shows: the recommendation, or on an undecided case the leaning.

    There is one verdict and one leaning in the tool: the picture never computes
    its own from the dimensions, so it can never disagree with the recommendation.
    """

    outcome: str | None
    preliminary: bool
    label: str
    explanation: str


def spectrum_verdict(assessment: Assessment, plain: bool = False) -> SpectrumVerdict:
    """The verdict row for ``assessment``, with why: the deciding rule, or the leaning and why it is preliminary.

    ``plain`` is for organisation mode: the same verdict, said without rule ids or legal references.
    """
    rule = assessment.rule
    if assessment.recommendation != "undecided":
        outcome = assessment.recommendation
        if plain:
            why = ("Det avgörs av vad lagen kräver, före kriterierna" if rule.layer == "legal"
                   else "Det avgörs av hur svaren stämmer med kriterierna")
            return SpectrumVerdict(
                outcome=outcome, preliminary=False,
                label=f"Rekommendation: {verdict_name(outcome, assessment.form, plain=True)}",
                # The label names the recommendation; the explanation says why, not the verdict again.
                explanation=f"{why}; punkterna visar varje svar för sig och väger inte upp det.",
            )
        reason = ("En rättslig grind avgör före kriterierna" if rule.layer == "legal"
                  else "Kriterierna avgör enligt beslutstabellen")
        return SpectrumVerdict(
            outcome=outcome, preliminary=False,
            label=f"Rekommendation: {verdict_name(outcome, assessment.form)}",
            explanation=(f"{reason} (regel {rule.id}): "
                         f"{rule.annotation} Punkterna visar varje svar för sig; de väger inte upp regeln."),
        )
    leaning = assessment.leaning
    if leaning is None:
        return SpectrumVerdict(outcome=None, preliminary=True, label="Ingen lutning ännu",
                               explanation="Ärendet går inte att avgöra ännu.")
    stopping = leaning.settle[0] if leaning.settle and leaning.settle[0].answer else None
    if stopping is not None:
        # A gate stops the case whatever the points say: the verdict row says so and why.
        label = "Stoppas av lagen" if plain else "Stoppas av en grind"
        if plain:
            return SpectrumVerdict(outcome=None, preliminary=True, label=label,
                                   explanation=plain_leaning(leaning))
        return SpectrumVerdict(
            outcome=None, preliminary=True, label=label,
            explanation=(f"Preliminär bedömning: ärendet är oavgjort, en rättslig grind stoppar det (regel {rule.id}). "
                         f"{rule.annotation} "
                         f"Det som avgör: {settle_line(stopping)} Punkterna visar varje svar för sig; "
                         "de väger inte upp grinden."),
        )
    label = ("Ingen lutning ännu" if leaning.outcome is None
             else f"Preliminärt: lutar åt {RECOMMENDATION_SHORT[leaning.outcome]}")
    if plain:
        return SpectrumVerdict(outcome=leaning.outcome, preliminary=True, label=label,
                               explanation=plain_leaning(leaning))
    tail = leaning.not_yet if leaning.outcome is not None else "Punkterna visar varje svar för sig."
    sentence = leaning_sentence(leaning)
    return SpectrumVerdict(outcome=leaning.outcome, preliminary=True, label=label,
                           explanation=f"Preliminär bedömning: {sentence[:1].lower()}{sentence[1:]} {tail}")
