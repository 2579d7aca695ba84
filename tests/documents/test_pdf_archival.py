"""The PDF for the archive: PDF/A-2a with PDF/UA-1, its XMP metadata, every font embedded, every page renders.

Read back with pikepdf (the metadata as an archive's ingest would read it) and
rendered page by page with poppler's pdftoppm, as a viewer would.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pikepdf
import pytest

from iop.documents.decision_document import decision_outline
from iop.documents.pdf_report import render_pdf
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.rules.rulebook import Rulebook
from tests.helpers import CASES

STOCKHOLM = ZoneInfo("Europe/Stockholm")
WINTER = dt.datetime(2026, 3, 2, 14, 5, tzinfo=STOCKHOLM)
SUMMER = dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.UTC)  # 11:30 in Stockholm, summer time


def _case(rulebook: Rulebook) -> Case:
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    case.diarienummer = "IFN 2026/123"
    case.registration.subject = "Ansökan om idéburet offentligt partnerskap – Ungdomsbussen"
    case.registration.officer = "Karin Lind"
    case.registration.decision_body = "Individ- och familjenämnden"
    return case


@pytest.fixture(scope="module")
def memo_pdf(rulebook: Rulebook, engine: Engine) -> bytes:
    case = _case(rulebook)
    return render_pdf(decision_outline(engine.assess(case), case, rulebook), WINTER)


@pytest.fixture(scope="module")
def organisation_pdf(rulebook: Rulebook, engine: Engine) -> bytes:
    case = _case(rulebook)
    return render_pdf(decision_outline(engine.assess(case), case, rulebook, audience="organisation"), SUMMER)


def test_the_tjansteskrivelse_identifies_as_pdf_a_2a_and_pdf_ua_1(memo_pdf: bytes):
    with pikepdf.open(io.BytesIO(memo_pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2A"
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == ("2", "A", "1")
        # PDF/A-2 knows only its predefined XMP schemas: pdfuaid must be declared as an extension schema.
        raw = bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8")
        assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in raw
        assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in raw
        assert pdf.pdf_version == "1.7"
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "sv" and pdf.Root.ViewerPreferences.DisplayDocTitle


def test_the_xmp_metadata_carries_title_author_subject_keywords_language_and_swedish_time(memo_pdf: bytes):
    with pikepdf.open(io.BytesIO(memo_pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Tjänsteskrivelse: Ansökan om idéburet offentligt partnerskap – Ungdomsbussen"
        assert meta["dc:creator"] == ["Karin Lind"]
        assert meta["dc:description"] == "Ansökan om idéburet offentligt partnerskap – Ungdomsbussen"
        assert "Dnr IFN 2026/123" in meta["pdf:Keywords"] and "Tjänsteskrivelse" in meta["pdf:Keywords"]
        assert meta["dc:language"] == {"sv"}
        assert meta["xmp:CreateDate"] == "2026-03-02T14:05:00+01:00"
        # The document information dictionary says the same (PDF/A requires the two to agree).
        info = pdf.docinfo
        assert str(info.Title) == meta["dc:title"] and str(info.Author) == "Karin Lind"
        assert str(info.Subject) == meta["dc:description"] and str(info.Keywords) == meta["pdf:Keywords"]
        assert str(info.CreationDate) == "D:20260302140500+01'00"


def test_a_summer_document_is_dated_in_swedish_summer_time(organisation_pdf: bytes):
    with pikepdf.open(io.BytesIO(organisation_pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta["xmp:CreateDate"] == "2026-07-01T11:30:00+02:00"
        assert meta.pdfa_status == "2A" and meta["pdfuaid:part"] == "1"
        assert meta["dc:creator"] == ["Stadsmissionen i Västerås"]  # the organisation is the sender


def _fonts(pdf: pikepdf.Pdf) -> dict[str, bool]:
    """Every font on every page: its name and whether its program is embedded."""
    found = {}
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            fonts = [font, *font.get("/DescendantFonts", [])]
            for each in fonts:
                descriptor = each.get("/FontDescriptor")
                if descriptor is not None:
                    found[str(each.BaseFont)] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


@pytest.mark.parametrize("which", ["memo_pdf", "organisation_pdf"])
def test_every_font_is_embedded(which: str, request: pytest.FixtureRequest):
    with pikepdf.open(io.BytesIO(request.getfixturevalue(which))) as pdf:
        fonts = _fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("DejaVu-Sans" in name for name in fonts)


@pytest.mark.parametrize("which", ["memo_pdf", "organisation_pdf"])
def test_pdftoppm_renders_every_page(which: str, request: pytest.FixtureRequest, tmp_path: Path):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm saknas: installera Debianpaketet poppler-utils (scripts/test gör det)"
    data = request.getfixturevalue(which)
    source = tmp_path / "dokument.pdf"
    source.write_bytes(data)
    result = subprocess.run([pdftoppm, "-r", "30", "-png", str(source), str(tmp_path / "sida")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    images = sorted(tmp_path.glob("sida-*.png"))
    assert pages >= 2 and len(images) == pages
    assert all(image.stat().st_size > 1000 for image in images)  # a blank 30-dpi A4 page is smaller
