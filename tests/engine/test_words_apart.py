"""The engine returns data; a voice says it (issue 18, point 3).

The record names an answer by its option and the rulebook's label, a stopping answer by its option, and a
criteria set applied outside its validity by the set and the day. "Vet ej / inte besvarad", "Vet ej" and
"Kriterieuppsättningen … gäller inte …" are the voice's words, said the same as when the engine wrote them,
and a record stored while the engine still wrote them is said as stored.
"""

from __future__ import annotations

import ast
import datetime as dt
import re

from iop.documents import build_outline, decision_outline, plain_wording, to_markdown
from iop.documents.explanation import explanation_text
from iop.documents.text_report import to_json_dict
from iop.engine import Engine, explain, load_case
from iop.model import Caution
from iop.model.assessment_record import OutOfValidity, SettlingQuestion
from iop.model.case import Answer
from iop.model.questions import UNKNOWN
from iop.model.source import Source
from iop.rules import load_rulebook
from iop.words import NOT_ANSWERED_LABEL, OFFICIAL, PLAIN
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)
OUT_OF_FORCE = "Kriterieuppsättningen skl-2017 gäller inte på bedömningsdatumet 2015-06-01."


def _old_dated():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    return case, ENGINE.assess(case.model_copy(update={"date": dt.date(2015, 6, 1)}), "skl-2017")


def test_a_set_applied_outside_its_validity_is_a_warning_as_data():
    _, assessment = _old_dated()
    warning = assessment.warnings[-1]
    assert warning.text == "" and warning.out_of_validity == OutOfValidity(criteria_set="skl-2017",
                                                                           day=dt.date(2015, 6, 1))
    assert ENGINE.assess(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "skl-2017").warnings == \
        assessment.warnings[:-1]  # on a day the set applies, no such warning


def test_the_voice_says_the_set_is_out_of_its_validity_wherever_a_warning_is_shown():
    case, assessment = _old_dated()
    warning = assessment.warnings[-1]
    assert OFFICIAL.caution_text(warning) == OUT_OF_FORCE
    assert OFFICIAL.warning(warning) == f"{OUT_OF_FORCE} (Källa: {warning.source.cite()})"
    assert PLAIN.warning(warning) == OUT_OF_FORCE  # nothing in it cites an act
    assert to_json_dict(assessment)["warnings"][-1]["text"] == OUT_OF_FORCE
    assert f"- {OUT_OF_FORCE} (Källa: " in to_markdown(build_outline(assessment))
    assert f"{OUT_OF_FORCE} Källa: " in to_markdown(decision_outline(assessment, case, RULEBOOK))
    assert f"- {OUT_OF_FORCE}\n" in to_markdown(build_outline(assessment, plain_wording(RULEBOOK, "skl-2017")))


def test_a_warning_stored_with_the_engine_s_sentence_is_said_as_stored():
    stored = Caution(text="Kriterieuppsättningen x gällde inte då.", source=Source(reference="R"))
    assert OFFICIAL.caution_text(stored) == "Kriterieuppsättningen x gällde inte då."
    both = stored.model_copy(update={"out_of_validity": OutOfValidity(criteria_set="y", day=dt.date(2020, 1, 1))})
    assert OFFICIAL.caution_text(both) == stored.text


