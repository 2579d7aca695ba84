"""What a user types into a case (iop.guide.entry): a wrong value never reaches the case, nothing typed is lost,
and the message says in Swedish what is wrong."""

from __future__ import annotations

from iop.guide import KEPT, store_answer, title_problem, too_long, updated
from iop.model import LIMITS, Activity, Answer, Case, Contribution


def test_a_text_over_its_limit_is_named_with_its_length_and_kept_in_the_field():
    assert too_long("Rubrik", "x" * LIMITS["title"], "title") is None
    assert too_long("Beskrivning", "x" * 4001, "description") == (
        "Beskrivning: texten är 4 001 tecken lång; högst 4 000 tecken får plats." + KEPT)


def test_a_title_must_be_there_and_fit():
    assert title_problem("Ungdomsbussen") is None
    assert title_problem("   ") == "Rubrik: får inte vara tom; skriv en rubrik för ärendet."
    assert title_problem(" " + "x" * 201).startswith("Rubrik: texten är 201 tecken lång")  # measured stripped


def test_a_valid_update_is_taken_whole():
    result, messages = updated(Contribution, Contribution(), {"money_sek_per_year": 5000, "premises": "Lokal"},
                               "Insatser")
    assert (result.money_sek_per_year, result.premises, messages) == (5000, "Lokal", [])


def test_an_invalid_field_keeps_its_last_value_and_every_other_field_is_taken():
    current = Activity(description="Före", target_group="Unga")
    result, messages = updated(Activity, current, {"description": "x" * 4001, "target_group": "Äldre"},
                               "Verksamheten")
    assert (result.description, result.target_group) == ("Före", "Äldre")
    assert len(messages) == 1 and messages[0].startswith("Verksamheten › ") and messages[0].endswith(KEPT)


def test_an_answer_left_wholly_blank_is_no_answer():
    case = Case(title="A", answers={"sanctions": Answer(value="no")})  # type: ignore[dict-item]
    assert store_answer(case, "sanctions", None, " ", "\n \n") == []
    assert "sanctions" not in case.answers


def test_an_answer_is_written_with_one_evidence_per_line_and_a_reason_alone_is_vet_ej():
    case = Case(title="A")
    assert store_answer(case, "sanctions", "yes", "För att", " Avtal \n\n Protokoll ") == []
    assert case.answers["sanctions"].evidence == ["Avtal", "Protokoll"]
    assert store_answer(case, "long_duration", None, "Vet inte än", "") == []
    assert case.answers["long_duration"].value == "vet_ej"


def test_an_answer_over_its_limit_keeps_the_case_as_it_was_and_names_the_line():
    case = Case(title="A", answers={"sanctions": Answer(value="no")})  # type: ignore[dict-item]
    messages = store_answer(case, "sanctions", "yes", "x" * 1201, "ok\n" + "y" * 251)
    assert case.answers["sanctions"].value == "no"
    assert [m.split(":")[0] for m in messages] == ["Motivering", "Underlag, rad 2"]
    assert all(m.endswith(KEPT) for m in messages)
