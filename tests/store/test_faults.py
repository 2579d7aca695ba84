"""Faults: corrupt, foreign, newer and older registers, unreachable servers, a process killed mid-save."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from iop.store import (
    StoreConfigError,
    StoreSchemaError,
    StoreUnavailable,
    head_revision,
    open_register,
    resolve_database_url,
)
from iop.store.records import CaseRegister
from iop.store.schema import upgrade
from tests.helpers import REPO


def test_starting_on_an_empty_folder_creates_the_register(tmp_path: Path) -> None:
    url = resolve_database_url(env={}, base=tmp_path)
    engine = open_register(url)
    assert (tmp_path / "data" / "iop-stod.sqlite3").is_file()
    assert {"cases", "revisions", "status_records"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_database_url_comes_from_env_then_secrets_then_default(tmp_path: Path) -> None:
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(
        '[iop]\ndatabase_url = "postgresql+psycopg://iop@db.kommun.se/iop"\n', encoding="utf-8")
    assert resolve_database_url(env={"IOP_DATABASE_URL": "sqlite:///x.db"}, base=tmp_path) == "sqlite:///x.db"
    assert resolve_database_url(env={}, base=tmp_path) == "postgresql+psycopg://iop@db.kommun.se/iop"
    assert resolve_database_url(env={}, base=tmp_path / "tom").endswith("tom/data/iop-stod.sqlite3")


def test_unparseable_url_or_secrets_give_a_swedish_message(tmp_path: Path) -> None:
    with pytest.raises(StoreConfigError, match="går inte att tolka"):
        resolve_database_url(env={"IOP_DATABASE_URL": "inte en adress"}, base=tmp_path)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text("[iop\n", encoding="utf-8")
    with pytest.raises(StoreConfigError, match="kunde inte läsas"):
        resolve_database_url(env={}, base=tmp_path)


def test_corrupt_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "register.sqlite3"
    content = b"SQLite format 3\x00" + os.urandom(8192)
    path.write_bytes(content)
    with pytest.raises(StoreUnavailable, match="skadad eller inte en databas"):
        open_register(f"sqlite:///{path}")
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "annan.sqlite3"
    foreign = create_engine(f"sqlite:///{path}")
    with foreign.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER)"))
    foreign.dispose()
    before = path.read_bytes()
    with pytest.raises(StoreSchemaError, match="inte ett ärenderegister"):
        open_register(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_register_from_a_newer_version_is_refused(database_url: str) -> None:
    open_register(database_url).dispose()
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(StoreSchemaError, match="nyare version"):
        open_register(database_url)


def test_unreachable_server_gives_a_swedish_message() -> None:
    with pytest.raises(StoreUnavailable, match="går inte att nå just nu") as failed:
        open_register("postgresql+psycopg://iop:hemligt@127.0.0.1:9/iop")
    assert "hemligt" not in str(failed.value)


def test_older_schema_is_migrated_keeping_its_cases(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as conn:
        upgrade(conn, "0001_cases_and_revisions")
        now = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
        content = json.dumps({"title": "Gammalt ärende"})
        conn.execute(text(
            "INSERT INTO cases (id, head_revision, status, diarienummer, title, organisation, public_body, "
            "committee, recommendation, criteria_set, year, created_at, created_by, updated_at, updated_by, "
            "content) VALUES ('old1', 1, 'utkast', 'KS 1', 'Gammalt ärende', '', '', '', '', 'forum-2015', "
            "2025, :now, 'Anna', :now, 'Anna', :content)"), {"now": now, "content": content})
        conn.execute(text(
            "INSERT INTO revisions (case_id, number, author, created_at, note, status, status_change, content) "
            "VALUES ('old1', 1, 'Anna', :now, 'Skapat', 'utkast', 'utkast', :content)"),
            {"now": now, "content": content})
    engine.dispose()
    migrated = open_register(database_url)
    with migrated.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    register = CaseRegister(migrated)
    stored = register.load_case("old1")
    assert (stored.case.title, stored.from_organisation, stored.revision) == ("Gammalt ärende", False, 1)
    assert register.history("old1")[0].author == "Anna"
    # 0004: an old case's ärendemening is its title until someone writes one; no handläggare, no sekretess.
    [row] = register.list_cases()
    assert (row.subject, row.officer, row.decision_body, row.secrecy, row.retention) == (
        "Gammalt ärende", "", "", "", "")
    migrated.dispose()


KILLED_SAVE = textwrap.dedent("""
    import os, signal, sys
    from sqlalchemy import event
    from iop.model.case import Answer, Case
    from iop.store import open_register
    from iop.store.records import CaseRegister

    url, case_id = sys.argv[1], sys.argv[2]
    register = CaseRegister(open_register(url))
    stored = register.load_case(case_id)

    def die(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO REVISIONS"):
            os.kill(os.getpid(), signal.SIGKILL)  # the head was already moved in this transaction

    event.listen(register.engine, "before_cursor_execute", die)
    changed = stored.case.model_copy(update={"title": "Ska aldrig synas",
                                             "answers": {"initiative": Answer(value="public")}})
    register.save_case(case_id, changed, stored.revision, "Bo")
""")


def test_a_process_killed_half_way_through_a_save_leaves_the_register_unchanged(
        register: CaseRegister, database_url: str, tmp_path: Path) -> None:
    from iop.model.case import Case

    stored = register.create_case(Case(title="Före"), "Anna")
    before = (register.load_case(stored.id), register.history(stored.id))
    script = tmp_path / "killed_save.py"
    script.write_text(KILLED_SAVE, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), database_url, stored.id], check=False, cwd=REPO,
                            capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode(errors="replace")
    reopened = CaseRegister(open_register(database_url))
    assert (reopened.load_case(stored.id), reopened.history(stored.id)) == before
    after = reopened.save_case(stored.id, Case(title="Efter"), 1, "Anna")
    assert after.revision == 2
    reopened.engine.dispose()


def test_a_migration_that_fails_half_way_leaves_the_old_schema(database_url: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import event

    from iop.store import schema
    from iop.store.database import make_engine

    old = create_engine(database_url)
    with old.begin() as conn:
        upgrade(conn, "0001_cases_and_revisions")
    old.dispose()

    def failing_engine(url: str):  # type: ignore[no-untyped-def]
        engine = make_engine(url)

        def fail(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            if "CREATE TABLE status_records" in statement:  # after ADD COLUMN has already run
                raise RuntimeError("simulated failure in the middle of the migration")

        event.listen(engine, "before_cursor_execute", fail)
        return engine

    monkeypatch.setattr(schema, "make_engine", failing_engine)
    with pytest.raises(StoreSchemaError, match="kunde inte uppgraderas"):
        schema.open_register(database_url)
    check = create_engine(database_url)
    with check.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001_cases_and_revisions"
    columns = {c["name"] for c in inspect(check).get_columns("cases")}
    assert "from_organisation" not in columns and "status_records" not in inspect(check).get_table_names()
    check.dispose()
