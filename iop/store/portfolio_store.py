"""The portfolio's side of the register: the figures of every case, agreements, follow-ups and links.

Reading: the Översikt page's figures are SQL ``GROUP BY``s over ``case_figures`` joined to
``cases`` (:meth:`PortfolioStore.sums`), the same grouping a bare SQL query of the figures
does, finished in pandas over a few hundred grouped rows (``iop.portfolio.portfolio_of``).
Nothing is held between views but the finished views and the small whole-register reads
(the filter's choices, the spellings of areas, the de minimis aid), each kept until the
register changes, checked the way the case list checks it (count and sum of head
revisions: every write adds a revision) in the same snapshot the view is read in.
:meth:`PortfolioStore.frame` reads every case's row into pandas (``iop.portfolio.typed``):
the reference the SQL is tested against, and what a single case's page looks up.

Writing: an agreement, a follow-up and a link are each recorded together with a
revision of the case (``CaseRegister.append_revision(..., also=...)``), in one
transaction, so the case's history says who recorded what and when, in which role,
and the figures are refreshed in the same transaction. Who may write is checked
before, by ``iop.store.portfolio_desk.PortfolioDesk``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from iop.portfolio.aggregate import MEASURES, Sums, portfolio_of
from iop.portfolio.figures import AMOUNTS, COLUMNS, DE_MINIMIS_GATES, Known, PortfolioFilter, spelling_labels, typed
from iop.portfolio.todo import AID_COLUMNS, AgreementState, aid_window, de_minimis_table, near_ceiling
from iop.portfolio.trend import MOVE_PAIR_COLUMNS, line_of, moves_table, would_loop
from iop.portfolio.view import View, build_view, case_title, shown_aid
from iop.records.agreement import (
    FOLLOW_UP_LABEL,
    Agreement,
    CaseLink,
    FollowUp,
    Reassessment,
    RecordedAgreement,
    RecordedFollowUp,
    Schedule,
    agreed_terms,
    agreement_problems,
)
from iop.records.record import STATUS_PREDICATE, CaseStatus, Decision
from iop.rules.parameters import Parameter
from iop.store.database import session_factory
from iop.store.errors import CaseNotFound, InvalidTransition, StoreError
from iop.store.portfolio_tables import AgreementRow, CaseFiguresRow, CaseLinkRow, FollowUpRow
from iop.store.records import CaseRegister, _utc
from iop.store.tables import CaseRow, StatusRecordRow

T = TypeVar("T")
READING = "Att läsa översikten"
KEPT_VIEWS = 32
"""Finished views kept per store (one per filter and day and kind); the oldest goes first."""

CASES: Table = CaseRow.__table__  # type: ignore[assignment]
FIGURES: Table = CaseFiguresRow.__table__  # type: ignore[assignment]
AGREEMENTS: Table = AgreementRow.__table__  # type: ignore[assignment]
FOLLOW_UPS: Table = FollowUpRow.__table__  # type: ignore[assignment]
LINKS: Table = CaseLinkRow.__table__  # type: ignore[assignment]
_CASE_COLUMNS = ["id", "title", "diarienummer", "organisation", "committee", "status", "criteria_set",
                 "from_organisation"]


def _selected(chosen: PortfolioFilter, figures: Any = FIGURES) -> list[ColumnElement[bool]]:
    """``chosen`` as SQL conditions on ``case_figures`` (or an alias), which keeps the case's status,
    committee and criteria set beside its figures."""
    f = figures.c
    where: list[ColumnElement[bool]] = []
    if chosen.year_from is not None:
        where.append(f.year >= chosen.year_from)
    if chosen.year_to is not None:
        where.append(f.year <= chosen.year_to)
    if chosen.committees:
        where.append(f.committee.in_(chosen.committees))
    if chosen.statuses:
        where.append(f.status.in_(chosen.statuses))
    if chosen.criteria_sets:
        where.append(f.criteria_set.in_(chosen.criteria_sets))
    return where


def _measures() -> list[Any]:
    f = FIGURES.c
    return [func.count().label("count"), *(func.sum(f[name]).label(name) for name in AMOUNTS),
            func.sum(case((f.municipality_sek.is_(None), 1), else_=0)).label("missing")]


def _objects(rows: Sequence[Any], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame of plain Python values (pandas would make Arrow strings of the texts, slower to use)."""
    return pd.DataFrame([tuple(r) for r in rows], columns=columns, dtype=object)


