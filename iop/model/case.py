"""The case: a proposed activity, its parties, their contributions and the answers.

One pydantic object holds everything an assessor has established. Answers are
keyed by question id; a missing answer and "vet ej" both mean unknown.

Every text has a limit (``LIMITS``): generous for what a field is for, and
together small enough that the largest case the app can hold still exports to a
file its own import accepts (1 MB, even if every character had to be escaped in
the YAML). The pages check a typed text against its limit and say so in Swedish
before anything is lost; a file over a limit is refused with the same message.

Content read back from the register goes through :func:`stored_case`: a text
saved before the limits existed is kept as it is (the page then asks for it to be
shortened) rather than making the case impossible to open.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from iop.model.questions import DONT_KNOW, NOT_ANSWERED, UNKNOWN

LIMITS: dict[str, int] = {
    "title": 200,
    "diarienummer": 64,
    "criteria_set": 64,
    "name": 200,
    "committee": 200,
    "contact": 300,
    "contribution": 500,
    "description": 4000,
    "target_group": 300,
    "area": 300,
    "reasoning": 1200,
    "evidence": 250,
    "evidence_items": 5,
    "answers": 100,
    "subject": 300,
    "decision_body": 200,
    "provision": 100,
    "secrecy_reason": 500,
    "retention_after": 100,
    "retention_basis": 150,
    "memo_short": 1500,
    "memo_long": 3000,
    "list_line": 150,
    "list_items": 10,
    "job_title": 100,
}
"""Characters per text field (items per list): the title and names fit the register's columns too."""


def _limited(field: str) -> Any:
    """The pydantic constraint for ``field``'s limit (checked in pydantic's core: cheap on every validation)."""
    return Field(max_length=LIMITS[field])


Title = Annotated[str, Field(min_length=1, max_length=LIMITS["title"])]
Name = Annotated[str, _limited("name")]
Contact = Annotated[str, _limited("contact")]
ContributionText = Annotated[str, _limited("contribution")]
Reasoning = Annotated[str, _limited("reasoning")]
Evidence = Annotated[list[Annotated[str, _limited("evidence")]], _limited("evidence_items")]
Key = Annotated[str, _limited("criteria_set")]
TOO_LONG = ("string_too_long", "too_long")


class LegalForm(str, Enum):
    """Legal forms of idéburna organisationer named in the domain (003, 004)."""

    ideell_forening = "ideell_forening"
    ekonomisk_forening = "ekonomisk_forening"
    kooperativ = "kooperativ"
    stiftelse = "stiftelse"
    registrerat_trossamfund = "registrerat_trossamfund"
    aktiebolag_svb = "aktiebolag_svb"
    annan = "annan"


class YesNoUnknown(str, Enum):
    yes = "ja"
    no = "nej"
    unknown = "vet_ej"


MAX_SEK = 10**12
"""A thousand billion kronor a year: far above any grant, far below float overflow in the arithmetic."""

MAX_HOURS_PER_YEAR = 10**8
"""A hundred million volunteer hours: more than all Swedish volunteering in a year."""

MAX_DURATION_MONTHS = 600
"""Fifty years: longer than any partnership a municipality would plan."""

SEK_PER_EUR_RANGE = (1.0, 100.0)
"""A plausible exchange rate; the krona has stayed between 8 and 12 per euro since 1999."""


class Contribution(BaseModel):
    """What one party puts into the activity, per year."""

    model_config = ConfigDict(extra="forbid")

    money_sek_per_year: int | None = Field(default=None, ge=0, le=MAX_SEK)
    volunteer_hours_per_year: int | None = Field(default=None, ge=0, le=MAX_HOURS_PER_YEAR)
    premises: ContributionText = ""
    staff: ContributionText = ""
    material: ContributionText = ""
    other: ContributionText = ""

    def contributes(self) -> bool | None:
        """True if anything is put in, False if only zeros were given, None if nothing is known."""
        # Written out rather than with any() over generators: every assessment derives co-financing
        # from both parties' contributions, and this form is several times cheaper.
        if (self.money_sek_per_year or self.volunteer_hours_per_year
                or self.premises.strip() or self.staff.strip() or self.material.strip() or self.other.strip()):
            return True
        if self.money_sek_per_year == 0 or self.volunteer_hours_per_year == 0:
            return False
        return None


