"""Guiding a user through a case: the walk, the comparison of sets, what the result box already said."""


from iop.guide.comparison import (
    CriterionRow,
    SetColumn,
    SetComparison,
    compare_sets,
)
from iop.guide.said_above import (
    not_yet_below_box,
    plain_leaning_below_box,
    settle_below_box,
    warnings_below_box,
)
from iop.guide.walk import (
    MORE_STEP_ID,
    MORE_TITLE,
    PLAIN_INTRO,
    Step,
    WalkPlan,
    WalkRun,
    plan_for,
    play_walk,
    walk_plan,
    walk_steps,
)

__all__ = [
    "compare_sets",
    "CriterionRow",
    "MORE_STEP_ID",
    "MORE_TITLE",
    "not_yet_below_box",
    "PLAIN_INTRO",
    "plain_leaning_below_box",
    "plan_for",
    "play_walk",
    "SetColumn",
    "SetComparison",
    "settle_below_box",
    "Step",
    "walk_plan",
    "walk_steps",
    "WalkPlan",
    "WalkRun",
    "warnings_below_box",
]
