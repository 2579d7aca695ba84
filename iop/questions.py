"""The fact questions an assessor answers, shared by all criteria sets."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

UNKNOWN = "unknown"
"""The implicit answer to every question: "vet ej", or not answered yet."""

DONT_KNOW = "vet_ej"
"""How a user writes "vet ej" in a case file; read as UNKNOWN."""

QuestionGroup = Literal["policy", "contract", "lawful_grant", "state_aid", "procurement_route"]


class Question(BaseModel):
    """One factual question with its answer options (option id -> Swedish label)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = ""
    group: QuestionGroup
    text: str
    plain: str
    help: str
    prepare: str | None = None
    """What an organisation should prepare on this point before contacting the municipality."""
    options: dict[str, str] = Field(min_length=2)


class QuestionCatalog(BaseModel):
    """All questions by id; the file criteria/questions.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    version: str
    questions: dict[str, Question]

    @model_validator(mode="before")
    @classmethod
    def _ids_from_keys(cls, data: Any) -> Any:
        # The id lives as the mapping key in the file; copy it onto each question
        # so a Question can be passed around alone.
        if isinstance(data, dict) and isinstance(data.get("questions"), dict):
            data = dict(data)
            data["questions"] = {
                qid: {**q, "id": qid} if isinstance(q, dict) else q
                for qid, q in data["questions"].items()
            }
        return data
