"""Backups of the register on PostgreSQL: deploy/backup-postgres and deploy/restore-postgres, as documented.

A register with cases, revisions, status changes, a decision, an archived case and a
workshop with answers and a conclusion is dumped with the backup script, restored with
the restore script into a fresh database, and compared: every case with every revision
and status record through the register, and every row of every table.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqlalchemy import Engine, MetaData, select, text

from deploy.postgres import PostgresServer
from iop.engine.evaluation import Engine as AssessmentEngine
from iop.model.case import Case
from iop.records.record import AssessmentSnapshot, CaseStatus, Decision
from iop.store import open_register
from iop.store.records import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop.live import Phase
from iop.workshop.statements import statements_from_case
from tests.helpers import REPO, make_case

BACKUP = REPO / "deploy" / "backup-postgres"
RESTORE = REPO / "deploy" / "restore-postgres"


def _run(server: PostgresServer, command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """A script with the server's own client programs first on PATH (pg_dump must match the server)."""
    path = f"{server.bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    return subprocess.run(command, env={**os.environ, "PATH": path, **env}, capture_output=True, text=True,
                          timeout=120)


def _fill(engine: Engine, assessor: AssessmentEngine) -> None:
    """A register that uses every table: drafts with several revisions, bedömd, beslutad, arkiverad, a workshop."""
    register = CaseRegister(engine)
    draft = register.create_case(make_case(initiative="vet_ej").model_copy(update={"title": "Ungdomsbussen"}),
                                 "Anna Andersson")
    register.save_case(draft.id, draft.case.model_copy(update={"diarienummer": "SN 2026/7"}), 1, "Anna Andersson")
    register.save_case(draft.id, draft.case.model_copy(update={"diarienummer": "SN 2026/8", "title": "Bussen åäö"}),
                       2, "Bo Berg")

    decided = register.create_case(make_case().model_copy(update={"title": "Läxhjälpen"}), "Cecilia Carlsson")
    snapshot = AssessmentSnapshot.of(assessor.assess(decided.case))
    register.change_status(decided.id, CaseStatus.assessed, 1, "Cecilia Carlsson", snapshot=snapshot)
    register.change_status(decided.id, CaseStatus.decided, 2, "Dan Dahl", decision=Decision(
        decision="iop", body="Socialnämnden", date="2026-03-12", paragraph="§ 45",
        recommendation=snapshot.recommendation))

    archived = register.create_case(Case(title="Gammalt ärende"), "Anna Andersson")
    register.change_status(archived.id, CaseStatus.archived, 1, "Anna Andersson")

    store = WorkshopStore(engine)
    case = register.load_case(draft.id).case
    statements = statements_from_case(case, assessor.rulebook)
    workshop, _ = store.create("Workshop om bussen", statements, case_id=draft.id, criteria_set=case.criteria_set)
    first = statements[0].id
    store.set_active(workshop.id, first)
    tokens = [store.join(workshop.id, name).token for name in ("Ali", "", "Bea")]
    for token, value in zip(tokens, (1, 4, 5), strict=True):
        store.submit(token, first, value, "en kommentar" if value == 1 else "")
    store.move(workshop.id, first, Phase.revealed)
    store.record_conclusion(workshop.id, first, {"initiative": "organisation"}, "Föreningen kom med idén.",
                            author="Sara Samtalsledare")


def _every_row(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every table the database has (the register's and Alembic's), every row, in a stable order."""
    metadata = MetaData()
    metadata.reflect(engine)
    rows: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for name, table in metadata.tables.items():
            rows[name] = sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
    return rows


def test_a_backup_restored_into_a_fresh_database_holds_every_case_and_revision(
        postgres_server: PostgresServer, engine: AssessmentEngine, tmp_path: Path) -> None:
    source_url = postgres_server.new_database()
    source = open_register(source_url)
    _fill(source, engine)

    made = _run(postgres_server, [str(BACKUP)], IOP_DATABASE_URL=source_url, IOP_BACKUP_DIR=str(tmp_path))
    assert made.returncode == 0, made.stderr
    archive = Path(made.stdout.strip())
    assert archive.parent == tmp_path and archive.name.startswith("iop-stod-") and archive.suffix == ".dump"
    assert [p.name for p in tmp_path.iterdir()] == [archive.name]  # no partial file left behind

    target_url = postgres_server.new_database()
    restored = _run(postgres_server, [str(RESTORE), str(archive), target_url])
    assert restored.returncode == 0, restored.stderr
    target = open_register(target_url)  # the app opens it as it is: no migration, no refusal

    before, after = CaseRegister(source), CaseRegister(target)
    cases = before.list_cases()
    assert len(cases) == 3
    assert after.list_cases() == cases
    for summary in cases:
        assert after.load_case(summary.id) == before.load_case(summary.id)
        assert after.history(summary.id) == before.history(summary.id)
        assert after.status_records(summary.id) == before.status_records(summary.id)
    assert sum(len(before.history(c.id)) for c in cases) == (3 + 1) + 3 + 2  # the workshop added one

    rows = _every_row(source)
    assert {"cases", "revisions", "status_records", "alembic_version"} <= set(rows)
    assert any(name.startswith("workshop") for name in rows)
    assert _every_row(target) == rows
    # the restored sequences go on where the original's were: the next save gets a new row, not a clash
    draft = after.load_case(next(c.id for c in cases if c.status is CaseStatus.draft))
    saved = after.save_case(draft.id, draft.case.model_copy(update={"diarienummer": "SN 1"}), draft.revision,
                            "Efter återställningen")
    assert saved.revision == draft.revision + 1
    source.dispose()
    target.dispose()


def test_a_restore_refuses_a_database_that_already_has_tables(postgres_server: PostgresServer,
                                                              engine: AssessmentEngine, tmp_path: Path) -> None:
    source_url = postgres_server.new_database()
    source = open_register(source_url)
    CaseRegister(source).create_case(Case(title="Finns redan"), "Anna")
    made = _run(postgres_server, [str(BACKUP)], IOP_DATABASE_URL=source_url, IOP_BACKUP_DIR=str(tmp_path))
    assert made.returncode == 0, made.stderr

    refused = _run(postgres_server, [str(RESTORE), made.stdout.strip(), source_url])
    assert refused.returncode == 1
    assert "återställ bara till en tom databas" in refused.stderr
    with source.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM cases")).scalar_one() == 1
    source.dispose()


def test_a_backup_of_an_unreachable_database_fails_and_keeps_no_file(postgres_server: PostgresServer,
                                                                     tmp_path: Path) -> None:
    gone = postgres_server.url("finns_inte")
    failed = _run(postgres_server, [str(BACKUP)], IOP_DATABASE_URL=gone, IOP_BACKUP_DIR=str(tmp_path))
    assert failed.returncode != 0
    assert list(tmp_path.iterdir()) == []
    sqlite = _run(postgres_server, [str(BACKUP)], IOP_DATABASE_URL="sqlite:///x.sqlite3", IOP_BACKUP_DIR=str(tmp_path))
    assert sqlite.returncode == 2 and "inte en PostgreSQL-adress" in sqlite.stderr
