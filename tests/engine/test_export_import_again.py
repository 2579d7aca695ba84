"""Everything the app can hold, it exports to a file its own import takes back unchanged.

The per-field limits (``iop.model.case.LIMITS``) are what makes this true: the
largest case the app accepts, with every character one that YAML must escape,
still fits the import's 1 MB. A text over a limit is refused with a Swedish
message that says how long it is and how much fits.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any

import annotated_types
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from iop.engine.case_import import case_from_bytes, case_to_yaml
from iop.io.errors import problems_from_validation
from iop.io.yaml_models import MAX_FILE_BYTES
from iop.model.case import (
    LIMITS,
    MAX_DURATION_MONTHS,
    MAX_HOURS_PER_YEAR,
    MAX_SEK,
    SEK_PER_EUR_RANGE,
    Activity,
    Answer,
    Case,
    Contribution,
    LegalForm,
    Memo,
    Organisation,
    PublicParty,
    Registration,
    Retention,
    Secrecy,
    StateAidInput,
    YesNoUnknown,
    stored_case,
)
from iop.model.questions import DONT_KNOW
from iop.rules import load_rulebook

RULEBOOK = load_rulebook()
# Anything a browser can send: every Unicode character but the lone surrogates UTF-8 cannot carry.
CHARACTERS = st.characters(exclude_categories=("Cs",))


def text(field: str) -> st.SearchStrategy[str]:
    """Any short text, or a text right at the limit (a few characters repeated: full length, little entropy)."""
    limit = LIMITS[field]
    at_limit = st.builds(lambda piece: (piece * limit)[:limit], st.text(CHARACTERS, min_size=1, max_size=4))
    return st.one_of(st.text(CHARACTERS, max_size=min(limit, 30)), at_limit)


def contributions() -> st.SearchStrategy[Contribution]:
    return st.builds(Contribution, money_sek_per_year=st.none() | st.integers(0, MAX_SEK),
                     volunteer_hours_per_year=st.none() | st.integers(0, MAX_HOURS_PER_YEAR),
                     premises=text("contribution"), staff=text("contribution"), material=text("contribution"),
                     other=text("contribution"))


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Answer]:
    questions = RULEBOOK.questions.questions
    chosen = draw(st.lists(st.sampled_from(sorted(questions)), unique=True, max_size=len(questions)))
    return {qid: Answer(value=draw(st.sampled_from([*questions[qid].options, DONT_KNOW])),
                        reasoning=draw(text("reasoning")),
                        evidence=draw(st.lists(text("evidence"), max_size=LIMITS["evidence_items"])))
            for qid in chosen}


cases = st.builds(
    Case,
    title=text("title").filter(lambda t: len(t) > 0),
    diarienummer=text("diarienummer"),
    date=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    criteria_set=st.sampled_from(sorted(RULEBOOK.sets)),
    public_party=st.builds(PublicParty, kind=st.sampled_from(["kommun", "region"]), name=text("name"),
                           committee=text("committee"), contact=text("contact"), contribution=contributions()),
    organisation=st.builds(Organisation, name=text("name"),
                           org_number=st.none() | st.from_regex(r"\A\d{6}-\d{4}\Z"),
                           legal_form=st.none() | st.sampled_from(LegalForm),
                           registered_ideburen=st.sampled_from(YesNoUnknown), contact=text("contact"),
                           contribution=contributions()),
    activity=st.builds(Activity, description=text("description"), target_group=text("target_group"),
                       area=text("area"), start=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
                       planned_duration_months=st.none() | st.integers(1, MAX_DURATION_MONTHS)),
    state_aid=st.builds(StateAidInput,
                        sek_per_eur=st.none() | st.floats(*SEK_PER_EUR_RANGE, allow_nan=False),
                        other_de_minimis_sek=st.none() | st.integers(0, MAX_SEK)),
    registration=st.builds(Registration, subject=text("subject"), officer=text("name"),
                           decision_body=text("decision_body"),
                           secrecy=st.builds(Secrecy, marked=st.booleans(), provision=text("provision"),
                                             reason=text("secrecy_reason")),
                           retention=st.builds(Retention, disposal=st.sampled_from(["bevaras", "gallras"]),
                                               after=text("retention_after"), basis=text("retention_basis"))),
    memo=st.builds(Memo, proposal=text("memo_short"), summary=text("memo_short"), background=text("memo_long"),
                   assessment=text("memo_long"), economy=text("memo_short"), child_rights=text("memo_short"),
                   attachments=st.lists(text("list_line"), max_size=LIMITS["list_items"]),
                   recipients=st.lists(text("list_line"), max_size=LIMITS["list_items"]),
                   officer_title=text("job_title"), manager=text("name"), manager_title=text("job_title")),
    answers=answers(),
)


def exported_and_imported(case: Case) -> Case:
    data = case_to_yaml(case).encode("utf-8")
    assert len(data) <= MAX_FILE_BYTES
    imported = case_from_bytes(data, RULEBOOK, "export.yaml")
    return Case.model_validate(imported.model_dump(include=set(Case.model_fields)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(cases)
def test_every_case_the_app_can_hold_imports_again_unchanged(case: Case) -> None:
    assert exported_and_imported(case) == case


def _max_length(metadata: list[object]) -> int | None:
    for item in metadata:
        if isinstance(item, annotated_types.MaxLen):
            return int(item.max_length)
        if isinstance(item, FieldInfo):
            found = _max_length(list(item.metadata))
            if found is not None:
                return found
    return None


UNLIMITED_BY_DESIGN = {"org_number", "criteria_set"}
"""Texts bounded another way: a pattern of fixed length, or a choice among the rulebook's sets."""


