"""Where a criterion, a rule or a parameter comes from.

Every statement the tool shows a user must cite its source, and items the
project could not verify are shown as "kontrollera" rather than as fact.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, model_validator


class Confidence(str, Enum):
    """How far the project has checked a source (see shared/legal.md)."""

    verified = "verified"
    secondary = "secondary"
    unverified = "unverified"


class Source(BaseModel):
    """A citation: a seed document with a quote, or a legal reference, or both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str | None = None
    title: str | None = None
    quote: str | None = None
    reference: str | None = None
    verbatim: bool = True
    confidence: Confidence = Confidence.verified

    @model_validator(mode="after")
    def _names_something(self) -> Source:
        if not (self.document or self.reference):
            raise ValueError("en källa måste ange ett dokument eller en hänvisning")
        return self

    @property
    def needs_checking(self) -> bool:
        """True when the user must be told to check the source before relying on it."""
        return self.confidence is Confidence.unverified or not self.verbatim

    def cite(self) -> str:
        """One line for a report: reference or document, then the quote."""
        parts = [p for p in (self.reference, self.document) if p]
        text = "; ".join(parts)
        if self.quote:
            mark = "”" if self.verbatim else ""
            text += f": {mark}{self.quote}{mark}" if self.verbatim else f" (sammanfattning: {self.quote})"
        if self.needs_checking:
            text += " [kontrollera]"
        return text
