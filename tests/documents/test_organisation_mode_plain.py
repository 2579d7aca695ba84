"""Organisation mode is plain throughout: answer options, help, the assessment and the preparation list.

The plain words live in the rulebook data (criteria/questions.yaml); these
tests pin that every option and question has them, that the organisation's
outline for every reference case under every criteria set names no rule,
source, file or paragraph, and that official mode keeps all of that.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from iop.documents import build_outline, decision_outline, plain_wording, to_markdown
from iop.engine import Engine, load_case
from iop.guide.preparation import BLOCKING, preparation_list
from iop.io import problems_from_validation
from iop.model.case import Answer
from iop.model.questions import Question
from iop.rules import load_rulebook
from iop.words.plain_language import PLAIN_FORM, PLAIN_GATE_TITLE, PLAIN_GATE_VALUE, has_legal_reference
from iop.words.swedish import FORM, GATE_VALUE
from iop.words.voice import OFFICIAL, PLAIN
from tests.helpers import CASES, make_case
from tests.plain_patterns import not_plain

BOOK = load_rulebook()
ENGINE = Engine(BOOK)
QUESTIONS = BOOK.questions.questions
CASE_FILES = sorted(CASES.glob("*.yaml"))

OFFICIAL_WORDS = ("kommunen/regionen", "idéburna organisationen", "normerade", "prestation", "lagstadgad",
                  "det allmänna", "bestämmande inflytande", "parterna", "överlåtelseakt", "näringsidkare")
"""Words an official reads past but an organisation stumbles on; a plain label must do without them."""


def _plain_problems(text: str) -> list[str]:
    return not_plain(text) + [w for w in OFFICIAL_WORDS if w in text.lower()] + (
        ["lagrum"] if has_legal_reference(text) else [])


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_option_of_every_question_has_a_plain_label(qid: str):
    question = QUESTIONS[qid]
    assert set(question.plain_options) == set(question.options)
    for option, label in question.plain_options.items():
        assert label.strip(), (qid, option)
        assert _plain_problems(label) == [], (qid, option, label)


def test_options_with_official_wording_have_their_own_plain_label():
    # The catalog's official labels that would puzzle an organisation each carry a different plain one.
    official = {(qid, o): label for qid, q in QUESTIONS.items() for o, label in q.options.items()
                if any(w in label.lower() for w in OFFICIAL_WORDS)}
    assert official, "the check needs official labels to look at"
    for (qid, option), label in official.items():
        assert QUESTIONS[qid].plain_options[option] != label, (qid, option)


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_every_question_has_plain_help_without_references(qid: str):
    question = QUESTIONS[qid]
    assert question.plain_help, qid
    assert _plain_problems(question.plain_help) == [], qid
    assert _plain_problems(question.plain) == [], qid
    if question.prepare:
        assert _plain_problems(question.prepare) == [], qid
    for option, text in question.prepare_when.items():
        assert _plain_problems(text) == [], (qid, option)


def test_an_option_written_as_a_mapping_needs_both_wordings():
    base = {"id": "q", "group": "policy", "text": "T?", "plain": "P?", "help": "H"}
    with pytest.raises(ValidationError) as refused:
        Question.model_validate({**base, "options": {"a": {"text": "Officiellt"}, "b": "Nej"}})
    [problem] = problems_from_validation(refused.value)
    assert "svarsalternativet a ska skrivas som {text: ..., plain: ...}" in problem.message
    with pytest.raises(ValidationError):
        Question.model_validate({**base, "options": {"a": {"text": "A", "plain": "Enkelt", "note": "x"}, "b": "B"}})
    question = Question.model_validate({**base, "options": {"a": {"text": "Officiellt", "plain": "Enkelt"},
                                                            "b": "Nej"}})
    assert question.options == {"a": "Officiellt", "b": "Nej"}
    assert PLAIN.labels(question) == {"a": "Enkelt", "b": "Nej"}


def test_a_catalog_dumped_and_read_again_keeps_both_wordings():
    question = QUESTIONS["payment_basis"]
    again = Question.model_validate(question.model_dump())
    assert again == question


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_organisation_outline_of_every_reference_case_and_set_names_no_rule_source_or_paragraph(path: Path):
    case = load_case(path, BOOK)
    failures = {}
    for set_id in BOOK.sets:
        in_set = case.model_copy(update={"criteria_set": set_id})
        assessment = ENGINE.assess(in_set)
        for name, outline in (
            ("Rekommendation", build_outline(assessment, plain_wording(BOOK, set_id))),
            ("sammanfattning", decision_outline(assessment, in_set, BOOK, audience="organisation")),
        ):
            found = not_plain(to_markdown(outline).replace("\\", "") + "\n".join(outline.fields.values()))
            if found:
                failures[(set_id, name)] = found
    assert failures == {}


@pytest.mark.parametrize("path", CASE_FILES[:6], ids=lambda p: p.stem)
def test_official_outline_keeps_rules_and_sources(path: Path):
    case = load_case(path, BOOK)
    text = to_markdown(build_outline(ENGINE.assess(case)))
    assessment = ENGINE.assess(case)
    assert f"Avgörande regel: {assessment.rule.id}" in text
    assert "Källa:" in text


def test_organisation_outline_shows_the_plain_label_of_an_answer_not_the_official_one():
    case = make_case(initiative="joint", payment_basis="contribution")
    assessment = ENGINE.assess(case)
    plain = to_markdown(build_outline(assessment, plain_wording(BOOK, case.criteria_set)))
    official = to_markdown(build_outline(assessment))
    assert QUESTIONS["initiative"].plain_options["joint"] in plain
    assert QUESTIONS["initiative"].options["joint"] not in plain
    assert QUESTIONS["initiative"].options["joint"] in official


@pytest.mark.parametrize("form", sorted(FORM))
def test_plain_verdict_names_no_act(form: str):
    sentence = PLAIN.verdict_sentence("procurement", form)
    assert PLAIN_FORM[form] in sentence
    assert _plain_problems(sentence) == []


def test_plain_gate_names_and_values_cover_every_gate_and_name_no_act():
    assert set(PLAIN_GATE_VALUE) == set(GATE_VALUE)
    assert set(PLAIN_GATE_TITLE) == set(BOOK.gates)
    for text in [*PLAIN_GATE_VALUE.values(), *PLAIN_GATE_TITLE.values()]:
        assert _plain_problems(text) == [], text


def _undecided_case():
    case = make_case(payment_basis="vet_ej", binding_obligations="vet_ej", direct_economic_interest="vet_ej",
                     need_defined_by="vet_ej", sanctions="vet_ej")
    assessment = ENGINE.assess(case)
    assert assessment.recommendation == "undecided"
    return case, assessment


def test_preparation_list_starts_with_the_blocking_questions_in_plain_words():
    case, assessment = _undecided_case()
    blockers = PLAIN.blockers(assessment, BOOK.questions)
    assert blockers
    points = preparation_list(assessment, BOOK, blockers=blockers, case=case)
    assert all(p.startswith(BLOCKING) for p in points[: len(blockers)])
    assert not points[len(blockers)].startswith(BLOCKING)
    for point in points:
        assert _plain_problems(point) == [], point
    for blocker in blockers:
        assert _plain_problems(" ".join([blocker.text, blocker.find_out, *blocker.outcomes])) == []


def test_organisation_summary_lists_the_same_preparation_points_as_the_page():
    case, assessment = _undecided_case()
    page = preparation_list(assessment, BOOK, blockers=PLAIN.blockers(assessment, BOOK.questions),
                            case=case)
    section = decision_outline(assessment, case, BOOK, audience="organisation").section("preparation")
    assert section is not None
    assert section.blocks[1].items == page  # type: ignore[union-attr]
    # With the grant-or-IOP answers given, both lists say what those answers ask for, the same way.
    answered = case.model_copy(update={"answers": {**case.answers, **{
        q: Answer(value=v) for q, v in (("support_form", "decision_on_application"), ("own_activity", "own_project"),
                                        ("time_frame", "time_limited"))}}})
    assessed = ENGINE.assess(answered)
    page = preparation_list(assessed, BOOK, blockers=PLAIN.blockers(assessed, BOOK.questions),
                            case=answered)
    section = decision_outline(assessed, answered, BOOK, audience="organisation").section("preparation")
    assert section is not None and section.blocks[1].items == page  # type: ignore[union-attr]
    assert BOOK.questions.questions["own_activity"].prepare_when["own_project"] in page


def test_blocking_outcomes_use_the_plain_option_labels():
    _case, assessment = _undecided_case()
    blockers = PLAIN.blockers(assessment, BOOK.questions)
    plain_labels = {label for b in blockers for label in QUESTIONS[b.question].plain_options.values()}
    assert any(line.split(":")[0] in plain_labels for b in blockers for line in b.outcomes)


TABLES = [*BOOK.gates.values(), BOOK.legal_layer, *BOOK.policy_tables.values()]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.id)
def test_every_rule_says_why_in_plain_words_and_every_warning_what_to_do(table):
    for rule in table.rules:
        assert rule.plain, (table.id, rule.id)
        assert _plain_problems(rule.plain) == [], (table.id, rule.id, rule.plain)
        assert bool(rule.warning) == bool(rule.plain_warning), (table.id, rule.id)
        if rule.plain_warning:
            assert _plain_problems(rule.plain_warning) == [], (table.id, rule.id)


def test_organisation_recommendation_gives_the_deciding_rule_in_its_plain_words():
    case = load_case(CASES / "ungdomsbussen.yaml", BOOK)
    assessment = ENGINE.assess(case)
    rule = next(r for t in TABLES if t.id == assessment.rule.table for r in t.rules if r.id == assessment.rule.id)
    section = build_outline(assessment, plain_wording(BOOK, case.criteria_set)).section("recommendation")
    assert section is not None
    assert f"Varför: {rule.plain}" in [b.text for b in section.blocks]  # type: ignore[union-attr]


def test_every_spectrum_dimension_explains_itself_in_plain_words():
    from iop.engine import load_spectrum

    for dimension in load_spectrum().dimensions:
        assert dimension.plain, dimension.id
        assert PLAIN.name(dimension.explanation, dimension.plain or "") == dimension.plain
        assert OFFICIAL.name(dimension.explanation, dimension.plain or "") == dimension.explanation
        assert _plain_problems(dimension.plain) == [], dimension.id


def test_organisation_word_and_pdf_read_plainly_headers_and_footers_included():
    from iop.documents import render_docx, render_pdf
    from tests.document_reading import docx_body, open_docx, pdf_text

    case = load_case(CASES / "skyddat-boende-reserverad.yaml", BOOK)
    outline = decision_outline(ENGINE.assess(case), case, BOOK, audience="organisation")
    data = render_docx(outline)
    document = open_docx(data)
    margins = [p.text for s in document.sections for part in (s.header, s.footer) for p in part.paragraphs]
    word = "\n".join([text for _, text in docx_body(data)] + margins)
    assert "Det här behöver ni förbereda" in word
    assert not_plain(word) == []
    pdf = pdf_text(render_pdf(outline))
    assert "förbereda" in pdf
    assert not_plain(pdf) == []


def test_organisation_documents_end_with_the_plain_disclaimer_and_official_ones_keep_theirs():
    from iop.words import DISCLAIMER, PLAIN_DISCLAIMER

    case = load_case(CASES / "ungdomsbussen.yaml", BOOK)
    assessment = ENGINE.assess(case)
    plain = decision_outline(assessment, case, BOOK, audience="organisation").section("about")
    official = decision_outline(assessment, case, BOOK).section("trace")  # the tjänsteskrivelse's appendix
    assert plain is not None and official is not None
    assert [b.text for b in plain.blocks] == [PLAIN_DISCLAIMER]  # type: ignore[union-attr]
    assert [b.text for b in official.blocks[-2:]] == ["Om bedömningen", DISCLAIMER]  # type: ignore[union-attr]
    assert "[kontrollera]" not in PLAIN_DISCLAIMER and _plain_problems(PLAIN_DISCLAIMER) == []
