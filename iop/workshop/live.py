"""A live workshop: its statements, which one is active, and where each one stands.

These are plain values read from the store; the store (``iop_store``) owns the
transitions so that several app processes see the same workshop. The rules the
store enforces are written here once, as pure functions, so they are tested
without a database:

* a statement goes ``waiting`` → ``open`` → ``closed`` → ``revealed``; answers
  are accepted only while it is open, and can be changed until it is closed;
* a closed statement may be opened again until it is revealed, never after
  (answers given after seeing the group's would anchor on it);
* a workshop's join code works until the workshop is ended or expires.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from iop.records.record import STATUS_PREDICATE, CaseStatus
from iop.words.clock import swedish_time
from iop.workshop.statements import Statement

WORKSHOP_LIFETIME = dt.timedelta(hours=24)
"""A code stops working a day after the start: a workshop is one sitting, and an
old code in someone's history must not keep a door open."""


MAX_COMMENT_LENGTH = 500
MAX_NAME_LENGTH = 40

JOIN_WINDOW = dt.timedelta(seconds=60)
JOINS_PER_WINDOW = 80
"""New participants per workshop and minute: a room of sixty scanning the code at once gets in, a script
joining hundreds of times to stuff the barometer does not."""
MAX_PARTICIPANTS = 300


class Phase(str, Enum):
    waiting = "waiting"
    open = "open"
    closed = "closed"
    revealed = "revealed"


PHASE_LABEL = {
    Phase.waiting: "Inte öppnat",
    Phase.open: "Öppet för svar",
    Phase.closed: "Stängt, resultatet dolt",
    Phase.revealed: "Resultatet visat",
}

ALLOWED_MOVES: dict[Phase, frozenset[Phase]] = {
    Phase.waiting: frozenset({Phase.open}),
    Phase.open: frozenset({Phase.closed, Phase.revealed}),
    Phase.closed: frozenset({Phase.open, Phase.revealed}),
    Phase.revealed: frozenset(),
}
"""open → revealed closes and reveals in one step (the facilitator's "Visa resultat")."""


class WorkshopError(Exception):
    """A workshop action that cannot be done now; ``str()`` is the Swedish message."""


def join_refusal(recent_joins: int, participants: int) -> str | None:
    """Why one more participant may not join now (Swedish), or None.

    ``recent_joins`` counts the workshop's joins within JOIN_WINDOW. A browser that
    has joined before comes back as the same participant and is not counted.
    """
    if participants >= MAX_PARTICIPANTS:
        return (f"Workshoppen har redan {MAX_PARTICIPANTS} deltagare och tar inte emot fler. Prata med "
                "samtalsledaren.")
    if recent_joins >= JOINS_PER_WINDOW:
        return ("Många går med i workshoppen just nu. Vänta en halv minut och tryck sedan på Gå med igen; "
                "det du skrev finns kvar.")
    return None


def check_move(current: Phase, target: Phase) -> None:
    if target not in ALLOWED_MOVES[current]:
        if current is Phase.revealed:
            raise WorkshopError("Resultatet är redan visat; påståendet kan inte öppnas igen.")
        raise WorkshopError(f"Påståendet är {PHASE_LABEL[current].lower()} och kan inte bli "
                            f"{PHASE_LABEL[target].lower()} i det här steget.")


class Workshop(BaseModel):
    """One workshop as the pages see it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    number: int
    """Workshop N: the running number the case history names."""
    code: str
    title: str
    created_at: dt.datetime
    expires_at: dt.datetime
    ended_at: dt.datetime | None = None
    case_id: str | None = None
    criteria_set: str | None = None
    statements: tuple[Statement, ...] = Field(min_length=1)
    phases: dict[str, Phase]
    active: str | None = None
    """The statement id participants see now; None before the first is opened."""

    def statement(self, statement_id: str) -> Statement:
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)

    def index(self, statement_id: str) -> int:
        return [s.id for s in self.statements].index(statement_id)

    def joinable(self, now: dt.datetime) -> bool:
        return self.ended_at is None and now < self.expires_at

    def closed_reason(self, now: dt.datetime) -> str | None:
        """Why the code no longer works, in Swedish; None while it works."""
        if self.ended_at is not None:
            return f"Workshoppen avslutades {swedish_time(self.ended_at)}. Koden gäller inte längre."
        if now >= self.expires_at:
            return "Koden har gått ut (en workshop gäller ett dygn). Be samtalsledaren om en ny kod."
        return None


class Participant(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str
    workshop_id: int
    display_name: str = Field(default="", max_length=MAX_NAME_LENGTH)
    joined_at: dt.datetime


class GivenAnswer(BaseModel):
    """One participant's answer as that participant sees it again."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    statement_id: str
    value: int
    comment: str = Field(default="", max_length=MAX_COMMENT_LENGTH)
    changed_at: dt.datetime


class AnonymousAnswer(BaseModel):
    """An answer without who gave it: all that leaves the store for results and export."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: int
    comment: str = ""


class Conclusion(BaseModel):
    """The group's conclusion on one criterion, as recorded into the case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    statement_id: str
    criterion_id: str
    answers: dict[str, str]
    """question id -> chosen option (or "vet_ej")."""
    reasoning: str = Field(min_length=1)
    participants: int
    recorded_at: dt.datetime


def history_note(workshop: Workshop, participants: int, criterion_title: str) -> str:
    """What the case history says about where an answer came from."""
    return (f"Gruppens slutsats om kriteriet \"{criterion_title}\" från workshop {workshop.number} "
            f"den {swedish_time(workshop.created_at, 'date')} med {participants} deltagare.")


def not_for_conclusions(status: CaseStatus) -> str:
    """Why a workshop on a case that is no longer a draft cannot record its conclusions, and what to do."""
    text = (f"Ärendet är {STATUS_PREDICATE[status]}: en workshop kan inte föra in gruppens slutsatser i det. "
            "Starta workshoppen på en kopia av ärendet, eller utan att föra in slutsatser.")
    if status is CaseStatus.assessed:
        text += " Ett bedömt ärende kan också öppnas som utkast igen under Status och historik."
    return text
