"""The small pure functions criteria/rulebook.yaml names: computed inputs and derived answers.

The rulebook file declares *what* is computed or derived, from what, and on
which source; these functions only do the arithmetic. The loader refuses a
name that is not here, so the data and the code cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from iop.model.assessment_record import StateAidFigures
from iop.model.case import Case, YesNoUnknown
from iop.model.three_valued import weakest
from iop.rules.state_aid import amount_inputs


def necessary_total(ranks: Sequence[int], kinds: Sequence[str]) -> int:
    """``necessary``: the conjunction of the set's necessary criteria ("möjlig då")."""
    return weakest([rank for rank, kind in zip(ranks, kinds, strict=True) if kind == "necessary"])


def should_total(ranks: Sequence[int], kinds: Sequence[str]) -> int:
    """``should``: the conjunction of the set's should criteria ("bör ingås när")."""
    return weakest([rank for rank, kind in zip(ranks, kinds, strict=True) if kind == "should"])


def state_aid_amounts(figures: StateAidFigures) -> dict[str, str]:
    """``amount.*``: each amount within or over its dated ceiling (iop.rules.state_aid does the arithmetic)."""
    return amount_inputs(figures)


def co_financing_from_contributions(case: Case) -> str | None:
    """Both, one or neither party contributes, read off the contributions entered for each."""
    public = case.public_party.contribution.contributes()
    organisation = case.organisation.contribution.contributes()
    if public and organisation:
        return "both"
    if public and organisation is False:
        return "public_only"
    if organisation and public is False:
        return "organisation_only"
    return None


def registration_evidence(case: Case) -> str | None:
    """A registered idéburen organisation meets the registration's conditions (evidence, not the test)."""
    return "yes" if case.organisation.registered_ideburen == YesNoUnknown.yes else None


SEVERAL_YEARS_MONTHS = 24
"""A planned duration of at least this many months is "flera år"."""
SHORT_MONTHS = 12
"""A planned duration of at most a year is short: one year, a project, a season."""


def long_duration_from_plan(case: Case) -> str | None:
    """The planned duration typed on Ärendet answers "drivs under flera år?": two years or more yes, a year or
    less no; in between the question is still asked."""
    months = case.activity.planned_duration_months
    if months is None:
        return None
    if months >= SEVERAL_YEARS_MONTHS:
        return "yes"
    if months <= SHORT_MONTHS:
        return "no"
    return None


GRANT_DECISION = "decision_on_application"
"""The answer to ``support_form`` that says the money is given by a decision on the organisation's application."""


def no_obligation_from_grant_decision(answers: Mapping[str, str]) -> str | None:
    """A unilateral grant decision on the organisation's own application binds it to no performance."""
    return "no" if answers.get("support_form") == GRANT_DECISION else None


def no_obligation_no_sanctions(answers: Mapping[str, str]) -> str | None:
    """With no binding obligation there is no performance to sanction; nor under a grant decision."""
    binding = answers.get("binding_obligations")
    if binding == "no" or (answers.get("support_form") == GRANT_DECISION and binding != "yes"):
        return "no"
    return None


JOINT_WORK = {"joint_steering": "yes", "report_only": "no"}


def joint_work_from_municipal_role(answers: Mapping[str, str]) -> str | None:
    """Joint governance and joint follow-up read off the municipality's role: taking part in steering,
    development and follow-up is both; only receiving a report is neither."""
    return JOINT_WORK.get(answers.get("municipal_role", ""))


def municipal_role_from_joint_work(answers: Mapping[str, str]) -> str | None:
    """Joint governance and joint follow-up both answered yes: the municipality takes part in steering and
    follow-up. Nothing is read off a "no": a municipality that does not steer jointly may still direct."""
    if answers.get("joint_governance") == "yes" and answers.get("joint_follow_up") == "yes":
        return "joint_steering"
    return None


TotalFunction = Callable[[Sequence[int], Sequence[str]], int]
CaseDerivation = Callable[[Case], "str | None"]
AnswerDerivation = Callable[[Mapping[str, str]], "str | None"]

TOTALS: dict[str, TotalFunction] = {"necessary_total": necessary_total, "should_total": should_total}
AMOUNTS: dict[str, Callable[[StateAidFigures], dict[str, str]]] = {"state_aid_amounts": state_aid_amounts}
FROM_CASE: dict[str, CaseDerivation] = {
    "co_financing_from_contributions": co_financing_from_contributions,
    "registration_evidence": registration_evidence,
    "long_duration_from_plan": long_duration_from_plan,
}
FROM_ANSWERS: dict[str, AnswerDerivation] = {
    "no_obligation_no_sanctions": no_obligation_no_sanctions,
    "no_obligation_from_grant_decision": no_obligation_from_grant_decision,
    "joint_work_from_municipal_role": joint_work_from_municipal_role,
    "municipal_role_from_joint_work": municipal_role_from_joint_work,
}
"""Derivations that read only other answers: re-derived in every what-if (see iop.engine.answers.answers_with)."""
