"""The beslutsunderlag as a Word document, rendered into an editable docxtpl template.

The template (``templates/beslutsunderlag.docx`` unless the caller or the
environment variable ``IOP_DOCX_TEMPLATE`` names another) holds the letterhead,
fixed wording and styles; each section of the outline goes in as a subdocument
built with python-docx, with real heading styles and tables whose header row
repeats. The template is rendered with ``autoescape=True`` and the user's text
only ever enters as data (python-docx runs or escaped values), so ``&``, ``<``
or ``{{ }}`` typed by a user can neither break the file nor run as template code.

A template that is not a Word file, has a broken placeholder, uses a variable
this module does not provide, or lacks the content placeholder raises
``TemplateError`` with a Swedish message; the checks run before anything is written.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iop.documents.outline import Block, Bullets, Heading, Outline, Paragraph, Section, Table, printable
from iop.io.errors import Problem, TemplateError

if TYPE_CHECKING:
    from docx.table import Table as DocxTable
    from docxtpl import DocxTemplate
    from docxtpl.subdoc import Subdoc

# python-docx, docxtpl, lxml and jinja2 are imported inside the functions that use them:
# loading them takes a noticeable part of a second, which `import iop` (the CLI's
# assess, the app's first paint) should not pay for a document it may never write.

TEMPLATE_ENV = "IOP_DOCX_TEMPLATE"
DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "beslutsunderlag.docx"
LANGUAGE = "sv-SE"

FIELD_VARIABLES = frozenset({
    "document_kind", "title", "diarienummer", "date", "public_party", "committee", "organisation",
    "status", "assessed_by", "assessed_at", "recommendation", "criteria_set",
})
"""The short values a template may place anywhere (see ``decision_document._fields``)."""

TEMPLATE_VARIABLES = FIELD_VARIABLES | {"sections"}
"""Every variable a template may use; ``sections`` is a list of {id, title, body}."""

CONTENT_HINT = "{%p for s in sections %}, {{ s.title }}, {{p s.body }} och {%p endfor %}"

_BODY_WITHOUT_P = re.compile(r"\{\{(?!p)[^}]*\.body\b")
_BODY_WITH_P = re.compile(r"\{\{p\s+\w+\.body\s*\}\}")


def template_path(explicit: str | Path | None = None) -> Path:
    """The template to use: the one given, else $IOP_DOCX_TEMPLATE, else the shipped one."""
    chosen = explicit or os.environ.get(TEMPLATE_ENV) or DEFAULT_TEMPLATE
    return Path(chosen)


def _fail(path: Path, message: str) -> TemplateError:
    return TemplateError([Problem(str(path), "Word-mall", message)])


def _open(path: Path) -> DocxTemplate:
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from lxml import etree

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "filen finns inte; ange sökvägen till en Word-fil (.docx).") from None
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


def check_template(path: str | Path | None = None) -> DocxTemplate:
    """Open the template and check its placeholders; raise TemplateError in Swedish if it cannot be used."""
    import jinja2

    where = template_path(path)
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
    if "sections" not in variables:
        raise _fail(where, f"mallen saknar platshållarna för innehållet ({CONTENT_HINT}); "
                           "utan dem blir beslutsunderlaget tomt.")
    if not any(_BODY_WITH_P.search(t) for t in texts):
        raise _fail(where, f"mallen saknar {{{{p s.body }}}}, som infogar innehållet i varje avsnitt ({CONTENT_HINT}).")
    if any(_BODY_WITHOUT_P.search(t) for t in texts):
        raise _fail(where, "innehållet ska infogas med {{p s.body }} (med p) i ett eget stycke.")
    return template


STYLE_NAMES = ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "Table Grid", "Tabelltext")


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

    where = template_path(template)
    tpl = check_template(where)
    context: dict[str, Any] = {name: printable(outline.fields.get(name, "")) for name in FIELD_VARIABLES}
    context["title"] = printable(outline.fields.get("title", outline.title).replace("\n", " "))
    styles = _style_ids(tpl)
    context["sections"] = _sections_context(tpl, styles, outline.sections)
    try:
        tpl.render(context, autoescape=True)
    except (jinja2.TemplateError, TypeError, AttributeError) as exc:
        raise _fail(where, f"mallen kunde inte fyllas i; kontrollera platshållarna (tekniskt fel: {exc}).") from None
    properties = tpl.docx.core_properties
    properties.title = printable(f"{context['document_kind'] or 'Beslutsunderlag'}: {context['title']}")[:250]
    properties.language = LANGUAGE
    properties.subject = "Beslutsunderlag om bidrag, IOP eller upphandling"
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
