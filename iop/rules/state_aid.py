"""Gate 3 arithmetic: public money over three years against the dated ceilings.

Kept apart from the table so the figures can be shown and checked: the table
only sees ``within`` / ``over`` / ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from iop.model.assessment_record import StateAidFigures
from iop.model.case import Case
from iop.rules.parameters import Parameter

PERIOD_MONTHS = 36
"""De minimis ceilings apply to aid over any period of three years."""


_DATED = ("sek_per_eur", "de_minimis_general", "de_minimis_sgei", "sgei_decision_annual")
"""The dated parameters the figures read: the default exchange rate and the three ceilings."""


@dataclass(frozen=True, slots=True)
class _InForce:
    """What the dated parameters say on one day; the same for every case with that date."""

    sek_per_eur: float
    de_minimis: float | None
    sgei_de_minimis: float | None
    sgei_annual: float | None
    references: tuple[str, ...]


_IN_FORCE: dict[tuple[dt.date, tuple[int, ...]], tuple[tuple[Parameter, ...], _InForce]] = {}
"""(day, the parameters' ids) -> the parameters and what they say that day.

Each entry holds its parameters, so an id in its key cannot be reused by
another object while the entry exists: a lookup never returns another
rulebook's figures. Looking up four dated parameters per case cost about
half of the state-aid arithmetic; cases share a few hundred dates at most.
"""

_IN_FORCE_LIMIT = 4096
"""Start afresh beyond this many (day, parameters) pairs, so a long-running app does not grow without end."""


def _in_force(parameters: Mapping[str, Parameter], day: dt.date) -> _InForce:
    used = tuple(parameters[name] for name in _DATED)
    key = (day, tuple(map(id, used)))
    entry = _IN_FORCE.get(key)
    if entry is not None:
        return entry[1]
    rate_param, *ceilings = (p.at(day) for p in used)
    rate = rate_param.value if rate_param and rate_param.value else None
    if rate is None:  # a rulebook without a rate for the date; fall back to the latest known value
        rate = max((v.value for v in used[0].values.values() if v.value), default=11.0)
    de_minimis, sgei_de_minimis, sgei_annual = (c.value if c else None for c in ceilings)
    found = _InForce(sek_per_eur=rate, de_minimis=de_minimis, sgei_de_minimis=sgei_de_minimis,
                     sgei_annual=sgei_annual, references=tuple(c.reference for c in ceilings if c and c.reference))
    if len(_IN_FORCE) >= _IN_FORCE_LIMIT:
        _IN_FORCE.clear()
    _IN_FORCE[key] = (used, found)
    return found


def compute_figures(case: Case, parameters: Mapping[str, Parameter], day: dt.date) -> StateAidFigures:
    """Amounts in EUR and the ceilings in force on ``day``."""
    per_year = case.public_party.contribution.money_sek_per_year
    duration = case.activity.planned_duration_months
    # Unknown duration is counted as a full period: the ceiling must hold in the worst case.
    months = min(duration, PERIOD_MONTHS) if duration else PERIOD_MONTHS
    state_aid = case.state_aid
    other = state_aid.other_de_minimis_sek or 0
    in_force = _in_force(parameters, day)
    rate = state_aid.sek_per_eur or in_force.sek_per_eur
    three_years = None if per_year is None else (per_year * months / 12 + other) / rate
    annual = None if per_year is None else per_year / rate
    return StateAidFigures(
        date=day,
        public_money_sek_per_year=per_year,
        months_counted=months,
        duration_assumed=not duration,
        other_de_minimis_sek=other,
        sek_per_eur=rate,
        sek_per_eur_from_case=state_aid.sek_per_eur is not None,
        amount_three_years_eur=None if three_years is None else round(three_years, 2),
        amount_per_year_eur=None if annual is None else round(annual, 2),
        de_minimis_ceiling_eur=in_force.de_minimis,
        sgei_de_minimis_ceiling_eur=in_force.sgei_de_minimis,
        sgei_annual_ceiling_eur=in_force.sgei_annual,
        references=list(in_force.references),
    )


def _compare(amount: float | None, ceiling: float | None) -> str:
    if amount is None or ceiling is None:
        return "unknown"
    return "within" if amount <= ceiling else "over"


def amount_inputs(figures: StateAidFigures) -> dict[str, str]:
    """The table inputs ``amount.*``: each amount within or over its ceiling."""
    return {
        "amount.de_minimis": _compare(figures.amount_three_years_eur, figures.de_minimis_ceiling_eur),
        "amount.sgei_de_minimis": _compare(figures.amount_three_years_eur, figures.sgei_de_minimis_ceiling_eur),
        "amount.sgei_annual": _compare(figures.amount_per_year_eur, figures.sgei_annual_ceiling_eur),
    }
