"""The portfolio's charts as Altair (Vega-Lite) specifications, for the page and the Word annex alike.

Every chart has Swedish axis titles, Swedish numbers on its axes (1 234 567, not
1,234,567: Vega's own formatting is English, so the labels are rewritten with a
Vega expression), a fixed colour per form with the form's name in the legend and
the tooltip, and no Vega action menu (its entries are English). The page shows a
table and a text summary beside each (``iop.portfolio.summary``); the colours are
never the only way to read a figure.

Altair is imported inside the functions: loading it is noticeable, and only the
portfolio page and its exports need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from iop.portfolio.aggregate import Portfolio, decision_label, recommendation_label
from iop.portfolio.figures import AMOUNT_LABEL, FORM_GROUP
from iop.words.swedish import swedish_number

if TYPE_CHECKING:
    import altair as alt

FORM_COLOUR = {
    "normerat_foreningsbidrag": "#1e3a8a",
    "verksamhetsbidrag": "#1d4ed8",
    "projektbidrag": "#60a5fa",
    "bidrag": "#93c5fd",
    "iop": "#15803d",
    "lou": "#9a3412",
    "lov": "#ea580c",
    "reserved": "#a16207",
    "upphandling": "#fdba74",
    "avslag": "#4b5563",
    "ej_beslutat": "#d1d5db",
}
"""Grants in blues, IOP green, procurement in browns and oranges, refusal dark grey, not decided light grey."""

MEASURE_LABEL = {"count": "Antal ärenden", **AMOUNT_LABEL}
NO_ACTIONS = {"embedOptions": {"actions": False}}
"""Vega-Embed's action menu (English "Save as PNG", "View Source" …) switched off in the spec itself."""

SWEDISH_NUMBER = "replace(format(datum.value, ',.0f'), regexp(',', 'g'), '\u00a0')"
"""An axis label as Swedes write a number: a space between thousands."""

TOP_ROWS = 12
"""Bars per chart for committees, areas and target groups; the rest are summed as "Övriga"."""


def _formatted(values: pd.Series, measure: str) -> list[str]:
    suffix = "" if measure == "count" else "\u00a0kr"
    return [f"{swedish_number(int(v))}{suffix}" for v in values]


def _forms(table: pd.DataFrame) -> tuple[list[str], list[str]]:
    present = [g for g in FORM_GROUP if g in set(table["form_group"])]
    return [FORM_GROUP[g] for g in present], [FORM_COLOUR[g] for g in present]


def _finish(chart: alt.Chart, title: str | None, width: int | None, height: int) -> alt.Chart:
    props: dict[str, object] = {"height": height, "usermeta": NO_ACTIONS}
    if width is not None:
        props["width"] = width
    if title:
        props["title"] = title
    finished: alt.Chart = chart.properties(**props).configure_legend(
        labelLimit=320, titleLimit=320, orient="bottom", columns=2).configure_axis(labelLimit=260)
    return finished


def form_year_chart(portfolio: Portfolio, measure: str = "count", share: bool = False, title: str | None = None,
                    width: int | None = None) -> alt.Chart:
    """Stacked bars per year, one colour per form; ``share`` stacks to 100 % (the seed's trend picture)."""
    import altair as alt

    table = portfolio.by_form_year
    data = table.assign(form=table["form_group"].map(FORM_GROUP), shown=_formatted(table[measure], measure))
    domain, colours = _forms(table)
    axis_title = "Andel av ärendena" if share else MEASURE_LABEL[measure]
    labels = "format(datum.value * 100, '.0f') + '\u00a0%'" if share else SWEDISH_NUMBER
    y = alt.Y(f"sum({measure}):Q", title=axis_title, stack="normalize" if share else "zero",
              axis=alt.Axis(labelExpr=labels))
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5).encode(
        x=alt.X("year:O", title="År", axis=alt.Axis(labelAngle=0)),
        y=y,
        color=alt.Color("form:N", title="Form", scale=alt.Scale(domain=domain, range=colours),
                        sort=domain),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("year:O", title="År"), alt.Tooltip("form:N", title="Form"),
                 alt.Tooltip("shown:N", title=MEASURE_LABEL[measure])],
    ).transform_calculate(order=f"indexof({domain!r}, datum.form)")
    return _finish(chart, title, width, 320)


