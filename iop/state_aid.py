"""Gate 3 arithmetic: public money over three years against the dated ceilings.

Kept apart from the table so the figures can be shown and checked: the table
only sees ``within`` / ``over`` / ``unknown``.
"""

from __future__ import annotations

import datetime as dt

from iop.assessment_record import StateAidFigures
from iop.case import Case
from iop.parameters import Parameter

PERIOD_MONTHS = 36
"""De minimis ceilings apply to aid over any period of three years."""


def compute_figures(case: Case, parameters: dict[str, Parameter], day: dt.date) -> StateAidFigures:
    """Amounts in EUR and the ceilings in force on ``day``."""
    per_year = case.public_party.contribution.money_sek_per_year
    duration = case.activity.planned_duration_months
    # Unknown duration is counted as a full period: the ceiling must hold in the worst case.
    months = min(duration, PERIOD_MONTHS) if duration else PERIOD_MONTHS
    other = case.state_aid.other_de_minimis_sek or 0
    rate_param = parameters["sek_per_eur"].at(day)
    rate = case.state_aid.sek_per_eur or (rate_param.value if rate_param and rate_param.value else None)
    if rate is None:  # a rulebook without a rate for the date; fall back to the latest known value
        rate = max((v.value for v in parameters["sek_per_eur"].values.values() if v.value), default=11.0)
    three_years = None if per_year is None else (per_year * months / 12 + other) / rate
    annual = None if per_year is None else per_year / rate

    def ceiling(name: str) -> tuple[float | None, str | None]:
        value = parameters[name].at(day)
        return (value.value, value.reference) if value else (None, None)

    de_minimis, ref1 = ceiling("de_minimis_general")
    sgei_de_minimis, ref2 = ceiling("de_minimis_sgei")
    sgei_annual, ref3 = ceiling("sgei_decision_annual")
    return StateAidFigures(
        date=day,
        public_money_sek_per_year=per_year,
        months_counted=months,
        duration_assumed=not duration,
        other_de_minimis_sek=other,
        sek_per_eur=rate,
        sek_per_eur_from_case=case.state_aid.sek_per_eur is not None,
        amount_three_years_eur=None if three_years is None else round(three_years, 2),
        amount_per_year_eur=None if annual is None else round(annual, 2),
        de_minimis_ceiling_eur=de_minimis,
        sgei_de_minimis_ceiling_eur=sgei_de_minimis,
        sgei_annual_ceiling_eur=sgei_annual,
        references=[r for r in (ref1, ref2, ref3) if r],
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