@dataclass(frozen=True)
class _Statements:
    """The page's queries for one filter, built once and run again (SQLAlchemy then reuses their compiled form)."""

    grouped: tuple[Any, ...]
    """SQLite: (both, areas, groups, crossed, blocked); PostgreSQL: one GROUPING SETS query."""
    deviations: Any
    moves: Any


@lru_cache(maxsize=64)
def _statements(chosen: PortfolioFilter, dialect: str) -> _Statements:
    c, f = CASES.c, FIGURES.c
    where = _selected(chosen)
    flag = case((and_(*where), 1), else_=0) if where else literal(1)
    selected = flag.label("selected")
    copies = func.sum(case((and_(f.copied_from != "", flag == 1), 1), else_=0))
    grouped: tuple[Any, ...]
    if dialect == "postgresql":
        which = func.grouping(f.year, f.area, f.target_group, f.follows, f.blocking).label("which")
        keys = [f.year, f.committee, f.criteria_set, f.area, f.target_group, f.form_group, f.recommendation,
                f.decision, f.follows, f.blocking]
        sets = func.grouping_sets(tuple_(f.year, f.committee, f.criteria_set, f.form_group, selected),
                                  tuple_(f.area, f.form_group, selected),
                                  tuple_(f.target_group, f.form_group, selected),
                                  tuple_(f.recommendation, f.decision, f.follows, selected),
                                  tuple_(f.blocking, f.decision, f.recommendation, selected))
        grouped = (select(which, *keys, selected, *_measures(), copies).group_by(sets),)
    else:  # SQLite has no GROUPING SETS: a pass per table
        def by(*keys: Any, extra: Sequence[Any] = ()) -> Any:
            return select(*keys, selected, *_measures(), *extra).group_by(*keys, selected)

        grouped = (by(f.year, f.committee, f.criteria_set, f.form_group, extra=[copies]),
                   by(f.area, f.form_group), by(f.target_group, f.form_group),
                   select(f.recommendation, f.decision, f.follows, func.count()).where(*where, f.decision != "")
                   .group_by(f.recommendation, f.decision, f.follows),
                   select(f.blocking, func.count()).where(*where, f.decision == "", f.recommendation == "undecided")
                   .group_by(f.blocking))
    deviations = (select(c.id, c.title, c.diarienummer, f.year, f.committee, f.recommendation, f.decision,
                         f.deviation_reason).select_from(FIGURES).join(CASES, c.id == f.case_id)
                  .where(*where, f.decision != "", or_(f.follows.is_(None), f.follows == false())))
    after, before = FIGURES.alias("after"), FIGURES.alias("before")
    link = LINKS.c
    moves = (select(after.c.year, before.c.form_group, after.c.form_group, func.count()).select_from(LINKS)
             .join(after, after.c.case_id == link.successor_id).join(before, before.c.case_id == link.predecessor_id)
             .where(link.kind == "successor", *_selected(chosen, after))
             .group_by(after.c.year, before.c.form_group, after.c.form_group))
    return _Statements(grouped, deviations, moves)


@lru_cache(maxsize=64)
def _aid_statement(chosen: PortfolioFilter, since: dt.date, until: dt.date) -> Any:
    c, f = CASES.c, FIGURES.c
    other = FIGURES.alias("other")
    columns = [c.organisation if name == "organisation" else f[name] for name in AID_COLUMNS]
    present = exists().where(other.c.org_key == f.org_key, *_selected(chosen, other))
    return (select(*columns, present).select_from(FIGURES).join(CASES, c.id == f.case_id)
            .where(_aid_condition(FIGURES, since, until)))


@lru_cache(maxsize=64)
def _states_statement(chosen: PortfolioFilter, today: dt.date) -> Any:
    a, c, follow, link = AGREEMENTS.c, CASES.c, FOLLOW_UPS.c, LINKS.c
    # Correlated lookups through the follow-ups' case index: a grouped subquery joined here made
    # PostgreSQL's planner aggregate every follow-up once per agreement (seconds, not milliseconds).
    last = select(func.max(follow.day)).where(follow.case_id == a.case_id).scalar_subquery()
    evaluated = (select(func.max(follow.day)).where(follow.case_id == a.case_id, follow.kind == "utvardering")
                 .scalar_subquery())
    # Membership in two small sets, each read once, rather than a lookup per agreement.
    changed = a.case_id.in_(select(follow.case_id).where(follow.changed_facts == true()))
    continued = a.case_id.in_(select(link.predecessor_id).where(link.kind == "successor"))
    return (select(a.case_id, a.start, a.end, a.notice_months, a.follow_up_months, a.evaluation_months, last,
                   evaluated, continued, changed, c.title, c.diarienummer)
            .select_from(AGREEMENTS).join(FIGURES, FIGURES.c.case_id == a.case_id).join(CASES, c.id == a.case_id)
            .where(*_selected(chosen), FIGURES.c.status == CaseStatus.decided.value,
                   or_(a.end.is_(None), a.end >= today, changed)))


