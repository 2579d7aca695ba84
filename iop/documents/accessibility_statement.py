"""The tillgänglighetsredogörelse: what the law asks the statement to say, read from one file the municipality edits.

Lag (2018:1937) om tillgänglighet till digital offentlig service (DOS-lagen) asks a
public body to publish an accessibility statement for its digital service, and
Digg's föreskrifter (MDFFS 2019:2) and Digg's guidance ("Skapa en
tillgänglighetsredogörelse", digg.se) say what it holds: the public body and the
service, how far the service complies (helt, delvis or inte förenlig), a complete
list of what is not accessible and why, content exempted as a disproportionate
burden (12 §) or outside the law (9 §), the date of the assessment and how it was
made, the date of the last update, a way to report a problem or ask for content in
another form, and Digg's reporting route.

The text lives in ``content/tillganglighet.yaml`` (or the file ``IOP_ACCESSIBILITY_STATEMENT``
names), read with the project's safe YAML loader and checked here: a statement that
says "helt förenlig" lists no deviations, one that says "delvis" or "inte" lists at
least one, dates are not in the future and the assessment is not newer than the
update. Fields the municipality has not filled in keep Digg's placeholder form
``{…}`` and are listed by :func:`unfilled` so the page can say so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from iop.io.yaml_models import load_model
from iop.words.clock import swedish_today

STATEMENT_FILE = Path(__file__).resolve().parents[2] / "content" / "tillganglighet.yaml"
"""The statement the app ships with; ``IOP_ACCESSIBILITY_STATEMENT`` names another file."""

STATEMENT_ENV = "IOP_ACCESSIBILITY_STATEMENT"

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
"""Digg's template marks what must be filled in as {…}; such a field is not filled in yet."""

WCAG_CRITERION = re.compile(r"^[1-4]\.\d{1,2}\.\d{1,2}$")
AXE_RULE = re.compile(r"^[a-z0-9-]+$")

DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


class Compliance(StrEnum):
    """Digg's three wordings for how far the service complies with the law."""

    full = "helt"
    partial = "delvis"
    none = "inte"


COMPLIANCE_WORDS = {Compliance.full: "helt förenlig", Compliance.partial: "delvis förenlig",
                    Compliance.none: "inte förenlig"}


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("får inte vara tomt.")
    return value


class Deviation(BaseModel):
    """One thing in the service that is not accessible: what, for whom, why, and what to do instead."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    summary: str
    details: str
    reason: str
    where: str | None = None
    alternative: str | None = None
    wcag: list[str] = Field(min_length=1)
    axe_rules: list[str] = []
    """axe-core rule ids that find this deviation; the axe test holds the statement to them both ways."""

    @field_validator("summary", "details", "reason")
    @classmethod
    def _filled(cls, value: str) -> str:
        return _text(value)

    @field_validator("wcag")
    @classmethod
    def _criteria(cls, value: list[str]) -> list[str]:
        wrong = [c for c in value if not WCAG_CRITERION.match(c)]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} är inte ett framgångskriterium i WCAG; skriv t.ex. 1.3.1.")
        return value

    @field_validator("axe_rules")
    @classmethod
    def _rules(cls, value: list[str]) -> list[str]:
        wrong = [r for r in value if not AXE_RULE.match(r)]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} är inte ett regelnamn i axe-core; skriv t.ex. color-contrast.")
        return value


class Exemption(BaseModel):
    """Content exempted from the requirements (12 §) or outside the law (9 §), with the reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    summary: str
    reason: str

    @field_validator("summary", "reason")
    @classmethod
    def _filled(cls, value: str) -> str:
        return _text(value)


class Feedback(BaseModel):
    """How a user reports a problem or asks for content in another form (meddelandefunktion)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    email: str | None = None
    phone: str | None = None
    web_form: str | None = None
    postal_address: str | None = None
    response_time: str | None = None

    @model_validator(mode="after")
    def _some_way(self) -> Feedback:
        if not (self.email or self.phone or self.web_form):
            raise ValueError("ange minst ett sätt att nå er: e-post, telefon eller ett webbformulär.")
        return self


class Enforcement(BaseModel):
    """The supervisory authority (Digg) and how to report to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    authority: str
    report_url: str
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None


