"""In a real browser: register a case, edit the tjänsteskrivelse, make the archive package and download it."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from playwright.sync_api import Page, expect

from tests.document_reading import pdf_text, squash
from tests.e2e.conftest import fill, open_page, screenshot, wait_idle

pytestmark = pytest.mark.e2e

FGS = {"fgs": "http://xml.ra.se/e-arkiv/FGS-ERMS"}
PROPOSAL = "Individ- och familjenämnden beslutar att ingå ett idéburet offentligt partnerskap med Stadsmissionen."


def test_the_archive_package_downloads_with_the_edited_tjansteskrivelse_and_the_registration(
        page: Page, app_url: str, tmp_path) -> None:
    open_page(page, app_url)
    fill(page, "Ditt namn", "Karin Lind")
    page.get_by_role("button", name="Öppna exemplet").click()
    expect(page.get_by_role("heading", name="Ärendet", level=1)).to_be_visible()
    wait_idle(page)
    fill(page, "Diarienummer", "IFN 2026/123")
    fill(page, "Handläggare", "Karin Lind")
    fill(page, "Beslutsinstans", "Individ- och familjenämnden")

    page.get_by_role("link", name="Exportera").click()
    expect(page.get_by_role("heading", name="Exportera", level=1)).to_be_visible()
    wait_idle(page)
    proposal = page.get_by_label("Förslag till beslut", exact=True)
    expect(proposal).to_have_value(
        "Individ- och familjenämnden beslutar att ingå ett idéburet offentligt partnerskap med Stadsmissionen i "
        "Västerås om verksamheten ”Ungdomsbussen – fältverksamhet för unga” för perioden 2026-08-01–2030-07-31 "
        "med 850\u00a0000\u00a0kr per år.")
    proposal.fill(PROPOSAL)
    proposal.press("Control+Enter")
    wait_idle(page)
    page.get_by_role("button", name="Skapa arkivpaket").click()
    download_button = page.get_by_role("button", name="Ladda ner arkivpaketet (zip)")
    expect(download_button).to_be_visible(timeout=60_000)
    wait_idle(page)
    screenshot(page, "exportera-arkivpaket")

    with page.expect_download(timeout=60_000) as download:
        download_button.click()
    assert download.value.suggested_filename == "arkivpaket-ungdomsbussen-faltverksamhet-for-unga.zip"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        files = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    assert {"METS.xml", "metadata/descriptive/arende.xml", "representations/rep1/data/tjansteskrivelse.pdf",
            "representations/rep1/data/arende.yaml", "metadata/preservation/historik.yaml"} <= set(files)
    assert squash(PROPOSAL) in squash(pdf_text(files["representations/rep1/data/tjansteskrivelse.pdf"]))
    arende = etree.fromstring(files["metadata/descriptive/arende.xml"]).find(".//fgs:ArkivobjektArende", FGS)
    assert arende.findtext("fgs:ArkivobjektID", namespaces=FGS) == "IFN 2026/123"
    assert arende.findtext("fgs:Agent[fgs:Roll='Handläggare']/fgs:Namn", namespaces=FGS) == "Karin Lind"
    assert b"Karin Lind" in files["metadata/preservation/historik.yaml"]
    expect(page.get_by_text("Traceback")).to_have_count(0)
    assert io.BytesIO(files["METS.xml"]).read(5) == b"<?xml"
