"""Rekommendation says what stops a case once, in the result box; the sections below refer back (AppTest).

Before, a stopped Ungdomsbussen (``general_interest: no``) named its blocker
and its remedy four times in organisation mode (the box, the leaning, "Att
tänka på", the preparation list) and three times in official mode (the box,
"Det som avgör", the warnings), and the official leaning repeated the deciding
rule the box quotes.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine import Engine, load_case
from iop.model import Case
from iop.model.case import Answer
from iop.rules import load_rulebook
from iop.words import voice
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()
QUESTION = RULEBOOK.questions.questions["general_interest"]


def _stopped_case() -> Case:
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    return case.model_copy(update={"answers": {**case.answers, "general_interest": Answer(value="no")}})


def _page(case: Case, mode: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    at.session_state["case"] = case
    at.session_state["mode"] = mode
    at.switch_page("app_pages/recommendation.py").run()
    assert not at.exception
    return at


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _visible_texts(at: AppTest) -> list[str]:
    """Every Markdown and caption text on the page that is not folded away in an expander."""
    folded = {id(e) for x in at.main.expander for kind in ("markdown", "caption") for e in x.get(kind)}
    return [_unescape(e.value) for kind in ("markdown", "caption") for e in at.main.get(kind) if id(e) not in folded]


def _count(texts: list[str], needle: str) -> int:
    return sum(text.lower().count(needle.lower()) for text in texts)


def test_organisation_mode_names_the_stopping_question_and_its_fix_in_the_box_and_the_list_only():
    case = _stopped_case()
    assessment = Engine(RULEBOOK).assess(case)
    settle = assessment.leaning.settle[0]
    assert settle.question == "general_interest" and settle.plain_remedy
    texts = _visible_texts(_page(case, "organisation"))
    box = next(t for t in texts if t.startswith("- **"))  # the blocker's line in the result box
    prepare = next(t for t in texts if t.startswith("1. "))
    assert QUESTION.plain in box and settle.plain_remedy in box
    assert QUESTION.plain in prepare.splitlines()[0] and settle.plain_remedy in prepare.splitlines()[0]
    assert _count(texts, QUESTION.plain.rstrip("?")) == 2
    assert _count(texts, settle.plain_remedy) == 2
    leaning = next(t for t in texts if t.startswith("Som det ser ut nu"))
    assert "rutan ovan" in leaning and "preliminär bedömning" in leaning


def test_official_mode_keeps_the_warning_with_statute_and_source_but_gives_the_remedy_once():
    case = _stopped_case()
    assessment = Engine(RULEBOOK).assess(case)
    settle = assessment.leaning.settle[0]
    assert settle.remedy
    texts = _visible_texts(_page(case, "official"))
    assert _count(texts, settle.remedy) == 1
    assert _count(texts, "Besvarad: Nej, och det stoppar ärendet") == 1
    # The deciding rule is quoted once, with its id and source, in the box: the leaning does not repeat it.
    assert _count(texts, f"Avgörande regel: {assessment.rule.id}") == 1
    assert _count(texts, "Ärendet är oavgjort eftersom") == 0
    caption = next(t for t in texts if t.startswith("Detta är en preliminär bedömning"))
    assert assessment.rule.annotation not in caption
    # The beslutsunderlag stays complete: the warning keeps its statute and source and points to the remedy.
    warning = assessment.warnings[0]
    lines = [line for t in texts for line in t.splitlines() if warning.text in line]
    assert len(lines) == 1
    assert warning.source.cite() in lines[0] and "se rutan överst" in lines[0]


@pytest.mark.parametrize("mode", ["official", "organisation"])
@pytest.mark.parametrize("case_file", sorted(p.name for p in CASES.glob("*.yaml")))
def test_what_the_box_says_about_a_blocker_is_not_said_again_below_it(case_file: str, mode: str):
    case = load_case(CASES / case_file, RULEBOOK)
    variants = [case]
    if "general_interest" in case.answers or case_file == "ungdomsbussen.yaml":
        variants.append(case.model_copy(update={"answers": {**case.answers, "general_interest": Answer(value="no")}}))
    for variant in variants:
        assessment = Engine(RULEBOOK).assess(variant)
        blockers = voice(mode == "organisation").blockers(assessment, RULEBOOK.questions)[:3]
        texts = _visible_texts(_page(variant, mode))
        box = [t for t in texts if t.startswith("- **")]
        # The preparation list (organisation mode) is a list to act on and to download: it may name it again.
        rest = [t for t in texts if not t.startswith(("1. ", "- **"))]
        for blocker in blockers:
            assert _count(box, blocker.find_out) >= 1
            # Read with its question: two answered blockers can share a wording ("Besvarad: Nej, ...").
            again = [t for t in rest if blocker.find_out.lower() in t.lower() and blocker.text.lower() in t.lower()]
            assert again == [], (blocker.question, blocker.find_out)
