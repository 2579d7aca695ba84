"""The portfolio's figures: counts and kronor by form and year, committee, area and target group;
decisions against recommendations; what is still undecided and what blocks it.

Two steps: grouped sums of one selection (:class:`Sums`: the store computes them with SQL
``GROUP BY``s over the stored figures, :func:`sums_of` with pandas over typed case rows), then
the page's tables from them (:func:`portfolio_of`), pure pandas over a few hundred grouped rows.
Sums leave a missing amount out and count it, so a case without an amount never reads as 0 kr.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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


Grouped = Sequence[tuple[Any, ...]]
"""Grouped rows: the group's key, its form group, then ``MEASURES`` (the rows a SQL GROUP BY returns)."""


@dataclass(frozen=True)
class Sums:
    """The figures of one selection as grouped sums: what a SQL ``GROUP BY`` over the figures returns.

    The store computes these in the database (``iop.store.PortfolioStore.sums``); :func:`sums_of`
    computes the same from the typed case rows. :func:`portfolio_of` turns either into the page's
    tables, so the hand-counted fixtures check the arithmetic both ways share. Plain rows, not
    frames: they are a few hundred, and every pandas step costs about a millisecond whatever the size.
    """

    by_year: Grouped
    """(year: an int or None, form_group, *MEASURES); a key may come more than once (summed)."""
    by_committee: Grouped
    """(committee, form_group, *MEASURES)."""
    by_area: Grouped
    """(area as typed, form_group, *MEASURES): grouped again under its label by ``portfolio_of``."""
    by_target_group: Grouped
    labels: Mapping[str, Mapping[str, str]]
    """{"area": {typed text: label}, "target_group": {…}} (``figures.spelling_labels`` over the whole register)."""
    crossed: Grouped
    """(recommendation, decision, follows: True, False or None, count): decided cases."""
    deviations: Grouped
    """``DEVIATION_COLUMNS`` of the decided cases that did not follow the recommendation."""
    blocking: Grouped
    """(blocking: comma-separated question ids, possibly empty, count): the undecidable cases not decided."""
    copies: int


DEVIATION_COLUMNS = ["id", "title", "diarienummer", "year", "committee", "recommendation", "decision",
                     "deviation_reason"]


def _sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Cases, the four sums and the cases without the municipality's amount, per combination of ``keys``.

    Grouped with numpy (factorised keys, one bincount per sum) rather than ``DataFrame.groupby``:
    hashing the text keys in groupby cost 10 ms a table on 10,000 cases, this well under one. A missing
    amount adds nothing to its sum (it is counted in ``missing``); the sums are exact in float64 far
    beyond any register (2**53 kronor). ``frame`` may hold per-case rows or grouped rows with their own
    ``count`` and ``missing`` (then those are summed too).
    """
    codes, uniques = zip(*(pd.factorize(frame[key], use_na_sentinel=False) for key in keys), strict=True)
    sizes = [max(1, len(u)) for u in uniques]
    combined = np.ravel_multi_index(codes, sizes) if len(frame) else np.zeros(0, dtype=np.int64)
    groups, inverse = np.unique(combined, return_inverse=True)
    out = {key: np.asarray(unique, dtype=object)[index] if len(unique) else np.zeros(0, dtype=object)
           for key, unique, index in zip(keys, uniques, np.unravel_index(groups, sizes), strict=True)}
    weights = frame["count"].to_numpy(dtype="float64") if "count" in frame.columns else None
    out["count"] = np.rint(np.bincount(inverse, weights=weights, minlength=len(groups))).astype("int64")
    for amount in [*AMOUNTS, "missing"]:
        values = frame[amount].to_numpy(dtype="float64", na_value=0.0)
        out[amount] = np.rint(np.bincount(inverse, weights=values, minlength=len(groups))).astype("int64")
    return pd.DataFrame(out, columns=[*keys, *MEASURES])


FORM_POSITION = {group: i for i, group in enumerate(FORM_GROUP)}


def _rows(table: pd.DataFrame) -> list[tuple[Any, ...]]:
    """A frame's rows as tuples of plain values (missing values as None)."""
    columns = [[None if not isinstance(v, str) and pd.isna(v) else v for v in table[c].tolist()]
               for c in table.columns]
    return list(zip(*columns, strict=True)) if columns else []


def sums_of(rows: pd.DataFrame) -> Sums:
    """The grouped sums of ``rows`` (already filtered and typed, see ``figures.typed``), as the store's SQL gives them.

    The labels of area and target group are the ones ``typed`` gave the rows (worked out over the
    whole register it was given).
    """
    decided_mask = (rows["decision"] != "").to_numpy(dtype=bool)
    decided = rows[["recommendation", "decision", "follows"]][decided_mask]
    crossed = (decided.groupby(["recommendation", "decision", "follows"], dropna=False).size().rename("count")
               .reset_index() if len(decided) else pd.DataFrame(columns=["recommendation", "decision", "follows",
                                                                         "count"]))
    follows = rows["follows"].fillna(False).to_numpy(dtype=bool)
    open_rows = rows[["recommendation", "blocking"]][~decided_mask]
    undecidable = open_rows[open_rows["recommendation"] == "undecided"]
    blocking = (undecidable.groupby("blocking").size().rename("count").reset_index() if len(undecidable)
                else pd.DataFrame(columns=["blocking", "count"]))
    core = rows[["year", "committee", "area", "target_group", "form_group", "missing", *AMOUNTS]]
    labels = {column: dict(zip(rows[column], rows[f"{column}_label"], strict=True))
              for column in ("area", "target_group")}
    return Sums(
        by_year=_rows(_sums(core, ["year", "form_group"])),
        by_committee=_rows(_sums(core, ["committee", "form_group"])),
        by_area=_rows(_sums(core, ["area", "form_group"])),
        by_target_group=_rows(_sums(core, ["target_group", "form_group"])),
        labels=labels,
        crossed=_rows(crossed),
        deviations=_rows(rows.loc[decided_mask & ~follows, DEVIATION_COLUMNS]),
        blocking=_rows(blocking),
        copies=int((rows["copied_from"] != "").sum()),
    )


