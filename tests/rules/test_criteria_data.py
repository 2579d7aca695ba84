"""The criteria files: complete, sourced, and quoting their sources verbatim."""

from __future__ import annotations

import re

import pytest

from iop.model.source import Source
from iop.model.source_pages import PAGE_WORDS, pages_with_quote, quote_stands_on, split_pages
from iop.model.three_valued import Outcome
from iop.rules.criteria import CriteriaSet
from iop.rules.rulebook import Rulebook
from tests.helpers import REPO

SOURCES = REPO / "criteria" / "sources"


def _normalise(text: str) -> str:
    # Extracted PDF text breaks words with hyphens and bullets; compare on letters and spaces.
    text = text.replace("\uf0b7", " ").replace("”", "").replace("\"", "")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return text.strip().casefold()


def test_the_three_sets_of_the_issues_are_present(rulebook: Rulebook):
    assert {"forum-2015", "kristianstad-2016", "skl-2017"} <= set(rulebook.sets)


def test_forum_has_its_seven_criteria_and_the_should_condition(rulebook: Rulebook):
    forum = rulebook.sets["forum-2015"]
    necessary = [c.id for c in forum.criteria if c.kind == "necessary"]
    should = [c.id for c in forum.criteria if c.kind == "should"]
    assert len(necessary) == 7 and should == ["local_development"]


def test_kristianstad_has_no_duration_criterion_and_two_should_conditions(rulebook: Rulebook):
    kristianstad = rulebook.sets["kristianstad-2016"]
    assert "long_duration" not in {c.id for c in kristianstad.criteria}
    assert [c.id for c in kristianstad.criteria if c.kind == "should"] == ["local_development", "independent_actor"]


def test_skl_has_no_initiative_requirement_and_only_desires_a_programme(rulebook: Rulebook):
    skl = rulebook.sets["skl-2017"]
    assert "initiative" not in {c.id for c in skl.criteria}
    assert skl.criterion("political_programme").kind == "should"


@pytest.mark.parametrize("set_id", ["forum-2015", "kristianstad-2016", "skl-2017"])
def test_every_verbatim_quote_stands_in_its_source_document(rulebook: Rulebook, set_id: str):
    for criterion in rulebook.sets[set_id].criteria:
        source = criterion.source
        if not source.verbatim:
            assert source.needs_checking, f"{criterion.id}: a summary must be marked for checking"
            continue
        document = _normalise((SOURCES / source.document).read_text(encoding="utf-8"))
        for part in source.quote.split("…"):
            assert _normalise(part) in document, f"{set_id}/{criterion.id}: {part!r} not in {source.document}"


def test_every_seed_quote_in_the_decision_tables_stands_in_its_document(rulebook: Rulebook):
    for table in [rulebook.legal_layer, *rulebook.policy_tables.values(), *rulebook.gates.values()]:
        for rule in table.rules:
            source = rule.source
            if source.document and source.document.endswith(".txt") and source.quote:
                document = _normalise((SOURCES / source.document).read_text(encoding="utf-8"))
                for part in source.quote.split("…"):
                    assert _normalise(part) in document, f"{table.id}/{rule.id}: {part!r}"


def test_the_spectrum_quote_stands_in_its_document():
    from iop.engine.spectrum import load_spectrum

    source = load_spectrum().source
    document = _normalise((SOURCES / source.document).read_text(encoding="utf-8"))
    for part in source.quote.split("…"):
        assert _normalise(part) in document, part


def _every_seed_source(rulebook: Rulebook) -> list[tuple[str, Source]]:
    from iop.engine.spectrum import load_spectrum

    sources = [(f"{set_id}/{c.id}", c.source) for set_id, s in rulebook.sets.items() for c in s.criteria]
    for table in [rulebook.legal_layer, *rulebook.policy_tables.values(), *rulebook.gates.values()]:
        sources += [(f"{table.id}/{rule.id}", rule.source) for rule in table.rules]
    sources.append(("spectrum", load_spectrum().source))
    return [(where, s) for where, s in sources if s.document and s.document.endswith(".txt") and s.quote]


