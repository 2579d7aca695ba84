"""Messages that say what is true (damaged, read-only, unreachable) and a journal mode chosen once."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import psycopg
import pytest

from deploy.postgres import PostgresServer
from iop.model.case import Case
from iop.store import StoreUnavailable, open_register
from iop.store.errors import StoreDamaged, StoreReadOnly
from iop.store.records import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop.statements import statements_from_text


def journal_mode(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])


def test_a_new_register_is_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "register.sqlite3"
    open_register(f"sqlite:///{path}").dispose()
    assert journal_mode(path) == "wal"


def test_an_existing_register_keeps_its_journal_mode_whatever_page_opens_it(tmp_path: Path) -> None:
    path = tmp_path / "gammal.sqlite3"
    engine = open_register(f"sqlite:///{path}")
    engine.dispose()
    with sqlite3.connect(path) as connection:  # a register created before the mode was chosen at creation
        connection.execute("PRAGMA journal_mode=DELETE")
    engine = open_register(f"sqlite:///{path}")
    register = CaseRegister(engine)
    stored = register.create_case(Case(title="Kvar i DELETE"), "Anna")
    store = WorkshopStore(engine, register=register)  # the Workshop page's store and its reader engine
    workshop, _key = store.create("Barometer", statements_from_text("Ett påstående"), case_id=stored.id)
    store.ongoing()
    store.get(workshop.id)
    store.close()
    engine.dispose()
    assert journal_mode(path) == "delete"


def test_a_damaged_file_is_refused_and_not_even_the_workshop_writes_to_it(tmp_path: Path) -> None:
    path = tmp_path / "skadad.sqlite3"
    content = b"SQLite format 3\x00" + os.urandom(8192)
    path.write_bytes(content)
    for _attempt in range(2):  # the Ärenden page, then the Workshop page
        with pytest.raises(StoreDamaged) as refused:
            open_register(f"sqlite:///{path}")
    assert "skadad" in str(refused.value) and "säkerhetskopia" in str(refused.value)
    assert "försök igen om en stund" not in str(refused.value).lower()
    assert str(path) not in str(refused.value) and str(path) in refused.value.detail
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["skadad.sqlite3"]


def _damage(path: Path) -> None:
    """Overwrite everything after the first page (the schema stays readable, the tables do not)."""
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(4096)
        file.write(b"\xa5" * (size - 4096))


def test_a_register_damaged_while_the_app_runs_says_so_and_is_not_written_to_again(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    engine = open_register(f"sqlite:///{path}")
    register = CaseRegister(engine)
    stored = register.create_case(Case(title="Före skadan"), "Anna")
    engine.dispose()
    with sqlite3.connect(path) as connection:  # everything into the main file, then damage it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(path)
    damaged = path.read_bytes()
    with pytest.raises(StoreDamaged) as refused:
        register.save_case(stored.id, Case(title="Efter skadan"), stored.revision, "Anna")
    message = str(refused.value)
    assert "skadat" in message and "säkerhetskopian" in message and "iop restore" in message
    assert "försök igen om en stund" not in message.lower()
    assert register.damaged
    with pytest.raises(StoreDamaged):
        register.create_case(Case(title="Ett till"), "Anna")
    with pytest.raises(StoreDamaged):
        WorkshopStore(engine, register=register).create("Barometer", statements_from_text("Ett påstående"))
    assert path.read_bytes() == damaged


def test_a_read_only_sqlite_register_opens_for_reading_and_every_save_says_why(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    writable = CaseRegister(open_register(f"sqlite:///{path}"))
    stored = writable.create_case(Case(title="Bara läsning"), "Anna")
    writable.engine.dispose()
    engine = open_register(f"sqlite:///file:{path}?mode=ro&uri=true")
    register = CaseRegister(engine)
    assert register.load_case(stored.id).case.title == "Bara läsning"
    for _attempt in range(2):
        with pytest.raises(StoreReadOnly) as refused:
            register.save_case(stored.id, Case(title="Ändrad"), stored.revision, "Anna")
        assert "går bara att läsa" in str(refused.value)
        assert "försök igen" not in str(refused.value).lower()
    engine.dispose()


def test_a_read_only_postgresql_register_says_so_on_save(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    writable = CaseRegister(open_register(url))
    stored = writable.create_case(Case(title="Bara läsning"), "Anna")
    writable.engine.dispose()
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(postgres_server.admin_dsn, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    register = CaseRegister(open_register(url))
    assert register.load_case(stored.id).revision == 1
    with pytest.raises(StoreReadOnly, match="går bara att läsa"):
        register.save_case(stored.id, Case(title="Ändrad"), stored.revision, "Anna")
    register.engine.dispose()


def test_no_message_names_the_database_but_the_detail_does(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable) as refused:
        open_register("postgresql+psycopg://iop:hemligt@127.0.0.1:9/iopdb")
    message = str(refused.value)
    assert "går inte att nå just nu" in message
    assert "127.0.0.1" not in message and "iopdb" not in message and "hemligt" not in message
    assert "127.0.0.1:9/iopdb" in refused.value.detail and "hemligt" not in refused.value.detail


def test_a_busy_sqlite_file_says_to_try_again(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    register = CaseRegister(open_register(f"sqlite:///{path}"))
    stored = register.create_case(Case(title="Upptagen"), "Anna")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the 5 s busy_timeout
    try:
        with pytest.raises(StoreUnavailable) as refused:
            register.save_case(stored.id, Case(title="Ändrad"), stored.revision, "Anna")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "upptaget" in str(refused.value) and "Försök igen om en stund" in str(refused.value)
    register.engine.dispose()


def test_a_register_with_damaged_tables_is_left_byte_for_byte_by_the_workshop_page(tmp_path: Path) -> None:
    """The schema opens, the data does not: the Workshop page used to switch such a file to WAL, rewriting it."""
    path = tmp_path / "register.sqlite3"
    register = CaseRegister(open_register(f"sqlite:///{path}"))
    for number in range(30):
        register.create_case(Case(title=f"Ärende {number}", activity={"description": "text " * 600}), "Anna")
    register.dispose()
    with sqlite3.connect(path) as connection:  # a register from before WAL was chosen at creation
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(size // 2)
        file.write(b"\xa5" * (size - size // 2))
    damaged = path.read_bytes()
    engine = open_register(f"sqlite:///{path}")  # the schema is intact, so the register opens
    store = WorkshopStore(engine)  # what the Workshop page makes
    store.ongoing()
    with pytest.raises(StoreDamaged):  # the case list says so, in Swedish (it used to raise the driver's error)
        store.register.list_cases()
    with pytest.raises(StoreDamaged):
        store.create("Barometer", statements_from_text("Ett påstående"))  # judged damaged: not written to
    store.close()
    engine.dispose()
    assert path.read_bytes() == damaged
    assert journal_mode(path) == "delete"
