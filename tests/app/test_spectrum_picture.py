"""The spectrum page: every answer shown in full in the picture, and the verdict said once."""

from __future__ import annotations

import base64
import re
from html import unescape

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine import Engine, case_facts, load_case, load_spectrum, place
from iop.rules import load_rulebook
from iop.words.voice import GRANT_REASON, GRANT_REASON_PLAIN, voice
from tests.helpers import CASES, REPO


def _picture_lines(at: AppTest) -> list[str]:
    """The picture's text elements, each with its wrapped lines joined as a reader reads them."""
    source = next(m.value for m in at.markdown if "spectrum-picture" in m.value)
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', source).group(1)
    svg = base64.b64decode(encoded).decode("utf-8")
    return [" ".join(unescape(t) for t in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", element))
            for element in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


@pytest.mark.parametrize("mode", ["official", "organisation"])
@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.yaml")))
def test_every_answer_stands_in_full_in_the_picture(name: str, mode: str):
    book = load_rulebook()
    case = load_case(CASES / name, book)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = case
    at.session_state["mode"] = mode
    at.switch_page("app_pages/spectrum.py").run()
    assert not at.exception
    lines = _picture_lines(at)
    labels = {qid: voice(mode == "organisation").labels(q) for qid, q in book.questions.questions.items()}
    answers = [p.answer_label for p in place(load_spectrum(), case_facts(case), labels) if p.answer_label]
    assert answers
    for answer in answers:
        assert answer in lines, f"{answer!r} is not whole in the picture"
    assert not any(line.endswith("…") for line in lines)
    # The verdict row names the recommendation as the headline does: a grant with its form and reason.
    verdict = voice(mode == "organisation").spectrum_verdict(Engine(book).assess(case, explain_changes=False))
    assert verdict.label in lines
    if verdict.outcome == "grant" and not verdict.preliminary:
        assert (GRANT_REASON_PLAIN if mode == "organisation" else GRANT_REASON) in verdict.label


def test_the_fritidsgard_verdict_is_said_once():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = load_case(CASES / "fritidsgard-detaljstyrd.yaml", load_rulebook())
    at.switch_page("app_pages/spectrum.py").run()
    verdict = next(s.value for s in at.success).replace("\\", "")
    assert verdict.startswith("**Rekommendation: Upphandling.**")
    assert verdict.lower().count("upphandling") == 1, verdict