def _split_sets(rows: Sequence[Any]) -> tuple[list[Any], ...]:
    """PostgreSQL's GROUPING SETS rows split into the rows SQLite's five queries give."""
    both: list[Any] = []
    areas: list[Any] = []
    groups: list[Any] = []
    crossed: list[Any] = []
    blocked: list[Any] = []
    for row in rows:
        (which_set, year, committee, criteria_set, area, target, form, recommendation, decision, follows,
         blocking, chosen, *measures) = row
        if which_set == 0b01111:
            both.append((year, committee, criteria_set, form, chosen, *measures))
        elif which_set == 0b10111:
            areas.append((area, form, chosen, *measures[:-1]))
        elif which_set == 0b11011:
            groups.append((target, form, chosen, *measures[:-1]))
        elif which_set == 0b11101 and chosen == 1 and decision:
            crossed.append((recommendation, decision, follows, measures[0]))
        elif which_set == 0b11110 and chosen == 1 and not decision and recommendation == "undecided":
            blocked.append((blocking, measures[0]))
    return both, areas, groups, crossed, blocked


def _known_of(rows: Sequence[Any]) -> Known:
    """The filter's choices from (year, committee, criteria set) rows over the whole register."""
    return Known(years=tuple(sorted({int(y) for y, _c, _s in rows if y is not None})),
                 committees=tuple(sorted({c for _y, c, _s in rows if c})),
                 criteria_sets=tuple(sorted({s for _y, _c, s in rows if s})))


def _aid_condition(figures: Any, since: dt.date, until: dt.date) -> ColumnElement[bool]:
    """De minimis aid decided in the three years up to today (``todo.de_minimis``'s window) to a known organisation."""
    return and_(figures.c.decision.in_(["bidrag", "iop"]), figures.c.state_aid.in_(list(DE_MINIMIS_GATES)),
                figures.c.decision_date > since, figures.c.decision_date <= until, figures.c.org_key != "")


def _months_text(months: int | None, what: str) -> str:
    return f"{what} {months} mån." if months else ""


def agreement_note(agreement: Agreement, decision: Decision | None, first: bool) -> str:
    """The agreement in the case's history, in one line (the period as it applies, the decision's or its own)."""
    terms = agreed_terms(decision, agreement)
    start = terms.start.isoformat() if terms.start else "?"
    period = f"{start}–{terms.end.isoformat() if terms.end else 'tills vidare'}"
    if "period" in terms.from_decision:
        period += " (enligt beslutet)"
    parts = [period, _months_text(agreement.notice_months, "uppsägningstid"),
             _months_text(agreement.follow_up_months, "avstämning var"),
             _months_text(agreement.evaluation_months_before_end, "utvärdering före slut:")]
    contacts = ", ".join(c.name for c in agreement.contacts)
    if contacts:
        parts.append(f"kontaktpersoner {contacts}")
    return ("Överenskommelsen registrerad: " if first else "Överenskommelsen ändrad: ") + \
        "; ".join(p for p in parts if p)


def follow_up_note(follow_up: FollowUp) -> str:
    found = " ".join(follow_up.found.split())
    note = f"{FOLLOW_UP_LABEL[follow_up.kind]} {follow_up.date.isoformat()}: {found[:300]}"
    if follow_up.changed_answers:
        note += f" ({len(follow_up.changed_answers)} ändrade uppgifter"
        again = follow_up.reassessment
        note += "; rekommendationen skulle bli en annan)" if again is not None and again.changed else ")"
    return note


def latest_decision(session: Session, case_id: str) -> Decision | None:
    """The decision a case recorded last (its terms are the decision's), or None."""
    for payload in session.scalars(select(StatusRecordRow.payload).where(StatusRecordRow.case_id == case_id)
                                   .order_by(StatusRecordRow.id.desc())):
        if payload and payload.get("decision"):
            return Decision.model_validate(payload["decision"])
    return None


Fingerprint = tuple[int, int]


