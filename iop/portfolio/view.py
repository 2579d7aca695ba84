"""Everything the Översikt page shows for one filter, worked out in one call (the page and the bench share it)."""

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
    """Case id -> "title (diarienummer)", for the lists that name cases."""


def case_titles(frame: pd.DataFrame) -> dict[str, str]:
    numbers = frame["diarienummer"].where(frame["diarienummer"] == "", " (" + frame["diarienummer"] + ")")
    return dict(zip(frame["id"], frame["title"] + numbers.fillna(""), strict=True))


def build_view(frame: pd.DataFrame, links: Iterable[CaseLink], states: Iterable[AgreementState],
               chosen: PortfolioFilter, today: dt.date, parameters: Mapping[str, Parameter]) -> View:
    """The portfolio of ``frame`` (the whole typed register) as ``chosen`` selects it, on ``today`` (Stockholm).

    Moves keep their starting form from a predecessor outside the selection; de minimis
    room counts every case of an organisation, whatever the selection, because the
    ceiling does; Att göra lists what is due for the selected cases and their organisations.
    """
    rows = chosen.apply(frame)
    shown = set(rows["id"])
    aid = de_minimis(frame, today, parameters)
    keys = rows["org_key"]
    present = set(keys[keys != ""])
    aid = aid[[key in present for key in aid["org_key"]]].reset_index(drop=True) if len(aid) else aid
    latest = rows[["org_key", "id", "year"]].sort_values("year", na_position="first").drop_duplicates(
        "org_key", keep="last")
    cases_by_org = dict(zip(latest["org_key"], latest["id"], strict=True))
    todo = todo_list((s for s in states if s.case_id in shown), today) + de_minimis_items(aid, cases_by_org)
    return View(chosen=chosen, portfolio=aggregate(rows), moves=moves(frame, rows["id"], links_frame(links)),
                de_minimis=aid, todo=todo, titles=case_titles(frame))
