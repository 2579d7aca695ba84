"""Rekommendation names the answered question that stops an undecided case, first, in both modes."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from iop.engine import Engine, load_case
from iop.model import Case
from iop.model.case import Answer
from iop.rules import load_rulebook
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()
QUESTION = RULEBOOK.questions.questions["general_interest"]


def _stopped_case() -> Case:
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    return case.model_copy(update={"answers": {**case.answers, "general_interest": Answer(value="no")}})


def _page(mode: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = _stopped_case()
    at.session_state["mode"] = mode
    at.switch_page("app_pages/recommendation.py").run()
    assert not at.exception
    return at


def _markdown(at: AppTest) -> list[str]:
    """The page's Markdown blocks in order, with escapes removed."""
    return [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]


def test_official_box_names_the_answered_blocker_and_what_decides_does_not_repeat_it():
    blocks = _markdown(_page("official"))
    box = blocks.index("**Det här stoppar ärendet:**")
    assert QUESTION.text.split("?")[0] in blocks[box + 1]
    assert "Besvarad: Nej" in blocks[box + 1]
    # The leaning's "what decides" list leaves out what the box names (tests/app/test_blocker_said_once.py).
    settle = next((b for b in blocks if b.startswith("Det som avgör")), "")
    items = settle.splitlines()[1:]
    assert not [item for item in items if QUESTION.text.split("?")[0] in item]
    # Nothing the page calls "inte ändrar rekommendationen" is listed as deciding.
    text = "\n".join(blocks)
    assert "Obesvarade frågor som inte ändrar rekommendationen i nuläget:" in text
    assessment = Engine(RULEBOOK).assess(_stopped_case())
    unchanged = [q.text for q in assessment.open_questions if not q.decisive and not q.decides_with]
    assert unchanged
    assert not [q for q in unchanged for item in items if q in item]


def test_organisation_page_names_the_blocker_first_and_prepares_its_fix_first():
    blocks = _markdown(_page("organisation"))
    text = "\n".join(blocks)
    # The leaning points to the box, which names the blocker (tests/app/test_blocker_said_once.py).
    assert "Det som avgör är främst det som stoppar ärendet, i rutan ovan" in text
    assert "Ni har svarat Nej" in text
    box = blocks.index("**Det här gör att det inte går att säga något just nu:**")
    assert QUESTION.plain in blocks[box + 1]
    prepare = next(b for b in blocks if b.startswith("1. "))
    first = prepare.splitlines()[0]
    assert QUESTION.plain in first and "begränsa stödet" in first
