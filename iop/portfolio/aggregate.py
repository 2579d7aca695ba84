"""The portfolio's figures: counts and kronor by form and year, committee, area and target group;
decisions against recommendations; what is still undecided and what blocks it.

Pure pandas over the typed frame (``figures.typed``) after the filter. Sums leave a
missing amount out and count it, so a case without an amount never reads as 0 kr.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from iop.portfolio.figures import AMOUNTS, FORM_GROUP, NOT_GIVEN, RECOMMENDATION_BROAD
from iop.records.record import DECISION_LABEL
from iop.words.swedish import RECOMMENDATION_SHORT

NO_YEAR = "(inget år)"
NO_COMMITTEE = "(ingen nämnd angiven)"
MEASURES = ["count", *AMOUNTS, "missing"]
"""The columns of every figures table: cases, the four sums, cases without the municipality's money."""


@dataclass(frozen=True)
class Portfolio:
    """Every figure the page shows for one filter, each table with codes (the page and exports label them)."""

    rows: pd.DataFrame
    """The filtered cases, typed, with their form group."""
    total: int
    decided: int
    not_decided: int
    cannot_decide: int
    """Not decided, and the assessment cannot decide them yet (recommendation "undecided")."""
    copies: int
    by_form_year: pd.DataFrame
    """year (str), form_group, count, the four sums, missing."""
    by_committee: pd.DataFrame
    by_area: pd.DataFrame
    by_target_group: pd.DataFrame
    recommended_vs_decided: pd.DataFrame
    """One row per (recommendation, decision) with the count; decided cases only."""
    follows: int
    deviates: int
    deviations: pd.DataFrame
    """The decided cases that did not follow the recommendation, with the reason given."""
    blocking: pd.DataFrame
    """question, cases: how many undecidable cases each settling question blocks."""


def _sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = frame[[*keys, "missing", *AMOUNTS]].groupby(keys, dropna=False, sort=False, observed=True)
    out = grouped.sum()
    out.insert(0, "count", grouped.size())
    for amount in AMOUNTS:
        out[amount] = out[amount].astype("int64")
    return out.reset_index()[[*keys, *MEASURES]]


def _form_order(table: pd.DataFrame, first: str) -> pd.DataFrame:
    order = {group: i for i, group in enumerate(FORM_GROUP)}
    return (table.assign(_order=table["form_group"].map(order))
            .sort_values([first, "_order"], kind="stable").drop(columns="_order").reset_index(drop=True))


def _by_text(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    table = _sums(frame.rename(columns={column: f"_{column}", f"{column}_label": column}), [column, "form_group"])
    totals = table.groupby(column)["count"].transform("sum")
    table = table.assign(_total=totals).sort_values(["_total", column], ascending=[False, True], kind="stable")
    return _form_order_within(table.drop(columns="_total"), column)


def _form_order_within(table: pd.DataFrame, column: str) -> pd.DataFrame:
    order = {group: i for i, group in enumerate(FORM_GROUP)}
    position = {value: i for i, value in enumerate(dict.fromkeys(table[column]))}
    return (table.assign(_a=table[column].map(position), _b=table["form_group"].map(order))
            .sort_values(["_a", "_b"], kind="stable").drop(columns=["_a", "_b"]).reset_index(drop=True))


def aggregate(rows: pd.DataFrame) -> Portfolio:
    """Every figure over ``rows`` (already filtered and typed)."""
    decided_mask = rows["decision"] != ""
    decided = rows[decided_mask]
    open_rows = rows[~decided_mask]
    core = rows[["year", "committee", "area_label", "target_group_label", "form_group", "missing", *AMOUNTS]]
    years = core["year"].astype(object).where(core["year"].notna(), NO_YEAR).map(str)
    by_year = _sums(core.assign(year=years), ["year", "form_group"])
    by_committee = _sums(core.assign(committee=core["committee"].replace("", NO_COMMITTEE)),
                         ["committee", "form_group"])
    by_committee = _form_order_within(
        by_committee.assign(_t=by_committee.groupby("committee")["count"].transform("sum"))
        .sort_values(["_t", "committee"], ascending=[False, True], kind="stable").drop(columns="_t"), "committee")
    crossed = (decided.groupby(["recommendation", "decision"]).size().rename("count").reset_index()
               if len(decided) else pd.DataFrame(columns=["recommendation", "decision", "count"]))
    follows_mask = decided["follows"].fillna(False).astype(bool)
    deviations = decided.loc[~follows_mask.to_numpy(),
                             ["id", "title", "diarienummer", "year", "committee", "recommendation", "decision",
                              "deviation_reason"]].sort_values(["year", "title"], na_position="first")
    undecidable = open_rows[open_rows["recommendation"] == "undecided"]
    asked = undecidable["blocking"].str.split(",").explode()
    asked = asked[asked.notna() & (asked != "")]
    blocking = (asked.value_counts().rename_axis("question").rename("cases").reset_index()
                if len(asked) else pd.DataFrame({"question": pd.Series(dtype=str), "cases": pd.Series(dtype=int)}))
    return Portfolio(
        rows=rows,
        total=len(rows),
        decided=len(decided),
        not_decided=len(open_rows),
        cannot_decide=len(undecidable),
        copies=int((rows["copied_from"] != "").sum()),
        by_form_year=_form_order(by_year, "year"),
        by_committee=by_committee,
        by_area=_by_text(core, "area"),
        by_target_group=_by_text(core, "target_group"),
        recommended_vs_decided=crossed,
        follows=int(follows_mask.sum()),
        deviates=int((~follows_mask).sum()),
        deviations=deviations.reset_index(drop=True),
        blocking=blocking,
    )


def totals_by(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """A figures table summed over the forms: one row per ``column`` value."""
    return table.groupby(column, sort=False)[MEASURES].sum().reset_index()


def broad_of(table: pd.DataFrame) -> pd.Series:
    from iop.portfolio.figures import BROAD

    return table["form_group"].map(BROAD)


def recommendation_label(code: str) -> str:
    return RECOMMENDATION_SHORT.get(code, code or NOT_GIVEN)


def decision_label(code: str) -> str:
    return DECISION_LABEL.get(code, code) if code else "Inte beslutat"  # type: ignore[call-overload]


def follow_share(portfolio: Portfolio) -> float | None:
    """The share of decisions that followed the recommendation; None before any decision."""
    return portfolio.follows / portfolio.decided if portfolio.decided else None


def recommended_broad(code: str) -> str:
    return RECOMMENDATION_BROAD.get(code, "ej_beslutat")


def question_texts(catalog_texts: Mapping[str, str], blocking: pd.DataFrame) -> pd.DataFrame:
    """The blocking table with each question's text beside its id (an unknown id stays as it is)."""
    return blocking.assign(text=blocking["question"].map(lambda q: catalog_texts.get(q, q)))
