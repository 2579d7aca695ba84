"""The guided walk: the steps a user goes through for a criteria set.

First whether the agreement is a contract, then each criterion of the set
with its questions, then the questions the set's decision table reads besides
its criteria, then the other legal gates. The
app shows one step at a time; this module decides what the steps are and,
given the answers so far, which questions are still worth asking
(``walk_plan``): a question that cannot change the recommendation or a gate
is moved out of the way, under "Fler frågor".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iop.engine.compiled import CompiledGate, CompiledRulebook
from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case
from iop.model.questions import DONT_KNOW
from iop.rules.criteria import Criterion
from iop.words.plain_language import PLAIN_GATE_TITLE
from iop.words.voice import Voice

GATE_STEP_TEXT = {
    "contract": ("Bidrag eller kontrakt",
                 "Avgör om avtalet rättsligt är ett bidrag eller ett kontrakt som ska upphandlas."),
    "lawful_grant": ("Ett lagligt bidrag", "Kommunallagens krav på ett bidrag, som också gäller ett IOP."),
    "state_aid": ("Statsstöd", "EU:s statsstödsregler om verksamheten är ekonomisk."),
    "procurement_route": ("Upphandlingsväg", "Om det blir upphandling: LOU, LOV eller reserverad upphandling."),
}
"""Gate id -> (title, intro) of the gate's step. The gates themselves, and their order, are read from
criteria/rulebook.yaml; a gate not named here (a municipality's own) is titled by its table and introduced
by its description there."""


def gate_step_text(gate: CompiledGate) -> tuple[str, str]:
    """The title and intro of ``gate``'s step."""
    return GATE_STEP_TEXT.get(gate.id, (gate.title, gate.description))


GRANT_FORM_STEP = (
    "grant_form", "Bidrag eller partnerskap",
    "Hur pengarna ges, vems verksamheten är, om kommunen ska vara med och styra och hur länge: det som skiljer "
    "ett vanligt bidrag från ett IOP. Att organisationen tog initiativet och själv bidrar gäller de flesta bidrag.",
    "Stöd till er verksamhet eller partnerskap?",
)
"""(group, title, intro, plain title) of the step with the facts that tell an ordinary grant from an IOP."""

EXTRA_GROUP = "policy"
"""The question group (questions.yaml) of what the sets' policy tables read besides their criteria."""

EXTRA_INTRO = ("Några frågor till om verksamheten. Svaren påverkar rekommendationen, "
               "fast de inte hör till något av kriterierna ovan.")
"""The intro of the step with the questions the set's decision table reads besides its criteria."""

PLAIN_INTRO = {
    "gate:contract": "Först: är det kommunen som köper en tjänst av er, eller stödjer kommunen er egen verksamhet?",
    "gate:lawful_grant": "Kommunen får bara ge pengar till sådant som gynnar kommunens invånare, och på lika villkor.",
    "gate:state_aid": "Säljer ni tjänster på en marknad kan EU:s regler om stöd till företag gälla.",
    "gate:procurement_route": "Om kommunen ska köpa tjänsten: hur kan det gå till?",
    "policy:extra": "Några frågor till om verksamheten.",
    "form:grant_form": ("Söker ni ett bidrag till det ni gör, eller vill ni och kommunen arbeta tillsammans "
                        "i ett partnerskap?"),
}
"""Step introductions for organisation mode: what the step is about, without the law's names."""


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    questions: tuple[str, ...]
    criterion: Criterion | None = None
    plain_title: str = ""
    """The step's title in organisation mode, without the acts' names; empty when ``title`` is plain already."""

    def heading(self, said: Voice) -> str:
        return said.name(self.title, self.plain_title)


def walk_steps(book: CompiledRulebook, set_id: str) -> list[Step]:
    """Every relevant question of ``set_id`` appears in exactly one step.

    Order: whether it is a contract at all (the first gate criteria/rulebook.yaml
    reads), then each criterion, then the questions the set's table reads besides
    its criteria, then the other gates in their reading order. A gate's questions
    are those of its group (the gate's id, criteria/rulebook.yaml).
    """
    cset = book.set(set_id)
    relevant = cset.relevant
    questions = book.questions
    steps = [Step(id=f"criterion:{c.id}", title=c.title, intro=c.help, questions=tuple(c.questions), criterion=c,
                  plain_title=c.plain.rstrip("."))
             for c in (compiled.criterion for compiled in cset.criteria)]
    asked = {q for s in steps for q in s.questions}
    extra = tuple(q for q in relevant if q not in asked and questions[q].group == EXTRA_GROUP)
    if extra:
        steps.append(Step(id=f"{EXTRA_GROUP}:extra", title="Fler frågor om verksamheten",
                          intro=EXTRA_INTRO, questions=extra))
        asked |= set(extra)
    # The first gate goes first: the legal layer reads it before any
    # criterion, so until it is settled no criterion can change the result.
    first, *later = book.gates
    title, intro = gate_step_text(first)
    contract = tuple(q for q in relevant if q not in asked and questions[q].group == first.id)
    if contract:
        steps.insert(0, Step(id=f"gate:{first.id}", title=title, intro=intro, questions=contract,
                             plain_title=PLAIN_GATE_TITLE.get(first.id, "")))
        asked |= set(contract)
    # Grant or partnership: how the money is given and who steers, read by gate 1 and the policy tables
    # alike. Asked right after gate 1, before the criteria that initiative and co-financing would
    # otherwise seem to settle.
    form = tuple(q for q in relevant if q not in asked and questions[q].group == GRANT_FORM_STEP[0])
    if form:
        steps.insert(1 if contract else 0, Step(id=f"form:{GRANT_FORM_STEP[0]}", title=GRANT_FORM_STEP[1],
                                                intro=GRANT_FORM_STEP[2], questions=form,
                                                plain_title=GRANT_FORM_STEP[3]))
        asked |= set(form)
    for gate in later:
        title, intro = gate_step_text(gate)
        group_questions = tuple(q for q in relevant if q not in asked and questions[q].group == gate.id)
        if group_questions:
            steps.append(Step(id=f"gate:{gate.id}", title=title, intro=intro, questions=group_questions,
                              plain_title=PLAIN_GATE_TITLE.get(gate.id, "")))
            asked |= set(group_questions)
    return steps


MORE_STEP_ID = "more"
MORE_TITLE = "Fler frågor"


@dataclass(frozen=True)
class WalkPlan:
    """The walk for one case as it stands: the steps still worth showing and the rest.

    ``steps`` keep the fixed order of ``walk_steps`` and hold, per step, the
    questions the user has answered (so they can be reviewed and changed) and
    those that can still change the outcome (``pending``). Every other relevant
    question is in ``more``.
    """

    steps: tuple[Step, ...]
    pending: frozenset[str]
    more: tuple[str, ...]
    answered: frozenset[str] = field(default_factory=frozenset)
    planned: tuple[str, ...] = ()
    """Every step the walk of this set can have, in order (``walk_steps``): fixed, whatever the answers."""

    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]

    @property
    def total(self) -> int:
        """How many steps the walk can need at most: the same number from the first answer to the last."""
        return len(self.planned) or len(self.steps)

    def number(self, step_id: str) -> int | None:
        """The step's place among all the walk's steps (1-based), so "Steg 4 av 9" never renumbers."""
        order = list(self.planned) or self.step_ids()
        return order.index(step_id) + 1 if step_id in order else None

    def forward(self, step_id: str) -> str | None:
        """Where "Nästa" leads: the next step with a question to ask, else simply the next step.

        Never None before the last step, so a user reviewing earlier answers can always go on;
        on the last step it wraps to an earlier step with a question still to ask, if any.
        """
        ids = self.step_ids()
        if step_id not in ids:
            return self.first_step()
        position = ids.index(step_id)
        ahead = [sid for sid in ids[position + 1:]
                 if any(q in self.pending for q in self.steps[ids.index(sid)].questions)]
        if ahead:
            return ahead[0]
        if position + 1 < len(ids):
            return ids[position + 1]
        return self.next_step(step_id)

    def next_step(self, step_id: str) -> str | None:
        """The next step with a question still to ask: forward first, then wrapping to earlier steps.

        Later answers can make an earlier question matter again; wrapping
        brings the user back to it instead of leaving it unseen.
        """
        ids = self.step_ids()
        start = ids.index(step_id) + 1 if step_id in ids else 0
        order = ids[start:] + ids[:start]
        for sid in order:
            if sid != step_id and any(q in self.pending for q in self.steps[ids.index(sid)].questions):
                return sid
        return None

    def first_step(self) -> str | None:
        """Where a user starting the walk begins: the first step with a question to ask."""
        for step in self.steps:
            if any(q in self.pending for q in step.questions):
                return step.id
        return self.steps[0].id if self.steps else None


