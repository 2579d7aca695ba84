"""The PDF: tagged, Swedish, titled, DejaVu embedded, and the user's text printed as text."""

from __future__ import annotations

import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from iop.documents.decision_document import decision_outline
from iop.documents.pdf_report import render_pdf, to_html
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.rules.rulebook import Rulebook
from tests.document_reading import pdf_reader, pdf_text, squash
from tests.helpers import CASES, make_case


def _structure_types(node: object) -> set[str]:
    """Every structure type (/H1, /Table, ...) in the PDF's tag tree."""
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if isinstance(node, ArrayObject):
        return set().union(*(_structure_types(child) for child in node))
    if not isinstance(node, DictionaryObject):
        return set()
    own = {str(node["/S"])} if "/S" in node else set()
    return own | (_structure_types(node["/K"]) if "/K" in node else set())


@pytest.fixture(scope="module")
def ungdomsbussen_pdf(rulebook: Rulebook, engine: Engine) -> bytes:
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    return render_pdf(decision_outline(engine.assess(case), case, rulebook))


def test_pdf_is_tagged_swedish_and_titled(ungdomsbussen_pdf: bytes):
    reader = pdf_reader(ungdomsbussen_pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    tags = _structure_types(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/L", "/LI"} <= tags
    assert reader.metadata.title == "Tjänsteskrivelse: Ungdomsbussen – fältverksamhet för unga"


def test_pdf_embeds_dejavu_and_prints_swedish_letters(ungdomsbussen_pdf: bytes):
    reader = pdf_reader(ungdomsbussen_pdf)
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values()) and any("DejaVu-Sans" in name for name in fonts)
    text = pdf_text(ungdomsbussen_pdf)
    for word in ("Västerås", "Förslag till beslut", "Ärendeuppgifter", "Öppna frågor", "fältverksamhet",
                 "Bedömningsdatum", "Så kom bedömningen till"):
        assert word in text


def test_user_text_in_the_pdf_is_printed_literally(rulebook: Rulebook, engine: Engine):
    case = make_case()
    case.title = "Möte <i>kursiv</i> & {{ title }}"
    case.answers["initiative"].reasoning = 'Första raden & <b>fet</b> "citat" {% if x %}\nAndra raden 🚌 \x07'
    outline = decision_outline(engine.assess(case), case, rulebook)
    html = to_html(outline)
    assert "<b>fet</b>" not in html and "&lt;b&gt;fet&lt;/b&gt;" in html and "\x07" not in html
    assert "Första raden &amp; &lt;b&gt;fet&lt;/b&gt; &#34;citat&#34; {% if x %}<br>Andra raden" in html
    text = squash(pdf_text(render_pdf(outline)))
    assert squash('Första raden & <b>fet</b> "citat" {% if x %}Andra raden 🚌') in text
    assert squash(case.title) in text


def test_the_organisation_document_opens_with_what_to_prepare(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "ungdomsbussen.yaml", rulebook)
    assessment = engine.assess(case)
    outline = decision_outline(assessment, case, rulebook, audience="organisation")
    text = squash(pdf_text(render_pdf(outline)))
    assert text.index(squash("Det här behöver ni förbereda")) < text.index(squash("Juridiska kontroller"))
    plain = rulebook.criteria_set(assessment.criteria_set.id).criteria[0].plain
    assert squash(plain) in text
    # The organisation's own self-check: the organisation is the sender, never the municipality's letterhead.
    assert text.startswith(squash(case.organisation.name))
    assert squash(f"{case.public_party.name} · {case.public_party.committee}") not in text
