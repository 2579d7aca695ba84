"""iop backup and iop restore while the app runs: every case and revision comes back, WAL included."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from deploy.postgres import PostgresServer
from iop.model.case import Case
from iop.store import open_register
from iop.store.records import CaseRegister
from iop.store.tables import Base
from tests.helpers import REPO

IOP = [sys.executable, "-m", "iop.cli"]
WRITER = Path(__file__).with_name("backup_writer.py")


def iop(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IOP_DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    return subprocess.run([*IOP, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120,
                          check=False)


def everything(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the register, in primary-key order."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {table.name: [dict(row._mapping) for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns))]
                    for table in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


@contextmanager
def running_app(url: str, folder: Path) -> Iterator[tuple[subprocess.Popen[bytes], list[str]]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen([sys.executable, str(WRITER), url, str(folder)], cwd=REPO, env=env,
                              stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not (folder / "ready").exists():
            assert writer.poll() is None, writer.stderr.read().decode() if writer.stderr else ""
            assert time.monotonic() < deadline, "the writer did not get ready within 60 s"
            time.sleep(0.05)
        yield writer, (folder / "ready").read_text(encoding="utf-8").split()
    finally:
        (folder / "stop").touch()
        (folder / "write").touch()
        writer.wait(timeout=60)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_register(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """Addresses of new, empty registers (a folder of their own, or a database of their own)."""
    if request.param == "sqlite":
        return lambda place: f"sqlite:///{tmp_path / place / 'data' / 'iop-stod.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return lambda place: server.new_database()


def test_a_backup_taken_while_the_app_runs_restores_every_case_and_revision(new_register: Callable[[str], str],
                                                                             tmp_path: Path) -> None:
    url, elsewhere = new_register("app"), new_register("ny-mapp")
    folder = tmp_path / "signals"
    folder.mkdir()
    sqlite = url.startswith("sqlite")
    with running_app(url, folder) as (writer, ids):
        if sqlite:  # committed saves still in the WAL: a copy of the main file alone would miss them
            main_file = Path(url.removeprefix("sqlite:///"))
            assert Path(f"{main_file}-wal").stat().st_size > 0
        backup = tmp_path / "säkerhetskopia.backup"
        made = iop("backup", str(backup), url=url)
        assert made.returncode == 0, made.stderr
        assert "5 ärenden" in made.stdout
        source = everything(url)  # the writer is idle: the register is exactly what was backed up
        restored = iop("restore", str(backup), url=elsewhere)
        assert restored.returncode == 0, restored.stderr
        copy = everything(elsewhere)
        assert copy == source
        assert {row["id"] for row in copy["cases"]} == set(ids)
        assert len(copy["workshop_conclusions"]) == 4 and len(copy["workshop_answers"]) == 16
        compared = (len(copy["cases"]), len(copy["revisions"]), len(copy["workshops"]))

        # Now while it writes: the backup is one consistent snapshot, never half a save.
        (folder / "write").touch()
        time.sleep(0.3)
        during = tmp_path / "under-skrivning.backup"
        made = iop("backup", str(during), url=url)
        assert made.returncode == 0, made.stderr
        (folder / "stop").touch()
        assert writer.wait(timeout=60) == 0
    confirmed = int((folder / "confirmed").read_text(encoding="utf-8"))
    third = new_register("tredje")
    assert iop("restore", str(during), url=third).returncode == 0
    snapshot, final = everything(third), everything(url)
    by_number = {(r["case_id"], r["number"]): r for r in final["revisions"]}
    for revision in snapshot["revisions"]:
        assert by_number[(revision["case_id"], revision["number"])] == revision
    for case in snapshot["cases"]:
        numbers = [r["number"] for r in snapshot["revisions"] if r["case_id"] == case["id"]]
        head = next(r for r in snapshot["revisions"] if r["case_id"] == case["id"] and r["number"] == max(numbers))
        assert case["head_revision"] == head["number"] and case["content"] == head["content"]
    saved_in_copy = sum(1 for r in snapshot["revisions"] if r["author"] == "Dag")
    assert 0 < saved_in_copy <= confirmed
    register = CaseRegister(open_register(third))  # the restored register works like any other
    assert register.load_case(ids[0]).revision >= 1
    register.engine.dispose()
    print(f"\nbackup ({'SQLite' if sqlite else 'PostgreSQL'}): {compared[0]} cases, {compared[1]} revisions, "
          f"{compared[2]} workshops compared, lost: 0; during {confirmed} confirmed saves the backup held "
          f"{saved_in_copy}, all consistent")


def test_a_copy_of_the_main_file_alone_is_not_a_backup_but_iop_backup_is(tmp_path: Path) -> None:
    """What the README used to advise: while the app runs, the .sqlite3 file alone misses committed saves."""
    url = f"sqlite:///{tmp_path / 'app' / 'iop-stod.sqlite3'}"
    folder = tmp_path / "signals"
    folder.mkdir()
    with running_app(url, folder):
        main_file = tmp_path / "app" / "iop-stod.sqlite3"
        naive = tmp_path / "kopia" / "iop-stod.sqlite3"
        naive.parent.mkdir()
        shutil.copyfile(main_file, naive)
        backup = tmp_path / "rätt.backup"
        assert iop("backup", str(backup), url=url).returncode == 0
    with sqlite3.connect(naive) as connection:  # its tables may not even be there yet
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        copied = connection.execute("SELECT count(*) FROM cases").fetchone()[0] if "cases" in tables else 0
    assert copied < 5
    restored = f"sqlite:///{tmp_path / 'återställd' / 'iop-stod.sqlite3'}"
    assert iop("restore", str(backup), url=restored).returncode == 0
    assert len(everything(restored)["cases"]) == 5


def test_backup_and_restore_refuse_to_overwrite_and_say_why_in_swedish(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    open_register(url).dispose()
    existing = tmp_path / "finns.backup"
    existing.write_bytes(b"viktigt")
    refused = iop("backup", str(existing), url=url)
    assert refused.returncode == 2 and "finns redan" in refused.stderr and existing.read_bytes() == b"viktigt"
    backup = tmp_path / "ok.backup"
    assert iop("backup", str(backup), url=url).returncode == 0
    refused = iop("restore", str(backup), url=url)
    assert refused.returncode == 2 and "skriver aldrig över ett register" in refused.stderr
    refused = iop("restore", str(existing), url=f"sqlite:///{tmp_path / 'ny.sqlite3'}")
    assert refused.returncode == 2 and "ingen säkerhetskopia" in refused.stderr
    assert not (tmp_path / "ny.sqlite3").exists()
    assert "Traceback" not in refused.stderr
    refused = iop("backup", str(tmp_path / "av-inget.backup"), url=f"sqlite:///{tmp_path / 'saknas.sqlite3'}")
    assert refused.returncode == 2 and "inget ärenderegister att säkerhetskopiera" in refused.stderr
    assert not (tmp_path / "saknas.sqlite3").exists() and not (tmp_path / "av-inget.backup").exists()


def test_iop_restore_reads_a_nightly_backup_of_deploy_backup_postgres(tmp_path: Path, request: pytest.FixtureRequest):
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url, elsewhere = server.new_database(), server.new_database()
    register = CaseRegister(open_register(url))
    register.create_case(Case(title="Natten"), "Anna")
    register.dispose()
    env = {**os.environ, "IOP_DATABASE_URL": url, "IOP_BACKUP_DIR": str(tmp_path),
           "PATH": f"{server.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    made = subprocess.run([str(REPO / "deploy" / "backup-postgres")], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    restored = iop("restore", made.stdout.strip(), url=elsewhere)
    assert restored.returncode == 0, restored.stderr
    assert everything(elsewhere)["cases"] == everything(url)["cases"]
