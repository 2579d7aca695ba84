"""The fact questions an assessor answers, shared by all criteria sets."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from iop.model.source import Source

UNKNOWN = "unknown"
"""The implicit answer to every question: "vet ej", or not answered yet."""

DONT_KNOW = "vet_ej"
"""How a user writes "vet ej" in a case file; read as UNKNOWN."""

NOT_ANSWERED = frozenset({DONT_KNOW, UNKNOWN, ""})
"""Answer values the engine reads as UNKNOWN: "vet ej" as written, the engine's own word, and empty.

A frozenset so the hot loops (``Case.facts``, ``answer_problems``) test a
value with one hash lookup instead of calling ``Answer.option`` per answer,
which costs several times more on a pydantic model.
"""

QuestionGroup = Literal["policy", "grant_form", "contract", "lawful_grant", "state_aid", "procurement_route"]
"""``grant_form``: the facts that tell an ordinary grant from an IOP (how the money is given, whose activity,
who steers, for how long); asked on a step of their own after gate 1."""


class Question(BaseModel):
    """One factual question with its answer options (option id -> Swedish label).

    In the file an option is either one label, which then serves both
    audiences (it is already plain, like "Ja"), or ``{text: ..., plain: ...}``
    when the official wording would puzzle an organisation. ``options`` keeps
    the official labels, so everything that reads them is unchanged;
    ``plain_options`` holds a label for every option in organisation mode.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = ""
    group: QuestionGroup
    text: str
    plain: str
    help: str
    plain_help: str | None = None
    """The help in plain Swedish for organisation mode; without it organisation mode shows no help."""
    prepare: str | None = None
    """What an organisation should prepare on this point before contacting the municipality."""
    prepare_when: dict[str, str] = Field(default_factory=dict)
    """What to prepare once the question is answered with an option (option -> text), in place of ``prepare``:
    a grant decision asks for an application, an agreement both sign for a draft of it."""
    source: Source | None = None
    """Where the question's distinction comes from, for questions that carry one (the grant-or-IOP facts)."""
    options: dict[str, str] = Field(min_length=2)
    plain_options: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _split_plain_options(cls, data: Any) -> Any:
        # An option written as {text, plain} gives its official label to ``options`` and its
        # plain one to ``plain_options``; a single label is used for both.
        if not isinstance(data, dict) or not isinstance(data.get("options"), dict) or "plain_options" in data:
            return data  # not a mapping, or already split (a model dumped and read again)
        official: dict[str, Any] = {}
        plain: dict[str, Any] = {}
        for key, value in data["options"].items():
            if isinstance(value, dict):
                if set(value) != {"text", "plain"} or not all(isinstance(v, str) and v.strip() for v in value.values()):
                    raise ValueError(f"svarsalternativet {key} ska skrivas som {{text: ..., plain: ...}}, med den "
                                     "officiella formuleringen under text och den enkla under plain")
                official[key], plain[key] = value["text"], value["plain"]
            else:
                official[key] = plain[key] = value
        return {**data, "options": official, "plain_options": plain}

    @model_validator(mode="after")
    def _every_option_has_a_plain_label(self) -> Question:
        if set(self.plain_options) != set(self.options):
            missing = ", ".join(sorted(set(self.options) ^ set(self.plain_options)))
            raise ValueError(f"fråga {self.id or '?'}: enkla formuleringar saknas eller är överflödiga för {missing}")
        if unknown := sorted(set(self.prepare_when) - set(self.options)):
            raise ValueError(f"fråga {self.id or '?'}: prepare_when nämner svar som frågan inte har: "
                             f"{', '.join(unknown)}")
        return self

    def option_label(self, option: str) -> str | None:
        """The official label of ``option``; None for an option the question lacks (plain words: the voice)."""
        return self.options.get(option)


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
