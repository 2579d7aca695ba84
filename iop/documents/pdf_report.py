"""The beslutsunderlag as a PDF for the record: HTML from the outline, printed by WeasyPrint.

The PDF is tagged (PDF/UA-1: headings, lists and tables are marked up for
screen readers), its language is Swedish and its title is the case's. The
text is set in DejaVu Sans, which has å, ä and ö and is embedded in the file.
The HTML template escapes every value (``autoescape``), so what a user typed
is printed as text; line breaks they typed are kept.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from iop.documents.outline import Block, Bullets, Heading, Outline, Paragraph, Table, printable

FONT_FAMILY = "DejaVu Sans"


def _lines(text: str) -> Markup:
    """Escape ``text`` and keep its line breaks as <br>."""
    return Markup("<br>").join(escape(part) for part in printable(text).split("\n"))


_STYLE = """
@page { size: A4; margin: 2.2cm 2.3cm 2.4cm;
  @top-left { content: string(letterhead); font-size: 8.5pt; color: #374151; }
  @bottom-left { content: string(doctitle); font-size: 8.5pt; color: #374151; }
  @bottom-right { content: "sida " counter(page) " av " counter(pages); font-size: 8.5pt; color: #374151; } }
@page :first { @top-left { content: none; } }
html { font-family: "DejaVu Sans", "Symbola", sans-serif; font-size: 9.5pt; line-height: 1.4; color: #111827;
  font-variant-ligatures: none; }
body { overflow-wrap: break-word; }
.letterhead { string-set: letterhead content(); font-size: 9pt; color: #374151; margin: 0 0 1.2em;
  border-bottom: 1px solid #cbd5e1; padding-bottom: 0.3em; }
.kind { font-size: 10pt; color: #374151; margin: 0; text-transform: uppercase; letter-spacing: 0.04em; }
h1 { font-size: 19pt; color: #1f3a5f; margin: 0.1em 0 0.6em; string-set: doctitle content(); }
h2 { font-size: 13pt; color: #1f3a5f; margin: 1.3em 0 0.4em; border-bottom: 1px solid #cbd5e1;
  padding-bottom: 0.15em; break-after: avoid; }
h3 { font-size: 10.5pt; color: #1f3a5f; margin: 1em 0 0.3em; break-after: avoid; }
p { margin: 0.3em 0; }
ul { margin: 0.2em 0 0.5em; padding-left: 1.3em; }
li { margin: 0.15em 0; }
/* Fixed layout: column widths are not measured from the text, which keeps rendering fast for long answers. */
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.7em; table-layout: fixed; }
th:first-child { width: 34%; }
th, td { border: 1px solid #94a3b8; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
th { background: #e2e8f0; }
tr { break-inside: avoid; }
"""

def _finalize(value: object) -> object:
    return value if isinstance(value, Markup) else printable(str(value))


if TYPE_CHECKING:
    import jinja2

_HTML = """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>{{ kind }}: {{ title }}</title>
<meta name="author" content="{{ author }}"><meta name="description" content="{{ kind }}: {{ title }}">
<style>{{ style }}</style></head>
<body>
<header><p class="letterhead">{{ letterhead }}</p><p class="kind">{{ kind }}</p><h1>{{ lines(title) }}</h1></header>
{% for section in sections %}<section aria-labelledby="s-{{ loop.index }}">
<h2 id="s-{{ loop.index }}">{{ section.title }}</h2>
{% for block in section.blocks %}{% if block_kind(block) == "heading" %}<h3>{{ lines(block.text) }}</h3>
{% elif block_kind(block) == "paragraph" %}<p>{{ lines(block.text) }}</p>
{% elif block_kind(block) == "bullets" %}<ul>{% for item in block.items %}<li>{{ lines(item) }}</li>{% endfor %}</ul>
{% else %}<table><thead><tr>{% for h in block.header %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in block.rows %}<tr>{% for c in row %}<td>{{ lines(c) }}</td>{% endfor %}</tr>{% endfor %}
</tbody></table>
{% endif %}{% endfor %}</section>
{% endfor %}</body></html>
"""


@cache
def _html_template() -> jinja2.Template:
    """Compiled on first use, so importing iop does not load jinja2."""
    import jinja2

    return jinja2.Environment(autoescape=True, finalize=_finalize).from_string(_HTML)

_KIND = {Heading: "heading", Paragraph: "paragraph", Bullets: "bullets", Table: "table"}


def _kind(block: Block) -> str:
    return _KIND[type(block)]


def to_html(outline: Outline) -> str:
    """The outline as one self-contained, escaped HTML page (what the PDF is printed from)."""
    fields = outline.fields
    dnr = f"Dnr {fields['diarienummer']}" if fields.get("diarienummer") else ""
    letterhead = " · ".join(v for v in (fields.get("public_party", ""), fields.get("committee", ""), dnr) if v)
    return _html_template().render(
        kind=fields.get("document_kind", "Beslutsunderlag"), title=outline.title, author="IOP-stöd",
        letterhead=letterhead,
        sections=outline.sections, lines=_lines, block_kind=_kind, style=Markup(_STYLE),
    )


def render_pdf(outline: Outline) -> bytes:
    """The outline as a tagged PDF (PDF/UA-1) in Swedish."""
    from weasyprint import HTML  # imported here: loading pango takes a moment the other formats need not pay

    pdf: bytes = HTML(string=to_html(outline)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
