"""Everything the Översikt page shows for one filter, put together in one call (the page and the bench share it).

The store gathers the pieces with SQL (``iop.store.PortfolioStore.view``); :func:`view_of` gathers
the same pieces from the typed register in pandas, the reference the store is tested against.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from iop.portfolio.aggregate import Portfolio, aggregate
from iop.portfolio.figures import PortfolioFilter
from iop.portfolio.todo import AgreementState, TodoItem, de_minimis, de_minimis_items, todo_list
from iop.portfolio.trend import links_frame, moves
from iop.records.agreement import CaseLink
from iop.rules.parameters import Parameter


@dataclass(frozen=True)
class View:
    chosen: PortfolioFilter
    portfolio: Portfolio
    moves: pd.DataFrame
    de_minimis: pd.DataFrame
    """Every organisation with de minimis aid among the shown cases, over all its cases in the register."""
    todo: list[TodoItem]
    titles: dict[str, str]
    """Case id -> "title (diarienummer)", for the cases the lists name (at least every case in ``todo``)."""


def case_title(title: str, diarienummer: str) -> str:
    return f"{title} ({diarienummer})" if diarienummer else title


def case_titles(frame: pd.DataFrame) -> dict[str, str]:
    return {str(i): case_title(str(t), str(d or "")) for i, t, d in
            zip(frame["id"], frame["title"], frame["diarienummer"], strict=True)}


def latest_cases(present: pd.DataFrame) -> dict[str, str]:
    """Organisation key -> its latest case among ``present`` (org_key, id, year): the greatest year, then id."""
    best: dict[str, tuple[int, str]] = {}
    for key, case_id, year in zip(present["org_key"], present["id"], present["year"], strict=True):
        if not key:
            continue
        rank = (-1 if year is None or pd.isna(year) else int(year), str(case_id))
        if key not in best or rank > best[key]:
            best[key] = rank
    return {key: rank[1] for key, rank in best.items()}


def shown_aid(aid: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    """The de minimis table (over the whole register) for the organisations ``keys`` (those with a selected case)."""
    wanted = {key for key in keys if key}
    return aid[[key in wanted for key in aid["org_key"]]].reset_index(drop=True) if len(aid) else aid


def build_view(portfolio: Portfolio, moved: pd.DataFrame, aid: pd.DataFrame, cases_by_org: Mapping[str, str],
               states: Iterable[AgreementState], chosen: PortfolioFilter, today: dt.date,
               titles: Mapping[str, str]) -> View:
    """The view from its pieces: the figures, the moves, the de minimis table of the organisations with
    a selected case (``shown_aid``), each such organisation's latest selected case (at least for those
    ``todo.near_ceiling`` names), and the agreement states of the selected cases.

    De minimis room counts every case of an organisation, whatever the selection, because the
    ceiling does; Att göra names each organisation near its ceiling with its latest selected case.
    """
    todo = todo_list(states, today) + de_minimis_items(aid, cases_by_org)
    return View(chosen=chosen, portfolio=portfolio, moves=moved, de_minimis=aid, todo=todo, titles=dict(titles))


def view_of(frame: pd.DataFrame, links: Iterable[CaseLink], states: Iterable[AgreementState],
            chosen: PortfolioFilter, today: dt.date, parameters: Mapping[str, Parameter]) -> View:
    """The portfolio of ``frame`` (the whole typed register) as ``chosen`` selects it, on ``today`` (Stockholm).

    Moves keep their starting form from a predecessor outside the selection; Att göra lists
    what is due for the selected cases and their organisations.
    """
    rows = chosen.apply(frame)
    shown = set(rows["id"])
    return build_view(aggregate(rows), moves(frame, rows["id"], links_frame(links)),
                      shown_aid(de_minimis(frame, today, parameters), rows["org_key"]),
                      latest_cases(rows[["org_key", "id", "year"]]), [s for s in states if s.case_id in shown],
                      chosen, today, case_titles(frame))