def test_every_quote_stands_on_the_slide_or_page_it_names(rulebook: Rulebook):
    checked = 0
    for where, source in _every_seed_source(rulebook):
        text = (SOURCES / source.document).read_text(encoding="utf-8")
        if source.document not in PAGE_WORDS:
            assert source.page is None, f"{where}: {source.document} has no checked page numbering"
            continue
        assert source.page is not None, f"{where}: name the {PAGE_WORDS[source.document]} the quote stands on"
        assert quote_stands_on(text, source.quote, source.page, source.page_to), (
            f"{where}: {source.quote!r} is not on {PAGE_WORDS[source.document]} {source.page}"
            f"{'–' + str(source.page_to) if source.page_to else ''}; it is on {pages_with_quote(text, source.quote)}")
        checked += 1
    assert checked >= 30


def test_a_wrong_slide_number_is_caught():
    text = (SOURCES / "003_23375ff4cec2f418.txt").read_text(encoding="utf-8")
    quote = "Ekonomisk tjänst eller inte? … Finns det en marknad?"
    assert quote_stands_on(text, quote, 32)
    assert not quote_stands_on(text, quote, 31)
    assert not quote_stands_on(text, quote, 31, 32)  # a range wider than the quote sends the reader astray too
    assert not quote_stands_on(text, quote, 99)


def test_the_presentation_is_split_into_its_slides_where_the_extraction_marks_them():
    slides = split_pages((SOURCES / "003_23375ff4cec2f418.txt").read_text(encoding="utf-8"))
    firsts = [next(line.strip() for line in s.split("\n") if line.strip()) for s in slides]
    assert len(slides) == 38
    assert firsts[0] == "VÄRMLAND 2015-10-23" and firsts[-1] == "En vision utan handling"
    # A slide that starts with a picture follows three empty lines instead of a leading space.
    assert firsts[27:30] == ["Ungdomsbussen", "Nuvarande system", "Nytt system"]


def test_a_source_is_shown_by_title_with_its_slide_never_by_file_name():
    source = Source(document="003_23375ff4cec2f418.txt", quote="Finns det en marknad?", page=32)
    assert source.location == "Forum, Värmland 2015, bild 32"
    assert "003_" not in source.cite() and "bild 32" in source.cite()
    spanning = Source(document="004_d3027143dea56030.txt", quote="x", page=5, page_to=6)
    assert spanning.location == "Överenskommelsen i Kristianstad (2016), sida 5–6"


def test_every_criterion_carries_question_help_plain_text_and_source_and_its_set_a_validity(rulebook: Rulebook):
    for criteria_set in rulebook.sets.values():
        assert criteria_set.version and criteria_set.reference.document and criteria_set.valid_from
        for c in criteria_set.criteria:
            assert c.title and c.help and c.plain and c.source.quote
            assert c.questions, c.id


def test_content_hash_changes_when_a_criterion_changes(rulebook: Rulebook):
    forum = rulebook.sets["forum-2015"]
    edited = forum.model_copy(update={"criteria": forum.criteria[:-1]})
    assert forum.content_hash() != edited.content_hash()


def test_a_set_that_disallows_partly_rejects_partly_effects(rulebook: Rulebook):
    data = rulebook.sets["forum-2015"].model_dump()
    data["allows_partly"] = False
    with pytest.raises(ValueError, match="delvis"):
        CriteriaSet.model_validate(data)


def test_duplicate_criterion_ids_are_rejected(rulebook: Rulebook):
    data = rulebook.sets["forum-2015"].model_dump()
    data["criteria"].append(data["criteria"][0])
    with pytest.raises(ValueError, match="flera gånger"):
        CriteriaSet.model_validate(data)


def test_criterion_outcome_is_unknown_until_every_question_is_answered(rulebook: Rulebook):
    no_market = rulebook.sets["forum-2015"].criterion("no_market")
    assert no_market.evaluate({"companies_offer": "no"}) == Outcome.unknown
    assert no_market.evaluate({"companies_offer": "no", "procured_before": "no"}) == Outcome.met
    assert no_market.evaluate({"companies_offer": "yes"}) == Outcome.not_met
