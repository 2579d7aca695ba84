"""The step counter on Kriterierna: a fixed total, free navigation, and a "Vet ej" that decides counted as open."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine import compile_rulebook, load_case
from iop.guide import walk_steps
from iop.model.case import Answer
from iop.rules import load_rulebook
from tests.helpers import CASES, REPO

COUNTER = re.compile(r"^(?:Steg (\d+) av högst (\d+)|Fler frågor) · \d+ (?:fråga besvarad|frågor besvarade), "
                     r"(\d+) kvar som kan ändra rekommendationen(?: \(varav (\d+) besvarade? med Vet ej\))?$")
RULEBOOK = load_rulebook()
QUESTIONS = RULEBOOK.questions.questions


def _counter(at: AppTest) -> tuple[str, float]:
    bar = at.get("progress")[0]
    return bar.proto.text, bar.proto.value


def _to_ask(text: str) -> int:
    """Questions still to ask: what can change the result, less the "Vet ej" answers among it."""
    match = COUNTER.match(text)
    assert match, text
    return int(match.group(3)) - int(match.group(4) or 0)


def _forward(at: AppTest):  # noqa: ANN202  (AppTest's Button type is not exported)
    return next(b for b in at.button if b.label == "Nästa →")


def test_the_total_is_fixed_and_the_step_number_only_grows_as_one_answers_and_goes_on():
    reference = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = reference.model_copy(update={"answers": {}})
    at.switch_page("app_pages/criteria.py").run()
    seen: list[tuple[int, int, bool]] = []  # (step number, total, a question left to answer on arrival)
    for _ in range(40):
        text, _ = _counter(at)
        match = COUNTER.match(text)
        assert match, text
        unanswered = any(r.key.startswith("w:answer:") and r.value is None for r in at.radio)
        if match.group(1):
            seen.append((int(match.group(1)), int(match.group(2)), unanswered))
        for _ in range(20):  # answer every open question on this step as Ungdomsbussen does, else "Vet ej"
            radio = next((r for r in at.radio if r.key.startswith("w:answer:") and r.value is None), None)
            if radio is None:
                break
            given = reference.answers.get(radio.key.removeprefix("w:answer:"))
            radio.set_value(given.value if given else "vet_ej").run()
        forward = _forward(at)
        if forward.disabled or _to_ask(_counter(at)[0]) == 0:
            break
        forward.click().run()
    assert len(seen) >= 5, seen
    assert {total for _, total, _ in seen} == {len(walk_steps(compile_rulebook(RULEBOOK), "forum-2015"))}, seen
    assert seen[0][0] == 1
    for (before, _, _), (after, _, asks) in zip(seen, seen[1:], strict=False):
        # Forward, or back to an earlier step only because a later answer made a question there matter.
        assert after > before or asks, seen


def test_next_is_never_disabled_on_an_earlier_step_once_everything_is_answered():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    at.switch_page("app_pages/criteria.py").run()
    box = next(s for s in at.selectbox if s.label == "Gå till steg")
    labels = list(box.options)
    assert len(labels) >= 3
    visited = [box.value]
    for _ in range(len(labels) - 1):
        forward = _forward(at)
        assert not forward.disabled, (_counter(at)[0], visited)
        forward.click().run()
        visited.append(next(s for s in at.selectbox if s.label == "Gå till steg").value)
    assert len(set(visited)) == len(labels)  # every step reached by "Nästa" alone
    assert _forward(at).disabled  # only the last step has nowhere to go


@pytest.mark.parametrize("mode", ["official", "organisation"])
def test_a_dont_know_that_decides_is_counted_open_and_says_what_to_find_out(mode: str):
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    case = case.model_copy(update={"answers": {**case.answers, "initiative": Answer(value="vet_ej")}})
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = case
    at.session_state["mode"] = mode
    at.switch_page("app_pages/criteria.py").run()
    assert not at.exception
    text, value = _counter(at)
    match = COUNTER.match(text)
    assert match, text
    assert int(match.group(3)) >= 1 and match.group(4) == "1", text
    assert value < 100  # the bar is not full
    page = re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown)).replace("&#32;", " ")
    question = QUESTIONS["initiative"]
    assert (question.plain if mode == "organisation" else question.text).split("?")[0] in page
    assert (question.prepare or "").split(".")[0] in page  # what to find out
    assert not [s for s in at.success if "Alla frågor" in s.value]


def test_the_duration_given_on_the_case_is_not_asked_again():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    assert case.activity.planned_duration_months == 48
    blank = case.model_copy(update={"answers": {}})
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = blank
    at.switch_page("app_pages/criteria.py").run()
    box = next(s for s in at.selectbox if s.label == "Gå till steg")
    for index in range(len(box.options)):
        next(s for s in at.selectbox if s.label == "Gå till steg").select_index(index).run()
        assert "w:answer:long_duration" not in [r.key for r in at.radio]
