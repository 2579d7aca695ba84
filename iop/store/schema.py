"""Bring a database to the schema this version needs, or say in Swedish why it cannot.

The app calls :func:`open_register` once per process at start-up: an empty folder
gets a new SQLite file with every table; an older register is migrated in one
transaction; a corrupt file, a foreign database, an unreachable server or a
register written by a newer version is refused with a message, and nothing in it
is changed. A new SQLite file is created in WAL mode (``JOURNAL_MODE``), the only
time the journal mode is ever set.

Alembic is imported only when a register is not at ``HEAD_REVISION``: with Mako and Pygments
behind it, importing it took a quarter of the domain's import time, and every process paid it
at start-up (before the first page could paint) only to learn that nothing needed migrating.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from iop.store.database import make_engine, redact
from iop.store.errors import StoreDamaged, StoreError, StoreReadOnly, StoreSchemaError, StoreUnavailable
from iop.store.faults import Fault, classify, translate

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(str(files("iop.store") / "migrations"))
JOURNAL_MODE = "WAL"
"""The journal mode an SQLite register is created with (see ``choose_journal_mode``)."""
HEAD_REVISION = "0009_portfolio_figures"
"""The newest migration, written out so that opening a current register needs no Alembic.

A new migration must name itself here: ``tests/store/test_schema.py`` compares it with Alembic's head."""


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped inside the package."""
    from alembic.config import Config  # late: see the module docstring

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration as Alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory  # late: see the module docstring

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext  # late: see the module docstring

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` on ``connection`` (inside the caller's transaction)."""
    from alembic import command  # late: see the module docstring

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def _check_known(connection: Connection, url: str) -> None:
    """Refuse a database that is not a register, or one a newer version wrote."""
    tables = set(inspect(connection).get_table_names())
    revision = current_revision(connection)
    if revision is None and tables:
        raise StoreSchemaError(
            f"Databasen innehåller redan tabeller ({', '.join(sorted(tables)[:5])}) men är inte ett "
            "ärenderegister för IOP-stöd. Ingenting har ändrats i den. Be den som ansvarar för verktyget "
            "att ange en annan databas (IOP_DATABASE_URL) eller flytta filen.", detail=redact(url))
    from alembic.script import ScriptDirectory  # late: see the module docstring

    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreSchemaError(
            f"Ärenderegistret är skapat av en nyare version av IOP-stöd (schemaversion {revision}). "
            "Uppdatera IOP-stöd; ingenting har ändrats i registret.", detail=redact(url))


DAMAGED_AT_OPEN = ("Ärenderegistret går inte att läsa: filen är skadad eller inte en databas, och det blir inte "
                   "bättre av att försöka igen. Ingenting har ändrats i den. Be den som ansvarar för verktyget "
                   "att återställa registret från den senaste säkerhetskopian (iop restore), eller att flytta "
                   "filen och starta om så att ett nytt tomt register skapas.")
UNREACHABLE_AT_OPEN = ("Ärenderegistret går inte att nå just nu. Dina svar i den här fliken finns kvar men sparas "
                       "inte förrän registret går att nå; försök igen om en stund. Kvarstår felet, be den som "
                       "ansvarar för verktyget att kontrollera att databasservern är igång och att adressen, "
                       "användarnamnet och lösenordet stämmer.")
READ_ONLY_AT_OPEN = ("Ärenderegistret går bara att läsa och behöver uppgraderas till den här versionen av "
                     "IOP-stöd, vilket kräver att det går att skriva i. Ingenting har ändrats i det. Be den som "
                     "ansvarar för verktyget att göra registret skrivbart.")


