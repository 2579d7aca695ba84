"""Reopen written Word and PDF files the way a reader's software would, for the tests."""

from __future__ import annotations

import io
import re

import docx
import pypdf
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph


def squash(text: str) -> str:
    """Text without any whitespace: PDF lines wrap anywhere, so compare the characters only."""
    return re.sub(r"\s+", "", text)


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_body(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) for every paragraph and table cell of the body, in reading order."""
    out: list[tuple[str, str]] = []
    for item in open_docx(data).iter_inner_content():
        if isinstance(item, DocxParagraph):
            out.append((item.style.name if item.style is not None else "", item.text))
        elif isinstance(item, DocxTable):
            for row in item.rows:
                out.extend(("table", cell.text) for cell in row.cells)
    return out


def docx_sections(data: bytes) -> dict[str, str]:
    """Heading 1 text -> all text under it up to the next Heading 1."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for style, text in docx_body(data):
        if style == "Heading 1":
            current = sections.setdefault(text, [])
        elif current is not None:
            current.append(text)
    return {title: "\n".join(lines) for title, lines in sections.items()}


def docx_tables(data: bytes) -> list[DocxTable]:
    return list(open_docx(data).tables)


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages)
