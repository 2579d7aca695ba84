"""The portfolio's figures against a register counted by hand (tests/portfolio/fixtures.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from iop.portfolio import PortfolioFilter, aggregate, follow_share
from iop.portfolio.figures import DEFAULT_STATUSES
from tests.portfolio.fixtures import hand_counted


def figures(table: pd.DataFrame, *keys: str) -> dict[tuple[str, ...], tuple[int, ...]]:
    return {tuple(str(r[k]) for k in keys): (int(r["count"]), int(r["municipality_sek"]), int(r["organisation_sek"]),
                                             int(r["municipality_in_kind_sek"]), int(r["missing"]))
            for _, r in table.iterrows()}


@pytest.fixture
def default():
    return aggregate(PortfolioFilter().apply(hand_counted()))


def test_archived_cases_are_left_out_by_default_and_counted_when_asked_for(default):
    assert (default.total, default.decided, default.not_decided) == (8, 5, 3)
    everything = aggregate(PortfolioFilter(statuses=(*DEFAULT_STATUSES, "arkiverad")).apply(hand_counted()))
    assert (everything.total, everything.decided) == (9, 6)
    archived = ("2023", "projektbidrag")  # E, the only projektbidrag
    assert archived in set(zip(everything.by_form_year["year"], everything.by_form_year["form_group"], strict=True))
    assert archived not in set(zip(default.by_form_year["year"], default.by_form_year["form_group"], strict=True))


def test_counts_and_kronor_by_form_and_year(default):
    assert figures(default.by_form_year, "year", "form_group") == {
        # count, kommunens kr, organisationens kr, kommunens insatser i natura, cases without the municipality's amount
        ("2023", "verksamhetsbidrag"): (1, 100_000, 20_000, 5_000, 0),
        ("2024", "bidrag"): (1, 0, 0, 0, 1),             # C: decided as bidrag with no form and no amount
        ("2024", "iop"): (1, 300_000, 50_000, 0, 0),
        ("2024", "lou"): (1, 500_000, 0, 0, 0),
        ("2025", "avslag"): (1, 60_000, 0, 0, 0),
        ("2025", "ej_beslutat"): (3, 140_000, 0, 0, 1),  # F 40 000 + G missing + H (the copy) 100 000
    }
    assert list(default.by_form_year["form_group"]) == ["verksamhetsbidrag", "bidrag", "iop", "lou", "avslag",
                                                        "ej_beslutat"]


def test_a_copy_is_counted_once_by_its_own_status_and_never_doubles_the_decided_kronor(default):
    decided_kronor = int(default.by_form_year.loc[default.by_form_year["form_group"] != "ej_beslutat",
                                                  "municipality_sek"].sum())
    assert decided_kronor == 100_000 + 300_000 + 500_000 + 60_000  # A once, not A and its copy H
    assert default.copies == 1


def test_by_committee_largest_first(default):
    assert figures(default.by_committee, "committee", "form_group") == {
        ("Socialnämnden", "verksamhetsbidrag"): (1, 100_000, 20_000, 5_000, 0),
        ("Socialnämnden", "iop"): (1, 300_000, 50_000, 0, 0),
        ("Socialnämnden", "avslag"): (1, 60_000, 0, 0, 0),
        ("Socialnämnden", "ej_beslutat"): (2, 140_000, 0, 0, 0),
        ("Kulturnämnden", "bidrag"): (1, 0, 0, 0, 1),
        ("Kulturnämnden", "lou"): (1, 500_000, 0, 0, 0),
        ("Kulturnämnden", "ej_beslutat"): (1, 0, 0, 0, 1),
    }
    assert list(dict.fromkeys(default.by_committee["committee"])) == ["Socialnämnden", "Kulturnämnden"]


def test_area_and_target_group_are_grouped_regardless_of_case_and_spacing(default):
    areas = default.by_area.groupby("area")["count"].sum().to_dict()
    assert areas == {"Centrum": 3, "(inte angivet)": 5}  # A, B ("centrum "), F
    groups = default.by_target_group.groupby("target_group")["count"].sum().to_dict()
    assert groups == {"Unga": 2, "Äldre": 1, "(inte angivet)": 5}


def test_decisions_against_recommendations_with_the_reasons(default):
    crossed = {(r.recommendation, r.decision): r.count for r in default.recommended_vs_decided.itertuples()}
    assert crossed == {("grant", "bidrag"): 1, ("iop", "iop"): 1, ("iop", "bidrag"): 1,
                       ("procurement", "upphandling"): 1, ("grant", "avslag"): 1}
    assert (default.follows, default.deviates) == (3, 2)
    assert follow_share(default) == pytest.approx(0.6)
    assert dict(zip(default.deviations["id"], default.deviations["deviation_reason"], strict=True)) == {
        "C": "Politiskt beslut", "I": "Budget saknas"}


def test_undecided_share_and_blocking_questions(default):
    assert default.cannot_decide == 2  # F and G; H has a recommendation
    assert dict(zip(default.blocking["question"], default.blocking["cases"], strict=True)) == {
        "companies_offer": 2, "political_programme": 1}


def test_filters_year_range_committee_status_and_criteria_set():
    frame = hand_counted()
    assert set(PortfolioFilter(2024, 2024).apply(frame)["id"]) == {"B", "C", "D"}
    assert set(PortfolioFilter(year_from=2025).apply(frame)["id"]) == {"F", "G", "H", "I"}
    assert set(PortfolioFilter(committees=("Kulturnämnden",)).apply(frame)["id"]) == {"C", "D", "G"}
    assert set(PortfolioFilter(statuses=("bedömd",)).apply(frame)["id"]) == {"G"}
    assert set(PortfolioFilter(criteria_sets=("skl-2017",)).apply(frame)["id"]) == {"G"}
    assert PortfolioFilter(statuses=()).apply(frame).shape[0] == 9


def test_an_empty_selection_gives_empty_tables_not_errors():
    empty = aggregate(PortfolioFilter(2030, 2031).apply(hand_counted()))
    assert (empty.total, empty.decided, len(empty.by_form_year), len(empty.blocking)) == (0, 0, 0, 0)
    assert follow_share(empty) is None
