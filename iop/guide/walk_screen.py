"""The walk on screen: which step is shown, how it is numbered and named, and where "Nästa" leads.

``walk_plan`` decides which questions matter; this module turns the plan into the
screens Kriterierna shows: the plan's steps, then "Fler frågor" when there are
questions that cannot change the result, each with its fixed number ("Steg 4 av
högst 9") so that nothing renumbers as the user answers.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from iop.guide.walk import MORE_STEP_ID, MORE_TITLE, Step, WalkPlan
from iop.words.voice import Voice

MORE_INTRO = ("Frågor som inte kan ändra rekommendationen med de svar ni gett hittills. "
              "Ni kan ändå besvara dem, till exempel för att dokumentera ärendet.")


@dataclass(frozen=True)
class WalkScreen:
    """The steps of one plan as the page offers them."""

    plan: WalkPlan
    steps: tuple[Step, ...]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.steps]

    def shown(self, wanted: str | None) -> str:
        """The step to show: ``wanted`` (the step the user was on, or whose fields a reconnected tab sent)
        while it is still a step, else where the walk starts."""
        ids = self.ids
        if wanted is not None and wanted in ids:
            return wanted
        return self.plan.first_step() or (ids[0] if ids else MORE_STEP_ID)

    def holding(self, questions: Collection[str]) -> str | None:
        """The first step that asks any of ``questions`` (the fields a reconnected tab sent)."""
        return next((step.id for step in self.steps if set(questions) & set(step.questions)), None)

    def where(self, step_id: str) -> str:
        """Where the user is: "Steg 4 av högst 9", or "Fler frågor" after the plan's steps."""
        number = self.plan.number(step_id)
        in_plan = step_id in self.plan.step_ids()
        return f"Steg {number} av högst {self.plan.total}" if in_plan and number else MORE_TITLE

    def titles(self, said: Voice) -> dict[str, str]:
        """Each step's name in the "Gå till steg" list: its fixed number and heading; "Fler frågor (N)"."""
        return {s.id: f"{self.plan.number(s.id)}. {s.heading(said)}" if s.id != MORE_STEP_ID
                else f"{s.title} ({len(self.plan.more)})" for s in self.steps}

    def following(self, step_id: str) -> str | None:
        """Where "Nästa" leads from ``step_id``; None on "Fler frågor" or the last step with nowhere to go."""
        if step_id == MORE_STEP_ID:
            return None
        return self.plan.forward(step_id) or (MORE_STEP_ID if self.plan.more else None)


def walk_screen(plan: WalkPlan) -> WalkScreen:
    """The plan's steps, then "Fler frågor" when the plan put questions there."""
    more = Step(id=MORE_STEP_ID, title=MORE_TITLE, intro=MORE_INTRO, questions=plan.more)
    return WalkScreen(plan, (*plan.steps, *((more,) if plan.more else ())))
