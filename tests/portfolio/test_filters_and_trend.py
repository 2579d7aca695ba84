"""The filter in the address, the moves between forms and a case's line of predecessors and successors."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from iop.portfolio import Known, PortfolioFilter, from_query, line_of, links_frame, moves, would_loop
from iop.portfolio.figures import typed
from iop.records.agreement import CaseLink
from tests.portfolio.fixtures import decided, hand_counted, row

KNOWN = Known(years=(2023, 2024, 2025), committees=("Kulturnämnden", "Socialnämnden"),
              criteria_sets=("forum-2015", "kristianstad-2016", "skl-2017"))


def test_a_filter_survives_the_round_trip_through_the_address():
    chosen = PortfolioFilter(2023, 2025, ("Socialnämnden",), ("beslutad", "arkiverad"), ("skl-2017",))
    query = chosen.to_query()
    assert query == {"fran": "2023", "till": "2025", "namnd": ["Socialnämnden"], "status": ["beslutad", "arkiverad"],
                     "kriterier": ["skl-2017"]}
    params = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    assert from_query(params, KNOWN) == (chosen, [])


def test_the_default_filter_writes_nothing_in_the_address_and_all_statuses_has_a_word():
    assert PortfolioFilter().to_query() == {}
    everything = PortfolioFilter(statuses=())
    assert everything.to_query() == {"status": ["alla"]}
    assert from_query({"status": ["alla"]}, KNOWN) == (everything, [])


def test_a_bad_address_is_read_as_far_as_it_goes_with_swedish_messages():
    chosen, problems = from_query({"fran": ["tjugo"], "till": ["2024"], "namnd": ["Okänd nämnd", "Socialnämnden"],
                                   "status": ["klar", "beslutad"], "kriterier": ["<script>"]}, KNOWN)
    assert chosen == PortfolioFilter(None, 2024, ("Socialnämnden",), ("beslutad",), ())
    assert problems == [
        "”tjugo” i adressen (fran) är inget årtal; alla år visas i stället.",
        "Nämnden ”Okänd nämnd” finns inte i registret; den är borttagen ur urvalet.",
        "Statusen ”klar” finns inte; använd utkast, bedomd, beslutad eller arkiverad.",
        "Kriterieuppsättningen ”<script>” finns inte; den är borttagen ur urvalet.",
    ]


def test_years_in_the_wrong_order_are_swapped_and_said():
    chosen, problems = from_query({"fran": ["2025"], "till": ["2023"]}, KNOWN)
    assert (chosen.year_from, chosen.year_to) == (2023, 2025)
    assert problems == ["Åren i adressen står i fel ordning (2025 till 2023); de har bytt plats."]


def test_the_filter_in_one_sentence():
    assert PortfolioFilter(2023, 2025, ("Socialnämnden",)).describe() == (
        "Urval: åren 2023–2025; nämnd: Socialnämnden; status: utkast, bedömd, beslutad.")
    assert PortfolioFilter(criteria_sets=("skl-2017",), statuses=()).describe({"skl-2017": "SKL 2017"}) == (
        "Urval: alla år; alla nämnder; alla statusar; kriterier: SKL 2017.")


def link(a: str, b: str, kind: str = "successor") -> CaseLink:
    return CaseLink(predecessor=a, successor=b, kind=kind, created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                    created_by="Anna")  # type: ignore[arg-type]


def chain() -> pd.DataFrame:
    """Läxhjälp: a grant 2021 (P1), renewed as a grant 2022 (P2), moved to IOP 2023 (P3), to LOU 2025 (P4)."""
    return typed(pd.DataFrame([
        decided("P1", 2021, "bidrag", "grant", True, decided_form="verksamhetsbidrag"),
        decided("P2", 2022, "bidrag", "grant", True, decided_form="projektbidrag", committee="Kulturnämnden"),
        decided("P3", 2023, "iop", "iop", True),
        decided("P4", 2025, "upphandling", "procurement", True, decided_form="lou"),
        row("P5", year=2025, recommendation="iop"),
    ]))


LINKS = [link("P1", "P2"), link("P2", "P3"), link("P3", "P4"), link("P3", "P5", "copy")]


def test_moves_are_counted_in_the_successors_year_from_form_to_form():
    frame = chain()
    counted = moves(frame, frame["id"], links_frame(LINKS))
    assert [tuple(r) for r in counted[["year", "move", "count"]].itertuples(index=False)] == [
        ("2022", "Bidrag förnyat", 1), ("2023", "Bidrag → IOP", 1), ("2025", "IOP → Upphandling", 1)]


def test_a_move_keeps_its_starting_form_when_the_predecessor_is_outside_the_filter():
    frame = chain()
    shown = PortfolioFilter(committees=("Socialnämnden",)).apply(frame)["id"]  # P2 (Kulturnämnden) is left out
    counted = moves(frame, shown, links_frame(LINKS))
    assert list(counted["move"]) == ["Bidrag → IOP", "IOP → Upphandling"]  # P2 → P3 still starts as a grant


def test_copies_are_not_moves_and_no_links_give_an_empty_table():
    frame = chain()
    assert len(moves(frame, frame["id"], links_frame([link("P3", "P5", "copy")]))) == 0
    assert len(moves(hand_counted(), hand_counted()["id"], links_frame([]))) == 0


def test_a_case_shows_its_line_back_and_forward_and_what_it_was_copied_from():
    assert line_of("P3", LINKS).predecessors == ("P1", "P2")
    assert line_of("P3", LINKS).successors == ("P4",)
    assert line_of("P5", LINKS).copied_from == "P3"
    assert line_of("P1", LINKS).predecessors == ()


def test_a_link_that_would_close_a_loop_is_recognised():
    assert would_loop("P4", "P1", LINKS)
    assert would_loop("P2", "P2", LINKS)
    assert not would_loop("P4", "P5", LINKS)
