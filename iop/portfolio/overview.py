"""What the Översikt page decides: the filter from its boxes and its address, the words around the
figures, which cases Att göra can open, and the exports (the annex's charts and the pictures).

The page (``app_pages/portfolio.py``) only lays these out; every rule is here and tested in
``tests/portfolio/test_overview.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from iop.portfolio.charts import breakdown_chart, form_year_chart, moves_chart, recommendation_chart
from iop.portfolio.dates import local_time
from iop.portfolio.export import AnnexChart, word_annex
from iop.portfolio.figures import PortfolioFilter
from iop.portfolio.summary import breakdown_summary, form_year_summary, moves_summary, recommendation_summary
from iop.portfolio.todo import TODO_LABEL
from iop.portfolio.view import View

if TYPE_CHECKING:
    import altair as alt

ALL_YEARS = 0
"""The year boxes' first choice: no bound (Streamlit shows a None option as an empty box)."""
FILTER_PARAMS = ("fran", "till", "namnd", "status", "kriterier")
CHART_MEASURES = {"count": "Antal ärenden", "municipality_sek": "Kommunens pengar (kr per år)",
                  "share": "Andel per form"}
"""What the charts can show: the page's radio choices."""

OVERVIEW_TEXT = {
    "counting": "Ett ärende räknas det år det beslutades, annars ärendets år. Belopp är kronor per år enligt "
                "beslutet eller överenskommelsen, annars enligt ärendet; ärenden utan belopp räknas i antal men "
                "inte i summor. Arkiverade ärenden räknas bara om du väljer dem under Status.",
    "shared": " Adressen i webbläsaren visar urvalet: kopiera den för att dela samma vy med en kollega.",
    "empty_register": "Registret har inga ärenden ännu. Översikten fylls när ärenden sparas under Ärenden.",
    "empty_selection": "Inga ärenden matchar urvalet. Ändra åren, nämnderna eller statusarna ovan.",
    "nothing_due": "Inget är aktuellt just nu: inga avstämningar, uppsägningar, utvärderingar eller omprövningar "
                   "inom 30 dagar, och ingen organisation nära taket för stöd av mindre betydelse.",
    "moves": "Ett ärende som fortsätter ett tidigare (samma verksamhet förnyad, eller flyttad från bidrag till IOP "
             "eller från IOP till upphandling) kopplas som efterföljare under Status och historik. Här räknas "
             "förflyttningarna det år efterföljaren beslutades.",
    "de_minimis": "Stöd av mindre betydelse (de minimis) räknas per organisation under tre år bakåt från i dag, "
                  "över alla dess ärenden i registret: beslutade bidrag och IOP där statsstödsprövningen kom fram "
                  "till stöd av mindre betydelse. Kronor per år gånger avtalets längd (högst 36 månader; okänd "
                  "längd räknas som 36), omräknat till euro. Stöd från andra än kommunen finns inte här.",
    "no_de_minimis": "Inga organisationer i urvalet har beslutat stöd av mindre betydelse de senaste tre åren.",
}
"""The page's fixed sentences (Swedish, as the page shows them)."""


def year_bound(choice: int | None) -> int | None:
    return None if choice in (None, ALL_YEARS) else choice


def chosen_filter(year_from: int | None, year_to: int | None, committees: Sequence[str], statuses: Sequence[str],
                  criteria_sets: Sequence[str]) -> tuple[PortfolioFilter, str]:
    """The filter the boxes hold, and a Swedish warning when the years are in the wrong order (then swapped)."""
    low, high = year_bound(year_from), year_bound(year_to)
    warning = ""
    if low is not None and high is not None and low > high:
        warning = f"Från år ({low}) ligger efter till år ({high}); åren visas i rätt ordning."
        low, high = high, low
    return PortfolioFilter(low, high, tuple(committees), tuple(statuses), tuple(criteria_sets)), warning


def box_values(chosen: PortfolioFilter) -> dict[str, object]:
    """What each filter box starts from for a filter read from the address."""
    return {"from": chosen.year_from or ALL_YEARS, "to": chosen.year_to or ALL_YEARS,
            "committees": list(chosen.committees), "statuses": list(chosen.statuses),
            "sets": list(chosen.criteria_sets)}


