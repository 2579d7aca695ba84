"""The tjänsteskrivelse (and other documents) as Word, rendered into an editable docxtpl template.

Two templates ship in ``templates/``: ``tjansteskrivelse.docx`` for the
official's tjänsteskrivelse, which a municipality may replace with its own
(the caller or the environment variable ``IOP_DOCX_TEMPLATE`` names it), and
``dokument.docx``, a neutral one with the sender's name only, for an
organisation's self-check and a workshop summary: never a municipality's
letterhead on what the municipality did not write.

A template holds the letterhead, fixed wording, styles and the structure: it
places each section where it wants it with ``{{ section.<id>.title }}`` and
``{{p section.<id>.body }}`` (so a municipality can reorder or rename sections
in Word), or all of them in order with the loop ``{%p for s in sections %}``.
Each section's content goes in as WordprocessingML built with python-docx,
with real heading styles and tables whose header row repeats. The template is
rendered with ``autoescape=True`` and the user's text only ever enters as data
(python-docx runs or escaped values), so ``&``, ``<`` or ``{{ }}`` typed by a
user can neither break the file nor run as template code.

A template that is not a Word file, has a broken placeholder, uses a variable
this module does not provide, or leaves out a section the document has raises
``TemplateError`` with a Swedish message; the checks run before anything is written.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iop.documents.outline import (
    MEMO_SECTIONS,
    Block,
    Bullets,
    DocumentKind,
    Heading,
    Outline,
    Paragraph,
    Section,
    Signatures,
    Table,
    printable,
)
from iop.io.bounded_read import NotRegularFile, TooLarge, read_bounded
from iop.io.errors import Problem, TemplateError

if TYPE_CHECKING:
    from docx.table import Table as DocxTable
    from docxtpl import DocxTemplate
    from docxtpl.subdoc import Subdoc

# python-docx, docxtpl, lxml and jinja2 are imported inside the functions that use them:
# loading them takes a noticeable part of a second, which `import iop` (the CLI's
# assess, the app's first paint) should not pay for a document it may never write.

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
"""A Word document's media type, for every download of one."""
TEMPLATE_ENV = "IOP_DOCX_TEMPLATE"
MAX_TEMPLATE_BYTES = 20_000_000
"""A letterhead template with a logo is a few hundred kilobytes; 20 MB is far above any real one."""
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
DEFAULT_TEMPLATE = TEMPLATES / "tjansteskrivelse.docx"
"""The tjänsteskrivelse's template; ``IOP_DOCX_TEMPLATE`` replaces it."""
GENERIC_TEMPLATE = TEMPLATES / "dokument.docx"
"""The neutral template of every other document; never replaced by a municipality's."""
LANGUAGE = "sv-SE"

FIELD_VARIABLES = frozenset({
    "document_kind", "title", "diarienummer", "date", "public_party", "committee", "organisation", "sender",
    "status", "assessed_by", "assessed_at", "recommendation", "criteria_set",
    "subject", "officer", "decision_body", "secrecy", "retention",
})
"""The short values a template may place anywhere (see ``decision_document._fields``)."""

TEMPLATE_VARIABLES = FIELD_VARIABLES | {"sections", "section"}
"""Every variable a template may use: ``sections`` is the list of {id, title, body} in the document's
order, ``section`` the same by id (``section.proposal.body``)."""

CONTENT_HINT = "{%p for s in sections %}, {{ s.title }}, {{p s.body }} och {%p endfor %}"

_BODY_WITHOUT_P = re.compile(r"\{\{(?!p)[^}]*\.body\b")
_BODY_WITH_P = re.compile(r"\{\{p\s+[\w.]+\.body\s*\}\}")
_PLACED = re.compile(r"\{\{p\s+section\.(\w+)\.body\s*\}\}")
_LOOP = re.compile(r"\{%p?\s*for\s+\w+\s+in\s+sections\s*%\}")


def template_path(explicit: str | Path | None = None, kind: DocumentKind = "memo") -> Path:
    """The template to use: the one given; for a tjänsteskrivelse $IOP_DOCX_TEMPLATE, else the shipped one.

    Any other document (``kind="generic"``) gets the neutral template, whatever the environment says.
    """
    if explicit:
        return Path(explicit)
    if kind == "generic":
        return GENERIC_TEMPLATE
    return Path(os.environ.get(TEMPLATE_ENV) or DEFAULT_TEMPLATE)


def _fail(path: Path, message: str) -> TemplateError:
    return TemplateError([Problem(str(path), "Word-mall", message)])


