"""Bring a database to the schema this version needs, or say in Swedish why it cannot.

The app calls :func:`open_register` once per process at start-up: an empty folder
gets a new SQLite file with every table; an older register is migrated in one
transaction; a corrupt file, a foreign database, an unreachable server or a
register written by a newer version is refused with a message, and nothing in it
is changed.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from iop.store.database import make_engine, redact
from iop.store.errors import StoreSchemaError, StoreUnavailable

MIGRATIONS = Path(str(files("iop.store") / "migrations"))


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration: what a fully migrated register reports."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` on ``connection`` (inside the caller's transaction)."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def _check_known(connection: Connection, url: str) -> None:
    """Refuse a database that is not a register, or one a newer version wrote."""
    tables = set(inspect(connection).get_table_names())
    revision = current_revision(connection)
    if revision is None and tables:
        raise StoreSchemaError(
            f"Databasen {redact(url)} innehåller redan tabeller ({', '.join(sorted(tables)[:5])}) men är "
            "inte ett ärenderegister för IOP-stöd. Ingenting har ändrats i den. Ange en annan "
            "databas (IOP_DATABASE_URL) eller flytta filen."
        )
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is not None and revision not in known:
        raise StoreSchemaError(
            f"Ärenderegistret i {redact(url)} är skapat av en nyare version av IOP-stöd "
            f"(schemaversion {revision}). Uppdatera IOP-stöd; ingenting har ändrats i registret."
        )


def open_register(url: str) -> Engine:
    """An engine on a register at the newest schema; creates or migrates it as needed.

    Raises ``StoreUnavailable`` or ``StoreSchemaError`` with a Swedish message; the
    migration runs in one transaction, so a failure leaves the database as it was.
    """
    try:
        engine = make_engine(url)
    except (SQLAlchemyError, OSError, ImportError) as exc:
        raise StoreUnavailable(
            f"Ärenderegistret {redact(url)} kunde inte öppnas ({type(exc).__name__}). Kontrollera "
            "databasadressen och att mappen går att skriva i."
        ) from exc
    try:
        with engine.begin() as connection:
            _check_known(connection, url)
            before = current_revision(connection)
            try:
                upgrade(connection)
            except Exception as exc:
                raise StoreSchemaError(
                    f"Ärenderegistret i {redact(url)} kunde inte uppgraderas till den nya versionen "
                    f"(schemaversion {before or 'ingen'}). Uppgraderingen "
                    "avbröts och ingenting har ändrats. Kontakta den som ansvarar för verktyget."
                ) from exc
    except StoreSchemaError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise StoreUnavailable(unavailable_message(url, exc)) from exc
    except (DBAPIError, SQLAlchemyError) as exc:
        engine.dispose()
        raise StoreUnavailable(
            f"Ärenderegistret {redact(url)} går inte att läsa: filen är skadad eller inte en "
            "databas. Ingenting har ändrats i den. Återställ filen från en säkerhetskopia, eller "
            "flytta den och starta om så skapas ett nytt tomt register."
        ) from exc
    return engine


def unavailable_message(url: str, exc: Exception) -> str:
    """Swedish words for 'the database is not there', distinguishing a broken file from a down server."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return (f"Ärenderegistret {redact(url)} går inte att läsa: filen är skadad eller inte en "
                "databas. Ingenting har ändrats i den. Återställ filen från en säkerhetskopia, eller "
                "flytta den och starta om så skapas ett nytt tomt register.")
    return (f"Ärenderegistret {redact(url)} går inte att nå just nu. Kontrollera att databasservern "
            "är igång och att adressen, användarnamnet och lösenordet stämmer. Dina svar i den här "
            "fliken finns kvar men sparas inte förrän registret går att nå.")