def walk_plan(book: CompiledRulebook, set_id: str, pending: frozenset[str], answered: frozenset[str],
              given: frozenset[str] = frozenset()) -> WalkPlan:
    """Split the fixed walk into the questions worth showing and the rest ("Fler frågor").

    ``pending`` comes from ``Engine.questions_that_matter`` and ``answered`` is
    every question the user has answered, "vet ej" included. ``given`` are the
    questions the facts on Ärendet already answer (``given_on_case``): they are
    asked nowhere, not even under "Fler frågor". Pure, so the app and the tests
    walk exactly the same plan.
    """
    shown = pending | answered
    steps: list[Step] = []
    more: list[str] = []
    every = walk_steps(book, set_id)
    for step in every:
        kept = tuple(q for q in step.questions if q in shown)
        more.extend(q for q in step.questions if q not in shown and q not in given)
        if kept:
            steps.append(Step(id=step.id, title=step.title, intro=step.intro, questions=kept,
                              criterion=step.criterion, plain_title=step.plain_title))
    return WalkPlan(steps=tuple(steps), pending=pending, more=tuple(more), answered=answered,
                    planned=tuple(s.id for s in every))


def plan_for(engine: Engine, case: Case, set_id: str | None = None) -> WalkPlan:
    """The walk plan for ``case`` under ``set_id`` (default: the case's own set)."""
    set_id = set_id or case.criteria_set
    return walk_plan(engine.compiled, set_id, engine.questions_that_matter(case, set_id),
                     frozenset(case.answers), given_on_case(engine.compiled, case))