class Automated(BaseModel):
    """The automated part of an assessment: which tool and version, in which browser, against what."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tool: str
    version: str
    browser: str
    rules: str


class Assessment(BaseModel):
    """When and how the service was assessed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    method: str
    automated: Automated | None = None
    manual_checks: list[str] = []
    not_tested: list[str] = []


class AccessibilityStatement(BaseModel):
    """A tillgänglighetsredogörelse with the contents Digg asks for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    public_body: str
    service: str
    address: str | None = None
    compliance: Compliance
    standard: str
    deviations: list[Deviation] = []
    disproportionate_burden: list[Exemption] = []
    not_covered: list[Exemption] = []
    feedback: Feedback
    enforcement: Enforcement
    assessment: Assessment
    updated: dt.date

    @model_validator(mode="after")
    def _consistent(self) -> AccessibilityStatement:
        listed = self.deviations or self.disproportionate_burden
        if self.compliance is Compliance.full and listed:
            raise ValueError("redogörelsen säger att tjänsten är helt förenlig men listar brister; ändra "
                             "compliance till delvis eller inte, eller ta bort bristerna som är åtgärdade.")
        if self.compliance is not Compliance.full and not listed:
            raise ValueError(f"redogörelsen säger att tjänsten är {COMPLIANCE_WORDS[self.compliance]} men listar "
                             "inga brister; Digg kräver en fullständig förteckning av det som inte är tillgängligt.")
        ids = [d.id for d in self.deviations]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"bristen {', '.join(twice)} står två gånger; varje brist behöver ett eget id.")
        if self.assessment.date > self.updated:
            raise ValueError("bedömningen är gjord efter att redogörelsen senast uppdaterades; sätt updated "
                             "till dagens datum när ni för in resultatet av en ny bedömning.")
        today = swedish_today()  # the statement's dates are Swedish dates, whatever the server's zone
        for name, day in (("bedömningsdatum", self.assessment.date), ("senast uppdaterad", self.updated)):
            if day > today:
                raise ValueError(f"{name} {day.isoformat()} ligger i framtiden.")
        return self

    def axe_rules(self) -> dict[str, str]:
        """Each axe-core rule the statement names, and the id of the deviation that names it."""
        return {rule: d.id for d in self.deviations for rule in d.axe_rules}


def statement_path() -> Path:
    """The file the statement is read from: ``IOP_ACCESSIBILITY_STATEMENT`` or the one shipped in content/."""
    chosen = os.environ.get(STATEMENT_ENV, "").strip()
    return Path(chosen) if chosen else STATEMENT_FILE


def load_statement(path: Path | None = None) -> AccessibilityStatement:
    """Read and check the statement; an InputError says in Swedish what is wrong and where."""
    return load_model(path or statement_path(), AccessibilityStatement, "en tillgänglighetsredogörelse")


FIELD_NAMES = {
    "public_body": "kommunens namn", "service": "tjänstens namn", "address": "tjänstens webbadress",
    "standard": "kraven", "feedback.email": "e-postadress", "feedback.phone": "telefonnummer",
    "feedback.web_form": "webbformulär", "feedback.postal_address": "postadress",
    "feedback.response_time": "svarstid", "assessment.method": "hur bedömningen gjordes",
}
"""The fields a municipality fills in, in its words, for the list of what is still missing."""


def field_name(path: str) -> str:
    """A path from :func:`unfilled` in Swedish: ``feedback.email`` -> e-postadress (``path`` if unnamed)."""
    if path in FIELD_NAMES:
        return FIELD_NAMES[path]
    found = re.match(r"^deviations\[(\d+)\]", path)
    return f"brist nr {int(found.group(1)) + 1} ({path})" if found else path


def unfilled(statement: AccessibilityStatement) -> list[str]:
    """The fields that still hold a {…} placeholder, as dotted paths (``feedback.email``)."""
    found: list[str] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            if PLACEHOLDER.search(value):
                found.append(path)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{path}.{name}" if path else name)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(statement, "")
    return found


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def long_date(day: dt.date) -> str:
    """A date as Swedish prose writes it: 5 december 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
