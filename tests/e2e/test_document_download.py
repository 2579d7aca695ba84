"""In a real browser: download the beslutsunderlag from Exportera as Word and as PDF, and reopen both."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.document_reading import docx_sections, pdf_reader, pdf_text
from tests.e2e.conftest import open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e


def test_the_example_case_downloads_as_word_and_pdf(page: Page, app_url: str, tmp_path):
    open_page(page, app_url)
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    page.get_by_role("link", name="Exportera").click()
    expect(page.get_by_role("heading", name="Exportera", level=1)).to_be_visible()
    wait_idle(page)
    screenshot(page, "exportera-word-pdf")

    with page.expect_download(timeout=60_000) as word:
        page.get_by_role("button", name="Ladda ner som Word").click()
    assert word.value.suggested_filename.endswith("-tjansteskrivelse.docx")
    word_path = tmp_path / word.value.suggested_filename
    word.value.save_as(word_path)
    sections = docx_sections(word_path.read_bytes())
    assert "beslutar att ingå ett idéburet offentligt partnerskap" in sections["Förslag till beslut"]

    with page.expect_download(timeout=60_000) as pdf:
        page.get_by_role("button", name="Ladda ner som PDF").click()
    pdf_path = tmp_path / pdf.value.suggested_filename
    pdf.value.save_as(pdf_path)
    data = pdf_path.read_bytes()
    assert pdf_reader(data).metadata.title.startswith("Tjänsteskrivelse: Ungdomsbussen")
    assert "Stadsmissionen i Västerås" in pdf_text(data)
    expect(page.get_by_text("Traceback")).to_have_count(0)
