"""What the room sees of a workshop: the join box, the line above the statement, the figures, the phone's notes.

The projected view, the facilitator's page and the participant's phone draw these;
the rules live here once, so they are tested without a page:

* the join box on the projector is large until someone has joined or a statement
  is shown, one line while a result is shown and small otherwise, so code, question
  and result fit a 1366×768 screen without scrolling; on the facilitator's page it
  is large until someone has joined; once the workshop has ended there is none;
* numbers are written as Swedes write them (``swedish_number``: "3,0");
* a phone whose choice was not sent before the statement closed is told so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from iop.words.swedish import swedish_number
from iop.workshop.codes import format_code
from iop.workshop.live import PHASE_LABEL, AnonymousAnswer, GivenAnswer, Phase, Workshop
from iop.workshop.results import ABSTAIN, CHOICES, SCALE, StatementResult

JoinBox = Literal["large", "small", "line"]

ANSWER_ORDER: tuple[int, ...] = (*SCALE, ABSTAIN)
"""The bars of the result, left to right: the scale, then "vet ej / avstår"."""


def shown_phase(workshop: Workshop) -> Phase | None:
    """Where the statement on the screens stands; None before the first is shown."""
    return workshop.phases[workshop.active] if workshop.active is not None else None


def join_box(workshop: Workshop, participants: int, *, projector: bool) -> JoinBox | None:
    """How large the box with code, link and QR code is drawn; None once the workshop has ended."""
    if workshop.ended_at is not None:
        return None
    if not projector:
        return "small" if participants else "large"
    if participants == 0 and workshop.active is None:
        return "large"
    return "line" if shown_phase(workshop) is Phase.revealed else "small"


def spoken_code(code: str) -> str:
    """The code as a screen reader should say it: one character at a time."""
    return f"Kod {' '.join(code)}"


def waiting_line(workshop: Workshop, participants: int) -> str:
    """What the room sees before the first statement (Markdown)."""
    return (f"Gå med på **{format_code(workshop.code)}**. {participants} deltagare har gått med. "
            "Det första påståendet visas snart.")


def position_line(workshop: Workshop, statement_id: str) -> str:
    return f"Påstående {workshop.index(statement_id) + 1} av {len(workshop.statements)}"


def progress_line(workshop: Workshop, statement_id: str, answers: int, participants: int) -> str:
    """The line above the statement on the screens: where it is, where it stands, how many have answered."""
    return (f"{position_line(workshop, statement_id)} · {PHASE_LABEL[workshop.phases[statement_id]]} · "
            f"{answers} svar av {participants} deltagare")


@dataclass(frozen=True)
class Figure:
    """One figure beside the result's chart."""

    label: str
    value: str
    help: str | None = None


def figures(result: StatementResult) -> list[Figure]:
    """Mean, spread and range in Swedish numbers; none when nobody took a position (or too few answered)."""
    if result.spread is None:
        return []
    return [Figure("Medelvärde (1–5)", swedish_number(result.mean or 0.0, 1)),
            Figure("Spridning (steg)", swedish_number(result.spread, 1),
                   "Standardavvikelse: 0 när alla står på samma steg."),
            Figure("Från – till", f"{result.low} – {result.high}")]


def chart_description(counts: Mapping[int, int]) -> str:
    """The chart as one Swedish sentence for a screen reader (Vega's own descriptions are English)."""
    return "Stapeldiagram, antal svar per alternativ: " + ", ".join(
        f"{CHOICES[v]} {counts[v]}" for v in ANSWER_ORDER) + "."


def comments(answers: Iterable[AnonymousAnswer]) -> list[str]:
    """The comments given with the answers, in the store's order (by value and text, never by who or when)."""
    return [a.comment for a in answers if a.comment]


# --- the participant's phone ---------------------------------------------------------------

def send_label(mine: GivenAnswer | None) -> str:
    return "Ändra mitt svar" if mine is not None else "Skicka svar"


def late_note(pending: int | None, mine: GivenAnswer | None) -> str | None:
    """Said when the phone's last choice never reached the store because the statement closed first."""
    if pending is None or (mine is not None and mine.value == pending):
        return None
    return f"Påståendet stängdes innan ditt val \"{CHOICES[pending]}\" skickades, så det kom inte med."


def closed_note(mine: GivenAnswer | None) -> str:
    """What a phone shows while its statement is not open (Markdown)."""
    if mine is None:
        return "Påståendet är stängt för svar. Vänta på nästa påstående."
    return f"Påståendet är stängt. Ditt svar: **{CHOICES[mine.value]}**. Vänta på nästa påstående."


def saved_note(mine: GivenAnswer) -> str:
    """What a phone shows under its answer once it is stored (Markdown)."""
    return (f"Ditt svar är sparat: **{CHOICES[mine.value]}**. Du kan ändra det tills "
            "samtalsledaren stänger påståendet.")
