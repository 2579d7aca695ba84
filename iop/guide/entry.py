"""What a user types into a case: checked, kept when it is wrong, and said back in Swedish.

The pages bind their fields to the case through these rules. A value that fails
validation never reaches the case, yet nothing typed is lost: the field keeps it,
the case keeps its last valid value, and the message says what is wrong (a text
over its limit says it is kept in the field until it is shorter).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from iop.io.errors import problems_from_validation
from iop.model.case import LIMITS, TOO_LONG, Answer, Case
from iop.model.questions import DONT_KNOW

M = TypeVar("M", bound=BaseModel)

KEPT = " Det du skrev finns kvar i fältet men sparas först när det är kortare."
"""Said after a too-long text: nothing typed is lost, and the saved value is the last one that fitted."""
ANSWER_LABELS = {"reasoning": "Motivering", "evidence": "Underlag"}
"""An answer's parts as its messages name them."""


def count(number: int) -> str:
    """A count as the register's other messages write it (iop.io.errors): 4 000."""
    return f"{number:,}".replace(",", " ")


def too_long(label: str, text: str, field: str) -> str | None:
    """The message for a text over its limit (``LIMITS[field]``), or None when it fits."""
    limit = LIMITS[field]
    if len(text) <= limit:
        return None
    return f"{label}: texten är {count(len(text))} tecken lång; högst {count(limit)} tecken får plats.{KEPT}"


def title_problem(title: str) -> str | None:
    """What is wrong with a case's title as typed (empty, or too long), or None."""
    if not title.strip():
        return "Rubrik: får inte vara tom; skriv en rubrik för ärendet."
    return too_long("Rubrik", title.strip(), "title")


def updated(model: type[M], current: M, data: dict[str, Any], where: str) -> tuple[M, list[str]]:
    """``current`` updated with ``data`` if valid; otherwise every other field updated, and the messages.

    Only the invalid fields keep their last valid value (from ``current``); each message names
    ``where`` and the field, and quotes what is wrong (the caller shows it as typed text).
    """
    try:
        return model.model_validate({**current.model_dump(), **data}), []
    except ValidationError as exc:
        messages = [f"{where} › {problem.field}: {problem.message}{KEPT if error['type'] in TOO_LONG else ''}"
                    for problem, error in zip(problems_from_validation(exc), exc.errors(), strict=True)]
        invalid = {error["loc"][0] for error in exc.errors() if error["loc"]}
        kept = {name: value for name, value in data.items() if name not in invalid}
        try:
            return model.model_validate({**current.model_dump(), **kept}), messages
        except ValidationError:
            return current, messages


def store_answer(case: Case, qid: str, choice: str | None, reasoning: str, evidence: str) -> list[str]:
    """Write one question's fields into the case; a question left wholly blank has no answer.

    Evidence is one item per non-empty line. A reasoning or evidence over its limit is not
    written (the case keeps the answer it had) and the returned messages say so.
    """
    lines = [line.strip() for line in evidence.splitlines() if line.strip()]
    if choice is None and not reasoning.strip() and not lines:
        case.answers.pop(qid, None)
        return []
    try:
        case.answers[qid] = Answer(value=choice or DONT_KNOW, reasoning=reasoning, evidence=lines)
    except ValidationError as exc:
        messages = []
        for problem, error in zip(problems_from_validation(exc), exc.errors(), strict=True):
            where = ANSWER_LABELS.get(str(error["loc"][0]), "Svaret") if error["loc"] else "Svaret"
            if len(error["loc"]) > 1:  # one line of the evidence
                where += f", rad {int(error['loc'][1]) + 1}"
            kept = KEPT if error["type"] in TOO_LONG else ""
            messages.append(f"{where}: {problem.message}{kept}")
        return messages
    return []