def given_on_case(book: CompiledRulebook, case: Case) -> frozenset[str]:
    """Questions the facts typed on Ärendet answer (criteria/rulebook.yaml's derived answers read off the case,
    such as the planned duration or the contributions), unless the user answered them: never asked again."""
    return frozenset(derived.question for derived in book.derivations
                     if not derived.from_answers and derived.question not in case.answers
                     and derived.function(case) is not None)


@dataclass(frozen=True)
class WalkRun:
    """A walk played through from a case's own answers: what was asked, in order."""

    asked: tuple[str, ...]
    screens: tuple[str, ...]
    case: Case


def play_walk(engine: Engine, answers_from: Case, set_id: str | None = None) -> WalkRun:
    """Answer the walk's questions in the order it asks them, taking each answer from ``answers_from``.

    Starts from ``answers_from`` with no answers (the facts on Ärendet kept) and
    each time answers the first question the plan still asks; a question the
    case has no answer for is answered "vet ej", as a user who does not know
    would. Stops when nothing is left to ask. Used by the tests and the
    benchmark to count how many questions a real case needs.
    """
    set_id = set_id or answers_from.criteria_set
    case = answers_from.model_copy(update={"answers": {}}, deep=True)
    asked: list[str] = []
    screens: list[str] = []
    limit = len(engine.compiled.set(set_id).relevant)
    while len(asked) <= limit:
        plan = plan_for(engine, case, set_id)
        step_id = plan.first_step()
        step = next((s for s in plan.steps if s.id == step_id), None)
        question = next((q for q in step.questions if q in plan.pending), None) if step else None
        if step is None or question is None:
            break
        asked.append(question)
        if not screens or screens[-1] != step.id:
            screens.append(step.id)
        source = answers_from.answers.get(question)
        case.answers[question] = source.model_copy() if source is not None else Answer(value=DONT_KNOW)
    return WalkRun(asked=tuple(asked), screens=tuple(screens), case=case)
