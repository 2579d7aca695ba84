"""What a workshop asks: statements, from a case's criteria or from a free list.

A workshop is the seed's "Åsiktsbarometer" (003): participants place
themselves between "Jag håller INTE med" and "Jag håller med" on one statement
at a time. From a case, each criterion of the case's criteria set becomes one
statement in plain words addressed to neither side (a workshop mixes officials,
politicians and members of the organisation: "Organisationen bestämmer själv hur
arbetet görs", not "Ni ska själva bestämma"), with the criterion's questions as
what to think about. The
facilitator's conclusion then maps back onto those questions in the case.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from iop.io.errors import InputError, Problem
from iop.model.case import Case
from iop.rules.rulebook import Rulebook

MAX_STATEMENTS = 40
"""More statements than this is not a workshop but a survey; a pasted document is refused."""

MAX_STATEMENT_LENGTH = 300

SEED_STATEMENTS: tuple[str, ...] = (
    "Min organisation har något att tillföra till Värmlands utveckling!",
    "Vi har redan tillräckligt bra samverkan mellan offentligt och idéburet i länet!",
    "Vi i Värmland bör fortsätta arbetet med att få till en överenskommelse i länet!",
    "Överenskommelsearbetet kan göras utan att kosta pengar",
    "Den Värmländska överenskommelsen bör vara avgränsad till att bara gälla det sociala området!",
    "Integrationsarbetet ska vara utanför den Värmländska överenskommelsen!",
    "Den kommande regionen i Värmland är viktig för överenskommelsearbetet",
)
"""The Åsiktsbarometer statements of the Värmland presentation (003), verbatim."""


class Statement(BaseModel):
    """One statement to place oneself on; ``criterion_id`` links it back to a case."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    text: str = Field(min_length=1, max_length=MAX_STATEMENT_LENGTH)
    context: tuple[str, ...] = ()
    """Plain-language questions to think about before answering."""
    criterion_id: str | None = None
    question_ids: tuple[str, ...] = ()

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("påståendet är tomt")
        return text.strip()


def statements_from_case(case: Case, rulebook: Rulebook) -> list[Statement]:
    """One statement per criterion of the case's set, in the set's order, in words for a mixed room.

    The room holds the municipality's people and the organisation's, so a statement speaks of
    "organisationen" and "kommunen", never to one of them as "ni" (``Criterion.statement``); the
    questions to think about are the questions' neutral wording, not the organisation mode's.
    """
    criteria_set = rulebook.sets[case.criteria_set]
    questions = rulebook.questions.questions
    return [
        Statement(
            id=criterion.id.replace(".", "-").lower(),
            text=criterion.statement or criterion.title,
            context=tuple(questions[q].text for q in criterion.questions if q in questions),
            criterion_id=criterion.id,
            question_ids=tuple(criterion.questions),
        )
        for criterion in criteria_set.criteria
    ]


def statements_from_text(text: str) -> list[Statement]:
    """A free list, one statement a line; bullets and numbering are dropped.

    Raises InputError with a Swedish message naming the line when the list is
    empty, too long, or a statement is longer than fits on a phone screen.
    """
    lines = [_strip_bullet(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError([Problem(file="", field="påståenden", message="Skriv minst ett påstående, ett per rad.")])
    if len(lines) > MAX_STATEMENTS:
        raise InputError([Problem(
            file="", field="påståenden",
            message=f"Listan har {len(lines)} påståenden; högst {MAX_STATEMENTS} ryms i en workshop. Dela upp den.",
        )])
    problems = [
        Problem(file="", field=f"påstående {i}", message=(
            f"Påstående {i} har {len(line)} tecken; korta det till högst {MAX_STATEMENT_LENGTH} "
            "så att det får plats på en mobilskärm."))
        for i, line in enumerate(lines, start=1) if len(line) > MAX_STATEMENT_LENGTH
    ]
    if problems:
        raise InputError(problems)
    return [Statement(id=f"p{i}", text=line) for i, line in enumerate(lines, start=1)]


def _strip_bullet(line: str) -> str:
    line = line.strip()
    for prefix in ("•", "-", "*", "–"):
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    head, dot, rest = line.partition(".")
    if dot and head.isdigit():
        return rest.strip()
    return line
