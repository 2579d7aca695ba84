"""iop.guide.said_above: sections below Rekommendation's box refer back to it only for what the box shows."""

from __future__ import annotations

from iop.documents import Bullets, build_outline, plain_wording
from iop.engine import Engine, load_case
from iop.guide import not_yet_below_box, plain_leaning_below_box, settle_below_box, warnings_below_box_of
from iop.guide.said_above import REMEDY_SEE_BOX, SEE_BOX_ANSWERED, SEE_BOX_OPEN, SEE_BOX_OPEN_MANY
from iop.model import Caution
from iop.model.case import Answer
from iop.model.source import Source
from iop.rules import load_rulebook
from iop.words import OFFICIAL, PLAIN, PlainVoice, voice
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
    shown = PLAIN.blockers(assessment, RULEBOOK.questions)[:3]
    below = plain_leaning_below_box(leaning, shown)
    assert SEE_BOX_ANSWERED in below and leaning.settle[0].plain_remedy not in below
    assert below.endswith("Det här är en preliminär bedömning, inte ett besked.")
    assert plain_leaning_below_box(leaning, []) == PLAIN.leaning(leaning)


def test_the_settle_list_leaves_out_only_what_the_box_lists():
    assessment = _stopped()
    leaning = assessment.leaning
    shown = OFFICIAL.blockers(assessment, RULEBOOK.questions)[:3]
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
    shown = OFFICIAL.blockers(assessment, RULEBOOK.questions)[:3]
    remedy = leaning.settle[0].remedy
    boxed = Caution(text="Bidraget strider mot kommunallagen.", remedy=remedy, source=Source(reference="KL"))
    other = Caution(text="Kontrollera statsstödsreglerna.", source=Source(reference="FEUF"))
    assert warnings_below_box_of([boxed, other], OFFICIAL, leaning, shown) == [
        f"Bidraget strider mot kommunallagen. {REMEDY_SEE_BOX} (Källa: KL)",
        "Kontrollera statsstödsreglerna. (Källa: FEUF)"]
    assert warnings_below_box_of([boxed, other], OFFICIAL, leaning, []) == [
        f"Bidraget strider mot kommunallagen. Vad som kan göras: {remedy} (Källa: KL)",
        "Kontrollera statsstödsreglerna. (Källa: FEUF)"]
    # An organisation's warning that is nothing but the box's sentence is left out.
    said = PlainVoice(warning_texts={boxed.text: leaning.settle[0].plain_remedy,
                                     other.text: "Ta reda på om EU:s regler gäller."})
    assert warnings_below_box_of([boxed, other], said, leaning, shown) == ["Ta reda på om EU:s regler gäller."]
    assert warnings_below_box_of([boxed, other], said, leaning, []) == [
        leaning.settle[0].plain_remedy, "Ta reda på om EU:s regler gäller."]


def test_the_plain_leaning_points_to_the_open_questions_in_the_box_in_singular_or_plural():
    case = load_case(CASES / "nattvandring-oklart-avtal.yaml", RULEBOOK)
    assessment = Engine(RULEBOOK).assess(case)
    leaning = assessment.leaning
    shown = PLAIN.blockers(assessment, RULEBOOK.questions)[:3]
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


# Where Rekommendation's box takes something from the warnings below it, among every reference case under every
# set: the source of the warning whose remedy the box gives. The official's line for that warning says "se
# rutan" instead of the remedy; the organisation's line for it (the box quotes it in full) is left out.
BOX_TAKES = {
    ("grannkommun-utan-anknytning", "forum-2015"): "Kommunallagen (2017:725) 2 kap. 1 §",
    ("handplockad-partner", "forum-2015"): "Kommunallagen (2017:725) 2 kap. 3 §",
    ("handplockad-partner", "kristianstad-2016"): "Kommunallagen (2017:725) 2 kap. 3 §",
    ("kafe-naringsverksamhet-olagligt-stod", "forum-2015"): "Kommunallagen (2017:725) 2 kap. 8 §",
    ("kafe-naringsverksamhet-olagligt-stod", "kristianstad-2016"): "Kommunallagen (2017:725) 2 kap. 8 §",
}


def test_below_the_box_the_warnings_are_the_document_s_less_only_what_the_box_says_for_every_reference_case():
    """For both voices and every reference case under every set: without a box (or where the box takes nothing)
    the page's warning lines are the document's; where it takes something, exactly ``BOX_TAKES`` is taken."""
    engine = Engine(RULEBOOK)
    took: dict[tuple[str, str], str] = {}
    warned = 0
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, RULEBOOK)
        for set_id in RULEBOOK.sets:
            assessment = engine.assess(case, set_id)
            for plain in (False, True):
                said = plain_wording(RULEBOOK, set_id) if plain else OFFICIAL
                section = build_outline(assessment, said).section("warnings")
                items = [i for b in (section.blocks if section else []) if isinstance(b, Bullets) for i in b.items]
                assert len(items) == len(assessment.warnings)  # every warning has a line in both voices
                warned += bool(items)
                leaning = assessment.leaning
                assert warnings_below_box_of(assessment.warnings, said, leaning, []) == items
                shown = voice(plain).blockers(assessment, RULEBOOK.questions)[:3]
                below = warnings_below_box_of(assessment.warnings, said, leaning, shown)
                taken = BOX_TAKES.get((path.stem, set_id))
                if taken is None:
                    assert below == items, (path.name, set_id, plain)
                    continue
                took[path.stem, set_id] = taken
                [index] = [i for i, w in enumerate(assessment.warnings) if w.source.cite() == taken]
                warning = assessment.warnings[index]
                if plain:
                    assert below == items[:index] + items[index + 1:], (path.name, set_id)
                else:
                    assert warning.remedy and warning.remedy in items[index]
                    assert below == [*items[:index], f"{warning.text} {REMEDY_SEE_BOX} (Källa: {taken})",
                                     *items[index + 1:]], (path.name, set_id)
    assert took == BOX_TAKES and warned > 10


def test_the_line_below_the_box_for_grannkommun_reads_as_the_page_shows_it():
    assessment = Engine(RULEBOOK).assess(load_case(CASES / "grannkommun-utan-anknytning.yaml", RULEBOOK), "forum-2015")
    shown = OFFICIAL.blockers(assessment, RULEBOOK.questions)[:3]
    assert warnings_below_box_of(assessment.warnings, OFFICIAL, assessment.leaning, shown)[0] == (
        "Bidraget strider mot kommunallagen 2 kap. 1 § (allmänintresse och lokaliseringsprincipen). Vad som kan "
        "göras: se rutan överst på sidan. (Källa: Kommunallagen (2017:725) 2 kap. 1 §)")
    plain_shown = PLAIN.blockers(assessment, RULEBOOK.questions)[:3]
    assert warnings_below_box_of(assessment.warnings, plain_wording(RULEBOOK, "forum-2015"), assessment.leaning,
                                 plain_shown) == [
        "Stödet räknas som ett litet stöd enligt EU:s regler. Kommunen ska skriva det i sitt beslut, och ni behöver "
        "berätta om annat sådant stöd ni har fått de senaste tre åren."]
