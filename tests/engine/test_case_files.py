"""Case files: bad input gets a Swedish message naming the field; good input round-trips."""

from __future__ import annotations

import pytest

from iop.engine.case_import import case_from_text, case_to_yaml, load_case
from iop.io.errors import InputError
from iop.rules.rulebook import Rulebook
from tests.helpers import CASES


def _problems(text: str, rulebook: Rulebook) -> list[str]:
    with pytest.raises(InputError) as info:
        case_from_text(text, rulebook, "ärende.yaml")
    assert all(p.file == "ärende.yaml" for p in info.value.problems)
    return [f"{p.field}: {p.message}" for p in info.value.problems]


def test_malformed_yaml_names_the_line(rulebook: Rulebook):
    assert "rad" in _problems("title: x\nanswers:\n  a: [\n", rulebook)[0]


def test_missing_title_is_named_in_swedish(rulebook: Rulebook):
    assert _problems("answers: {}\n", rulebook) == ["ärendets rubrik: uppgiften saknas; fyll i den."]


def test_unknown_question_and_bad_option_are_both_reported(rulebook: Rulebook):
    problems = _problems("title: x\nanswers:\n  nonsense: yes\n  initiative: maybe\n", rulebook)
    assert any("nonsense" in p and "okänd fråga" in p for p in problems)
    assert any("initiative" in p and "vet_ej" in p for p in problems)


def test_negative_amount_is_rejected(rulebook: Rulebook):
    problems = _problems("title: x\npublic_party:\n  contribution:\n    money_sek_per_year: -5\n", rulebook)
    assert problems == ["offentlig part › insatser › pengar (kronor per år): -5 är för litet; värdet måste vara minst 0."]


def test_date_in_the_wrong_format_says_how_to_write_it(rulebook: Rulebook):
    assert "ÅÅÅÅ-MM-DD" in _problems("title: x\nactivity:\n  start: 15/3/2026\n", rulebook)[0]


def test_a_file_that_is_not_a_case_is_refused(rulebook: Rulebook):
    assert "inte ett ärende" in _problems("- a\n- b\n", rulebook)[0]


def test_unknown_field_is_refused(rulebook: Rulebook):
    assert "okänt fält" in _problems("title: x\ncolour: red\n", rulebook)[0]


def test_org_number_format_is_explained(rulebook: Rulebook):
    assert "NNNNNN-NNNN" in _problems("title: x\norganisation:\n  org_number: '123'\n", rulebook)[0]


def test_yaml_tags_are_not_executed(rulebook: Rulebook):
    problems = _problems("title: !!python/object/apply:os.system ['echo hacked']\n", rulebook)
    assert "YAML" in problems[0]


def test_unquoted_yes_and_no_are_read_as_options(rulebook: Rulebook):
    case = case_from_text("title: x\nanswers:\n  sanctions: no\n  long_duration: yes\n", rulebook)
    assert case.answers["sanctions"].value == "no" and case.answers["long_duration"].value == "yes"


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_reference_case_round_trips_through_yaml(rulebook: Rulebook, path):
    case = load_case(path, rulebook)
    again = case_from_text(case_to_yaml(case), rulebook)
    assert again.model_dump(exclude={"expected"}) == case.model_dump(exclude={"expected"})


@pytest.mark.parametrize("typed", ["802001-1234", "802001 1234", "8020011234", " 802001 - 1234 ", "16802001-1234",
                                   "168020011234", "802001–1234"])
def test_org_number_typed_with_space_or_without_hyphen_is_normalised(typed: str):
    from iop.model.case import Organisation

    assert Organisation(org_number=typed).org_number == "802001-1234"


@pytest.mark.parametrize("typed", ["12345", "80200-11234x", "abcdef-ghij"])
def test_org_number_that_is_not_ten_digits_is_rejected_not_dropped(typed: str):
    from pydantic import ValidationError

    from iop.model.case import Organisation

    with pytest.raises(ValidationError):
        Organisation(org_number=typed)
