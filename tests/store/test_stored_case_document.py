"""The beslutsunderlag of a stored case: its status, assessor and decision, and the frozen assessment."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx

from iop.documents import decision_outline, render_docx
from iop.engine import load_case
from iop.engine.evaluation import Engine
from iop.records import AssessmentSnapshot, CaseStatus, Decision, frozen_assessment, record_meta_of
from iop.store.records import CaseRegister
from tests.helpers import CASES, REPO


def _assessed_bus(register: CaseRegister, engine: Engine) -> tuple[str, AssessmentSnapshot]:
    case = load_case(CASES / "ungdomsbussen.yaml", engine.rulebook)
    stored = register.create_case(case, "Anna Andersson")
    snapshot = AssessmentSnapshot.of(engine.assess(stored.case))
    register.change_status(stored.id, CaseStatus.assessed, 1, "Anna Andersson", snapshot=snapshot)
    return stored.id, snapshot


def test_a_draft_is_documented_as_a_draft_with_no_frozen_assessment(register: CaseRegister,
                                                                   engine: Engine) -> None:
    stored = register.create_case(load_case(CASES / "ungdomsbussen.yaml", engine.rulebook), "Bo")
    statuses = register.status_records(stored.id)
    meta = record_meta_of(stored, statuses)
    assert (meta.status, meta.stored_id, meta.decision) == ("utkast", stored.id, "")
    assert (meta.assessed_by, meta.assessed_at) == ("", None)  # whoever saved a draft did not assess it
    assert frozen_assessment(stored, statuses) is None


def test_an_assessed_case_names_who_assessed_it_and_keeps_its_frozen_assessment(
        register: CaseRegister, engine: Engine) -> None:
    case_id, snapshot = _assessed_bus(register, engine)
    stored, statuses = register.load_case(case_id), register.status_records(case_id)
    meta = record_meta_of(stored, statuses)
    assert (meta.status, meta.assessed_by) == ("bedomd", "Anna Andersson")
    assert meta.assessed_at == statuses[-1].created_at.replace(microsecond=0)
    assert frozen_assessment(stored, statuses) == snapshot.assessment()


def test_a_decided_case_prints_the_decision_and_whether_it_follows(register: CaseRegister, engine: Engine) -> None:
    case_id, snapshot = _assessed_bus(register, engine)
    decision = Decision(decision="upphandling", body="Socialnämnden", date="2026-03-12", paragraph="§ 45",
                        recommendation=snapshot.recommendation, deviation_reason="Nämnden vill pröva marknaden.")
    register.change_status(case_id, CaseStatus.decided, 2, "Cecilia", decision=decision)
    stored, statuses = register.load_case(case_id), register.status_records(case_id)
    meta = record_meta_of(stored, statuses)
    assert (meta.status, meta.decided_by, str(meta.decided_at)) == ("beslutad", "Socialnämnden", "2026-03-12")
    assert meta.decision.startswith("Upphandling (Socialnämnden, § 45)")
    assert "avviker från rekommendationen: Nämnden vill pröva marknaden." in meta.decision

    assessment = frozen_assessment(stored, statuses)
    assert assessment is not None
    outline = decision_outline(assessment, stored.case, engine.rulebook, meta)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(outline))).paragraphs)
    tables = docx.Document(io.BytesIO(render_docx(outline))).tables
    cells = {c.text for t in tables for row in t.rows for c in row.cells}
    assert "Beslutad" in cells and "Anna Andersson" in cells and "Socialnämnden" in cells
    assert "Beslut" in text


def test_an_archived_case_is_documented_with_the_status_it_had(register: CaseRegister, engine: Engine) -> None:
    case_id, _snapshot = _assessed_bus(register, engine)
    register.change_status(case_id, CaseStatus.archived, 2, "Bo")
    stored, statuses = register.load_case(case_id), register.status_records(case_id)
    assert stored.status is CaseStatus.archived
    assert record_meta_of(stored, statuses).status == "bedomd"
    assert frozen_assessment(stored, statuses) is not None


def test_iop_report_writes_the_document_of_a_stored_case(database_url: str, register: CaseRegister,
                                                         engine: Engine, tmp_path: Path) -> None:
    case_id, _snapshot = _assessed_bus(register, engine)
    target = tmp_path / "underlag.docx"
    done = subprocess.run([sys.executable, "-m", "iop.cli", "report", "--stored", case_id, "-o", str(target)],
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"IOP_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    cells = {c.text for t in docx.Document(str(target)).tables for row in t.rows for c in row.cells}
    assert "Bedömd" in cells and "Anna Andersson" in cells


def test_iop_report_names_an_unknown_stored_case_in_swedish(database_url: str, register: CaseRegister,
                                                            tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "iop.cli", "report", "--stored", "finns-inte", "--format", "json"],
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"IOP_DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert "finns-inte" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
