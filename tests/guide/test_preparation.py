from iop.engine.evaluation import Engine
from iop.guide.preparation import NEEDS_WORK, preparation_list
from iop.rules.rulebook import Rulebook
from tests.helpers import make_case


def test_a_case_that_meets_everything_still_lists_programme_and_budget(engine: Engine, rulebook: Rulebook):
    points = preparation_list(engine.assess(make_case(), "forum-2015"), rulebook)
    assert any("överenskommelse" in p for p in points)
    assert any("budget" in p for p in points)
    assert not any(p.startswith(NEEDS_WORK) for p in points)


def test_unanswered_and_unmet_points_come_first_and_are_marked(engine: Engine, rulebook: Rulebook):
    case = make_case(political_programme="vet_ej", co_financing="public_only")
    points = preparation_list(engine.assess(case, "forum-2015"), rulebook)
    marked = [p for p in points if p.startswith(NEEDS_WORK)]
    assert len(marked) == 2
    assert points[1:3] == marked
    assert any("budget" in p for p in marked) and any("överenskommelse" in p for p in marked)
