"""What the Översikt page decides (iop.portfolio.overview): the filter from its boxes and its address,
which cases Att göra opens, and the exports' lines, annex and pictures."""

from __future__ import annotations

import datetime as dt
import io

import docx

from iop.portfolio import (
    ALL_YEARS,
    PortfolioFilter,
    address_changes,
    all_tables,
    annex_bytes,
    box_values,
    chart_measure,
    chosen_filter,
    export_about,
    openable,
    pictures,
    view_of,
)
from iop.portfolio.figures import DEFAULT_STATUSES
from iop.portfolio.todo import AgreementState
from iop.records.agreement import Schedule
from iop.rules.rulebook import load_rulebook
from tests.portfolio.fixtures import hand_counted


def test_the_boxes_make_the_filter_and_years_in_the_wrong_order_are_swapped_and_said():
    assert chosen_filter(ALL_YEARS, ALL_YEARS, [], list(DEFAULT_STATUSES), []) == (PortfolioFilter(), "")
    chosen, warning = chosen_filter(2025, 2023, ["Socialnämnden"], ["beslutad"], ["skl-2017"])
    assert chosen == PortfolioFilter(2023, 2025, ("Socialnämnden",), ("beslutad",), ("skl-2017",))
    assert warning == "Från år (2025) ligger efter till år (2023); åren visas i rätt ordning."
    assert box_values(chosen) == {"from": 2023, "to": 2025, "committees": ["Socialnämnden"],
                                  "statuses": ["beslutad"], "sets": ["skl-2017"]}
    assert box_values(PortfolioFilter())["from"] == ALL_YEARS


def test_the_address_is_written_only_where_it_differs_and_defaults_are_removed():
    chosen = PortfolioFilter(2024, None, ("Socialnämnden",))
    assert address_changes(chosen, {}) == ({"fran": "2024", "namnd": ["Socialnämnden"]}, [])
    assert address_changes(chosen, {"fran": ["2024"], "namnd": ["Socialnämnden"]}) == ({}, [])
    assert address_changes(PortfolioFilter(), {"fran": ["2024"], "status": ["alla"]}) == ({}, ["fran", "status"])


def test_the_chart_measure_and_the_cases_att_gora_can_open():
    assert chart_measure("share") == ("count", True)
    assert chart_measure("municipality_sek") == ("municipality_sek", False)
    frame = hand_counted()
    state = AgreementState("A", Schedule(dt.date(2023, 1, 1), dt.date(2027, 12, 31), 3, 12, 6))
    view = view_of(frame, [], [state], PortfolioFilter(statuses=()), dt.date(2025, 2, 1),
                   load_rulebook().parameters)
    assert openable(view) == {"A": "Avstämning: Ärende A (DNR A)"}


def test_the_exports_begin_with_what_which_selection_when_and_who_and_the_annex_reopens():
    rulebook = load_rulebook()
    view = view_of(hand_counted(), [], [], PortfolioFilter(), dt.date(2026, 1, 1), rulebook.parameters)
    lines = export_about(view.chosen, {}, "Anna Andersson", dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC))
    assert lines[:3] == ["Översikt över ärendena i IOP-stöd",
                         "Urval: alla år; alla nämnder; status: utkast, bedömd, beslutad.",
                         "Uttaget 2026-07-01 12:00 (svensk tid) av Anna Andersson."]
    tables = all_tables(view.portfolio, view.moves, view.de_minimis, view.todo, {}, view.titles)
    document = docx.Document(io.BytesIO(annex_bytes(view, tables, lines)))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert {"Beslut per form och år", "Per nämnd", "Beslut mot rekommendation"} <= set(headings)
    charts = pictures(view, "share").charts
    assert list(charts) == ["Beslut per form och år", "Per nämnd", "Beslut mot rekommendation"]
    assert charts["Beslut per form och år"]().to_dict(validate=False)["title"] == "Beslut per form och år"