def _top(table: pd.DataFrame, column: str, measure: str) -> pd.DataFrame:
    totals = table.groupby(column, sort=False)[measure].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:TOP_ROWS])
    if len(totals) <= TOP_ROWS:
        return table
    rest = table[~table[column].isin(keep)]
    others = rest.groupby("form_group", sort=False)[["count", measure]].sum().reset_index() \
        if measure != "count" else rest.groupby("form_group", sort=False)[["count"]].sum().reset_index()
    others[column] = f"Övriga ({len(totals) - TOP_ROWS})"
    return pd.concat([table[table[column].isin(keep)], others], ignore_index=True)


def breakdown_chart(table: pd.DataFrame, column: str, axis_title: str, measure: str = "count",
                    title: str | None = None, width: int | None = None) -> alt.Chart:
    """Horizontal stacked bars per committee, area or target group, largest first (the rest as Övriga)."""
    import altair as alt

    shown = _top(table, column, measure)
    data = shown.assign(form=shown["form_group"].map(FORM_GROUP), shown=_formatted(shown[measure], measure))
    order = list(data.groupby(column, sort=False)[measure].sum().sort_values(ascending=False, kind="stable").index)
    rest = [o for o in order if str(o).startswith("Övriga (")]
    order = [o for o in order if o not in rest] + rest
    domain, colours = _forms(shown)
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5).encode(
        y=alt.Y(f"{column}:N", title=axis_title, sort=order),
        x=alt.X(f"sum({measure}):Q", title=MEASURE_LABEL[measure], axis=alt.Axis(labelExpr=SWEDISH_NUMBER)),
        color=alt.Color("form:N", title="Form", scale=alt.Scale(domain=domain, range=colours), sort=domain),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip(f"{column}:N", title=axis_title), alt.Tooltip("form:N", title="Form"),
                 alt.Tooltip("shown:N", title=MEASURE_LABEL[measure])],
    ).transform_calculate(order=f"indexof({domain!r}, datum.form)")
    return _finish(chart, title, width, max(120, 26 * len(order)))


def recommendation_chart(portfolio: Portfolio, title: str | None = None, width: int | None = None) -> alt.Chart:
    """Per recommendation, the decisions made: a bar per recommendation, stacked by decision."""
    import altair as alt

    crossed = portfolio.recommended_vs_decided
    data = crossed.assign(rec=crossed["recommendation"].map(recommendation_label),
                          made=crossed["decision"].map(decision_label))
    decisions = ["Bidrag", "Idéburet offentligt partnerskap (IOP)", "Upphandling", "Avslag"]
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5).encode(
        x=alt.X("rec:N", title="Rekommendation", sort=["Bidrag", "IOP", "Upphandling", "Oavgjort"],
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(count):Q", title="Antal beslut", axis=alt.Axis(labelExpr=SWEDISH_NUMBER, tickMinStep=1)),
        color=alt.Color("made:N", title="Beslut", sort=decisions,
                        scale=alt.Scale(domain=decisions, range=["#1d4ed8", "#15803d", "#9a3412", "#4b5563"])),
        tooltip=[alt.Tooltip("rec:N", title="Rekommendation"), alt.Tooltip("made:N", title="Beslut"),
                 alt.Tooltip("sum(count):Q", title="Antal beslut")],
    )
    return _finish(chart, title, width, 280)


def moves_chart(moves: pd.DataFrame, title: str | None = None, width: int | None = None) -> alt.Chart:
    """Per year, the activities that continued in a new case, by move (bidrag → IOP, IOP förnyat …)."""
    import altair as alt

    order = list(moves.groupby("move", sort=False)["count"].sum().sort_values(ascending=False, kind="stable").index)
    chart = alt.Chart(moves).mark_bar(stroke="#ffffff", strokeWidth=0.5).encode(
        x=alt.X("year:O", title="År", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(count):Q", title="Antal verksamheter", axis=alt.Axis(labelExpr=SWEDISH_NUMBER, tickMinStep=1)),
        color=alt.Color("move:N", title="Förflyttning", sort=order, scale=alt.Scale(scheme="tableau10")),
        tooltip=[alt.Tooltip("year:O", title="År"), alt.Tooltip("move:N", title="Förflyttning"),
                 alt.Tooltip("sum(count):Q", title="Antal")],
    )
    return _finish(chart, title, width, 280)
