"""Where the case register lives and how to reach it.

The register is an SQLite file by default, so one official or a demo needs no
set-up; a municipality points ``IOP_DATABASE_URL`` (or ``database_url`` under
``[iop]`` in ``.streamlit/secrets.toml``) at PostgreSQL. The URL is resolved
here once, and every module that stores something asks this module for its
engine and sessions, so all tables share one database and one migration chain.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from iop.store.errors import StoreConfigError

ENV_VAR = "IOP_DATABASE_URL"
DEFAULT_SQLITE_PATH = Path("data") / "iop-stod.sqlite3"
SECRETS_PATH = Path(".streamlit") / "secrets.toml"


def default_database_url(base: Path | None = None) -> str:
    """The embedded default: an SQLite file under ``./data/`` (ignored by git)."""
    path = (base or Path.cwd()) / DEFAULT_SQLITE_PATH
    return f"sqlite:///{path}"


def secrets_database_url(secrets_path: Path) -> str | None:
    """``[iop] database_url`` from a Streamlit secrets file, if there is one."""
    try:
        data = tomllib.loads(secrets_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StoreConfigError(
            "Inställningsfilen .streamlit/secrets.toml kunde inte läsas. Be den som ansvarar för verktyget "
            "att rätta filen eller ta bort raden database_url, så används den inbyggda SQLite-databasen.",
            detail=f"{secrets_path}: {exc}") from exc
    section = data.get("iop", {})
    url = section.get("database_url") if isinstance(section, dict) else None
    return str(url) if url else None


def resolve_database_url(env: Mapping[str, str] | None = None, secrets_path: Path | None = None,
                         base: Path | None = None) -> str:
    """The URL to use: the environment variable first, then secrets.toml, then the SQLite default.

    The environment wins so a test run or a container can override a checked-in secrets file.
    """
    env = os.environ if env is None else env
    url = env.get(ENV_VAR, "").strip()
    if not url:
        url = secrets_database_url(secrets_path or (base or Path.cwd()) / SECRETS_PATH) or ""
    if not url:
        url = default_database_url(base)
    try:
        make_url(url)
    except ArgumentError as exc:
        raise StoreConfigError(
            "Databasadressen går inte att tolka. Be den som ansvarar för verktyget att ange en adress som "
            "postgresql+psycopg://användare:lösenord@värd/databas eller sqlite:///sökväg/fil.sqlite3.",
            detail=redact(url)) from exc
    return url


def redact(url: str) -> str:
    """The URL without its password, for messages a user may copy into a ticket."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<ogiltig adress>"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling skips BEGIN before DDL and begins late, so a
    # failed migration could be half-applied and two writers could deadlock on the lock
    # upgrade. Take transactions over (SQLAlchemy's documented recipe) and begin them
    # IMMEDIATE in _sqlite_begin: writers queue on busy_timeout instead of failing.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite the file's folder is created so an empty folder just works."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = 5
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (pages read them after saving)."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely if anything fails.

    Every write in the store goes through this, so a save that fails half-way leaves the
    register exactly as it was.
    """
    with factory() as session, session.begin():
        yield session


def reader_engine(engine: Engine) -> Engine:
    """An engine for reads that take no write lock (the register's reads and the workshop's).

    ``make_engine`` begins every SQLite transaction IMMEDIATE, which is right for
    writes but makes every read queue for the one write lock: many sessions opening
    cases, a projector reading every second and sixty phones refreshing would queue
    behind each other and behind every save, and past ``busy_timeout`` a read would
    be refused as busy. On an SQLite file reads therefore go through an engine of
    their own with pysqlite's default (deferred) transactions. A register is created in WAL mode
    (``iop.store.schema.JOURNAL_MODE``), so these reads and the one writer never
    block each other; this engine never changes the journal mode (nor writes
    anything), so a register created before keeps the mode it has. PostgreSQL reads
    never block, so it keeps the one engine.
    """
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" \
            or url.database.startswith("file:"):
        return engine
    reader = create_engine(url, connect_args={"timeout": 5})

    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    event.listen(reader, "connect", _pragmas)
    return reader
