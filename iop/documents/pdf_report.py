"""The tjänsteskrivelse (and other documents) as an archival PDF: HTML from the outline, printed by WeasyPrint.

The PDF is PDF/A-2a (ISO 19005-2, level A: tagged, Unicode text) and declares
PDF/UA-1 (ISO 14289-1) as well: headings, lists and tables are marked up for
screen readers, the language is Swedish and the title is shown in the window.
Its XMP metadata carries the title, the author (the handläggare or the sender),
the subject (the ärendemening), keywords, the language (dc:language sv), the
creation time in Swedish time with its offset, and the PDF/A and PDF/UA
identifications; the pdfuaid schema is declared as a PDF/A extension schema,
since PDF/A-2 knows only its predefined schemas. Every font is embedded
(DejaVu Sans, with Symbola for emoji).

The HTML comes from Jinja templates in ``templates/pdf/``: ``tjansteskrivelse.html``
places each section of the tjänsteskrivelse by id (the structure lives in the
template, as in the Word template), ``dokument.html`` takes any other outline's
sections in order and carries only its sender's name. Every value is escaped
(``autoescape``), so what a user typed is printed as text; line breaks they
typed are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from iop.documents.docx_report import SIGNATURE_LINE, TEMPLATES, document_keywords
from iop.documents.outline import Block, Bullets, Heading, Outline, Paragraph, Signatures, Table, printable

if TYPE_CHECKING:
    import jinja2

PDF_VARIANT = "pdf/a-2a"
FONT_FAMILY = "DejaVu Sans"
LANGUAGE = "sv"
SWEDISH_TIME = ZoneInfo("Europe/Stockholm")
HTML_TEMPLATES = {"memo": "pdf/tjansteskrivelse.html", "generic": "pdf/dokument.html"}


def _lines(text: str) -> Markup:
    """Escape ``text`` and keep its line breaks as <br>."""
    return Markup("<br>").join(escape(part) for part in printable(text).split("\n"))


def _finalize(value: object) -> object:
    return value if isinstance(value, Markup) else printable(str(value))


@cache
def _environment() -> jinja2.Environment:
    """Loaded on first use, so importing iop does not load jinja2."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=_finalize,
                              undefined=jinja2.ChainableUndefined)


_KIND = {Heading: "heading", Paragraph: "paragraph", Bullets: "bullets", Table: "table", Signatures: "signatures"}


def _kind(block: Block) -> str:
    return _KIND[type(block)]


def swedish_now() -> dt.datetime:
    """Now in Swedish time (CET or CEST), to the second."""
    return dt.datetime.now(SWEDISH_TIME).replace(microsecond=0)


def _author(outline: Outline) -> str:
    return outline.fields.get("officer") or outline.fields.get("sender") or "IOP-stöd"


def to_html(outline: Outline, created: dt.datetime | None = None) -> str:
    """The outline as one self-contained, escaped HTML page (what the PDF is printed from)."""
    fields = {**outline.fields, "document_kind": outline.fields.get("document_kind") or "Dokument"}
    when = (created or swedish_now()).astimezone(SWEDISH_TIME).replace(microsecond=0)
    subject = fields.get("subject") or f"{fields['document_kind']}: {outline.title}"
    return _environment().get_template(HTML_TEMPLATES[outline.kind]).render(
        fields=fields, title=outline.title, author=_author(outline), subject=subject,
        keywords=document_keywords(fields), created=when.isoformat(),
        sections=outline.sections, section={s.id: s for s in outline.sections},
        lines=_lines, block_kind=_kind, signature_line=SIGNATURE_LINE,
    )


_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def archival_rdf(rdf_xml: bytes, language: str = LANGUAGE) -> bytes:
    """WeasyPrint's XMP RDF with what an archive and a screen reader also need.

    Adds dc:language, the PDF/UA-1 identification (pdfuaid:part 1) and, because
    PDF/A-2 allows only its predefined XMP schemas, the PDF/A extension schema
    that declares pdfuaid (ISO 19005-2, 6.6.2.3).
    """
    from lxml import etree

    def q(prefix: str, name: str) -> str:
        return f"{{{_NS[prefix]}}}{name}"

    rdf = etree.fromstring(rdf_xml)
    ua = etree.SubElement(rdf, q("rdf", "Description"), nsmap={"pdfuaid": _NS["pdfuaid"]})
    ua.set(q("rdf", "about"), "")
    ua.set(q("pdfuaid", "part"), "1")
    language_description = etree.SubElement(rdf, q("rdf", "Description"), nsmap={"dc": _NS["dc"]})
    language_description.set(q("rdf", "about"), "")
    bag = etree.SubElement(etree.SubElement(language_description, q("dc", "language")), q("rdf", "Bag"))
    etree.SubElement(bag, q("rdf", "li")).text = language
    extension = etree.SubElement(rdf, q("rdf", "Description"), nsmap={
        p: _NS[p] for p in ("pdfaExtension", "pdfaSchema", "pdfaProperty")})
    extension.set(q("rdf", "about"), "")
    schemas = etree.SubElement(etree.SubElement(extension, q("pdfaExtension", "schemas")), q("rdf", "Bag"))
    schema = etree.SubElement(schemas, q("rdf", "li"))
    schema.set(q("rdf", "parseType"), "Resource")
    for name, value in (("schema", "PDF/UA Universal Accessibility Schema"), ("namespaceURI", _NS["pdfuaid"]),
                        ("prefix", "pdfuaid")):
        etree.SubElement(schema, q("pdfaSchema", name)).text = value
    properties = etree.SubElement(etree.SubElement(schema, q("pdfaSchema", "property")), q("rdf", "Seq"))
    part = etree.SubElement(properties, q("rdf", "li"))
    part.set(q("rdf", "parseType"), "Resource")
    for name, value in (("name", "part"), ("valueType", "Integer"), ("category", "internal"),
                        ("description", "Indicates, which part of ISO 14289 standard is followed")):
        etree.SubElement(part, q("pdfaProperty", name)).text = value
    return bytes(etree.tostring(rdf, encoding="utf-8"))


@cache
def _archival_metadata_class() -> type:
    """WeasyPrint's DocumentMetadata writing the archival XMP (made on first use: weasyprint loads pango)."""
    from weasyprint.pdf.metadata import DocumentMetadata

    class ArchivalMetadata(DocumentMetadata):  # type: ignore[misc]
        def generate_rdf_metadata(self, variant: Any, version: Any, conformance: Any) -> bytes:
            return archival_rdf(super().generate_rdf_metadata(variant, version, conformance),
                                self.lang or LANGUAGE)

    return ArchivalMetadata


def render_html_pdf(html: str, variant: str = PDF_VARIANT, attachments: Sequence[Any] = ()) -> bytes:
    """``html`` printed as PDF/A-2a with PDF/UA-1 and the archival XMP (see the module docstring).

    ``attachments`` (WeasyPrint ``Attachment``s) need PDF/A-3 (``variant="pdf/a-3a"``): PDF/A-2 embeds
    only PDF/A files.
    """
    from weasyprint import HTML  # imported here: loading pango takes a moment the other formats need not pay

    document = HTML(string=html).render()
    archival = _archival_metadata_class()()
    archival.__dict__.update(document.metadata.__dict__)
    document.metadata = archival
    pdf: bytes = document.write_pdf(pdf_variant=variant, attachments=list(attachments))
    return pdf


def render_pdf(outline: Outline, created: dt.datetime | None = None) -> bytes:
    """The outline as an archival PDF (PDF/A-2a and PDF/UA-1) in Swedish; ``created`` defaults to now."""
    return render_html_pdf(to_html(outline, created))
