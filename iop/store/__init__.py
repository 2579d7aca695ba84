"""The case register: persistent storage for cases, revisions and status records.

SQLAlchemy 2 and Alembic live here and nowhere else in ``iop``: the domain modules
(case model, engine, rulebook) never import SQLAlchemy, which a test pins.

Layout
    database.py   URL resolution (``IOP_DATABASE_URL`` > ``[iop] database_url`` in
                  ``.streamlit/secrets.toml`` > ``sqlite:///./data/iop-stod.sqlite3``),
                  ``make_engine``, ``session_factory``, ``transaction``
    tables.py     ``Base`` (one declarative base and metadata for every stored table)
                  and the register's tables
    schema.py     ``open_register(url)``: create (SQLite in WAL mode, chosen once) or migrate to
                  the newest schema, refuse corrupt/foreign/newer databases with a Swedish message
    migrations/   the Alembic environment and the migration chain (shipped in the package)
    errors.py     ``StoreError`` and subclasses; every message is Swedish for the user and
                  never names the database (``detail`` does, for the log)
    faults.py     what a driver error means, said truly: damaged, read-only, full, busy, unreachable
    backup.py     ``iop backup`` / ``iop restore``: SQLite's online backup API or pg_dump
    portfolio_tables.py, portfolio_store.py, portfolio_desk.py
                  each case's figures (refreshed in every write's transaction), the agreement after
                  the decision, its follow-ups, links between cases; ``PortfolioStore`` groups the
                  portfolio's figures in SQL and records agreements, follow-ups and links as
                  revisions; ``PortfolioDesk`` does both for one person, behind the access rules
    records.py    ``CaseRegister``: create/load/save (with the base revision: stale saves
                  raise ``StaleRevision``), change_status (snapshot/decision frozen in the
                  same transaction), copy, archive/restore, case_frame, history,
                  status_records, and ``append_revision(case_id, author, note, case=None)``
                  for other modules that record their work on a case
    desk.py       ``CaseDesk``: the register as one person may use it; every action checked
                  against ``iop.records.access``, recorded with the role, and written to the
                  read log (``audit.py``, ``AuditLog``); ``workshop_desk.py`` does the same for
                  the facilitator's controls

How another module adds a table and a migration (e.g. the workshop)
    1. Declare the table in your own module (e.g. ``iop/store/workshop_tables.py``) on
       the shared base: ``from iop.store.tables import Base`` and
       ``class WorkshopRow(Base): __tablename__ = "workshops" ...``. Reference a case
       with ``ForeignKey("cases.id")``.
    2. Import that module in ``migrations/env.py`` beside ``iop.store.tables`` so the
       metadata is complete.
    3. Add a migration file in ``iop/store/migrations/versions/`` whose ``down_revision``
       is the current head (``0009_portfolio_figures`` at the time of writing) so the chain
       stays linear; name it ``NNNN_what.py`` with ``revision = "NNNN_what"``. Write the
       ``op.create_table`` by hand (or ``alembic revision --autogenerate`` against a
       scratch database) and give constraints the names ``tables.NAMING`` would. On
       SQLite prefer ``op.add_column``/``op.create_table`` over ``batch_alter_table`` for
       tables others reference: a batch copy drops the table and trips foreign keys.
    4. ``open_register`` runs every migration up to the head at start-up; the storage
       tests run the chain on SQLite and PostgreSQL.
    Open sessions with ``session_factory(engine)`` and write inside ``transaction(...)`` so
    a failure half-way rolls everything back.
"""

from typing import TYPE_CHECKING, Any

from iop.store.audit import AuditLog
from iop.store.database import (
    ENV_VAR,
    default_database_url,
    make_engine,
    redact,
    resolve_database_url,
    session_factory,
    transaction,
)
from iop.store.desk import CaseDesk
from iop.store.errors import (
    AccessDenied,
    CaseNotFound,
    InvalidTransition,
    StaleRevision,
    StoreConfigError,
    StoreError,
    StoreSchemaError,
    StoreUnavailable,
)
from iop.store.records import CaseRegister, case_content
from iop.store.schema import head_revision, open_register
from iop.store.tables import Base
from iop.store.workshop_desk import WorkshopDesk
from iop.store.workshop_store import WorkshopStore

if TYPE_CHECKING:
    from iop.store.portfolio_desk import PortfolioDesk
    from iop.store.portfolio_store import PortfolioStore


def __getattr__(name: str) -> Any:
    # The portfolio reads the register into pandas; pandas costs about 0.3 s of a cold start, and
    # importing the store must not pay for it (tests/test_architecture.py). Loaded on first use.
    if name == "PortfolioStore":
        from iop.store.portfolio_store import PortfolioStore

        return PortfolioStore
    if name == "PortfolioDesk":
        from iop.store.portfolio_desk import PortfolioDesk

        return PortfolioDesk
    raise AttributeError(f"module 'iop.store' has no attribute {name!r}")

__all__ = [
    "ENV_VAR",
    "AccessDenied",
    "AuditLog",
    "Base",
    "CaseDesk",
    "CaseNotFound",
    "CaseRegister",
    "InvalidTransition",
    "StaleRevision",
    "StoreConfigError",
    "StoreError",
    "StoreSchemaError",
    "StoreUnavailable",
    "case_content",
    "default_database_url",
    "head_revision",
    "make_engine",
    "open_register",
    "PortfolioDesk",
    "PortfolioStore",
    "redact",
    "resolve_database_url",
    "session_factory",
    "transaction",
    "WorkshopDesk",
    "WorkshopStore",
]
