"""Slides and pages in the stored source documents, so a quote can be cited as "bild 33" and checked.

The documents under ``criteria/sources/`` are plain text extracted from PDFs,
without page-break characters. The extraction marks where a PDF page begins in
one of two ways, both seen in every paginated document there:

* the page's first line starts with a single space followed by text
  (``" Nytt system"``), or
* the page's first text follows a run of at least three empty lines (a page
  whose first element is a picture or a text box, e.g. 003's "Ungdomsbussen").

Pages are numbered from 1 in the PDF's order, which is what "bild 33" and
"sida 5" mean to a reader opening the PDF. Numbers printed on the slides can
differ (003 prints "23" on its PDF page 27); the tool cites the PDF's page.

Only documents whose page starts were checked by reading them are paginated
(:data:`PAGE_WORDS`); in the others (the Stockholm agreement's PDF text indents
headings the same way) a page number would be a guess, so none is given.
"""

from __future__ import annotations

import re

PAGE_WORDS = {
    "003_23375ff4cec2f418.txt": "bild",  # a presentation: slides
    "004_d3027143dea56030.txt": "sida",
}
"""Paginated source documents and what a reader calls one of their pages."""

_PAGE_START = re.compile(r"^ \S")


def split_pages(text: str) -> list[str]:
    """The document's pages (slides) in order; page n is ``split_pages(text)[n - 1]``."""
    pages: list[str] = []
    current: list[str] = []
    empty_run = 0
    break_pending = False  # three empty lines in a row: the next line with text starts a page
    for line in text.split("\n"):
        has_text = line.strip() != ""
        starts_page = bool(_PAGE_START.match(line)) or (break_pending and has_text)
        if starts_page and any(part.strip() for part in current):
            pages.append("\n".join(current))
            current = []
        current.append(line)
        empty_run = empty_run + 1 if line == "" else 0
        break_pending = (break_pending or empty_run >= 3) and not has_text
    if any(part.strip() for part in current):
        pages.append("\n".join(current))
    return pages


def normalise_for_quote(text: str) -> str:
    """Text as compared with a quote: the extraction's hyphenation, bullets, quote marks and spacing removed."""
    text = text.replace("\uf0b7", " ").replace("”", "").replace('"', "")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return text.strip().casefold()


def quote_parts(quote: str) -> list[str]:
    """The pieces of a quote that must stand in the document ("…" marks an omission)."""
    return [normalise_for_quote(part) for part in quote.split("…") if normalise_for_quote(part)]


def pages_with_quote(text: str, quote: str) -> list[int]:
    """The page (from 1) holding the whole quote, else the pages its parts stand on in quote order."""
    pages = [normalise_for_quote(p) for p in split_pages(text)]
    parts = quote_parts(quote)
    for n, page in enumerate(pages, start=1):  # a page holding the whole quote is where it stands
        if parts and all(part in page for part in parts):
            return [n]
    found: list[int] = []
    for part in parts:
        hits = [n for n, page in enumerate(pages, start=1) if part in page]
        if not hits:  # a part broken across a page boundary: cite the page it starts on
            hits = [n for n in range(1, len(pages))
                    if part in f"{pages[n - 1]} {pages[n]}"]
        if hits and hits[0] not in found:
            found.append(hits[0])
    return found


def quote_stands_on(text: str, quote: str, first: int, last: int | None = None) -> bool:
    """True when the quote stands on pages ``first``..``last`` and that range is the one the quote occupies.

    A range wider than the quote (a page too early or too late) is wrong too:
    a reader sent to the wrong slide does not find the words.
    """
    pages = split_pages(text)
    last = last or first
    if not 1 <= first <= last <= len(pages):
        return False
    span = normalise_for_quote("\n".join(pages[first - 1:last]))
    if not all(part in span for part in quote_parts(quote)):
        return False
    located = pages_with_quote(text, quote)
    return bool(located) and min(located) == first and max(located) == last
