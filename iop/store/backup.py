"""Online backups of the register that restore: ``iop backup`` and ``iop restore``.

A register in SQLite is created in WAL mode (``schema.JOURNAL_MODE``): committed
saves may live in ``iop-stod.sqlite3-wal`` until SQLite checkpoints them, so a
copy of the ``.sqlite3`` file alone can miss them. A backup therefore goes
through SQLite's online backup API, which reads the database as one consistent
snapshot through the WAL while the app keeps running (readers and the writer are
not stopped), into a single self-contained file. On PostgreSQL it is
``pg_dump --format=custom``, also one consistent snapshot of a running database.

Both directions refuse rather than overwrite: a backup never replaces an existing
file, and a restore only goes into an SQLite file that does not exist yet or an
empty PostgreSQL database. The file is written under a temporary name and renamed
when complete and checked, so a backup interrupted half-way leaves no file that
looks like a backup. A restored register is then opened like at start-up, which
migrates a backup made by an older version.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL, make_url

from iop.store.database import redact
from iop.store.errors import StoreError
from iop.store.schema import JOURNAL_MODE, open_register

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PG_BIN_GLOB = "usr/lib/postgresql/*/bin"


class BackupError(StoreError):
    """A backup or restore that cannot be done; the message says why in Swedish, and nothing was overwritten."""


@dataclass(frozen=True)
class Counts:
    cases: int
    revisions: int
    workshops: int

    def __str__(self) -> str:
        def counted(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        return (f"{counted(self.cases, 'ärende', 'ärenden')}, {counted(self.revisions, 'version', 'versioner')}, "
                f"{counted(self.workshops, 'workshop', 'workshoppar')}")


def counts(engine: Engine) -> Counts:
    """How much a register holds, for the report after a backup or restore."""
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())

        def count(table: str) -> int:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()) \
                if table in tables else 0

        return Counts(count("cases"), count("revisions"), count("workshops"))


# ----- SQLite ---------------------------------------------------------------------------------

def _sqlite_path(url: URL) -> Path | None:
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.ofullständig")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_sqlite_register(path: Path, what: str) -> None:
    """Refuse a file that is not a whole, readable register of a version this one knows."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            ok = connection.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version = (connection.execute("SELECT version_num FROM alembic_version").fetchone()
                       if "alembic_version" in tables else None)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{what} går inte att läsa: den är skadad eller inte en SQLite-databas.",
                          detail=f"{path}: {exc}") from exc
    if not ok or ok[0] != "ok":
        raise BackupError(f"{what} är skadad (SQLite:s integritetskontroll: {ok[0] if ok else 'inget svar'}).",
                          detail=str(path))
    if version is None or "cases" not in tables:
        raise BackupError(f"{what} är inte ett ärenderegister för IOP-stöd.", detail=str(path))


