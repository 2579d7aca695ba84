"""The trend for an activity: cases linked as successors, and the moves between forms over the years.

The seed's picture (003, "Nuvarande system" / "Nytt system") is the same kinds of
activity moving between föreningsbidrag, IOP and procurement. In the register a
move is a ``successor`` link: the successor continues the predecessor's activity,
renewed in the same form or moved to another. A move is counted in the
successor's year, from the predecessor's form to the successor's; a form not yet
decided is shown as such, never guessed from the recommendation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from iop.portfolio.aggregate import NO_YEAR
from iop.portfolio.figures import BROAD, BROAD_LABEL
from iop.records.agreement import CaseLink

MAX_LINE = 50
"""A line of predecessors or successors is followed at most this far (a guard against a loop)."""


def links_frame(links: Iterable[CaseLink]) -> pd.DataFrame:
    rows = [{"predecessor": link.predecessor, "successor": link.successor, "kind": link.kind} for link in links]
    return pd.DataFrame(rows, columns=["predecessor", "successor", "kind"])


def move_label(source: str, target: str) -> str:
    if source == target and source not in ("ej_beslutat", "avslag"):
        return f"{BROAD_LABEL[source]} förnyat"
    return f"{BROAD_LABEL[source]} → {BROAD_LABEL[target]}"


MOVE_PAIR_COLUMNS = ["year", "source", "target", "count"]


def move_pairs(frame: pd.DataFrame, shown_ids: Iterable[str], links: pd.DataFrame) -> pd.DataFrame:
    """year, source, target (form groups), count: successor links whose successor is among ``shown_ids``,
    grouped as the store's SQL groups them (``moves_table`` finishes either).

    ``frame`` is the whole typed register, so a predecessor outside the filter (an
    earlier year, another committee) still gives the move its starting form.
    """
    successors = links[links["kind"] == "successor"] if len(links) else links
    if not len(successors):
        return pd.DataFrame(columns=MOVE_PAIR_COLUMNS)
    shown = set(shown_ids)
    # Dictionaries over the ids rather than joins: the links are few, the cases many.
    groups = dict(zip(frame["id"], frame["form_group"], strict=True))
    years = dict(zip(frame["id"], frame["year"], strict=True))
    found = [(years[after], groups[before], groups[after])
             for before, after in zip(successors["predecessor"], successors["successor"], strict=True)
             if after in shown and before in groups]
    if not found:
        return pd.DataFrame(columns=MOVE_PAIR_COLUMNS)
    table = pd.DataFrame(found, columns=["year", "source", "target"], dtype=object)
    table["year"] = [None if pd.isna(y) else int(y) for y in table["year"]]
    return table.groupby(["year", "source", "target"], dropna=False).size().rename("count").reset_index()


def moves_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """year, source, target, move (label), count: the moves between broad forms per year, from ``move_pairs``."""
    columns = ["year", "source", "target", "move", "count"]
    if not len(pairs):
        return pd.DataFrame(columns=columns)
    totals: dict[tuple[str, str, str], int] = {}
    for year, source, target, count in zip(pairs["year"], pairs["source"], pairs["target"], pairs["count"],
                                           strict=True):
        key = (NO_YEAR if year is None or pd.isna(year) else str(int(year)), BROAD[source], BROAD[target])
        totals[key] = totals.get(key, 0) + int(count)
    # By year, the most common move first; a tie by the forms' codes (what sorting the keys gives).
    ordered = sorted(sorted(totals.items()), key=lambda item: (item[0][0], -item[1]))
    return pd.DataFrame({
        "year": pd.Series([key[0] for key, _ in ordered], dtype=object),
        "source": pd.Series([key[1] for key, _ in ordered], dtype=object),
        "target": pd.Series([key[2] for key, _ in ordered], dtype=object),
        "move": pd.Series([move_label(key[1], key[2]) for key, _ in ordered], dtype=object),
        "count": pd.Series([count for _, count in ordered], dtype="int64"),
    })


def moves(frame: pd.DataFrame, shown_ids: Iterable[str], links: pd.DataFrame) -> pd.DataFrame:
    """year, source, target, move (label), count: ``moves_table(move_pairs(...))`` over the typed register."""
    return moves_table(move_pairs(frame, shown_ids, links))


@dataclass(frozen=True)
class Line:
    """A case's line: its predecessors (oldest first) and its successors (nearest first), as case ids."""

    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    copied_from: str | None


def line_of(case_id: str, links: Iterable[CaseLink]) -> Line:
    """Follow ``successor`` links back and forward from ``case_id`` (a branching line is read breadth-first)."""
    back: dict[str, list[str]] = {}
    forward: dict[str, list[str]] = {}
    copied_from = None
    for link in links:
        if link.kind == "successor":
            back.setdefault(link.successor, []).append(link.predecessor)
            forward.setdefault(link.predecessor, []).append(link.successor)
        if (link.copied or link.kind == "copy") and link.successor == case_id:
            copied_from = link.predecessor
    return Line(tuple(reversed(_walk(case_id, back))), tuple(_walk(case_id, forward)), copied_from)


def _walk(start: str, edges: Mapping[str, list[str]]) -> list[str]:
    seen = {start}
    order: list[str] = []
    frontier = [start]
    while frontier and len(order) < MAX_LINE:
        following = []
        for node in frontier:
            for other in edges.get(node, []):
                if other not in seen:
                    seen.add(other)
                    order.append(other)
                    following.append(other)
        frontier = following
    return order


def would_loop(predecessor: str, successor: str, links: Iterable[CaseLink]) -> bool:
    """Whether linking ``successor`` after ``predecessor`` would close a loop (it is already before it)."""
    if predecessor == successor:
        return True
    return successor in line_of(predecessor, links).predecessors
