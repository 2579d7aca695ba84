"""Registering a decision: what the form starts from, what it must hold, and the decision as one line.

Status och historik draws the form; this module reads what was typed into a
``Decision``, or lists in Swedish everything that must be corrected first, so
nothing half-registered reaches the register.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from iop.model.assessment_record import Recommendation
from iop.records.record import DECISION_FORMS, DECISION_LABEL, Decision, DecisionKind, StatusRecord
from iop.records.record_meta import decision_terms
from iop.words.kronor import AmountError, parse_kronor
from iop.words.swedish import FORM, mid_sentence

FORM_CHOICE: dict[str | None, str] = {None: "Ingen särskild form",
                                      **{f: FORM[f][:1].upper() + FORM[f][1:] for f in FORM}}
"""How each sub-form is offered in the form's list."""
FORM_OPTIONS: list[str | None] = [None, *[f for kind in DECISION_LABEL for f in DECISION_FORMS[kind]]]


@dataclass(frozen=True)
class DecisionStart:
    """What the decision form starts from: the recommendation frozen when the case was marked bedömd."""

    recommendation: Recommendation = "undecided"
    form: str | None = None

    @property
    def form_index(self) -> int:
        """The recommended sub-form's place in ``FORM_OPTIONS`` ("Ingen särskild form" when none)."""
        return FORM_OPTIONS.index(self.form) if self.form in FORM_OPTIONS else 0


def decision_start(records: Sequence[StatusRecord]) -> DecisionStart:
    """The latest frozen assessment's recommendation and sub-form; undecided when nothing was frozen."""
    snapshot = next((r.snapshot for r in reversed(records) if r.snapshot), None)
    return DecisionStart(snapshot.recommendation, snapshot.form) if snapshot else DecisionStart()


@dataclass(frozen=True)
class DecisionReading:
    """The decision read from the form, or what must be corrected (then ``decision`` is None)."""

    decision: Decision | None
    problems: tuple[str, ...] = ()


def read_decision(*, kind: DecisionKind | None, body: str, day: dt.date, paragraph: str, form: str | None,
                  amount: str, period_start: dt.date | None, period_end: dt.date | None,
                  recommendation: Recommendation, reason: str) -> DecisionReading:
    """The decision the form holds, or every problem with it at once, each saying what to do."""
    problems = []
    if kind is None:
        problems.append("Välj vilket beslut som fattades.")
    if not body.strip():
        problems.append("Ange beslutsorganet, t.ex. Socialnämnden.")
    if not paragraph.strip():
        problems.append("Ange paragrafen i protokollet, t.ex. § 45.")
    if kind is not None and form is not None and form not in DECISION_FORMS[kind]:
        problems.append(f"Formen {mid_sentence(FORM_CHOICE[form])} passar inte ett beslut om "
                        f"{mid_sentence(DECISION_LABEL[kind])}; välj en annan form eller Ingen särskild form.")
    try:
        sek = parse_kronor(amount)
    except AmountError as exc:
        problems.append(f"Belopp: {exc}")
        sek = None
    if period_start and period_end and period_end < period_start:
        problems.append("Perioden slutar före den börjar; rätta datumen.")
    if problems or kind is None:
        return DecisionReading(None, tuple(problems))
    try:
        made = Decision(decision=kind, body=body.strip(), date=day, paragraph=paragraph.strip(),
                        recommendation=recommendation, deviation_reason=reason.strip(), form=form,
                        sek_per_year=sek.value if sek else None,
                        period_start=period_start or None, period_end=period_end or None)
    except ValidationError:
        return DecisionReading(None, ("Beslutet avviker från rekommendationen: skriv en motivering.",))
    return DecisionReading(made)


def decision_line(made: Decision) -> str:
    """The decision as Status och historik lists it: kind and terms, body, date, paragraph, and how it relates
    to the recommendation."""
    follows = ("följer rekommendationen" if made.follows_recommendation
               else f"avviker från rekommendationen: {made.deviation_reason}")
    terms = decision_terms(made)
    return (f"Beslut: {DECISION_LABEL[made.decision]}{', ' + terms if terms else ''}, "
            f"{made.body} {made.date.isoformat()} {made.paragraph}; {follows}.")