def largest(model: type[BaseModel], character: str) -> dict[str, Any]:
    """Every text and list of ``model`` (and the models inside it) at its limit, in ``character``.

    Walks the model, so a text field added later without a limit fails this test.
    """
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        kind = field.annotation
        if typing.get_origin(kind) in (typing.Union, types.UnionType):  # X | None: the X
            kinds = [t for t in typing.get_args(kind) if t is not type(None)]
            kind = kinds[0] if len(kinds) == 1 else kind
        origin = typing.get_origin(kind)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            data[name] = largest(kind, character)
        elif kind is str and name not in UNLIMITED_BY_DESIGN:
            limit = _max_length(field.metadata)
            assert limit is not None, f"{model.__name__}.{name} is a text without a limit"
            data[name] = character * limit
        elif origin is list:
            items, [item] = _max_length(field.metadata), typing.get_args(kind)
            assert items is not None, f"{model.__name__}.{name} is a list without a limit"
            line = _max_length(list(typing.get_args(item)[1:])) if typing.get_origin(item) is Annotated else None
            assert line is not None, f"{model.__name__}.{name} holds texts without a limit"
            data[name] = [character * line] * items
        else:
            assert kind is not str and origin is not dict or name in UNLIMITED_BY_DESIGN or name == "answers", name
    return data


@pytest.mark.parametrize("character", ["\ufffe", "\x01", "\U0001f600", "\u2028", '"'])
def test_the_largest_case_with_the_costliest_characters_still_fits_the_import(character: str) -> None:
    data = largest(Case, character)
    questions = RULEBOOK.questions.questions
    answer = largest(Answer, character)
    data["answers"] = {qid: {**answer, "value": next(iter(q.options))} for qid, q in questions.items()}
    case = Case.model_validate(data)
    assert exported_and_imported(case) == case
    size = len(case_to_yaml(case).encode("utf-8"))
    assert size <= 0.9 * MAX_FILE_BYTES, (  # room for a few more questions before the limits must shrink
        f"the largest case is {size} bytes with {len(questions)} questions: lower LIMITS before the import's "
        f"{MAX_FILE_BYTES} bytes are reached")


def test_a_text_over_its_limit_is_refused_in_swedish_saying_how_long_it_is() -> None:
    with pytest.raises(ValidationError) as refused:
        Activity(description="x" * 5000)
    [problem] = problems_from_validation(refused.value)
    assert problem.field == "beskrivning"
    assert problem.message == "texten är 5 000 tecken lång; högst 4 000 tecken får plats."
    with pytest.raises(ValidationError) as refused:
        Answer(evidence=["rad"] * 9)
    assert problems_from_validation(refused.value)[0].message == "har 9 delar; högst 5 får plats."


def test_a_1_2_mb_description_is_refused_on_import_with_the_limit_not_a_crash() -> None:
    with pytest.raises(Exception) as refused:
        case_from_bytes(f"title: Stor\nactivity:\n  description: {'x' * 600_000}\n".encode(), RULEBOOK, "stor.yaml")
    assert "högst 4 000 tecken" in str(refused.value)


def test_a_case_stored_before_the_limits_still_opens_with_every_character() -> None:
    content = Case(title="Gammalt").model_dump(mode="json")
    content["title"] = "T" * 250
    content["activity"]["description"] = "D" * 6000
    content["answers"] = {"initiative": {"value": "organisation", "reasoning": "R" * 2000,
                                         "evidence": ["E" * 300] * 10}}
    case = stored_case(content)
    assert (len(case.title), len(case.activity.description)) == (250, 6000)
    assert case.answers["initiative"].evidence == ["E" * 300] * 10
    assert case.answers["initiative"].reasoning == "R" * 2000
    with pytest.raises(ValidationError):
        stored_case({**content, "date": "inte ett datum"})  # only lengths are forgiven
