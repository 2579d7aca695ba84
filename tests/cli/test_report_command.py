"""``iop report``: the beslutsunderlag written to a file in each format, or a Swedish error and no file."""

from __future__ import annotations

import json

import pytest

from iop.cli.main import main
from iop.documents.docx_report import TEMPLATE_ENV
from tests.document_reading import docx_body, pdf_reader
from tests.helpers import CASES

CASE = str(CASES / "ungdomsbussen.yaml")


def test_report_writes_a_word_file_with_the_assessor(tmp_path):
    out = tmp_path / "underlag.docx"
    assert main(["report", CASE, "--format", "docx", "-o", str(out), "--assessed-by", "Karin Lind",
                 "--status", "bedomd"]) == 0
    texts = [t for _, t in docx_body(out.read_bytes())]
    assert "Karin Lind" in texts and "Bedömd" in texts and "Förslag till beslut" in texts


def test_report_writes_a_pdf(tmp_path):
    out = tmp_path / "underlag.pdf"
    assert main(["report", CASE, "--format", "pdf", "-o", str(out)]) == 0
    assert pdf_reader(out.read_bytes()).metadata.title.startswith("Tjänsteskrivelse: Ungdomsbussen")


def test_report_in_organisation_mode_uses_the_plain_language(capsys):
    assert main(["report", CASE, "--format", "markdown", "--mode", "organisation"]) == 0
    out = capsys.readouterr().out
    assert "## Det här behöver ni förbereda" in out and "## Rekommendation\n" not in out


def test_report_json_carries_the_record_fields(tmp_path):
    out = tmp_path / "underlag.json"
    assert main(["report", CASE, "--format", "json", "-o", str(out), "--criteria", "skl-2017"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["criteria_set"]["id"] == "skl-2017" and data["record"]["status"] == "utkast"


@pytest.mark.parametrize("args, words", [
    (["--format", "docx"], "ange filen att skriva med -o"),
    (["--format", "pdf", "-o", "/finns/inte/underlag.pdf"], "kan inte skrivas"),
    (["--format", "docx", "-o", "{out}", "--template", "{bad}"], "inte en Word-fil"),
    (["--format", "docx", "-o", "{out}", "--criteria", "okand-uppsattning"], "okand-uppsattning"),
])
def test_report_refuses_bad_input_in_swedish_and_writes_nothing(args, words, tmp_path, capsys):
    out, bad = tmp_path / "underlag.docx", tmp_path / "mall.docx"
    bad.write_text("inte en mall", encoding="utf-8")
    args = [a.format(out=out, bad=bad) for a in args]
    assert main(["report", CASE, *args]) == 2
    captured = capsys.readouterr()
    assert words in captured.err and "Traceback" not in captured.err and captured.out == ""
    assert not out.exists()


def test_report_uses_the_template_named_in_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(TEMPLATE_ENV, str(tmp_path / "saknas.docx"))
    assert main(["report", CASE, "--format", "docx", "-o", str(tmp_path / "u.docx")]) == 2
    assert "saknas.docx" in capsys.readouterr().err


def test_a_municipal_template_is_refused_for_the_organisations_summary(tmp_path, capsys):
    out = tmp_path / "sammanfattning.docx"
    assert main(["report", CASE, "--format", "docx", "--mode", "organisation", "--template", "kommun.docx",
                 "-o", str(out)]) == 2
    assert "neutrala mallen" in capsys.readouterr().err and not out.exists()
