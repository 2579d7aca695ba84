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


TEXT = "Som text"
"""The column holding each figure written the Swedish way, for the tooltip."""


def _swedish_data(table: pd.DataFrame, first: str, first_label: str, measure: str) -> pd.DataFrame:
    """The chart's data with Swedish column names only: Streamlit's "show data" view shows them as they are."""
    return pd.DataFrame({
        first_label: table[first].astype(str).to_numpy(),
        "Form": table["form_group"].map(FORM_GROUP).to_numpy(),
        MEASURE_LABEL[measure]: table[measure].astype("int64").to_numpy(),
        TEXT: _formatted(table[measure], measure),
    })


LEGEND_ROW = 20
AXIS_ROOM = 70
"""Room below a plot for the axis labels and title, and above the legend."""


def _height(plot: int, legend_entries: int, title: str | None) -> int:
    """The whole chart's height: with autosize "fit" (as Streamlit draws charts) the legend and axes are inside it."""
    return plot + AXIS_ROOM + LEGEND_ROW * (1 + (legend_entries + 1) // 2) + (30 if title else 0)


def _finish(chart: alt.Chart, title: str | None, width: int | None, height: int) -> alt.Chart:
    """Size, title, no action menu; the size is the whole chart (autosize "fit"), in Streamlit and offline alike."""
    props: dict[str, object] = {"height": height, "usermeta": NO_ACTIONS,
                                "autosize": {"type": "fit", "contains": "padding"}}
    if width is not None:
        props["width"] = width
    if title:
        props["title"] = title
    # Vega's own descriptions of marks, axes and legends are English ("X-axis titled ..."): off. A reader
    # gets the chart's name (its summary, given by the page), the summary as text and the table.
    finished: alt.Chart = chart.properties(**props).configure(aria=False).configure_legend(
        labelLimit=320, titleLimit=320, orient="bottom", columns=2).configure_axis(labelLimit=260)
    return finished


def form_year_chart(portfolio: Portfolio, measure: str = "count", share: bool = False, title: str | None = None,
                    width: int | None = None) -> alt.Chart:
    """Stacked bars per year, one colour per form; ``share`` stacks to 100 % (the seed's trend picture)."""
    import altair as alt

    table = portfolio.by_form_year
    data = _swedish_data(table, "year", "År", measure)
    domain, colours = _forms(table)
    value = MEASURE_LABEL[measure]
    labels = "format(datum.value * 100, '.0f') + '\u00a0%'" if share else SWEDISH_NUMBER
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5, aria=False).encode(
        x=alt.X(field="År", type="ordinal", title="År", axis=alt.Axis(labelAngle=0)),
        y=alt.Y(field=value, aggregate="sum", type="quantitative", title="Andel av ärendena" if share else value,
                stack="normalize" if share else "zero",
                axis=alt.Axis(labelExpr=labels, tickMinStep=1) if measure == "count" and not share
                else alt.Axis(labelExpr=labels)),
        color=alt.Color(field="Form", type="nominal", title="Form",
                        scale=alt.Scale(domain=domain, range=colours), sort=domain),
        order=alt.Order(field="ordning", type="quantitative"),
        tooltip=[alt.Tooltip(field="År", type="ordinal"), alt.Tooltip(field="Form", type="nominal"),
                 alt.Tooltip(field=TEXT, type="nominal", title=value)],
    ).transform_calculate(ordning=f"indexof({domain!r}, datum['Form'])")
    return _finish(chart, title, width, _height(300, len(domain), title))


def _top(table: pd.DataFrame, column: str, measure: str) -> pd.DataFrame:
    totals = table.groupby(column, sort=False)[measure].sum().sort_values(ascending=False, kind="stable")
    keep = list(totals.index[:TOP_ROWS])
    if len(totals) <= TOP_ROWS:
        return table
    rest = table[~table[column].isin(keep)]
    others = rest.groupby("form_group", sort=False)[list(dict.fromkeys(["count", measure]))].sum().reset_index()
    others[column] = f"Övriga ({len(totals) - TOP_ROWS})"
    return pd.concat([table[table[column].isin(keep)], others], ignore_index=True)


