"""Where a criterion, a rule or a parameter comes from.

Every statement the tool shows a user must cite its source, and items the
project could not verify are shown as "kontrollera" rather than as fact.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iop.model.source_pages import PAGE_WORDS


class Confidence(str, Enum):
    """How far the project has checked a source (see shared/legal.md)."""

    verified = "verified"
    secondary = "secondary"
    unverified = "unverified"


DOCUMENT_TITLES = {
    "000_41bacc48a6b46864.txt": "Överenskommelsen i Stockholms stad (2012)",
    "001_d809a0f2c92bb39f.txt": "Överenskommelsen i Stockholms stad (2012)",
    "002_28c4110add3e1b7c.txt": "Samverkansöverenskommelsen i Södertälje",
    "003_23375ff4cec2f418.txt": "Forum, Värmland 2015",
    "004_d3027143dea56030.txt": "Överenskommelsen i Kristianstad (2016)",
}
"""What a reader sees for a seed document: its title, never the stored file's name."""


class Source(BaseModel):
    """A citation: a seed document with a quote, or a legal reference, or both."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str | None = None
    title: str | None = None
    quote: str | None = None
    page: int | None = Field(default=None, ge=1)
    """The slide or page of the document the quote stands on (see ``iop.model.source_pages``)."""
    page_to: int | None = Field(default=None, ge=1)
    """The last page when the quote runs over several (Kristianstad's definition, sida 5–6)."""
    reference: str | None = None
    verbatim: bool = True
    confidence: Confidence = Confidence.verified

    @model_validator(mode="after")
    def _names_something(self) -> Source:
        if not (self.document or self.reference):
            raise ValueError("en källa måste ange ett dokument eller en hänvisning")
        if self.page_to is not None and (self.page is None or self.page_to < self.page):
            raise ValueError("page_to kräver page och får inte vara mindre än page")
        return self

    @property
    def needs_checking(self) -> bool:
        """True when the user must be told to check the source before relying on it."""
        return self.confidence is Confidence.unverified or not self.verbatim

    @property
    def document_title(self) -> str | None:
        """The document as a reader knows it ("Forum, Värmland 2015"), not its file name."""
        if not self.document:
            return None
        return DOCUMENT_TITLES.get(self.document, self.title or self.document)

    @property
    def location(self) -> str | None:
        """The document and where in it, as a reader looks it up: "Forum, Värmland 2015, bild 33"."""
        title = self.document_title
        if title is None or self.page is None:
            return title
        word = PAGE_WORDS.get(self.document or "", "sida")
        pages = f"{self.page}–{self.page_to}" if self.page_to and self.page_to != self.page else str(self.page)
        return f"{title}, {word} {pages}"

    def cite(self) -> str:
        """One line for a report: reference or document with its slide or page, then the quote."""
        parts = [p for p in (self.reference, self.location) if p]
        text = "; ".join(parts)
        if self.quote:
            mark = "”" if self.verbatim else ""
            text += f": {mark}{self.quote}{mark}" if self.verbatim else f" (sammanfattning: {self.quote})"
        if self.needs_checking:
            text += " [kontrollera]"
        return text
