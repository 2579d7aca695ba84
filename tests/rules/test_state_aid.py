from __future__ import annotations

import datetime as dt

from iop.engine.evaluation import Engine
from iop.model.case import Case, Contribution
from iop.rules.rulebook import Rulebook
from iop.rules.state_aid import amount_inputs, compute_figures
from tests.helpers import make_case


def _case(per_year: int, months: int | None = 36, rate: float | None = 10.0) -> Case:
    case = Case(title="t")
    case.public_party.contribution = Contribution(money_sek_per_year=per_year)
    case.activity.planned_duration_months = months
    case.state_aid.sek_per_eur = rate
    return case


def test_ceiling_is_chosen_by_the_case_date(rulebook: Rulebook):
    params = rulebook.parameters
    assert params["de_minimis_general"].at(dt.date(2023, 12, 31)).value == 200_000
    assert params["de_minimis_general"].at(dt.date(2024, 1, 1)).value == 300_000
    assert params["de_minimis_sgei"].at(dt.date(2023, 6, 1)).value == 500_000
    assert params["de_minimis_sgei"].at(dt.date(2025, 6, 1)).value == 750_000


def test_ceiling_ends_when_the_regulation_expires(rulebook: Rulebook):
    assert rulebook.parameters["de_minimis_general"].at(dt.date(2031, 1, 1)) is None


def test_three_year_amount_uses_the_exchange_rate_the_user_gave(rulebook: Rulebook):
    figures = compute_figures(_case(1_000_000, 36, rate=10.0), rulebook.parameters, dt.date(2026, 1, 1))
    assert figures.amount_three_years_eur == 300_000
    assert figures.sek_per_eur_from_case is True
    assert amount_inputs(figures)["amount.de_minimis"] == "within"
    figures = compute_figures(_case(1_000_000, 36, rate=9.0), rulebook.parameters, dt.date(2026, 1, 1))
    assert amount_inputs(figures)["amount.de_minimis"] == "over"


def test_a_short_activity_counts_only_its_months(rulebook: Rulebook):
    figures = compute_figures(_case(1_200_000, 6), rulebook.parameters, dt.date(2026, 1, 1))
    assert figures.amount_three_years_eur == 60_000


def test_unknown_duration_counts_the_full_three_years(rulebook: Rulebook):
    figures = compute_figures(_case(1_000_000, None), rulebook.parameters, dt.date(2026, 1, 1))
    assert figures.duration_assumed and figures.months_counted == 36


def test_the_same_amount_is_within_in_2024_and_over_in_2023(engine: Engine):
    # 0.8 MSEK a year for three years at 10 SEK/EUR is 240 000 EUR: over 200 000 (2023), under 300 000 (2024).
    for day, expected in [(dt.date(2023, 6, 1), "over"), (dt.date(2024, 6, 1), "within")]:
        case = make_case(economic_activity="yes", effect_on_trade="yes")
        case.date = day
        case.public_party.contribution = Contribution(money_sek_per_year=800_000)
        case.state_aid.sek_per_eur = 10.0
        gate = next(g for g in engine.assess(case, "forum-2015").gates if g.gate == "state_aid")
        assert (gate.value == "de_minimis") == (expected == "within"), day


def _expected_ceilings(parameters, day: dt.date) -> tuple:
    """The ceilings read straight off the parameters, as the figures must show them."""
    values = [parameters[name].at(day) for name in ("de_minimis_general", "de_minimis_sgei", "sgei_decision_annual")]
    return tuple(v.value if v else None for v in values), [v.reference for v in values if v and v.reference]


def _shown_ceilings(figures) -> tuple:
    return ((figures.de_minimis_ceiling_eur, figures.sgei_de_minimis_ceiling_eur, figures.sgei_annual_ceiling_eur),
            figures.references)


def test_ceilings_remembered_per_day_are_never_those_of_other_parameters(rulebook: Rulebook):
    day = dt.date(2026, 1, 1)
    general = rulebook.parameters["de_minimis_general"]
    halved = general.model_copy(update={"values": {d: v.model_copy(update={"value": v.value / 2 if v.value else None})
                                                   for d, v in general.values.items()}})
    other = {**rulebook.parameters, "de_minimis_general": halved}
    for _ in range(2):  # alternate, so each lookup finds the other parameters' day already remembered
        for parameters in (rulebook.parameters, other):
            figures = compute_figures(_case(1_000_000), parameters, day)
            assert _shown_ceilings(figures) == _expected_ceilings(parameters, day)
    assert compute_figures(_case(1_000_000), other, day).de_minimis_ceiling_eur == 150_000


def test_figures_stay_right_when_the_remembered_days_are_dropped(rulebook: Rulebook, monkeypatch):
    import iop.rules.state_aid

    monkeypatch.setattr(iop.rules.state_aid, "_IN_FORCE_LIMIT", 2)
    days = [dt.date(2023, 6, 1), dt.date(2024, 6, 1), dt.date(2031, 1, 1), dt.date(2023, 6, 1), dt.date(2024, 6, 1)]
    for day in days:
        figures = compute_figures(_case(1_000_000, rate=None), rulebook.parameters, day)
        assert _shown_ceilings(figures) == _expected_ceilings(rulebook.parameters, day)
        rate = rulebook.parameters["sek_per_eur"]
        in_force = rate.at(day)
        assert figures.sek_per_eur == (in_force.value if in_force else max(v.value for v in rate.values.values()))
    assert len(iop.rules.state_aid._IN_FORCE) <= 2


def test_without_a_rate_in_force_the_latest_known_rate_is_used(rulebook: Rulebook):
    rate = rulebook.parameters["sek_per_eur"]
    first = min(rate.values)
    figures = compute_figures(_case(1_000_000, rate=None), rulebook.parameters, first - dt.timedelta(days=1))
    assert figures.sek_per_eur == max(v.value for v in rate.values.values() if v.value)
    assert figures.sek_per_eur_from_case is False
