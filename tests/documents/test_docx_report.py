"""The Word document: real structure, Swedish, user text kept literal, and templates checked."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import (
    DEFAULT_TEMPLATE,
    GENERIC_TEMPLATE,
    TEMPLATE_ENV,
    TEMPLATE_VARIABLES,
    check_template,
    render_docx,
)
from iop.documents.outline import build_outline
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.io.errors import TemplateError
from iop.model.case import Case
from iop.rules.rulebook import Rulebook
from tests.document_reading import docx_body, open_docx
from tests.helpers import CASES, REPO, make_case

HOSTILE = ('Fika & samtal <b>fet</b> "citat" {{ title }} {% for s in sections %} {%p endfor %} {{p s.body }}\n'
           "andra raden 🚌🙂 \x07slut")


@pytest.fixture(scope="module")
def ungdomsbussen(rulebook: Rulebook) -> Case:
    return load_case(CASES / "ungdomsbussen.yaml", rulebook)


def _docx(case: Case, rulebook: Rulebook, engine: Engine, template: Path | None = None, **kwargs: str) -> bytes:
    return render_docx(decision_outline(engine.assess(case), case, rulebook, **kwargs), template)  # type: ignore[arg-type]


def test_section_titles_are_heading_1_and_subheadings_heading_2(ungdomsbussen, rulebook, engine):
    outline = decision_outline(engine.assess(ungdomsbussen), ungdomsbussen, rulebook)
    body = docx_body(render_docx(outline))
    # The signature block has no heading of its own in the shipped template.
    assert [t for s, t in body if s == "Heading 1"] == [s.title for s in outline.sections if s.id != "signatures"]
    subheadings = [t for s, t in body if s == "Heading 2"]
    assert subheadings[:2] == ["Rättsliga förutsättningar", "Kriterierna"]
    gates = [t for s, t in body if s == "Heading 3"]
    assert [g.title for g in engine.assess(ungdomsbussen).gates] == gates[:4]
    assert ("Title", "Tjänsteskrivelse") in body and ("Subtitle", ungdomsbussen.title) in body


def test_every_table_has_a_header_row_that_repeats_on_each_page(ungdomsbussen, rulebook, engine):
    document = open_docx(_docx(ungdomsbussen, rulebook, engine))
    assert len(document.tables) >= 5
    # The registration table in the head is label and value per row; the signature block is no table of data.
    registration, *data = document.tables
    assert registration.cell(0, 0).text == "Datum"
    signatures = [t for t in data if t._tbl.tblPr.find(qn("w:tblBorders")) is not None]
    assert len(signatures) == 1 and "Handläggare" in signatures[0].rows[1].cells[0].text
    for table in [t for t in data if t not in signatures]:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None and header.get(qn("w:val")) == "true"
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_document_language_is_swedish_and_title_is_set(ungdomsbussen, rulebook, engine):
    document = open_docx(_docx(ungdomsbussen, rulebook, engine))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "sv-SE"
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title == f"Tjänsteskrivelse: {ungdomsbussen.title}"
    assert document.core_properties.subject == ungdomsbussen.title  # the ärendemening, when none is written


def test_letterhead_and_footer_carry_the_case(ungdomsbussen, rulebook, engine):
    case = ungdomsbussen.model_copy(update={"diarienummer": "IFN 2026/123"})
    document = open_docx(_docx(case, rulebook, engine))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    footer = "\n".join(p.text for p in document.sections[0].footer.paragraphs)
    assert case.public_party.name in header and case.public_party.committee in header and "Dnr IFN 2026/123" in header
    assert case.title in footer


def test_the_organisation_document_carries_the_organisation_as_sender_and_never_a_municipality(
        tmp_path, monkeypatch, ungdomsbussen, rulebook, engine):
    municipal = _template(tmp_path, "Uppsala kommun", *LOOP)
    monkeypatch.setenv(TEMPLATE_ENV, str(municipal))  # a municipality's template for its tjänsteskrivelser
    outline = decision_outline(engine.assess(ungdomsbussen), ungdomsbussen, rulebook, audience="organisation")
    document = open_docx(render_docx(outline))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert header.startswith(ungdomsbussen.organisation.name)
    text = header + "\n".join(t for _, t in docx_body(render_docx(outline)))
    assert "Uppsala kommun" not in text and ungdomsbussen.public_party.name not in header


def test_user_text_is_printed_literally_and_never_run_as_template_code(rulebook, engine):
    case = make_case()
    case.title = "Ärende <x> & {{ diarienummer }}"
    case.answers["initiative"].reasoning = HOSTILE
    case.answers["general_interest"].reasoning = "lång " * 4000
    data = _docx(case, rulebook, engine)
    texts = [t for _, t in docx_body(data)]
    expected = HOSTILE.replace("\x07", "")
    assert any(expected in t for t in texts), "reasoning not printed verbatim (line break as a break)"
    assert any(("lång " * 4000).strip() in t for t in texts)
    assert ("Subtitle", case.title) in docx_body(data)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:br/>andra raden" in xml.replace('<w:t xml:space="preserve">', "").replace("<w:t>", "")


def test_shipped_templates_declare_only_known_variables():
    memo = DocxTemplate(str(DEFAULT_TEMPLATE)).get_undeclared_template_variables()
    assert "section" in memo and memo <= TEMPLATE_VARIABLES
    generic = DocxTemplate(str(GENERIC_TEMPLATE)).get_undeclared_template_variables()
    assert "sections" in generic and generic <= TEMPLATE_VARIABLES
    assert not {"public_party", "committee"} & generic  # the neutral template carries no municipality


def test_shipped_templates_are_what_make_template_writes(tmp_path):
    subprocess.run([sys.executable, str(REPO / "templates" / "make_template.py"), str(tmp_path)], check=True,
                   capture_output=True)
    for shipped in (DEFAULT_TEMPLATE, GENERIC_TEMPLATE):
        fresh = tmp_path / shipped.name
        for part in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/footer1.xml"):
            assert zipfile.ZipFile(fresh).read(part) == zipfile.ZipFile(shipped).read(part), (shipped.name, part)


def test_a_municipality_can_reorder_and_rename_sections_in_its_template(tmp_path, ungdomsbussen, rulebook, engine):
    from iop.documents.outline import MEMO_SECTIONS

    order = ["summary", "proposal", *[s for s in MEMO_SECTIONS if s not in ("summary", "proposal")]]
    paragraphs = []
    for section_id in order:
        title = "Beslutsförslag" if section_id == "proposal" else f"{{{{ section.{section_id}.title }}}}"
        paragraphs += [f"{{%p if section.{section_id} %}}", title, f"{{{{p section.{section_id}.body }}}}", "{%p endif %}"]
    path = _template(tmp_path, "Exempelkommunen", *paragraphs)
    texts = [t for _, t in docx_body(_docx(ungdomsbussen, rulebook, engine, template=path))]
    assert texts.index("Sammanfattning") < texts.index("Beslutsförslag") < texts.index("Ärendet")
    assert "Förslag till beslut" not in texts


def test_a_template_that_leaves_out_a_section_is_refused_naming_it(tmp_path, ungdomsbussen, rulebook, engine):
    from iop.documents.outline import MEMO_SECTIONS

    paragraphs = [f"{{{{p section.{s}.body }}}}" for s in MEMO_SECTIONS if s != "economy"]
    path = _template(tmp_path, *paragraphs)
    with pytest.raises(TemplateError) as caught:
        _docx(ungdomsbussen, rulebook, engine, template=path)
    assert "economy" in str(caught.value) and "{{p section.economy.body }}" in str(caught.value)


def _template(tmp_path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "mall.docx"
    document.save(str(path))
    return path


LOOP = ("{%p for s in sections %}", "{{ s.title }}", "{{p s.body }}", "{%p endfor %}")


def test_a_municipality_template_from_the_environment_is_used(tmp_path, monkeypatch, ungdomsbussen, rulebook, engine):
    path = _template(tmp_path, "Exempelkommunens socialförvaltning", "Ärende: {{ title }}", *LOOP)
    monkeypatch.setenv(TEMPLATE_ENV, str(path))
    texts = [t for _, t in docx_body(_docx(ungdomsbussen, rulebook, engine))]
    assert texts[0] == "Exempelkommunens socialförvaltning"
    assert f"Ärende: {ungdomsbussen.title}" in texts and "Förslag till beslut" in texts and "Bedömning" in texts


BROKEN = {
    "not_a_zip": (lambda p: p.write_bytes(b"%PDF-1.7 inte en Word-fil"), "inte en Word-fil"),
    "zip_without_word": (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "inte en Word-fil"),
    "no_content": (lambda p: _template(p.parent, "Bara brevhuvud {{ title }}"), "saknar platshållarna"),
    "unknown_variable": (lambda p: _template(p.parent, "{{ kommunens_logga }}", *LOOP), "kommunens_logga"),
    "syntax_error": (lambda p: _template(p.parent, "{{ title ", *LOOP), "felskriven"),
    "unclosed_loop": (lambda p: _template(p.parent, *LOOP[:3]), "felskriven"),
    "body_without_p": (lambda p: _template(p.parent, LOOP[0], "{{ s.body }}", LOOP[3]), "{{p s.body }}"),
    "titles_without_body": (lambda p: _template(p.parent, LOOP[0], LOOP[1], LOOP[3]), "saknar {{p s.body }}"),
    "missing_file": (lambda p: None, "finns inte"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_a_broken_or_foreign_template_gives_a_swedish_message(kind: str, tmp_path, ungdomsbussen, rulebook, engine):
    make, words = BROKEN[kind]
    path = tmp_path / "mall.docx"
    make(path)
    with pytest.raises(TemplateError) as caught:
        _docx(ungdomsbussen, rulebook, engine, template=path)
    message = str(caught.value)
    assert words in message and "Word-mall" in message and str(path) in message
    with pytest.raises(TemplateError):
        check_template(path)


def test_the_assessment_outline_alone_renders_without_case_fields(engine):
    data = render_docx(build_outline(engine.assess(make_case())))
    assert ("Subtitle", "Testärende") in docx_body(data)


def test_a_template_without_list_or_heading_styles_still_gives_readable_content(tmp_path, rulebook, engine):
    document = docx.Document()
    for name in ("List Bullet", "Heading 2", "Heading 3"):
        element = document.styles[name].element
        element.getparent().remove(element)
    for text in LOOP:
        document.add_paragraph(text)
    path = tmp_path / "utan-stilar.docx"
    document.save(str(path))
    texts = [t for _, t in docx_body(_docx(make_case(), rulebook, engine, template=path))]
    assert any(t.startswith("• ") for t in texts) and "Grind 1 – bidrag eller kontrakt" in texts
    assert "…………………………………………" in texts and "Handläggare" in texts  # signature lines still there
