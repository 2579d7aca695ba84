"""iop.guide.said_above: sections below Rekommendation's box refer back to it only for what the box shows."""

from __future__ import annotations

from iop.engine import Engine, load_case
from iop.guide import not_yet_below_box, plain_leaning_below_box, settle_below_box, warnings_below_box
from iop.guide.said_above import REMEDY_SEE_BOX, SEE_BOX_ANSWERED, SEE_BOX_OPEN, SEE_BOX_OPEN_MANY
from iop.model.case import Answer
from iop.rules import load_rulebook
from iop.words import OFFICIAL, blocking_questions, plain_leaning
from tests.helpers import CASES

RULEBOOK = load_rulebook()


def _stopped():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    case = case.model_copy(update={"answers": {**case.answers, "general_interest": Answer(value="no")}})
    assessment = Engine(RULEBOOK).assess(case)
    assert assessment.leaning is not None
    return assessment


def test_the_plain_leaning_points_to_the_box_only_when_the_box_names_what_decides():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions, plain=True)[:3]
    below = plain_leaning_below_box(leaning, shown)
    assert SEE_BOX_ANSWERED in below and leaning.settle[0].plain_remedy not in below
    assert below.endswith("Det här är en preliminär bedömning, inte ett besked.")
    assert plain_leaning_below_box(leaning, []) == plain_leaning(leaning)


def test_the_settle_list_leaves_out_only_what_the_box_lists():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions)[:3]
    lead, rest = settle_below_box(leaning, shown)
    assert {q.question for q in rest}.isdisjoint(b.question for b in shown)
    assert settle_below_box(leaning, []) == ("Det som avgör, viktigast först:", list(leaning.settle))


def test_the_reason_for_undecided_is_left_out_only_when_a_shown_text_quotes_it():
    leaning = _stopped().leaning
    because = OFFICIAL.not_yet(leaning).split("eftersom: ", 1)[1]
    short = not_yet_below_box(leaning, [f"Avgörande regel: L3 i … {because}"])
    assert because not in short and short.startswith("Detta är en preliminär bedömning")
    assert not_yet_below_box(leaning, ["Källa: något annat"]) == OFFICIAL.not_yet(leaning)


def test_a_warning_keeps_its_statute_and_source_and_refers_to_the_box_for_the_remedy():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions)[:3]
    remedy = leaning.settle[0].remedy
    item = f"Bidraget strider mot kommunallagen. Vad som kan göras: {remedy} (Källa: KL)"
    other = "Kontrollera statsstödsreglerna. (Källa: FEUF)"
    assert warnings_below_box([item, other], leaning, shown) == [
        f"Bidraget strider mot kommunallagen. {REMEDY_SEE_BOX} (Källa: KL)", other]
    assert warnings_below_box([item, other], leaning, []) == [item, other]
    # An organisation's warning that is nothing but the box's sentence is left out.
    assert warnings_below_box([leaning.settle[0].plain_remedy, other], leaning, shown) == [other]


def test_the_plain_leaning_points_to_the_open_questions_in_the_box_in_singular_or_plural():
    case = load_case(CASES / "nattvandring-oklart-avtal.yaml", RULEBOOK)
    assessment = Engine(RULEBOOK).assess(case)
    leaning = assessment.leaning
    shown = blocking_questions(assessment, RULEBOOK.questions, plain=True)[:3]
    assert len(shown) > 1 and not leaning.settle[0].answer
    assert SEE_BOX_OPEN_MANY in plain_leaning_below_box(leaning, shown)
    assert SEE_BOX_OPEN in plain_leaning_below_box(leaning, shown[:1])
    assert leaning.settle[0].plain.rstrip("?").lower() not in plain_leaning_below_box(leaning, shown).lower()


def test_a_leaning_stored_before_the_reason_was_kept_apart_is_shown_whole():
    # Records frozen before Leaning.undecided_because existed load with it empty and carry the whole
    # sentence in not_yet (the engine wrote it then); nothing is taken apart.
    leaning = _stopped().leaning
    stored = leaning.model_dump(mode="json")
    del stored["undecided_because"]
    stored["not_yet"] = OFFICIAL.not_yet(leaning)
    old = type(leaning).model_validate(stored)
    assert old.undecided_because == ""
    assert not_yet_below_box(old, [leaning.undecided_because]) == old.not_yet
    assert not_yet_below_box(leaning, [leaning.undecided_because]) != OFFICIAL.not_yet(leaning)


def test_a_record_stored_with_the_engine_s_sentence_is_said_as_stored():
    # Records frozen while the engine still wrote the sentence carry it in not_yet; the voice says it as stored.
    leaning = _stopped().leaning
    old = leaning.model_copy(update={"not_yet": "Så stod det då."})
    assert OFFICIAL.not_yet(old) == "Så stod det då."
    assert OFFICIAL.not_yet(leaning).endswith(f"Ärendet är oavgjort eftersom: {leaning.undecided_because}")


def test_warnings_said_from_the_record_are_the_lines_the_page_showed_for_every_reference_case():
    """``warnings_below_box_of`` renders from the record's warnings what ``warnings_below_box`` made of the
    outline's rendered lines, for both voices and every reference case, box or no box."""
    from iop.documents import Bullets, build_outline, plain_wording
    from iop.guide import warnings_below_box_of

    engine = Engine(RULEBOOK)
    compared = referred = 0
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, RULEBOOK)
        for set_id in RULEBOOK.sets:
            assessment = engine.assess(case, set_id)
            for plain in (False, True):
                said = plain_wording(RULEBOOK, set_id) if plain else OFFICIAL
                section = build_outline(assessment, said).section("warnings")
                items = [i for b in (section.blocks if section else []) if isinstance(b, Bullets) for i in b.items]
                for shown in (blocking_questions(assessment, RULEBOOK.questions, plain=plain)[:3], []):
                    below = warnings_below_box(items, assessment.leaning, shown)
                    assert (warnings_below_box_of(assessment.warnings, said, assessment.leaning, shown)
                            == below), (path.name, set_id, plain)
                    compared += bool(items)
                    referred += below != items
    assert compared > 10 and referred >= 4  # the box took a remedy (official) or a whole warning (plain)
