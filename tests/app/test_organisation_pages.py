"""Organisation mode on every page, with AppTest: plain words only, official mode unchanged.

Everything a page draws (headings, text, captions, widget labels and options,
tables, messages) is collected and checked against the same list as the
domain tests: no rule id, file name, case law or paragraph reference.
"""

from __future__ import annotations

import base64
import re

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine import Engine, load_case
from iop.rules import load_rulebook
from iop.words import PLAIN
from tests.helpers import CASES, REPO
from tests.plain_patterns import not_plain

BOOK = load_rulebook()
QUESTIONS = BOOK.questions.questions
PAGES = ["app_pages/case.py", "app_pages/criteria.py", "app_pages/spectrum.py", "app_pages/recommendation.py",
         "app_pages/export.py"]
CASE_NAMES = ["ungdomsbussen", "nattvandring-oklart-avtal", "fritidsgard-detaljstyrd", "skyddat-boende-reserverad",
              "kafe-naringsverksamhet-olagligt-stod"]
"""An IOP, an undecided case, procurement by LOU, reserved procurement and an unlawful grant with warnings."""


def _on_page(case_name: str, page: str, mode: str = "organisation", step: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = load_case(CASES / f"{case_name}.yaml", BOOK)
    at.session_state["mode"] = mode
    if step:
        at.session_state["step"] = step
    at.switch_page(page).run()
    assert not at.exception
    return at


def _drawn_text(at: AppTest) -> str:
    """What the main area draws, as text: Markdown sources unescaped, widget labels and options, tables."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        parts += [e.value for e in getattr(at.main, kind)]
    parts += [e.label for e in at.main.expander]
    for widget in (*at.main.radio, *at.main.selectbox):
        parts += [widget.label, *map(str, widget.options)]
    parts += [w.label for w in (*at.main.text_area, *at.main.text_input, *at.main.button)]
    # Help tooltips are read on hover and by screen readers.
    widgets = (*at.main.radio, *at.main.selectbox, *at.main.text_area, *at.main.text_input, *at.main.button,
               *at.main.number_input)
    parts += [w.help for w in widgets if getattr(w, "help", None)]
    parts += [t.value.to_string() for t in at.main.table]
    parts += [b.label for b in at.main.get("download_button")]
    return _svg_as_text("\n".join(parts)).replace("\\", "")


def _svg_as_text(text: str) -> str:
    """A picture drawn as a base64 SVG, replaced by the words in it (its labels are read too)."""
    def words(match: re.Match[str]) -> str:
        return re.sub(r"<[^>]+>", " ", base64.b64decode(match.group(1)).decode("utf-8"))
    return re.sub(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", words, text)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("case_name", CASE_NAMES)
def test_organisation_mode_page_names_no_rule_source_file_or_paragraph(case_name: str, page: str):
    at = _on_page(case_name, page)
    assert not_plain(_drawn_text(at)) == []


def test_every_walk_step_in_organisation_mode_shows_plain_options_and_help():
    at = _on_page("nattvandring-oklart-avtal", "app_pages/criteria.py")
    jump = at.main.selectbox[0]
    for index in range(len(jump.options)):
        at.main.selectbox[0].select_index(index).run()
        assert not at.exception
        text = _drawn_text(at)
        assert not_plain(text) == [], jump.options[index]
        for radio in at.main.radio:
            qid = radio.key.removeprefix("w:answer:")
            assert list(radio.options) == [*QUESTIONS[qid].plain_options.values(), "Vet ej"]
            assert QUESTIONS[qid].plain_help in text


def test_the_walk_in_official_mode_keeps_the_official_option_labels():
    at = _on_page("ungdomsbussen", "app_pages/criteria.py", mode="official", step="criterion:initiative")
    radio = at.main.radio[0]
    qid = radio.key.removeprefix("w:answer:")
    assert QUESTIONS[qid].options != QUESTIONS[qid].plain_options  # so the check below tells the two apart
    assert list(radio.options) == [*QUESTIONS[qid].options.values(), "Vet ej"]


def test_organisation_recommendation_puts_blocking_questions_first_in_the_list_to_prepare():
    at = _on_page("nattvandring-oklart-avtal", "app_pages/recommendation.py")
    assessment = Engine(BOOK).assess(at.session_state["case"])
    blockers = PLAIN.blockers(assessment, BOOK.questions)
    assert blockers
    heading = [m.value for m in at.main.markdown].index("Innan ni kontaktar kommunen, ta fram:")
    listed = at.main.markdown[heading + 1].value.replace("\\", "")
    first = listed.splitlines()[0]
    assert first.startswith("1. Avgör om det går att säga något alls:")
    assert any(b.point in first for b in blockers)
    assert any(b.label == "Ladda ner listan (text)" for b in at.main.get("download_button"))


def test_organisation_full_assessment_is_offered_in_plain_words():
    at = _on_page("ungdomsbussen", "app_pages/recommendation.py")
    labels = [e.label for e in at.main.expander]
    assert "Hela bedömningen: vad ni svarade och vad det betyder" in labels
    text = _drawn_text(at)
    assert "Det här bedömdes" in text and "Varför:" in text
    assert not_plain(text) == []


def test_official_recommendation_still_names_the_rule_and_its_source():
    at = _on_page("ungdomsbussen", "app_pages/recommendation.py", mode="official")
    text = _drawn_text(at)
    assert "Avgörande regel: F9" in text and "Källa:" in text
    assert not_plain(text) != []


def test_organisation_comparison_of_sets_names_criteria_plainly_and_verdicts_without_acts():
    at = _on_page("fritidsgard-detaljstyrd", "app_pages/recommendation.py")
    table = at.main.table[0].value
    plain_titles = {c.plain.rstrip(".") for s in BOOK.sets.values() for c in s.criteria}
    assert set(table.index[:-1]) <= plain_titles
    assert not_plain(table.to_string()) == []


def test_organisation_recommendation_shows_what_to_think_about_on_the_page_not_only_when_expanded():
    at = _on_page("kafe-naringsverksamhet-olagligt-stod", "app_pages/recommendation.py")
    assessment = Engine(BOOK).assess(at.session_state["case"])
    warned = {r.plain_warning for t in BOOK.gates.values() for r in t.rules if r.warning in
              {w.text for w in assessment.warnings}}
    assert warned
    outside = [m.value.replace("\\", "") for m in at.main.markdown if not any(
        m.value in [x.value for x in e.markdown] for e in at.main.expander)]
    assert "Att tänka på" in [h.value for h in at.main.subheader]
    assert all(any(text in shown for shown in outside) for text in warned)
