"""The Översikt page's figures grouped in SQL equal the same figures counted in pandas, on SQLite and PostgreSQL.

The hand-counted register (tests/portfolio/fixtures.py) is stored as rows and read back through
``PortfolioStore.sums``; a generated register (the bench's generator, with agreements, follow-ups,
links and de minimis aid) is read through ``PortfolioStore.view`` and compared, piece by piece, with
``iop.portfolio.view_of`` over the whole typed register, for several filters and days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import insert

from bench.bench_portfolio import generate
from iop.engine.evaluation import Engine
from iop.portfolio import Portfolio, PortfolioFilter, View, aggregate, portfolio_of, view_of
from iop.portfolio.figures import DEFAULT_STATUSES
from iop.records.agreement import form_group, org_key
from iop.store import PortfolioStore, open_register
from iop.store.portfolio_tables import CaseFiguresRow
from iop.store.records import CaseRegister
from iop.store.tables import CaseRow
from tests.portfolio.fixtures import hand_counted

FILTERS = [
    PortfolioFilter(),
    PortfolioFilter(statuses=()),
    PortfolioFilter(2024, 2024),
    PortfolioFilter(year_from=2025),
    PortfolioFilter(committees=("Kulturnämnden",)),
    PortfolioFilter(statuses=("bedömd", "arkiverad")),
    PortfolioFilter(criteria_sets=("skl-2017",)),
    PortfolioFilter(2030, 2031),
]
CASE_COLUMNS = ["id", "title", "diarienummer", "organisation", "committee", "status", "criteria_set",
                "from_organisation"]


@pytest.fixture
def store(database_url: str, engine: Engine) -> Iterator[PortfolioStore]:
    db = open_register(database_url)
    yield PortfolioStore(CaseRegister(db, lambda case: engine.assess(case, explain_changes=False),
                                      engine.rulebook.questions))
    db.dispose()


def store_rows(store: PortfolioStore, frame: pd.DataFrame) -> None:
    """The register of ``frame`` (``figures.COLUMNS``) as the store keeps it: a case and its figures per row."""
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cases, figures = [], []
    for record in frame.to_dict("records"):
        values = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in record.items()}
        cases.append({**{k: values[k] for k in CASE_COLUMNS}, "head_revision": 1, "public_body": "",
                      "recommendation": values["recommendation"], "form": "", "blocking": values["blocking"],
                      "year": values["year"], "created_at": now, "created_by": "Test", "updated_at": now,
                      "updated_by": "Test", "content": {}})
        figure = {k: values[k] for k in ("status", "committee", "criteria_set", "year", "area", "target_group", "org_number", "recommendation",
                                         "recommended_form", "blocking", "decision", "decided_form", "follows",
                                         "deviation_reason", "municipality_sek", "municipality_in_kind_sek",
                                         "organisation_sek", "organisation_in_kind_sek", "state_aid", "aid_months",
                                         "sek_per_eur", "copied_from")}
        day = values["decision_date"]
        figures.append({**figure, "case_id": values["id"], "decision_date": day.date() if day is not None else None,
                        "form_group": form_group(values["decision"], values["decided_form"]),
                        "org_key": org_key(values["org_number"], values["organisation"])})
    with store.register.engine.begin() as conn:
        conn.execute(insert(CaseRow), cases)
        conn.execute(insert(CaseFiguresRow), figures)


def same_portfolio(sql: Portfolio, counted: Portfolio) -> None:
    for name in ("total", "decided", "not_decided", "cannot_decide", "copies", "follows", "deviates"):
        assert getattr(sql, name) == getattr(counted, name), name
    for name in ("by_form_year", "by_committee", "by_area", "by_target_group", "recommended_vs_decided",
                 "deviations", "blocking"):
        left, right = getattr(sql, name), getattr(counted, name)
        assert left.astype(object).to_dict("records") == right.astype(object).to_dict("records"), name


@pytest.mark.parametrize("chosen", FILTERS, ids=lambda f: f.describe())
def test_the_hand_counted_register_grouped_in_sql_gives_the_hand_counted_figures(store, chosen):
    frame = hand_counted()
    store_rows(store, frame)
    same_portfolio(portfolio_of(store.sums(chosen)), aggregate(chosen.apply(frame)))


def test_the_stored_rows_read_back_as_the_hand_counted_frame(store):
    frame = hand_counted()
    store_rows(store, frame)
    back = store.frame().sort_values("id").reset_index(drop=True)
    columns = [c for c in frame.columns if c not in ("decision_date",)]
    assert back[columns].astype(object).to_dict("records") == frame[columns].astype(object).to_dict("records")


def same_view(sql: View, counted: View) -> None:
    same_portfolio(sql.portfolio, counted.portfolio)
    assert sql.moves.astype(object).to_dict("records") == counted.moves.astype(object).to_dict("records")
    assert sql.de_minimis.astype(object).to_dict("records") == counted.de_minimis.astype(object).to_dict("records")
    assert sql.todo == counted.todo
    assert {i: sql.titles[i] for i in {t.case_id for t in sql.todo}} == {
        i: counted.titles[i] for i in {t.case_id for t in counted.todo}}


@pytest.fixture
def generated(store: PortfolioStore) -> PortfolioStore:
    generate(store.register.engine, 600, seed=7)
    return store


DAYS = [dt.date(2025, 6, 30), dt.date(2026, 2, 1), dt.date(2027, 1, 15)]


@pytest.mark.parametrize("chosen", [PortfolioFilter(), PortfolioFilter(2023, 2024),
                                    PortfolioFilter(committees=("Socialnämnden", "Äldrenämnden")),
                                    PortfolioFilter(statuses=(*DEFAULT_STATUSES, "arkiverad"))],
                         ids=lambda f: f.describe())
def test_a_generated_register_gives_the_same_view_in_sql_as_counted_case_by_case(generated, rulebook, chosen):
    frame, links, states = generated.frame(), generated.links(), generated.agreement_states()
    for day in DAYS:
        counted = view_of(frame, links, states, chosen, day, rulebook.parameters)
        sql = generated.view(chosen, day, rulebook.parameters)
        same_view(sql, counted)
        assert sql.todo, "the generated register has something due"
    assert generated.view(chosen, DAYS[0], rulebook.parameters) is generated.view(chosen, DAYS[0],
                                                                                  rulebook.parameters)


def test_a_kept_view_is_read_again_after_a_save(generated, rulebook):
    first = generated.view(PortfolioFilter(), DAYS[1], rulebook.parameters)
    some: Any = generated.frame().query("status == 'utkast'")["id"].min()
    generated.register.append_revision(str(some), "Anna", "En ändring")
    again = generated.view(PortfolioFilter(), DAYS[1], rulebook.parameters)
    assert again is not first  # the save refreshed the case's figures from its content
    same_view(again, view_of(generated.frame(), generated.links(), generated.agreement_states(), PortfolioFilter(),
                             DAYS[1], rulebook.parameters))


def test_a_register_written_through_the_register_gives_the_same_view_in_sql(store, engine, rulebook):
    """The stored form groups, organisation keys and copies of status and committee come from every write."""
    from tests.portfolio_seed import seed

    seed(store.register, engine)
    frame = store.frame()
    for chosen in (PortfolioFilter(), PortfolioFilter(statuses=()), PortfolioFilter(committees=("Socialnämnden",))):
        counted = view_of(frame, store.links(), store.agreement_states(), chosen, DAYS[1], rulebook.parameters)
        same_view(store.view(chosen, DAYS[1], rulebook.parameters), counted)
    assert len(store.view(PortfolioFilter(), DAYS[1], rulebook.parameters).moves) == 1
