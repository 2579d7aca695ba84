"""Dated parameters (OpenFisca style): a value per start date, ``null`` ends validity.

Legal figures such as the de minimis ceilings change on known dates; a case
is judged by the figures in force on its date, and the record says which.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from iop.model.source import Confidence


class ParameterValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float | None
    reference: str | None = None
    confidence: Confidence = Confidence.verified


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = ""
    description: str
    unit: str
    reference: str
    values: dict[dt.date, ParameterValue] = Field(min_length=1)

    def at(self, day: dt.date) -> ParameterValue | None:
        """The value in force on ``day``, or None before the first date or after a null."""
        current: ParameterValue | None = None
        for start in sorted(self.values):
            if start > day:
                break
            current = self.values[start]
        if current is None or current.value is None:
            return None
        return current
