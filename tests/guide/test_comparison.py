"""Criteria sets compared criterion by criterion, with the questions each set still needs."""

from __future__ import annotations

from iop.engine import Engine, load_case
from iop.guide import compare_sets
from iop.guide.comparison import NOT_IN_SET
from iop.model import Case
from iop.rules import load_rulebook
from tests.helpers import CASES

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)


def test_every_criterion_of_every_set_has_a_row_and_sets_without_it_say_so():
    comparison = compare_sets(ENGINE, load_case(CASES / "ungdomsbussen.yaml", RULEBOOK))
    ids = {row.criterion for row in comparison.rows}
    assert ids == {c.id for s in RULEBOOK.sets.values() for c in s.criteria}
    initiative = next(r for r in comparison.rows if r.criterion == "initiative")
    assert initiative.cells["skl-2017"] == NOT_IN_SET
    assert initiative.cells["forum-2015"].startswith("✔")


def test_each_set_lists_the_open_questions_that_can_change_its_verdict():
    comparison = compare_sets(ENGINE, Case(title="Tomt"))
    for column in comparison.columns:
        assert column.verdict == "Oavgjort"
        assert column.pending, column.set_id
        assert set(column.pending) <= set(RULEBOOK.relevant_questions(column.set_id))


def test_a_fully_answered_case_needs_nothing_more_under_its_own_set():
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    column = next(c for c in compare_sets(ENGINE, case).columns if c.set_id == "forum-2015")
    assert column.verdict == "IOP"
    assert column.pending == ()