class PublicParty(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["kommun", "region"] = "kommun"
    name: Name = ""
    committee: Annotated[str, _limited("committee")] = ""
    contact: Contact = ""
    """Who to contact at the public party (name, e-mail, phone), for the decision document."""
    contribution: Contribution = Field(default_factory=Contribution)


class Organisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = ""
    org_number: str | None = Field(default=None, pattern=r"^\d{6}-\d{4}$")
    legal_form: LegalForm | None = None
    registered_ideburen: YesNoUnknown = YesNoUnknown.unknown
    contact: Contact = ""
    """Who to contact at the organisation (name, e-mail, phone), for the decision document."""
    contribution: Contribution = Field(default_factory=Contribution)

    @field_validator("org_number", mode="before")
    @classmethod
    def _normalised_org_number(cls, value: Any) -> Any:
        """Accept the ways people type an organisationsnummer and store the one form, NNNNNN-NNNN.

        "802001 1234", "8020011234", "802001-1234" and the twelve-digit form with
        the century ("16802001-1234") all mean the same number; rejecting them would
        make a user retype a correct number. Anything else is left for the pattern
        to reject with a message, never dropped.
        """
        if not isinstance(value, str):
            return value
        if not value.strip():
            return None
        digits = re.sub(r"[\s\-‐–]", "", value)
        if digits.isdigit() and len(digits) == 12:
            digits = digits[2:]
        if digits.isdigit() and len(digits) == 10:
            return f"{digits[:6]}-{digits[6:]}"
        return value.strip()


class Activity(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, _limited("description")] = ""
    target_group: Annotated[str, _limited("target_group")] = ""
    area: Annotated[str, _limited("area")] = ""
    start: dt.date | None = None
    planned_duration_months: int | None = Field(default=None, gt=0, le=MAX_DURATION_MONTHS)


class StateAidInput(BaseModel):
    """Figures for the state-aid check that the user can see and change."""

    model_config = ConfigDict(extra="forbid")

    sek_per_eur: float | None = Field(default=None, ge=SEK_PER_EUR_RANGE[0], le=SEK_PER_EUR_RANGE[1],
                                      allow_inf_nan=False)
    other_de_minimis_sek: int | None = Field(default=None, ge=0, le=MAX_SEK)


class Secrecy(BaseModel):
    """The sekretessmarkering a registration carries: none, or the OSL provision and why it applies."""

    model_config = ConfigDict(extra="forbid")

    marked: bool = False
    provision: Annotated[str, _limited("provision")] = ""
    """The provision in offentlighets- och sekretesslagen, e.g. "OSL 31 kap. 16 §"."""
    reason: Annotated[str, _limited("secrecy_reason")] = ""
    """Why the provision may apply, e.g. "uppgifter om organisationens affärsförhållanden"."""

    def marking(self) -> str:
        """The marking as the list shows it: the provision, "Sekretess" if it is not given yet, or empty."""
        return (self.provision.strip() or "Sekretess") if self.marked else ""


class Retention(BaseModel):
    """Bevarande eller gallring, as the municipality's informationshanteringsplan says for this kind of case."""

    model_config = ConfigDict(extra="forbid")

    disposal: Literal["bevaras", "gallras"] = "bevaras"
    after: Annotated[str, _limited("retention_after")] = ""
    """When a gallras case may be disposed of, e.g. "10 år efter ärendets avslut"."""
    basis: Annotated[str, _limited("retention_basis")] = ""
    """The decision or plan that says so, e.g. "Informationshanteringsplan KS 2024/12, punkt 3.4"."""

    def text(self) -> str:
        """Bevaras, or Gallras with when and on what basis, as the document header and the package say it."""
        words = "Bevaras" if self.disposal == "bevaras" else " ".join(p for p in ("Gallras", self.after.strip()) if p)
        return words + (f" ({self.basis.strip()})" if self.basis.strip() else "")


class Registration(BaseModel):
    """What registering the case in the diarium needs besides the diarienummer (OSL 5 kap.)."""

    model_config = ConfigDict(extra="forbid")

    subject: Annotated[str, _limited("subject")] = ""
    """The ärendemening: in brief what the case is about; empty means the case's title."""
    officer: Name = ""
    """The handläggare: name (and unit)."""
    decision_body: Annotated[str, _limited("decision_body")] = ""
    """The beslutsinstans, e.g. "Individ- och familjenämnden"."""
    secrecy: Secrecy = Field(default_factory=Secrecy)
    retention: Retention = Field(default_factory=Retention)


class Memo(BaseModel):
    """What the official writes in the tjänsteskrivelse; an empty text means the generated one is used.

    Kept in the case, so every edit is a revision like any answer, and a bedömd
    case's document keeps what was written when it was frozen.
    """

    model_config = ConfigDict(extra="forbid")

    proposal: Annotated[str, _limited("memo_short")] = ""
    """Förslag till beslut, one decision sentence per line; empty: the sentence made from the recommendation."""
    summary: Annotated[str, _limited("memo_short")] = ""
    """Sammanfattning (five lines at most); empty: made from the case and the recommendation."""
    background: Annotated[str, _limited("memo_long")] = ""
    """The official's own words under Ärendet, before the facts of the case."""
    assessment: Annotated[str, _limited("memo_long")] = ""
    """The official's own words under Bedömning, before the criteria and gates."""
    economy: Annotated[str, _limited("memo_short")] = ""
    """The official's own words under Ekonomiska konsekvenser, after the totals."""
    child_rights: Annotated[str, _limited("memo_short")] = ""
    """Barnrättsbedömning: asked for when the target group includes children."""
    attachments: Annotated[list[Annotated[str, _limited("list_line")]], _limited("list_items")] = Field(
        default_factory=list)
    """Bilagor besides the appendix on how the assessment was made."""
    recipients: Annotated[list[Annotated[str, _limited("list_line")]], _limited("list_items")] = Field(
        default_factory=list)
    """Beslutet skickas till; empty: the organisation."""
    officer_title: Annotated[str, _limited("job_title")] = ""
    """The handläggare's title in the signature block, e.g. "Utvecklingsledare"."""
    manager: Name = ""
    """The chef who signs with the handläggare."""
    manager_title: Annotated[str, _limited("job_title")] = ""


class Answer(BaseModel):
    """An answer to one fact question, with the reasoning and evidence behind it."""

    model_config = ConfigDict(extra="forbid")

    value: Key = DONT_KNOW
    reasoning: Reasoning = ""
    evidence: Evidence = Field(default_factory=list)

    @property
    def option(self) -> str:
        """The answer as the engine reads it: an option id or UNKNOWN."""
        return UNKNOWN if self.value in NOT_ANSWERED else self.value


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    diarienummer: Annotated[str, _limited("diarienummer")] = ""
    date: dt.date | None = None
    criteria_set: Key = "forum-2015"
    public_party: PublicParty = Field(default_factory=PublicParty)
    organisation: Organisation = Field(default_factory=Organisation)
    activity: Activity = Field(default_factory=Activity)
    state_aid: StateAidInput = Field(default_factory=StateAidInput)
    registration: Registration = Field(default_factory=Registration)
    memo: Memo = Field(default_factory=Memo)
    answers: Annotated[dict[Key, Answer], _limited("answers")] = Field(default_factory=dict)

    @field_validator("answers", mode="before")
    @classmethod
    def _hand_written_answers(cls, answers: Any) -> Any:
        """Read the short forms a person writes by hand as full answers.

        A hand-written case may give just the option (`initiative: organisation`),
        and YAML 1.1 reads an unquoted yes/no as a boolean; the options are strings.
        Files the app writes, and most others, already have the full shape (a
        mapping per answer whose value is no boolean): those are returned as they
        are after one cheap pass, since rebuilding the mapping costs about a
        quarter of validating a whole case.
        """
        if not isinstance(answers, dict):
            return answers
        for answer in answers.values():
            if type(answer) is not dict or type(answer.get("value")) is bool:
                break
        else:
            return answers
        normalised: dict[Any, Any] = {}
        for qid, answer in answers.items():
            if isinstance(answer, (str, bool)):
                answer = {"value": answer}
            if isinstance(answer, dict) and isinstance(answer.get("value"), bool):
                answer = {**answer, "value": "yes" if answer["value"] else "no"}
            normalised[qid] = answer
        return normalised

    @property
    def subject(self) -> str:
        """The ärendemening as registered: the one written under Ärendet, else the case's title."""
        return self.registration.subject.strip() or self.title

    def assessment_date(self, today: dt.date | None = None) -> dt.date:
        """The date whose rules and figures apply: the case date, else the start, else today.

        Callers pass Sweden's today (``iop.words.clock.swedish_today``); the server's own date is
        only the fallback of a caller that passes none.
        """
        return self.date or self.activity.start or today or dt.date.today()

    def facts(self) -> dict[str, str]:
        """question id -> option id, for the answered questions only."""
        # ``Answer.option`` inlined: this runs once per assessment over every answer.
        return {qid: value for qid, a in self.answers.items() if (value := a.value) not in NOT_ANSWERED}


class Expected(BaseModel):
    """What a reference case must come out as under one criteria set."""

    model_config = ConfigDict(extra="forbid")

    recommendation: Literal["iop", "grant", "procurement", "undecided"]
    form: str | None = None
    rule: str | None = None


class ReferenceCase(Case):
    """A case file in cases/: a case plus the outcome it is expected to have per set."""

    expected: dict[str, Expected] = Field(default_factory=dict)


def stored_case(content: dict[str, Any]) -> Case:
    """A case as the register stored it, even with a text longer than today's limits.

    The limits are checked in pydantic's core, so the usual case costs nothing extra. A case
    saved before a limit existed fails only on length: it is then validated with those texts
    (and lists) cut to the limit, and the stored ones put back, so nothing is lost and the
    page asks for them to be shortened. Any other problem is raised as it is.
    """
    shortened: Any = content
    too_long: list[tuple[Any, ...]] = []
    for _round in range(4):  # a list too long hides its items' lengths until it is cut: a few rounds
        try:
            case = Case.model_validate(shortened)
            break
        except ValidationError as exc:
            errors = exc.errors()
            if not all(error["type"] in TOO_LONG and error["loc"] for error in errors):
                raise
        shortened = copy.deepcopy(shortened) if shortened is content else shortened
        for error in errors:
            *path, last = error["loc"]
            holder = shortened
            for step in path:
                holder = holder[step]
            holder[last] = holder[last][:error["ctx"]["max_length"]]
            too_long.append(tuple(error["loc"]))
    else:
        return Case.model_validate(content)  # raises: not only lengths are wrong
    for loc in too_long:
        if any(loc[:n] in too_long for n in range(1, len(loc))):
            continue  # a list that was too long is put back whole, with its items
        stored: Any = content
        for step in loc:
            stored = stored[step]
        target: Any = case
        for step in loc[:-1]:
            target = target[step] if isinstance(target, (dict, list)) else getattr(target, str(step))
        if isinstance(target, (dict, list)):
            target[loc[-1]] = stored
        else:
            setattr(target, str(loc[-1]), stored)
    return case