class PortfolioStore:
    """The portfolio's reads and the agreement's writes over one register; safe to share between sessions."""

    def __init__(self, register: CaseRegister) -> None:
        self.register = register
        self.engine = register.reader
        """Reads take no write lock on SQLite (the register's reader engine); writes go through the register."""
        self._sessions = session_factory(register.reader)
        self._lock = threading.Lock()
        self._kept: dict[Hashable, tuple[Fingerprint, Any]] = {}
        self._views: OrderedDict[Hashable, tuple[Fingerprint, View]] = OrderedDict()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.register._fault(exc, READING) from exc

    @contextmanager
    def _snapshot(self) -> Iterator[tuple[Connection, Fingerprint]]:
        """One consistent read of the register (every query sees the same moment) and its fingerprint then."""
        try:
            with self.engine.connect() as connection:
                if connection.dialect.name == "postgresql":
                    connection.execution_options(isolation_level="REPEATABLE READ")
                elif connection.dialect.name == "sqlite":
                    connection.exec_driver_sql("BEGIN")  # pysqlite would run each SELECT in a snapshot of its own
                count, total = connection.execute(select(
                    func.count(), func.coalesce(func.sum(CASES.c.head_revision), 0))).one()
                yield connection, (int(count), int(total))
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError) as exc:
            raise self.register._fault(exc, READING) from exc

    def _kept_read(self, name: Hashable, fingerprint: Fingerprint, read: Callable[[], T]) -> T:
        """``read()``, kept until the register changes (every write adds a case revision)."""
        with self._lock:
            kept = self._kept.get(name)
        if kept is not None and kept[0] == fingerprint:
            return kept[1]  # type: ignore[no-any-return]
        value = read()
        with self._lock:
            self._kept[name] = (fingerprint, value)
        return value

    # ----- the Översikt page ---------------------------------------------------------------

    def known(self, criteria_sets: Sequence[str] = ()) -> tuple[Known, int]:
        """What the filter can choose among (years, committees, criteria sets), and how many cases there are."""
        with self._snapshot() as (connection, fingerprint):
            found = self._kept_read("known", fingerprint, lambda: self._known(connection))
        return Known(years=found.years, committees=found.committees,
                     criteria_sets=tuple(dict.fromkeys([*criteria_sets, *found.criteria_sets]))), fingerprint[0]

    @staticmethod
    def _known(connection: Connection) -> Known:
        f = FIGURES.c
        rows = connection.execute(select(f.year, f.committee, f.criteria_set).distinct()).all()
        return _known_of(rows)

    def view(self, chosen: PortfolioFilter, today: dt.date, parameters: dict[str, Parameter] | Any,
             todo: bool = True) -> View:
        """Everything the page shows for ``chosen`` on ``today``; ``todo=False`` leaves Att göra's agreements out.

        A finished view is kept until the register changes (the same filter on the same day is then a
        single count); otherwise it is read in one snapshot: grouped figures, moves, de minimis and
        Att göra each by SQL, finished in pandas.
        """
        key = (chosen, today, todo)
        with self._snapshot() as (connection, fingerprint):
            with self._lock:
                kept = self._views.get(key)
            if kept is not None and kept[0] == fingerprint:
                return kept[1]
            made = self._view(connection, fingerprint, chosen, today, parameters, todo)
        with self._lock:
            self._views[key] = (fingerprint, made)
            self._views.move_to_end(key)
            while len(self._views) > KEPT_VIEWS:
                self._views.popitem(last=False)
        return made

    def _view(self, connection: Connection, fingerprint: Fingerprint, chosen: PortfolioFilter, today: dt.date,
              parameters: Any, todo: bool) -> View:
        sums = self._sums(connection, fingerprint, chosen)
        since, _until = aid_window(today)
        rows, present = self._aid(connection, chosen, since, today)
        aid = shown_aid(de_minimis_table(rows, today, parameters), present)
        cases_by_org, titles = self._latest(connection, chosen, near_ceiling(aid))
        states: list[AgreementState] = []
        if todo:
            states, named = self._states(connection, chosen, today)
            titles.update(named)
        return build_view(portfolio_of(sums), moves_table(self._move_pairs(connection, chosen)), aid, cases_by_org,
                          states, chosen, today, titles)

    def sums(self, chosen: PortfolioFilter) -> Sums:
        """The grouped figures of ``chosen`` straight from the database (``iop.portfolio.Sums``)."""
        with self._snapshot() as (connection, fingerprint):
            return self._sums(connection, fingerprint, chosen)

    def _sums(self, connection: Connection, fingerprint: Fingerprint, chosen: PortfolioFilter) -> Sums:
        """The selection's grouped figures, and from the same passes what the whole register says (the
        filter's choices, the spellings of areas and target groups): every case is grouped, with a flag
        saying whether the filter selects it, so no pass is made twice."""
        statements = _statements(chosen, connection.dialect.name)
        both: Sequence[Any]
        areas: Sequence[Any]
        groups: Sequence[Any]
        crossed: Sequence[Any]
        blocked: Sequence[Any]
        if connection.dialect.name == "postgresql":
            both, areas, groups, crossed, blocked = _split_sets(connection.execute(statements.grouped[0]).all())
        else:
            both, areas, groups, crossed, blocked = (connection.execute(q).all() for q in statements.grouped)
        deviations = connection.execute(statements.deviations).all()
        with self._lock:
            self._kept["known"] = (fingerprint, _known_of([r[:3] for r in both]))

        def spellings(rows: Sequence[Any]) -> dict[str, str]:
            counts: dict[str, int] = {}
            for row in rows:
                counts[row[0] or ""] = counts.get(row[0] or "", 0) + int(row[3])
            return spelling_labels(counts)

        def picked(rows: Sequence[Any], keys: tuple[int, int], flag_at: int) -> list[tuple[Any, ...]]:
            """The selected rows as (key, form group, *MEASURES); the flag sits after the row's keys."""
            return [(r[keys[0]], r[keys[1]], *r[flag_at + 1:flag_at + 1 + len(MEASURES)]) for r in rows
                    if r[flag_at] == 1]

        # both: year, committee, criteria set, form group, flag, measures, copies; areas and groups: text,
        # form group, flag, measures
        return Sums(by_year=picked(both, (0, 3), 4), by_committee=picked(both, (1, 3), 4),
                    by_area=picked(areas, (0, 1), 2), by_target_group=picked(groups, (0, 1), 2),
                    labels={"area": spellings(areas), "target_group": spellings(groups)},
                    crossed=[tuple(r) for r in crossed], deviations=[tuple(r) for r in deviations],
                    blocking=[tuple(r) for r in blocked], copies=sum(int(r[-1] or 0) for r in both))

    @staticmethod
    def _move_pairs(connection: Connection, chosen: PortfolioFilter) -> pd.DataFrame:
        rows = connection.execute(_statements(chosen, connection.dialect.name).moves).all()
        return _objects(rows, MOVE_PAIR_COLUMNS)

    @staticmethod
    def _aid(connection: Connection, chosen: PortfolioFilter, since: dt.date,
             until: dt.date) -> tuple[list[tuple[Any, ...]], set[str]]:
        """The register's de minimis aid in the window (``AID_COLUMNS``; archived cases too: aid once granted
        stays granted), and the organisations among them that have a case ``chosen`` selects."""
        found = connection.execute(_aid_statement(chosen, since, until)).all()
        return [tuple(r[:-1]) for r in found], {r[0] for r in found if r[-1]}

    @staticmethod
    def _latest(connection: Connection, chosen: PortfolioFilter,
                keys: set[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Each organisation's latest selected case (``view.latest_cases``: the greatest year, then id), for
        ``keys``, and those cases' titles."""
        if not keys:
            return {}, {}
        c, f = CASES.c, FIGURES.c
        rank = func.row_number().over(partition_by=f.org_key,
                                      order_by=[func.coalesce(f.year, -1).desc(), f.case_id.desc()]).label("rank")
        ranked = select(f.org_key, f.case_id, rank).where(*_selected(chosen), f.org_key.in_(sorted(keys))).subquery()
        rows = connection.execute(select(ranked.c.org_key, ranked.c.case_id, c.title, c.diarienummer)
                                  .join(CASES, c.id == ranked.c.case_id).where(ranked.c.rank == 1)).all()
        return {k: i for k, i, _t, _d in rows}, {i: case_title(t, d) for _k, i, t, d in rows}

    def _states(self, connection: Connection, chosen: PortfolioFilter,
                today: dt.date) -> tuple[list[AgreementState], dict[str, str]]:
        """The agreement states of the selected decided cases that can have something due on ``today``.

        An agreement that has ended asks for nothing more, unless a follow-up found changed facts
        (``todo.todo_for``); those are left out here, in SQL, so Att göra reads what can matter.
        """
        rows = connection.execute(_states_statement(chosen, today)).all()
        with_changes = [r[0] for r in rows if r[9]]
        again = self._reassessments(connection, with_changes) if with_changes else {}
        states = [AgreementState(case_id=r[0], schedule=Schedule(r[1], r[2], r[3], r[4], r[5]), last_follow_up=r[6],
                                 last_evaluation=r[7], reassessment=again.get(r[0]), has_successor=bool(r[8]))
                  for r in rows]
        return states, {r[0]: case_title(r[10], r[11]) for r in rows}

    @staticmethod
    def _reassessments(connection: Connection, case_ids: list[str]) -> dict[str, Reassessment]:
        """The latest follow-up that found changed facts, per case: its re-assessment (None if it had none)."""
        follow = FOLLOW_UPS.c
        found: dict[str, Reassessment] = {}
        for case_id, payload in connection.execute(
                select(follow.case_id, follow.payload).where(follow.changed_facts == true(),
                                                             follow.case_id.in_(case_ids))
                .order_by(follow.day, follow.id)).all():
            again = payload.get("reassessment")
            if again:
                found[case_id] = Reassessment.model_validate(again)
            else:
                found.pop(case_id, None)
        return found

    # ----- every case's row (the reference, and a single case's page) ------------------------

    def frame(self) -> pd.DataFrame:
        """Every case's portfolio row (archived included), typed (``iop.portfolio.typed``): the columns of
        ``iop.portfolio.COLUMNS`` with each case's form group. Kept until the register changes."""
        with self._snapshot() as (connection, fingerprint):
            return self._kept_read("frame", fingerprint, lambda: self._frame(connection)).copy(deep=False)

    @staticmethod
    def _frame(connection: Connection) -> pd.DataFrame:
        names = [*_CASE_COLUMNS, *(n for n in COLUMNS if n not in _CASE_COLUMNS)]
        columns = [CASES.c[n] for n in _CASE_COLUMNS] + [FIGURES.c[n] for n in names[len(_CASE_COLUMNS):]]
        rows = connection.execute(select(*columns).where(FIGURES.c.case_id == CASES.c.id)).all()
        return typed(pd.DataFrame([tuple(r) for r in rows], columns=names, dtype=object))

    CHOICE_COLUMNS = ["id", "title", "diarienummer", "status", "decision", "form_group", "year"]

    def case_choices(self) -> pd.DataFrame:
        """Every case (``CHOICE_COLUMNS``), by title: what a case's line names and links choose among.
        Kept until the register changes."""
        with self._snapshot() as (connection, fingerprint):
            return self._kept_read("choices", fingerprint, lambda: self._choices(connection)).copy(deep=False)

    def _choices(self, connection: Connection) -> pd.DataFrame:
        c, f = CASES.c, FIGURES.c
        rows = connection.execute(select(c.id, c.title, c.diarienummer, f.status, f.decision, f.form_group, f.year)
                                  .select_from(FIGURES).join(CASES, c.id == f.case_id).order_by(c.title, c.id)).all()
        return _objects(rows, self.CHOICE_COLUMNS)

    def de_minimis_for(self, case_id: str, today: dt.date, parameters: Any) -> pd.DataFrame:
        """The de minimis table's row for the organisation of ``case_id`` (over all its cases); empty without aid."""
        since, until = aid_window(today)
        c, f = CASES.c, FIGURES.c
        with self._snapshot() as (connection, _fingerprint):
            key = connection.execute(select(f.org_key).where(f.case_id == case_id)).scalar()
            rows = [] if not key else connection.execute(
                select(*(c.organisation if n == "organisation" else f[n] for n in AID_COLUMNS))
                .select_from(FIGURES).join(CASES, c.id == f.case_id)
                .where(_aid_condition(FIGURES, since, until), f.org_key == key)).all()
        return de_minimis_table([tuple(r) for r in rows], today, parameters)

    # ----- links, agreements, follow-ups of one case ------------------------------------------

    def links(self) -> list[CaseLink]:
        """Every link between cases, oldest first (kept until the register changes)."""
        with self._snapshot() as (connection, fingerprint):
            return list(self._kept_read("links", fingerprint, lambda: self._links(connection)))

    @staticmethod
    def _links(connection: Connection) -> list[CaseLink]:
        # Plain rows, not ORM objects: building ORM objects for every link cost ten times more.
        return [CaseLink.model_construct(predecessor=r.predecessor_id, successor=r.successor_id, kind=r.kind,
                                         copied=bool(r.copied), created_at=_utc(r.created_at),
                                         created_by=r.created_by)
                for r in connection.execute(select(LINKS).order_by(LINKS.c.id)).all()]

    def agreement_states(self) -> list[AgreementState]:
        """Every decided (not archived) case's agreement with its last follow-up and evaluation, whatever is due."""
        with self._snapshot() as (connection, _fingerprint):
            states, _titles = self._states(connection, PortfolioFilter(statuses=()), dt.date.min)
        return states

    def agreement_state(self, case_id: str) -> AgreementState | None:
        """One case's agreement and what has happened since (None without an agreement)."""
        with self._read() as session:
            row = session.get(AgreementRow, case_id)
            if row is None:
                return None
            follow_ups = session.scalars(select(FollowUpRow).where(FollowUpRow.case_id == case_id)
                                         .order_by(FollowUpRow.day, FollowUpRow.id)).all()
            continued = session.scalars(select(CaseLinkRow.id).where(CaseLinkRow.predecessor_id == case_id,
                                                                     CaseLinkRow.kind == "successor")).first()
            changed = [f.payload.get("reassessment") for f in follow_ups if f.changed_facts]
            return AgreementState(
                case_id=case_id, schedule=Schedule(row.start, row.end, row.notice_months, row.follow_up_months,
                                                   row.evaluation_months),
                last_follow_up=max((f.day for f in follow_ups), default=None),
                last_evaluation=max((f.day for f in follow_ups if f.kind == "utvardering"), default=None),
                reassessment=Reassessment.model_validate(changed[-1]) if changed and changed[-1] else None,
                has_successor=continued is not None)

    def agreement(self, case_id: str) -> RecordedAgreement | None:
        with self._read() as session:
            row = session.get(AgreementRow, case_id)
            if row is None:
                return None
            return RecordedAgreement(case_id=case_id, revision=row.revision_number, author=row.recorded_by,
                                     recorded_at=_utc(row.recorded_at), agreement=Agreement.model_validate(row.payload))

    def follow_ups(self, case_id: str) -> list[RecordedFollowUp]:
        """The case's follow-ups, oldest first."""
        with self._read() as session:
            rows = session.scalars(select(FollowUpRow).where(FollowUpRow.case_id == case_id)
                                   .order_by(FollowUpRow.day, FollowUpRow.id)).all()
            return [RecordedFollowUp(id=r.id, case_id=r.case_id, revision=r.revision_number, author=r.recorded_by,
                                     recorded_at=_utc(r.recorded_at), follow_up=FollowUp.model_validate(r.payload))
                    for r in rows]

    def line(self, case_id: str) -> tuple[list[str], list[str], str | None]:
        """The case's predecessors (oldest first), successors (nearest first) and the case it was copied from."""
        found = line_of(case_id, self.links())
        return list(found.predecessors), list(found.successors), found.copied_from

    # ----- writing (checked by PortfolioDesk before it gets here) --------------------------------

    @staticmethod
    def _decided(session: Session, case_id: str, what: str) -> CaseRow:
        row = session.get(CaseRow, case_id)
        if row is None:
            raise CaseNotFound(f"Det finns inget ärende med id {case_id!r} i registret.")
        if row.status != CaseStatus.decided.value:
            raise InvalidTransition(f"{what} kan registreras först när ärendet är beslutat; ärendet är "
                                    f"{STATUS_PREDICATE[CaseStatus(row.status)]}.")
        return row

    def decision(self, case_id: str) -> Decision | None:
        """The decision the case recorded (whose terms the agreement shows)."""
        with self._read() as session:
            return latest_decision(session, case_id)

    def save_agreement(self, case_id: str, agreement: Agreement, author: str, *, role: str = "",
                       author_id: str = "") -> RecordedAgreement:
        """Record (or change) the agreement of a decided case, as a revision of the case.

        Refused (``InvalidTransition``, in Swedish) when the agreement types a term again that the
        decision states, or has no period when the decision gives none (``agreement_problems``).
        """
        first = self.agreement(case_id) is None
        decision = self.decision(case_id)
        problems = agreement_problems(decision, agreement)
        if problems:
            raise InvalidTransition("Överenskommelsen sparades inte: " + " ".join(problems))
        terms = agreed_terms(decision, agreement)
        payload = agreement.model_dump(mode="json")

        def write(session: Session, revision: int, now: dt.datetime) -> None:
            self._decided(session, case_id, "Överenskommelsen")
            if latest_decision(session, case_id) != decision:
                raise InvalidTransition("Beslutet har ändrats medan du skrev; läs in ärendet igen.")
            row = session.get(AgreementRow, case_id)
            if row is None:
                row = AgreementRow(case_id=case_id)
                session.add(row)
            row.revision_number, row.recorded_at, row.recorded_by, row.payload = revision, now, author, payload
            assert terms.start is not None  # agreement_problems refused an agreement without a period
            row.start, row.end, row.notice_months, row.follow_up_months, row.evaluation_months = (
                terms.start, terms.end, agreement.notice_months, agreement.follow_up_months,
                agreement.evaluation_months_before_end)

        stored = self.register.append_revision(case_id, author, agreement_note(agreement, decision, first),
                                               also=write, role=role, author_id=author_id)
        return RecordedAgreement(case_id=case_id, revision=stored.revision, author=author,
                                 recorded_at=stored.updated_at, agreement=agreement)

    def add_follow_up(self, case_id: str, follow_up: FollowUp, author: str, *, role: str = "",
                      author_id: str = "") -> RecordedFollowUp:
        """Record a follow-up of a decided case's agreement, as a revision of the case."""
        payload = follow_up.model_dump(mode="json")
        made: list[FollowUpRow] = []

        def write(session: Session, revision: int, now: dt.datetime) -> None:
            self._decided(session, case_id, "En uppföljning")
            if session.get(AgreementRow, case_id) is None:
                raise InvalidTransition("Registrera överenskommelsen (period, uppföljning, kontaktpersoner) "
                                        "innan den följs upp.")
            row = FollowUpRow(case_id=case_id, revision_number=revision, day=follow_up.date, kind=follow_up.kind,
                              changed_facts=bool(follow_up.changed_answers), recorded_at=now, recorded_by=author,
                              payload=payload)
            session.add(row)
            session.flush()
            made.append(row)

        stored = self.register.append_revision(case_id, author, follow_up_note(follow_up), also=write, role=role,
                                               author_id=author_id)
        return RecordedFollowUp(id=made[0].id, case_id=case_id, revision=stored.revision, author=author,
                                recorded_at=stored.updated_at, follow_up=follow_up)

    def link(self, predecessor: str, successor: str, author: str, *, role: str = "", author_id: str = "") -> None:
        """Record that ``successor`` continues ``predecessor`` (renewed, or moved to another form)."""
        if would_loop(predecessor, successor, self.links()):
            raise InvalidTransition("Ärendet kan inte vara efterföljare till sig självt eller till ett ärende "
                                    "som kommer efter det.")
        before = self.register.load_case(predecessor)

        def write(session: Session, _revision: int, now: dt.datetime) -> None:
            existing = session.scalars(select(CaseLinkRow).where(CaseLinkRow.predecessor_id == predecessor,
                                                                 CaseLinkRow.successor_id == successor)).first()
            if existing is not None and existing.kind == "successor":
                raise InvalidTransition("Ärendena är redan kopplade.")
            if existing is not None:
                existing.kind, existing.created_at, existing.created_by = "successor", now, author
            else:
                session.add(CaseLinkRow(predecessor_id=predecessor, successor_id=successor, kind="successor",
                                        copied=False, created_at=now, created_by=author))

        title = case_title(before.case.title, before.case.diarienummer or "")
        try:
            self.register.append_revision(successor, author, f"Kopplat som efterföljare till ”{title}”", also=write,
                                          role=role, author_id=author_id)
        except StoreError as exc:  # two people linking the same pair at once: the unique pair refuses the second
            if isinstance(exc.__cause__, IntegrityError):
                raise InvalidTransition("Ärendena är redan kopplade.") from exc
            raise

    def unlink(self, predecessor: str, successor: str, author: str, *, role: str = "", author_id: str = "") -> None:
        before = self.register.load_case(predecessor)

        def write(session: Session, _revision: int, _now: dt.datetime) -> None:
            found = session.scalars(select(CaseLinkRow).where(CaseLinkRow.predecessor_id == predecessor,
                                                              CaseLinkRow.successor_id == successor,
                                                              CaseLinkRow.kind == "successor")).first()
            if found is None:
                raise InvalidTransition("Ärendena är inte kopplade.")
            if found.copied:  # a copy stays a copy
                found.kind = "copy"
            else:
                session.delete(found)

        self.register.append_revision(successor, author, f"Inte längre efterföljare till ”{before.case.title}”",
                                      also=write, role=role, author_id=author_id)