def _sqlite_copy(source: sqlite3.Connection, target: Path, journal_mode: str) -> None:
    """Copy ``source`` into a new file ``target`` with the online backup API, in one consistent step."""
    temporary = _temporary(target)
    temporary.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as copy:
            source.backup(copy)  # pages=-1: the whole database in one step, one read snapshot
            copy.execute(f"PRAGMA journal_mode={journal_mode}")
        _fsync(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _sqlite_backup(path: Path, target: Path) -> None:
    with contextlib.closing(sqlite3.connect(path, timeout=30)) as source:
        source.execute("PRAGMA busy_timeout=30000")
        _sqlite_copy(source, target, "DELETE")  # one self-contained file: no -wal beside it
    _check_sqlite_register(target, "Säkerhetskopian")


def _sqlite_restore(source: Path, path: Path) -> None:
    _check_sqlite_register(source, "Säkerhetskopian")
    if path.exists() and path.stat().st_size > 0:
        raise BackupError("Det finns redan ett ärenderegister där säkerhetskopian skulle läsas in. Återställningen "
                          "skriver aldrig över ett register: flytta det befintliga först, eller ange en annan "
                          "databas (IOP_DATABASE_URL).", detail=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup:
        _sqlite_copy(backup, path, JOURNAL_MODE)  # a restored register is a created one: WAL


# ----- PostgreSQL -----------------------------------------------------------------------------

def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/").glob(f"{PG_BIN_GLOB}/{name}"),
                        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if candidates:
        return str(candidates[-1])
    raise BackupError(f"Programmet {name} saknas. Installera PostgreSQL:s klientprogram (Debian: apt-get install "
                      "postgresql-client) och försök igen.")


def _pg_command(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq address without the password (which goes in PGPASSWORD, never on a command line)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    address = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return address, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"{what} misslyckades: {Path(command[0]).name} kunde inte köras.", detail=str(exc)) from exc
    if done.returncode != 0:
        raise BackupError(f"{what} misslyckades; {Path(command[0]).name} avslutades med felkod {done.returncode}.",
                          detail=done.stderr.strip()[-2000:])


def _pg_backup(url: URL, target: Path) -> None:
    address, env = _pg_command(url)
    temporary = _temporary(target)
    try:
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={temporary}",
              f"--dbname={address}"], env, "Säkerhetskopieringen")
        _fsync(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _pg_restore(source: Path, url: URL, engine: Engine) -> None:
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    if tables:
        raise BackupError("Databasen där säkerhetskopian skulle läsas in är inte tom. Återställningen skriver "
                          "aldrig över ett register: skapa en ny, tom databas och ange den (IOP_DATABASE_URL).",
                          detail=redact(url.render_as_string(hide_password=False)))
    address, env = _pg_command(url)
    _run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={address}", str(source)], env, "Återställningen")


# ----- the two commands ---------------------------------------------------------------------

def _kind(path: Path) -> str:
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except FileNotFoundError as exc:
        raise BackupError("Säkerhetskopian finns inte.", detail=str(path)) from exc
    except OSError as exc:
        raise BackupError(f"Säkerhetskopian kan inte läsas ({exc.strerror}).", detail=str(path)) from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError("Filen är ingen säkerhetskopia från iop backup (varken en SQLite-fil eller en pg_dump-fil).",
                      detail=str(path))


def backup(url: str, target: Path) -> Counts:
    """Write an online backup of the register at ``url`` to the new file ``target``; what it holds."""
    if target.exists():
        raise BackupError("Filen för säkerhetskopian finns redan; välj ett nytt filnamn (en säkerhetskopia "
                          "skriver aldrig över en fil).", detail=str(target))
    if not target.parent.is_dir():
        raise BackupError("Mappen för säkerhetskopian finns inte.", detail=str(target.parent))
    parsed = make_url(url)
    path = _sqlite_path(parsed)
    if path is not None and not path.is_file():  # opening it would create an empty register to back up
        raise BackupError("Det finns inget ärenderegister att säkerhetskopiera: filen saknas.", detail=str(path))
    engine = open_register(url)  # refuses a damaged, foreign or newer register before anything is copied
    try:
        held = counts(engine)
        if path is not None:
            _sqlite_backup(path, target)
        elif parsed.get_backend_name() == "postgresql":
            _pg_backup(parsed, target)
        else:
            raise BackupError("Säkerhetskopiering finns för SQLite-filer och PostgreSQL, inte för den här databasen.",
                              detail=redact(url))
    finally:
        engine.dispose()
    return held


def restore(source: Path, url: str) -> Counts:
    """Read the backup ``source`` into the empty or new register at ``url``; what it now holds."""
    kind = _kind(source)
    parsed = make_url(url)
    path = _sqlite_path(parsed)
    wanted = "sqlite" if path is not None else parsed.get_backend_name()
    if kind != wanted:
        names = {"sqlite": "en SQLite-fil", "postgresql": "PostgreSQL"}
        raise BackupError(f"Säkerhetskopian är från {names.get(kind, kind)} men registret som anges är "
                          f"{names.get(wanted, wanted)}; läs in den i samma slags databas som den kommer från.",
                          detail=redact(url))
    if path is not None:
        _sqlite_restore(source, path)
    else:
        from iop.store.database import make_engine

        engine = make_engine(url)
        try:
            _pg_restore(source, parsed, engine)
        finally:
            engine.dispose()
    restored = open_register(url)  # migrates a backup made by an older version, checks the schema
    try:
        return counts(restored)
    finally:
        restored.dispose()

