"""The walk on screen (iop.guide.walk_screen): which step is shown, its fixed number, where "Nästa" leads."""

from __future__ import annotations

from iop.engine import Engine
from iop.guide import MORE_INTRO, MORE_STEP_ID, MORE_TITLE, plan_for, walk_screen
from iop.model import Case
from iop.rules import load_rulebook
from iop.words import OFFICIAL, PLAIN
from tests.helpers import make_case

ENGINE = Engine(load_rulebook())


def test_a_new_case_starts_where_the_walk_starts_and_counts_every_step_the_set_can_have():
    plan = plan_for(ENGINE, Case(title="Tomt"), "forum-2015")
    screen = walk_screen(plan)
    first = screen.shown(None)
    assert first == plan.first_step() == "gate:contract"
    assert screen.where(first) == f"Steg 1 av högst {plan.total}"
    assert screen.titles(OFFICIAL)[first].startswith("1. ")


def test_a_step_the_user_was_on_stays_and_one_that_is_gone_gives_way():
    screen = walk_screen(plan_for(ENGINE, Case(title="Tomt"), "forum-2015"))
    second = screen.ids[1]
    assert screen.shown(second) == second
    assert screen.shown("criterion:no-such-step") == screen.shown(None)


def test_a_reconnected_tab_returns_to_the_step_whose_fields_it_sent():
    screen = walk_screen(plan_for(ENGINE, Case(title="Tomt"), "forum-2015"))
    last = screen.steps[-1]
    assert screen.holding({last.questions[0]}) == last.id
    assert screen.holding(set()) is None


def test_questions_that_cannot_matter_wait_under_fler_fragor_and_nasta_ends_there():
    plan = plan_for(ENGINE, make_case(), "forum-2015")
    screen = walk_screen(plan)
    assert plan.more and screen.ids[-1] == MORE_STEP_ID
    assert screen.steps[-1].intro == MORE_INTRO
    assert screen.titles(PLAIN)[MORE_STEP_ID] == f"{MORE_TITLE} ({len(plan.more)})"
    assert screen.where(MORE_STEP_ID) == MORE_TITLE
    assert screen.following(MORE_STEP_ID) is None
    assert screen.following(plan.steps[-1].id) in (MORE_STEP_ID, plan.forward(plan.steps[-1].id))


def test_without_questions_aside_there_is_no_fler_fragor_step():
    found = plan_for(ENGINE, Case(title="Tomt"), "forum-2015")
    plan = type(found)(steps=found.steps, pending=found.pending, more=(), answered=found.answered,
                       planned=found.planned)
    screen = walk_screen(plan)
    assert MORE_STEP_ID not in screen.ids
    assert screen.following(screen.ids[-1]) == plan.forward(screen.ids[-1])


def test_a_step_is_headed_in_the_voice_s_words_the_official_title_where_there_is_no_plain_one():
    screen = walk_screen(plan_for(ENGINE, make_case(), "forum-2015"))
    criterion = next(s for s in screen.steps if s.criterion is not None)
    assert criterion.plain_title and criterion.plain_title != criterion.title
    assert (criterion.heading(OFFICIAL), criterion.heading(PLAIN)) == (criterion.title, criterion.plain_title)
    more = screen.steps[-1]
    assert more.plain_title == "" and more.heading(PLAIN) == more.heading(OFFICIAL) == MORE_TITLE
    number = screen.plan.number(criterion.id)
    assert (screen.titles(OFFICIAL)[criterion.id], screen.titles(PLAIN)[criterion.id]) == (
        f"{number}. {criterion.title}", f"{number}. {criterion.plain_title}")
