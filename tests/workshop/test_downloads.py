"""The workshop's three files: named after the workshop, built only when taken, the Word one refused in Swedish."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from iop.documents import docx_report
from iop.workshop.export import DOCX_MIME, answers_csv, downloads, summary_markdown
from iop.workshop.live import AnonymousAnswer, Phase, Workshop
from iop.workshop.statements import Statement

CREATED = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)


def _workshop() -> Workshop:
    statements = (Statement(id="p1", text="Första"), Statement(id="p2", text="Andra"))
    return Workshop(id=12, number=12, code="ACDEFG", title="Träff", created_at=CREATED,
                    expires_at=CREATED + dt.timedelta(days=1), statements=statements,
                    phases={"p1": Phase.revealed, "p2": Phase.open})


ANSWERS = {"p1": [AnonymousAnswer(value=v, comment="bra" if v == 5 else "") for v in (1, 4, 5)]}


def test_the_answers_and_the_summary_come_as_csv_markdown_and_word():
    workshop = _workshop()
    files = downloads(workshop, ANSWERS, participants=3, case_title="Ungdomsbussen")
    assert [(f.label, f.file_name, f.mime, f.kind, f.format) for f in files] == [
        ("Svaren som CSV", "workshop-12-svar.csv", "text/csv", "workshop_svar", "csv"),
        ("Sammanfattning (Markdown)", "workshop-12.md", "text/markdown", "workshop_sammanfattning", "markdown"),
        ("Sammanfattning (Word)", "workshop-12.docx", DOCX_MIME, "workshop_sammanfattning", "docx"),
    ]
    csv_file, markdown_file, word_file = files
    assert not any(f.refusal for f in files)
    assert csv_file.make() == answers_csv(workshop, ANSWERS).encode("utf-8")
    assert markdown_file.make() == summary_markdown(workshop, ANSWERS, 3, case_title="Ungdomsbussen").encode("utf-8")
    document = docx.Document(io.BytesIO(word_file.make()))
    assert "Ungdomsbussen" in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)


def test_a_broken_word_template_refuses_the_word_file_in_swedish_and_keeps_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    broken = tmp_path / "dokument.docx"
    broken.write_bytes(b"inte en Word-fil")
    monkeypatch.setattr(docx_report, "GENERIC_TEMPLATE", broken)
    csv_file, markdown_file, word_file = downloads(_workshop(), ANSWERS, participants=3)
    assert "inte en Word-fil" in word_file.refusal
    assert not csv_file.refusal and not markdown_file.refusal