def _new_sqlite_file(url: str) -> Path | None:
    """The path of an SQLite register that does not exist yet (or is empty), else None."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    path = Path(database).expanduser()
    try:
        return path if path.stat().st_size == 0 else None
    except FileNotFoundError:
        return path
    except OSError:
        return None


def choose_journal_mode(engine: Engine) -> None:
    """WAL for a register being created, once: readers never wait for the one writer and the writer
    never waits for readers (the workshop's projector and phones read every second or two).

    Only ever run on a new file, so an existing register keeps the mode it was created with and a
    damaged file is never written to. WAL is a property of the file: every later connection uses it.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"PRAGMA journal_mode={JOURNAL_MODE}")
        cursor.close()
    finally:
        raw.close()


def open_register(url: str) -> Engine:
    """An engine on a register at the newest schema; creates or migrates it as needed.

    Raises ``StoreUnavailable`` (or its ``StoreDamaged``/``StoreReadOnly``) or ``StoreSchemaError``
    with a Swedish message that does not name the database; ``detail`` does, for the log. The
    migration runs in one transaction, so a failure leaves the database as it was. A register that
    can only be read opens for reading when it needs no migration; every save then says it is read-only.
    """
    new_file = _new_sqlite_file(url)
    try:
        engine = make_engine(url)
        if new_file is not None:
            choose_journal_mode(engine)
    except (SQLAlchemyError, OSError, ImportError) as exc:
        raise _logged(StoreUnavailable(
            "Ärenderegistret kunde inte öppnas eller skapas. Be den som ansvarar för verktyget att "
            "kontrollera databasadressen och att mappen går att skriva i.",
            detail=f"{redact(url)}: {type(exc).__name__}: {exc}")) from exc
    try:
        with engine.begin() as connection:
            if _at_head(connection):
                return engine
            _check_known(connection, url)
            before = current_revision(connection)
            try:
                upgrade(connection)
            except Exception as exc:
                raise StoreSchemaError(
                    "Ärenderegistret kunde inte uppgraderas till den nya versionen "
                    f"(schemaversion {before or 'ingen'}). Uppgraderingen "
                    "avbröts och ingenting har ändrats. Kontakta den som ansvarar för verktyget.",
                    detail=f"{redact(url)}: {type(exc).__name__}: {exc}") from exc
    except StoreSchemaError as exc:
        engine.dispose()
        raise _logged(exc) from exc.__cause__
    except (DBAPIError, SQLAlchemyError) as exc:
        fault = classify(exc)
        if fault is Fault.read_only and _readable_at_head(engine):
            return engine
        engine.dispose()
        detail = f"{redact(url)}: {getattr(exc, 'orig', None) or exc}"
        sqlite_refused = engine.dialect.name == "sqlite" and not isinstance(exc, OperationalError)
        if fault is Fault.damaged or (fault is Fault.unreachable and sqlite_refused):
            raise _logged(StoreDamaged(DAMAGED_AT_OPEN, detail=detail)) from exc
        if fault is Fault.read_only:
            raise _logged(StoreReadOnly(READ_ONLY_AT_OPEN, detail=detail)) from exc
        if fault is Fault.unreachable:
            raise _logged(StoreUnavailable(UNREACHABLE_AT_OPEN, detail=detail)) from exc
        raise _logged(translate(exc, "Att öppna ärenderegistret", redact(url))) from exc
    return engine


def _at_head(connection: Connection) -> bool:
    """Whether the register already has the newest schema (then nothing needs Alembic)."""
    if not inspect(connection).has_table("alembic_version"):
        return False
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION


def _readable_at_head(engine: Engine) -> bool:
    """Whether a register that refuses writes can still be read, and needs no migration."""
    try:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("SELECT version_num FROM alembic_version")
            row = cursor.fetchone()
            cursor.close()
        finally:
            raw.close()
    except Exception:  # noqa: BLE001  (any failure: it cannot be opened for reading either)
        return False
    return row is not None and row[0] == HEAD_REVISION


def _logged(exc: StoreError) -> StoreError:
    logging.getLogger("iop.store").warning("%s (%s)", exc, exc.detail)
    return exc
