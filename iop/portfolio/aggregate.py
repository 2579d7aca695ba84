"""The portfolio's figures: counts and kronor by form and year, committee, area and target group;
decisions against recommendations; what is still undecided and what blocks it.

Pure pandas over the typed frame (``figures.typed``) after the filter. Sums leave a
missing amount out and count it, so a case without an amount never reads as 0 kr.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from iop.portfolio.figures import AMOUNTS, FORM_GROUP, NOT_GIVEN
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
    """Cases, the four sums and the cases without the municipality's amount, per combination of ``keys``.

    Grouped with numpy (factorised keys, one bincount per sum) rather than ``DataFrame.groupby``:
    hashing the text keys in groupby cost 10 ms a table on 10,000 cases, this well under one. A missing
    amount adds nothing to its sum (it is counted in ``missing``); the sums are exact in float64 far
    beyond any register (2**53 kronor).
    """
    codes, uniques = zip(*(pd.factorize(frame[key], use_na_sentinel=False) for key in keys), strict=True)
    sizes = [max(1, len(u)) for u in uniques]
    combined = np.ravel_multi_index(codes, sizes) if len(frame) else np.zeros(0, dtype=np.int64)
    groups, inverse = np.unique(combined, return_inverse=True)
    out = {key: np.asarray(unique, dtype=object)[index] if len(unique) else np.zeros(0, dtype=object)
           for key, unique, index in zip(keys, uniques, np.unravel_index(groups, sizes), strict=True)}
    out["count"] = np.bincount(inverse, minlength=len(groups)).astype("int64")
    for amount in AMOUNTS:
        values = frame[amount].to_numpy(dtype="float64", na_value=0.0)
        out[amount] = np.rint(np.bincount(inverse, weights=values, minlength=len(groups))).astype("int64")
    out["missing"] = np.bincount(inverse, weights=frame["missing"].to_numpy(dtype="float64"),
                                 minlength=len(groups)).astype("int64")
    return pd.DataFrame(out, columns=[*keys, *MEASURES])


FORM_POSITION = {group: i for i, group in enumerate(FORM_GROUP)}


def _ordered(table: pd.DataFrame, first: str, largest_first: bool) -> pd.DataFrame:
    """``table`` ordered by ``first`` (alphabetically, or by its total number of cases, largest first),
    then by form in the order of ``FORM_GROUP``.

    The tables are small (a row per value and form); sorted in Python, since each pandas step
    (assign, map, transform, sort) costs about a millisecond whatever the size.
    """
    firsts = table[first].tolist()
    forms = table["form_group"].tolist()
    totals: dict[object, int] = {}
    if largest_first:
        for value, count in zip(firsts, table["count"].tolist(), strict=True):
            totals[value] = totals.get(value, 0) + int(count)
    order = sorted(range(len(table)), key=lambda i: (-totals.get(firsts[i], 0), str(firsts[i]),
                                                      FORM_POSITION.get(forms[i], len(FORM_POSITION))))
    return table.take(order).reset_index(drop=True)


def _by_text(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    table = _sums(frame.rename(columns={column: f"_{column}", f"{column}_label": column}), [column, "form_group"])
    return _ordered(table, column, largest_first=True)


def aggregate(rows: pd.DataFrame) -> Portfolio:
    """Every figure over ``rows`` (already filtered and typed)."""
    decided_mask = (rows["decision"] != "").to_numpy(dtype=bool)
    # Each table's own columns first, then the rows: filtering the whole frame copies all its columns.
    decided = rows[["id", "title", "diarienummer", "year", "committee", "recommendation", "decision", "follows",
                    "deviation_reason"]][decided_mask]
    open_rows = rows[["recommendation", "blocking"]][~decided_mask]
    core = rows[["year", "committee", "area_label", "target_group_label", "form_group", "missing", *AMOUNTS]]
    years = [NO_YEAR if pd.isna(y) else str(y) for y in core["year"]]
    by_year = _ordered(_sums(core.assign(year=years), ["year", "form_group"]), "year", largest_first=False)
    committees = core["committee"].where(core["committee"] != "", NO_COMMITTEE)
    by_committee = _ordered(_sums(core.assign(committee=committees), ["committee", "form_group"]), "committee",
                            largest_first=True)
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
        by_form_year=by_year,
        by_committee=by_committee,
        by_area=_by_text(core, "area"),
        by_target_group=_by_text(core, "target_group"),
        recommended_vs_decided=crossed,
        follows=int(follows_mask.sum()),
        deviates=int((~follows_mask).sum()),
        deviations=deviations.reset_index(drop=True),
        blocking=blocking,
    )


def recommendation_label(code: str) -> str:
    return RECOMMENDATION_SHORT.get(code, code or NOT_GIVEN)


def decision_label(code: str) -> str:
    return DECISION_LABEL.get(code, code) if code else "Inte beslutat"  # type: ignore[call-overload]


def follow_share(portfolio: Portfolio) -> float | None:
    """The share of decisions that followed the recommendation; None before any decision."""
    return portfolio.follows / portfolio.decided if portfolio.decided else None
