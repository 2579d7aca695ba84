"""Make the Word templates: templates/tjansteskrivelse.docx and templates/dokument.docx.

Run ``python templates/make_template.py`` after changing this script, and commit
the .docx files it writes. Each is an ordinary Word document: an official opens
it in Word, changes the letterhead, the fixed wording, the styles (Rubrik 1,
Rubrik 2, Rubrik) and the order or names of the sections, and keeps the
placeholders in ``{{ }}`` and ``{% %}``. See README.md, "Egen Word-mall".

``tjansteskrivelse.docx`` is the municipality's: it places each section of the
tjänsteskrivelse by id (``{{ section.proposal.title }}``, ``{{p section.proposal.body }}``),
so the structure lives in the template. ``dokument.docx`` is neutral, with the
sender's name only, for an organisation's self-check and a workshop summary:
it takes the sections in order with a loop.

Why a script rather than a hand-made file: the templates' structure is
reviewed as code, and they are made with real heading styles, a header row that
repeats on every page, and Swedish (sv-SE) as the document language.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "tjansteskrivelse.docx"
GENERIC = HERE / "dokument.docx"
LANGUAGE = "sv-SE"


def _set_language(document: DocxDocument) -> None:
    """sv-SE in the document defaults, so Word checks spelling and screen readers speak Swedish."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)
    document.core_properties.language = LANGUAGE


TABLE_TEXT = "Tabelltext"
"""Paragraph style of table cells: Normal without the space after, so tables stay compact."""


SIGNATURE = "Underskrift"
"""Paragraph style of the signature block (names and roles)."""


def _style_fonts(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    document.styles["List Bullet"].paragraph_format.space_after = Pt(3)
    table_text = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(10)
    table_text.paragraph_format.space_after = Pt(0)
    signature = document.styles.add_style(SIGNATURE, WD_STYLE_TYPE.PARAGRAPH)
    signature.base_style = normal
    signature.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 24), ("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11.5)):
        style = document.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field, so the footer numbers the pages in Word."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.3))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)


def _letterhead(document: DocxDocument, second_line: str, footer_text: str) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{{ sender }}"
    header.runs[0].bold = True
    line = section.header.add_paragraph(second_line)
    line.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer = section.footer.paragraphs[0]
    footer.text = footer_text
    _page_field(footer)


def _new_document() -> DocxDocument:
    document = Document()
    _set_language(document)
    _style_fonts(document)
    _page_setup(document)
    return document


REGISTRATION_ROWS = (
    ("Datum", "{{ date }}"),
    ("Diarienummer", "{{ diarienummer or '–' }}"),
    ("Handläggare", "{{ officer or '–' }}"),
    ("Beslutsinstans", "{{ decision_body or '–' }}"),
    ("Sekretess", "{{ secrecy or 'Ingen sekretessmarkering' }}"),
    ("Bevarande och gallring", "{{ retention or '–' }}"),
)
"""What a registration needs (OSL 5 kap.), in the tjänsteskrivelse's head."""


def _registration_table(document: DocxDocument) -> None:
    table = document.add_table(rows=len(REGISTRATION_ROWS), cols=2)
    table.style = document.styles["Table Grid"]
    for row, (label, value) in zip(table.rows, REGISTRATION_ROWS, strict=True):
        for cell, text, bold in ((row.cells[0], label, True), (row.cells[1], value, False)):
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles[TABLE_TEXT]
            paragraph.add_run(text).bold = bold
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), "Uppgifter för registrering")
    table._tbl.tblPr.append(caption)


def _placed(document: DocxDocument, section_id: str, heading: bool = True) -> None:
    """A section where the template wants it: its title as Rubrik 1 and its content."""
    if heading:
        document.add_paragraph(f"{{{{ section.{section_id}.title }}}}", style="Heading 1")
    document.add_paragraph(f"{{{{p section.{section_id}.body }}}}")


def _properties(document: DocxDocument, title: str, comment: str) -> None:
    document.core_properties.title = title
    document.core_properties.author = "IOP-stöd"
    document.core_properties.comments = comment


def make_memo_template(path: Path = TEMPLATE) -> Path:
    """The tjänsteskrivelse: registration table, ärendemening, then every section by id."""
    document = _new_document()
    _letterhead(document, "{{ document_kind }}{% if diarienummer %} · Dnr {{ diarienummer }}{% endif %}"
                          "{% if secrecy %} · SEKRETESS{% endif %}",
                "{{ subject }} · {{ date }} · sida ")
    document.add_paragraph("{{ document_kind }}", style="Title")
    _registration_table(document)
    document.add_paragraph("{{ subject }}", style="Subtitle")
    for section_id in ("proposal", "summary", "background", "assessment", "economy"):
        _placed(document, section_id)
    # A barnrättsbedömning only when it is asked for (the target group includes children) or written.
    document.add_paragraph("{%p if section.child_rights %}")
    _placed(document, "child_rights")
    document.add_paragraph("{%p endif %}")
    for section_id in ("attachments", "recipients"):
        _placed(document, section_id)
    _placed(document, "signatures", heading=False)
    # The appendix on how the assessment was made starts on a page of its own.
    document.add_paragraph("{%p if section.trace %}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _placed(document, "trace")
    document.add_paragraph("{%p endif %}")
    _properties(document, "Tjänsteskrivelse", "Mall för tjänsteskrivelse från IOP-stöd. Avsnitten får flyttas och "
                                              "döpas om; behåll platshållarna (se README, Egen Word-mall).")
    document.save(str(path))
    return path


def make_generic_template(path: Path = GENERIC) -> Path:
    """The neutral document: the sender's name only, every section in order."""
    document = _new_document()
    _letterhead(document, "{{ document_kind }}", "{{ title }} · {{ date }} · sida ")
    document.add_paragraph("{{ document_kind }}", style="Title")
    document.add_paragraph("{{ title }}", style="Subtitle")
    # One Rubrik 1 per section of the document; the section's content follows.
    document.add_paragraph("{%p for s in sections %}")
    document.add_paragraph("{{ s.title }}", style="Heading 1")
    document.add_paragraph("{{p s.body }}")
    document.add_paragraph("{%p endfor %}")
    _properties(document, "Dokument", "Neutral mall från IOP-stöd för organisationens självtest och "
                                      "workshopsammanfattningar; bär bara avsändarens namn.")
    document.save(str(path))
    return path


def make_template(path: Path = TEMPLATE) -> Path:
    """The tjänsteskrivelse's template (kept under this name for the template test)."""
    return make_memo_template(path)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
        print(make_memo_template(folder / TEMPLATE.name), make_generic_template(folder / GENERIC.name))
    else:
        print(make_memo_template(), make_generic_template())