def breakdown_chart(table: pd.DataFrame, column: str, axis_title: str, measure: str = "count",
                    title: str | None = None, width: int | None = None) -> alt.Chart:
    """Horizontal stacked bars per committee, area or target group, largest first (the rest as Övriga)."""
    import altair as alt

    shown = _top(table, column, measure)
    data = _swedish_data(shown, column, axis_title, measure)
    value = MEASURE_LABEL[measure]
    order = list(data.groupby(axis_title, sort=False)[value].sum().sort_values(ascending=False, kind="stable").index)
    rest = [o for o in order if str(o).startswith("Övriga (")]
    order = [o for o in order if o not in rest] + rest
    domain, colours = _forms(shown)
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5, aria=False).encode(
        y=alt.Y(field=axis_title, type="nominal", title=axis_title, sort=order),
        x=alt.X(field=value, aggregate="sum", type="quantitative", title=value,
                axis=alt.Axis(labelExpr=SWEDISH_NUMBER, tickMinStep=1) if measure == "count"
                else alt.Axis(labelExpr=SWEDISH_NUMBER)),
        color=alt.Color(field="Form", type="nominal", title="Form", scale=alt.Scale(domain=domain, range=colours),
                        sort=domain),
        order=alt.Order(field="ordning", type="quantitative"),
        tooltip=[alt.Tooltip(field=axis_title, type="nominal"), alt.Tooltip(field="Form", type="nominal"),
                 alt.Tooltip(field=TEXT, type="nominal", title=value)],
    ).transform_calculate(ordning=f"indexof({domain!r}, datum['Form'])")
    return _finish(chart, title, width, _height(max(60, 30 * len(order)), len(domain), title))


def recommendation_chart(portfolio: Portfolio, title: str | None = None, width: int | None = None) -> alt.Chart:
    """Per recommendation, the decisions made: a bar per recommendation, stacked by decision."""
    import altair as alt

    crossed = portfolio.recommended_vs_decided
    data = pd.DataFrame({"Rekommendation": crossed["recommendation"].map(recommendation_label).to_numpy(),
                         "Beslut": crossed["decision"].map(decision_label).to_numpy(),
                         "Antal beslut": crossed["count"].astype("int64").to_numpy()})
    decisions = ["Bidrag", "Idéburet offentligt partnerskap (IOP)", "Upphandling", "Avslag"]
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5, aria=False).encode(
        x=alt.X(field="Rekommendation", type="nominal", sort=["Bidrag", "IOP", "Upphandling", "Oavgjort"],
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y(field="Antal beslut", aggregate="sum", type="quantitative", title="Antal beslut",
                axis=alt.Axis(labelExpr=SWEDISH_NUMBER, tickMinStep=1)),
        color=alt.Color(field="Beslut", type="nominal", sort=decisions,
                        scale=alt.Scale(domain=decisions, range=["#1d4ed8", "#15803d", "#9a3412", "#4b5563"])),
        tooltip=[alt.Tooltip(field="Rekommendation", type="nominal"), alt.Tooltip(field="Beslut", type="nominal"),
                 alt.Tooltip(field="Antal beslut", aggregate="sum", type="quantitative", title="Antal beslut")],
    )
    return _finish(chart, title, width, _height(260, len(decisions), title))


def moves_chart(moves: pd.DataFrame, title: str | None = None, width: int | None = None) -> alt.Chart:
    """Per year, the activities that continued in a new case, by move (bidrag → IOP, IOP förnyat …)."""
    import altair as alt

    data = pd.DataFrame({"År": moves["year"].astype(str).to_numpy(), "Förflyttning": moves["move"].to_numpy(),
                         "Antal verksamheter": moves["count"].astype("int64").to_numpy()})
    order = list(data.groupby("Förflyttning", sort=False)["Antal verksamheter"].sum()
                 .sort_values(ascending=False, kind="stable").index)
    chart = alt.Chart(data).mark_bar(stroke="#ffffff", strokeWidth=0.5, aria=False).encode(
        x=alt.X(field="År", type="ordinal", axis=alt.Axis(labelAngle=0)),
        y=alt.Y(field="Antal verksamheter", aggregate="sum", type="quantitative", title="Antal verksamheter",
                axis=alt.Axis(labelExpr=SWEDISH_NUMBER, tickMinStep=1)),
        color=alt.Color(field="Förflyttning", type="nominal", sort=order, scale=alt.Scale(scheme="tableau10")),
        tooltip=[alt.Tooltip(field="År", type="ordinal"), alt.Tooltip(field="Förflyttning", type="nominal"),
                 alt.Tooltip(field="Antal verksamheter", aggregate="sum", type="quantitative",
                             title="Antal verksamheter")],
    )
    return _finish(chart, title, width, _height(260, len(order), title))
