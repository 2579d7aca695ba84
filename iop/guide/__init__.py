"""Guiding a user through a case: the walk, the comparison of sets, what to prepare, what the result box already
said."""


from iop.guide.comparison import (
    CriterionRow,
    SetColumn,
    SetComparison,
    compare_sets,
)
from iop.guide.entry import (
    KEPT,
    store_answer,
    title_problem,
    too_long,
    updated,
)
from iop.guide.preparation import (
    preparation_list,
    preparation_text,
)
from iop.guide.progress import (
    DontKnowThatDecides,
    OpenPoint,
    WalkProgress,
    dont_know_that_decides,
    open_before_assessing,
    walk_progress,
)
from iop.guide.said_above import (
    not_yet_below_box,
    plain_leaning_below_box,
    settle_below_box,
    warnings_below_box_of,
)
from iop.guide.walk import (
    MORE_STEP_ID,
    MORE_TITLE,
    PLAIN_INTRO,
    Step,
    WalkPlan,
    WalkRun,
    given_on_case,
    plan_for,
    play_walk,
    walk_plan,
    walk_steps,
)
from iop.guide.walk_screen import (
    MORE_INTRO,
    WalkScreen,
    walk_screen,
)

__all__ = [
    "given_on_case",
    "compare_sets",
    "CriterionRow",
    "dont_know_that_decides",
    "DontKnowThatDecides",
    "open_before_assessing",
    "OpenPoint",
    "walk_progress",
    "WalkProgress",
    "MORE_STEP_ID",
    "MORE_TITLE",
    "not_yet_below_box",
    "PLAIN_INTRO",
    "plain_leaning_below_box",
    "plan_for",
    "preparation_list",
    "preparation_text",
    "play_walk",
    "SetColumn",
    "SetComparison",
    "settle_below_box",
    "Step",
    "walk_plan",
    "walk_steps",
    "WalkPlan",
    "WalkRun",
    "warnings_below_box_of",
    "KEPT",
    "store_answer",
    "title_problem",
    "too_long",
    "updated",
    "MORE_INTRO",
    "WalkScreen",
    "walk_screen",
]
