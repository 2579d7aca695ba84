"""The step counter on Kriterierna: honest about a plan that changes with the answers, and calm."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from iop.rules import load_rulebook
from tests.helpers import REPO

COUNTER = re.compile(r"^(?:Steg (\d+)|Fler frågor) · (?:(\d+) steg kvar just nu – antalet ändras med svaren|"
                     r"inga fler steg just nu) · \d+ (?:fråga besvarad|frågor besvarade), \d+ kvar som kan ändra "
                     r"rekommendationen$")


def _counter(at: AppTest) -> tuple[str, float]:
    bar = at.get("progress")[0]
    return bar.proto.text, bar.proto.value


def _planned_steps(at: AppTest) -> int:
    """How many steps the walk plans now, from the "Gå till steg" list (without Fler frågor)."""
    box = next(s for s in at.selectbox if s.label == "Gå till steg")
    return sum(1 for option in box.options if not option.startswith("Fler frågor"))


def test_the_counter_never_claims_a_fixed_total_and_counts_steps_one_by_one():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.switch_page("app_pages/criteria.py").run()
    questions = load_rulebook().questions.questions
    seen: list[tuple[int, int]] = []
    values: list[float] = []
    for _ in range(40):
        for _ in range(20):  # answer every open question on this step with its first option
            radio = next((r for r in at.radio if r.key.startswith("w:answer:") and r.value in (None, "unknown")),
                         None)
            if radio is None:
                break
            radio.set_value(list(questions[radio.key.removeprefix("w:answer:")].options)[0]).run()
        text, value = _counter(at)
        match = COUNTER.match(text)
        assert match, text
        assert " av " not in text  # "Steg 2 av 11" then "Steg 4 av 10" was the jumping total
        values.append(value)
        forward = next(b for b in at.button if b.label == "Nästa →")
        if match.group(1):
            number, left = int(match.group(1)), int(match.group(2) or 0)
            assert number <= _planned_steps(at), text
            assert (left == 0) == forward.disabled, text  # the steps left are the ones "Nästa" leads to
            seen.append((number, left))
        if forward.disabled:
            break
        forward.click().run()
    assert len(seen) >= 2
    numbers = [n for n, _ in seen]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1  # forward through the list, never back
    assert values == sorted(values)  # the bar only grows as questions are answered
    assert values[-1] > values[0]