def test_an_answer_that_is_none_of_the_options_has_no_label_in_the_record_and_the_voice_names_it():
    case = load_case(CASES / "nattvandring-oklart-avtal.yaml", RULEBOOK)
    # Unanswered gate questions, and a criterion's question answered "vet ej".
    assessment = ENGINE.assess(case.model_copy(update={"answers": {**case.answers, "initiative": Answer(value="vet_ej")}}))
    traces = [t for c in assessment.criteria for t in c.answers] + [t for g in assessment.gates for t in g.facts]
    unknown = [t for t in traces if t.answer == UNKNOWN]
    assert unknown and traces != unknown
    assert {t.answer_label for t in unknown} == {""}
    assert all(t.answer_label for t in traces if t.answer != UNKNOWN)
    assert {OFFICIAL.answer(t) for t in unknown} == {NOT_ANSWERED_LABEL} == {"Vet ej / inte besvarad"}
    assert {plain_wording(RULEBOOK, "forum-2015").answer(t) for t in unknown} == {NOT_ANSWERED_LABEL}
    assert f"Vem tog först initiativ till verksamheten? Svar: {NOT_ANSWERED_LABEL} → " in to_markdown(
        build_outline(assessment))
    assert f"→ {NOT_ANSWERED_LABEL} (inte besvarat; criteria/questions.yaml:" in explanation_text(
        explain(assessment, RULEBOOK))
    # A record stored while the engine wrote the label keeps it.
    old = unknown[0]
    assert OFFICIAL.answer(type(old)(old.question, old.text, old.answer, "Så stod det", old.effect)) == "Så stod det"


def test_a_stopping_answer_is_kept_as_its_option_and_named_by_the_voice():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    stopped = case.model_copy(update={"answers": {**case.answers, "general_interest": Answer(value="no")}})
    assessment = ENGINE.assess(stopped)
    assert assessment.leaning is not None
    first = assessment.leaning.settle[0]
    label = RULEBOOK.questions.questions["general_interest"].options["no"]
    assert (first.option, first.answer, first.answered) == ("no", label, True)
    assert OFFICIAL.given(first) == label and f"Besvarad: {label}, och det stoppar ärendet." in OFFICIAL.stops(first)
    assert not any(q.answered or q.option or q.answer for q in assessment.leaning.settle[1:])


def test_a_stopping_vet_ej_is_named_vet_ej_and_an_old_record_s_label_as_stored():
    dont_know = SettlingQuestion(question="q", text="Fråga?", plain="Fråga?", option=UNKNOWN, remedy="Gör så.")
    assert dont_know.answered and OFFICIAL.given(dont_know) == "Vet ej"
    assert OFFICIAL.settle_line(dont_know) == "Fråga? – Besvarad: Vet ej, och det stoppar ärendet. Gör så."
    stored = SettlingQuestion(question="q", text="Fråga?", plain="Fråga?", answer="Nej")  # before options were kept
    assert stored.answered and OFFICIAL.given(stored) == "Nej" and PLAIN.stops(stored).startswith("Ni har svarat Nej,")
    assert not SettlingQuestion(question="q", text="Fråga?", plain="Fråga?").answered
    assert OFFICIAL.settle_line(SettlingQuestion(question="q", text="Fråga?", plain="Fråga?")) == "Fråga?"


# Input checks say what is wrong with a file the user gave (``InputError``), in Swedish, where it is read.
INPUT_CHECKS = {"case_import.py", "rulebook_check.py"}
SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(Vet ej|vet ej|inte|och|gäller|besvarad)\b")


def swedish_literals(source: str) -> list[str]:
    """String literals in ``source`` that read as Swedish, docstrings and comments left out."""
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and SWEDISH.search(node.value)]


def test_the_engine_writes_no_words_of_its_own():
    found = {path.name: said for path in sorted((REPO / "iop" / "engine").glob("*.py"))
             if path.name not in INPUT_CHECKS and (said := swedish_literals(path.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_engine_takes_no_words_from_the_voice_only_sweden_s_clock():
    taken = {(path.name, node.module) for path in sorted((REPO / "iop" / "engine").glob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("iop.words")}
    assert {module for _, module in taken} == {"iop.words.clock"}


def test_the_check_sees_a_swedish_literal_but_not_a_docstring():
    source = '"""Vet ej, inte besvarad."""\nX = "Vet ej / inte besvarad"\nY = f"Kriterieuppsättningen {x}"\nZ = "id"\n'
    assert swedish_literals(source) == ["Vet ej / inte besvarad", "Kriterieuppsättningen "]