def _open(path: Path) -> DocxTemplate:
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        data = read_bounded(path, MAX_TEMPLATE_BYTES, regular_only=True)
    except FileNotFoundError:
        raise _fail(path, "filen finns inte; ange sökvägen till en Word-fil (.docx).") from None
    except IsADirectoryError:
        raise _fail(path, "är en mapp; ange sökvägen till en Word-fil (.docx).") from None
    except NotRegularFile:
        if path.is_dir():
            raise _fail(path, "är en mapp; ange sökvägen till en Word-fil (.docx).") from None
        raise _fail(path, "är ingen vanlig fil (utan t.ex. en enhet eller en namngiven rörledning); ange "
                          "sökvägen till en Word-fil (.docx).") from None
    except TooLarge:
        raise _fail(path, f"filen är större än {MAX_TEMPLATE_BYTES // 1_000_000} MB, för stor för att vara en "
                          "Word-mall; ange en mindre mall.") from None
    except OSError:
        raise _fail(path, "filen kan inte läsas; kontrollera att du har behörighet att läsa den.") from None
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise _fail(path, "filen är inte en Word-fil (.docx); spara mallen som Word-dokument "
                          "och försök igen.") from None
    return template


def _paragraph_texts(template: DocxTemplate) -> list[str]:
    """The text of every paragraph in the body, tables, headers and footers."""
    from docx.oxml.ns import qn

    roots = [template.docx.element.body]
    for section in template.docx.sections:
        roots += [section.header._element, section.footer._element]
    return ["".join(p.itertext()) for root in roots for p in root.iter(qn("w:p"))]


def _unbalanced(texts: list[str]) -> list[str]:
    """Paragraphs where a {{ or {% is not closed in the same paragraph (Word may not show it, jinja misreads it)."""
    return [t for t in texts if t.count("{{") != t.count("}}") or t.count("{%") != t.count("%}")]


def check_template(path: str | Path | None = None, kind: DocumentKind = "memo",
                   sections: tuple[str, ...] | None = None) -> DocxTemplate:
    """Open the template and check its placeholders; raise TemplateError in Swedish if it cannot be used.

    A template that places sections by id must place every one of ``sections``
    (by default all a tjänsteskrivelse can have); one with the loop places all.
    """
    import jinja2

    where = template_path(path, kind)
    template = _open(where)
    texts = _paragraph_texts(template)
    if broken := _unbalanced(texts):
        raise _fail(where, "en platshållare är felskriven: varje {{ måste stängas med }} och varje {% med %} "
                           f"i samma stycke. Se stycket: ”{broken[0][:80]}”.")
    try:
        variables = template.get_undeclared_template_variables()
    except jinja2.TemplateSyntaxError as exc:
        raise _fail(where, "en platshållare är felskriven: varje {{ måste stängas med }} och varje {% med %}, "
                           f"och for/if måste avslutas (tekniskt fel: {exc.message}).") from None
    unknown = sorted(variables - TEMPLATE_VARIABLES)
    if unknown:
        raise _fail(where, f"mallen använder platshållare som IOP-stöd inte känner till: {', '.join(unknown)}. "
                           f"Tillåtna är: {', '.join(sorted(TEMPLATE_VARIABLES))}.")
    if not variables & {"sections", "section"}:
        raise _fail(where, f"mallen saknar platshållarna för innehållet ({CONTENT_HINT}, eller "
                           "{{ section.<id>.title }} och {{p section.<id>.body }} för varje avsnitt); "
                           "utan dem blir dokumentet tomt.")
    if not any(_BODY_WITH_P.search(t) for t in texts):
        raise _fail(where, f"mallen saknar {{{{p s.body }}}}, som infogar innehållet i varje avsnitt ({CONTENT_HINT}).")
    if any(_BODY_WITHOUT_P.search(t) for t in texts):
        raise _fail(where, "innehållet ska infogas med {{p s.body }} (med p) i ett eget stycke.")
    if not any(_LOOP.search(t) for t in texts):
        placed = {match for t in texts for match in _PLACED.findall(t)}
        wanted = sections if sections is not None else (MEMO_SECTIONS if kind == "memo" else ())
        if missing := [s for s in wanted if s not in placed]:
            raise _fail(where, "mallen placerar inte avsnitten " + ", ".join(missing) + "; lägg till "
                               + " och ".join(f"{{{{p section.{s}.body }}}}" for s in missing)
                               + " (med rubriken {{ section.<id>.title }}), annars kommer de inte med.")
    return template


STYLE_NAMES = ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid", "Tabelltext", "Underskrift")


def _style_ids(template: DocxTemplate) -> dict[str, str | None]:
    """Style name -> the template's style id, or None when a foreign template lacks the style.

    Looked up once per document: python-docx resolves a style name by scanning
    every style, which done per paragraph was a third of the rendering time.
    """
    ids: dict[str, str | None] = {}
    for name in STYLE_NAMES:
        try:
            ids[name] = template.docx.styles[name].style_id
        except KeyError:
            ids[name] = None
    return ids


def _paragraph(sub: Subdoc, text: str, style_id: str | None = None) -> None:
    paragraph = sub.add_paragraph(printable(text))
    if style_id:
        paragraph._p.style = style_id


