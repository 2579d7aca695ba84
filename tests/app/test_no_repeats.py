"""Headings and the verdict are said once on every page, in both modes (AppTest from app.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine.case_import import load_case
from iop.rules.rulebook import load_rulebook
from tests.helpers import CASES, REPO

PAGES = ["start", "case", "criteria", "spectrum", "recommendation", "export", "cases", "case_record", "workshop",
         "workshop_join"]


def _page(case_file: str, page: str, mode: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    at.session_state["case"] = load_case(CASES / case_file, load_rulebook())
    at.session_state["mode"] = mode
    return at.switch_page(f"app_pages/{page}.py").run()


def _headings(at: AppTest) -> list[str]:
    found = [e.value for kind in ("title", "header", "subheader") for e in at.get(kind)]
    found += [line for m in at.markdown for line in m.value.splitlines() if line.startswith("#")]
    return [re.sub(r"\\(.)", r"\1", h).strip("# ") for h in found]


def _main_lines(at: AppTest) -> list[str]:
    lines = []
    for kind in ("markdown", "caption"):
        for element in at.main.get(kind):
            lines += [re.sub(r"\\(.)", r"\1", line).strip(" -*#") for line in element.value.splitlines()]
    return lines


@pytest.mark.parametrize("mode", ["official", "organisation"])
@pytest.mark.parametrize("page", PAGES)
def test_no_heading_is_repeated_on_a_page(page: str, mode: str):
    at = _page("ungdomsbussen.yaml", page, mode)
    repeated = {h: n for h, n in Counter(_headings(at)).items() if n > 1}
    assert repeated == {}


@pytest.mark.parametrize("mode", ["official", "organisation"])
@pytest.mark.parametrize("case_file", sorted(p.name for p in CASES.glob("*.yaml")))
def test_the_recommendation_states_its_verdict_rule_and_disclaimer_once(case_file: str, mode: str):
    at = _page(case_file, "recommendation", mode)
    assert not at.exception
    assert "Rekommendation" not in _headings(at)[1:]  # the page title, not again as a section
    lines = _main_lines(at)
    once = [line for line in lines
            if line.startswith(("Rekommendationen är", "Avgörande regel:", "IOP-stöd är ett beslutsstöd."))]
    repeated = {line: n for line, n in Counter(once).items() if n > 1}
    assert repeated == {}


def test_sets_decided_by_the_same_legal_rule_are_compared_in_one_line_not_three():
    at = _page("handplockad-partner.yaml", "recommendation", "official")
    lines = _main_lines(at)
    assert "Alla uppsättningar, av samma skäl" in lines
    l3 = [line for line in lines if line.startswith("L3:")]
    assert len(l3) == 1