def _regrouped(rows: Grouped, key: str, name: Callable[[Any], str], largest_first: bool) -> pd.DataFrame:
    """The measures of ``rows`` summed per (``name(key)``, form group), ordered by that name (alphabetically,
    or by its total number of cases, largest first), then by form in the order of ``FORM_GROUP``."""
    totals: dict[tuple[str, str], list[int]] = {}
    for value, form, *measures in rows:
        kept = totals.setdefault((name(value), str(form)), [0] * len(MEASURES))
        for i, number in enumerate(measures):
            kept[i] += int(number or 0)
    per_value: dict[str, int] = {}
    if largest_first:
        for (value, _form), measures in totals.items():
            per_value[value] = per_value.get(value, 0) + measures[0]
    order = sorted(totals, key=lambda k: (-per_value.get(k[0], 0), k[0], FORM_POSITION.get(k[1], len(FORM_POSITION))))
    data: dict[str, Any] = {key: pd.Series([k[0] for k in order], dtype=object),
                            "form_group": pd.Series([k[1] for k in order], dtype=object)}
    for i, measure in enumerate(MEASURES):
        data[measure] = np.array([totals[k][i] for k in order], dtype=np.int64)
    return pd.DataFrame(data)


def _year_name(year: Any) -> str:
    return NO_YEAR if year is None else str(int(year))


def portfolio_of(sums: Sums) -> Portfolio:
    """Every figure of the page's tables from the grouped sums (the store's or ``sums_of``'s)."""
    by_year = _regrouped(sums.by_year, "year", _year_name, largest_first=False)
    by_committee = _regrouped(sums.by_committee, "committee", lambda c: str(c) if c else NO_COMMITTEE,
                              largest_first=True)

    def by_text(rows: Grouped, column: str) -> pd.DataFrame:
        shown = sums.labels.get(column, {})
        return _regrouped(rows, column, lambda t: shown.get(t, t), largest_first=True)

    crossed: dict[tuple[str, str], int] = {}
    decided = follows = 0
    for recommendation, decision, followed, count in sums.crossed:
        crossed[(recommendation, decision)] = crossed.get((recommendation, decision), 0) + int(count)
        decided += int(count)
        follows += int(count) if followed else 0
    pairs = sorted(crossed)
    recommended_vs_decided = pd.DataFrame({"recommendation": pd.Series([p[0] for p in pairs], dtype=object),
                                           "decision": pd.Series([p[1] for p in pairs], dtype=object),
                                           "count": np.array([crossed[p] for p in pairs], dtype=np.int64)})
    ordered_deviations = sorted(sums.deviations, key=lambda r: (r[3] is not None, r[3] or 0, str(r[1]), str(r[0])))
    deviations = pd.DataFrame({name: pd.Series([r[i] for r in ordered_deviations],
                                               dtype="Int64" if name == "year" else object)
                               for i, name in enumerate(DEVIATION_COLUMNS)})
    asked: dict[str, int] = {}
    undecidable = 0
    for text, count in sums.blocking:
        undecidable += int(count)
        for question in str(text or "").split(","):
            if question:
                asked[question] = asked.get(question, 0) + int(count)
    ordered = sorted(asked.items(), key=lambda item: (-item[1], item[0]))
    blocking = pd.DataFrame({"question": pd.Series([q for q, _ in ordered], dtype=object),
                             "cases": pd.Series([n for _, n in ordered], dtype="int64")})
    total = int(by_year["count"].sum())
    return Portfolio(
        total=total,
        decided=decided,
        not_decided=total - decided,
        cannot_decide=undecidable,
        copies=sums.copies,
        by_form_year=by_year,
        by_committee=by_committee,
        by_area=by_text(sums.by_area, "area"),
        by_target_group=by_text(sums.by_target_group, "target_group"),
        recommended_vs_decided=recommended_vs_decided,
        follows=follows,
        deviates=decided - follows,
        deviations=deviations,
        blocking=blocking,
    )


def aggregate(rows: pd.DataFrame) -> Portfolio:
    """Every figure over ``rows`` (already filtered and typed): ``portfolio_of(sums_of(rows))``."""
    return portfolio_of(sums_of(rows))


def recommendation_label(code: str) -> str:
    return RECOMMENDATION_SHORT.get(code, code or NOT_GIVEN)


def decision_label(code: str) -> str:
    return DECISION_LABEL.get(code, code) if code else "Inte beslutat"  # type: ignore[call-overload]


def follow_share(portfolio: Portfolio) -> float | None:
    """The share of decisions that followed the recommendation; None before any decision."""
    return portfolio.follows / portfolio.decided if portfolio.decided else None