def _repeat_header(table: DocxTable, caption: str) -> None:
    """Mark the first row as the header (repeated on each page, read as such), shade it, caption the table."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    row_properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)
    for cell in table.rows[0].cells:
        shading = OxmlElement("w:shd")
        for attribute, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "E2E8F0")):
            shading.set(qn(attribute), value)
        cell._tc.get_or_add_tcPr().append(shading)
    caption_element = OxmlElement("w:tblCaption")
    caption_element.set(qn("w:val"), printable(caption))
    table._tbl.tblPr.append(caption_element)


def _add_table(styles: dict[str, str | None], sub: Subdoc, block: Table, caption: str) -> None:
    table = sub.add_table(rows=1 + len(block.rows), cols=len(block.header))
    if styles["Table Grid"]:
        table._tbl.tblPr.style = styles["Table Grid"]
    for index, (row, values) in enumerate(zip(table.rows, [block.header, *block.rows], strict=True)):
        for cell, value in zip(row.cells, values, strict=False):
            paragraph = cell.paragraphs[0]
            if styles["Tabelltext"]:
                paragraph._p.style = styles["Tabelltext"]
            paragraph.add_run(printable(value)).bold = index == 0
    _repeat_header(table, caption)


def _add_block(styles: dict[str, str | None], sub: Subdoc, block: Block, section: Section) -> None:
    if isinstance(block, Heading):
        _paragraph(sub, block.text, styles[f"Heading {min(max(block.level - 1, 1), 3)}"])
    elif isinstance(block, Paragraph):
        _paragraph(sub, block.text)
    elif isinstance(block, Bullets):
        bullet = styles["List Bullet"]
        for item in block.items:
            _paragraph(sub, item if bullet else f"• {item}", bullet)
    elif isinstance(block, Table):
        _add_table(styles, sub, block, section.title)
    elif isinstance(block, Signatures):
        _add_signatures(styles, sub, block)


SIGNATURE_LINE = "…………………………………………"
"""Where a signer not yet named signs by hand."""


def _add_signatures(styles: dict[str, str | None], sub: Subdoc, block: Signatures) -> None:
    """Signers side by side in a borderless table: the name (or a line to sign on) above the role."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = sub.add_table(rows=2, cols=len(block.signers))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table._tbl.tblPr.append(borders)
    for column, (name, role) in enumerate(block.signers):
        for row, text, italic in ((0, name or SIGNATURE_LINE, False), (1, role, True)):
            paragraph = table.rows[row].cells[column].paragraphs[0]
            if styles["Underskrift"]:
                paragraph._p.style = styles["Underskrift"]
            paragraph.add_run(printable(text)).italic = italic


class _SectionBody:
    """A section's content as WordprocessingML, inserted by ``{{p s.body }}`` like a docxtpl Subdoc.

    All sections are built in one subdocument and cut apart here: opening a
    subdocument loads python-docx's default package, which done per section
    was most of the rendering time.
    """

    def __init__(self, xml: str) -> None:
        self.xml = xml

    def __html__(self) -> str:  # autoescape passes it through as markup, as it does a Subdoc
        return self.xml

    __str__ = __html__


def _sections_context(template: DocxTemplate, styles: dict[str, str | None],
                      sections: list[Section]) -> list[dict[str, Any]]:
    from lxml import etree

    sub = template.new_subdoc()
    body = sub.subdocx.element.body
    out = []
    for section in sections:
        start = len(body) - 1  # python-docx adds content before the body's final sectPr
        for block in section.blocks:
            _add_block(styles, sub, block, section)
        xml = "".join(etree.tostring(element, encoding="unicode") for element in body[start:len(body) - 1])
        out.append({"id": section.id, "title": printable(section.title), "body": _SectionBody(xml)})
    return out


def render_docx(outline: Outline, template: str | Path | None = None) -> bytes:
    """The outline as a .docx, in ``template`` (see ``template_path``)."""
    import jinja2

    where = template_path(template, outline.kind)
    tpl = check_template(where, outline.kind, tuple(s.id for s in outline.sections))
    context: dict[str, Any] = {name: printable(outline.fields.get(name, "")) for name in FIELD_VARIABLES}
    context["title"] = printable(outline.fields.get("title", outline.title).replace("\n", " "))
    styles = _style_ids(tpl)
    context["sections"] = _sections_context(tpl, styles, outline.sections)
    context["section"] = {s["id"]: s for s in context["sections"]}
    try:
        tpl.render(context, autoescape=True)
    except (jinja2.TemplateError, TypeError, AttributeError) as exc:
        raise _fail(where, f"mallen kunde inte fyllas i; kontrollera platshållarna (tekniskt fel: {exc}).") from None
    properties = tpl.docx.core_properties
    properties.title = printable(f"{context['document_kind'] or 'Dokument'}: {context['title']}")[:250]
    properties.language = LANGUAGE
    properties.subject = printable(context["subject"] or context["title"])[:250]
    properties.author = printable(context["officer"] or context["sender"] or "IOP-stöd")[:250]
    properties.keywords = printable(document_keywords(outline.fields))[:250]
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def document_keywords(fields: dict[str, str]) -> str:
    """What a diarium or e-arkiv can search the document by: its kind, the recommendation, the Dnr."""
    parts = [fields.get("document_kind", ""), "IOP-stöd", "idéburet offentligt partnerskap",
             fields.get("recommendation", ""), f"Dnr {fields['diarienummer']}" if fields.get("diarienummer") else ""]
    return ", ".join(p for p in parts if p)
