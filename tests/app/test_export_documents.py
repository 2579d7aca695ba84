"""Exportera: the Word and PDF buttons, and a broken template reported in Swedish (AppTest from app.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from iop.documents.docx_report import TEMPLATE_ENV
from iop.engine.case_import import load_case
from iop.rules.rulebook import load_rulebook
from tests.helpers import CASES, REPO


def _export(mode: str = "official") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.session_state["case"] = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    at.session_state["mode"] = mode
    return at.switch_page("app_pages/export.py").run()


def _labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_export_offers_the_tjansteskrivelse_as_word_and_pdf():
    at = _export()
    assert not at.exception
    assert {"Ladda ner som Word", "Ladda ner som PDF"} <= set(_labels(at))
    files = {b.proto.label: b.proto for b in at.get("download_button")}
    assert "tjänsteskrivelsen" in " ".join(c.value for c in at.caption)
    assert files["Ladda ner som Word"] is not None


def test_in_organisation_mode_the_documents_are_the_summary_with_no_tjansteskrivelse_to_edit():
    at = _export("organisation")
    assert not at.exception and "Ladda ner filen att skicka till kommunen (PDF)" in _labels(at)
    assert "Sammanfattningen som Word" in _labels(at)
    assert not [t for t in at.text_area if t.label == "Förslag till beslut"]
    assert not [b for b in at.button if b.label == "Skapa arkivpaket"]


def test_a_broken_word_template_is_reported_in_swedish_and_pdf_still_offered(tmp_path, monkeypatch):
    broken = tmp_path / "kommunens-mall.docx"
    broken.write_bytes(b"inte en Word-fil")
    monkeypatch.setenv(TEMPLATE_ENV, str(broken))
    at = _export()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Word-mallen kan inte användas" in errors and "inte en Word\\-fil" in errors
    assert "Ladda ner som Word" not in _labels(at) and "Ladda ner som PDF" in _labels(at)


def test_contact_people_entered_on_the_case_page_are_stored_for_the_document():
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run().switch_page("app_pages/case.py").run()
    next(t for t in at.text_input if t.label == "Kontaktperson hos kommunen/regionen").input("Eva Berg, 021-39 00 00").run()
    next(t for t in at.text_input if t.label == "Kontaktperson hos organisationen").input("Ali Noor").run()
    case = at.session_state["case"]
    assert case.public_party.contact == "Eva Berg, 021-39 00 00" and case.organisation.contact == "Ali Noor"

