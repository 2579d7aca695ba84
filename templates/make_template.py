"""Make templates/beslutsunderlag.docx, the Word template of the beslutsunderlag.

Run ``python templates/make_template.py`` after changing this script, and commit
the .docx it writes. The generated file is an ordinary Word document: an
official opens it in Word, changes the letterhead, the fixed wording and the
styles (Rubrik 1, Rubrik 2, Rubrik), and keeps the placeholders in ``{{ }}``
and ``{% %}``. See README.md, "Egen Word-mall".

Why a script rather than a hand-made file: the template's structure is
reviewed as code, and it is made with real heading styles, a header row that
repeats on every page, and Swedish (sv-SE) as the document language.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

TEMPLATE = Path(__file__).resolve().parent / "beslutsunderlag.docx"
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


def _letterhead(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.3))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    header = section.header.paragraphs[0]
    header.text = "{{ public_party }}{% if committee %} · {{ committee }}{% endif %}"
    header.runs[0].bold = True
    line = section.header.add_paragraph("{{ document_kind }}{% if diarienummer %} · Dnr {{ diarienummer }}{% endif %}")
    line.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer = section.footer.paragraphs[0]
    footer.text = "{{ title }} · {{ date }} · sida "
    _page_field(footer)


def make_template(path: Path = TEMPLATE) -> Path:
    document = Document()
    _set_language(document)
    _style_fonts(document)
    _letterhead(document)
    document.add_paragraph("{{ document_kind }}", style="Title")
    document.add_paragraph("{{ title }}", style="Subtitle")
    document.add_paragraph(
        "Underlaget redovisar om verksamheten bör stödjas med bidrag, upphandlas eller ingås som "
        "idéburet offentligt partnerskap (IOP), med de rättsliga grindarna, varje kriterium och "
        "regeln som avgjorde. Det är framtaget med IOP-stöd.")
    # One Rubrik 1 per section of the document; the section's content follows as a subdocument.
    document.add_paragraph("{%p for s in sections %}")
    document.add_paragraph("{{ s.title }}", style="Heading 1")
    document.add_paragraph("{{p s.body }}")
    document.add_paragraph("{%p endfor %}")
    document.core_properties.title = "Beslutsunderlag"
    document.core_properties.author = "IOP-stöd"
    document.core_properties.comments = ("Mall för beslutsunderlag från IOP-stöd. "
                                         "Behåll platshållarna (se README, Egen Word-mall).")
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(make_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