def address_changes(chosen: PortfolioFilter,
                    current: Mapping[str, Sequence[str]]) -> tuple[dict[str, str | list[str]], list[str]]:
    """What to write into the page's address and what to remove from it, so that it shows ``chosen``."""
    wanted = chosen.to_query()
    write: dict[str, str | list[str]] = {}
    remove: list[str] = []
    for name in FILTER_PARAMS:
        if name in wanted:
            value = wanted[name]
            if list(current.get(name, [])) != (value if isinstance(value, list) else [value]):
                write[name] = value
        elif current.get(name):
            remove.append(name)
    return write, remove


def chart_measure(measure: str) -> tuple[str, bool]:
    """The figure a chart sums for the radio's choice, and whether it shows shares."""
    return ("count" if measure == "share" else measure), measure == "share"


def openable(view: View) -> dict[str, str]:
    """The cases Att göra can open: case id -> what is due and the case's title (first item per case)."""
    found: dict[str, str] = {}
    for item in view.todo:
        if item.case_id and item.case_id not in found:
            found[item.case_id] = f"{TODO_LABEL[item.kind]}: {view.titles.get(item.case_id, '')}"
    return found


def export_about(chosen: PortfolioFilter, set_titles: Mapping[str, str], who: str, now: dt.datetime) -> list[str]:
    """The lines the exports begin with: what, which selection, when and by whom, how cases are counted."""
    return ["Översikt över ärendena i IOP-stöd", chosen.describe(set_titles),
            f"Uttaget {local_time(now)} (svensk tid) av {who}.",
            "Ett ärende räknas det år det beslutades, annars ärendets år. Belopp i kronor per år enligt "
            "beslutet eller överenskommelsen, annars enligt ärendet."]


def annex_bytes(view: View, tables: Mapping[str, pd.DataFrame], lines: list[str]) -> bytes:
    """The Word annex: every chart as a picture with its words and figures."""
    portfolio = view.portfolio
    charts = [
        AnnexChart("Beslut per form och år", form_year_chart(portfolio, "count", title="Beslut per form och år",
                                                             width=640), form_year_summary(portfolio),
                   tables["Form per år"]),
        AnnexChart("Kommunens pengar per form och år",
                   form_year_chart(portfolio, "municipality_sek", title="Kommunens pengar per form och år", width=640),
                   form_year_summary(portfolio, "municipality_sek"), pd.DataFrame()),
        AnnexChart("Per nämnd", breakdown_chart(portfolio.by_committee, "committee", "Nämnd", title="Per nämnd",
                                                width=640),
                   breakdown_summary(portfolio.by_committee, "committee", "nämnd"), tables["Per nämnd"]),
    ]
    if portfolio.decided:
        charts.append(AnnexChart("Beslut mot rekommendation", recommendation_chart(
            portfolio, title="Beslut mot rekommendation", width=640), recommendation_summary(portfolio),
            tables["Beslut mot rekommendation"]))
    if len(view.moves):
        charts.append(AnnexChart("Verksamheter som bytt form", moves_chart(view.moves, title="Verksamheter som "
                                                                           "bytt form", width=640),
                                 moves_summary(view.moves), tables["Förflyttningar"]))
    return word_annex("Bilaga: översikt över ärendena", lines, charts)


@dataclass(frozen=True)
class Pictures:
    """The charts that can be downloaded as pictures, each made only when asked for."""

    charts: dict[str, Callable[[], alt.Chart]]


def pictures(view: View, measure: str) -> Pictures:
    portfolio = view.portfolio
    amount, share = chart_measure(measure)
    return Pictures({
        "Beslut per form och år": lambda: form_year_chart(portfolio, amount, share=share,
                                                          title="Beslut per form och år", width=640),
        "Per nämnd": lambda: breakdown_chart(portfolio.by_committee, "committee", "Nämnd", amount,
                                             title="Per nämnd", width=640),
        "Beslut mot rekommendation": lambda: recommendation_chart(portfolio, title="Beslut mot rekommendation",
                                                                  width=640),
    })
