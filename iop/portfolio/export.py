"""The portfolio's figures as files: CSV, an Excel workbook, each chart as PNG or SVG, and a Word annex.

CSV is written the way Swedish Excel opens it (semicolons, decimal comma, UTF-8
with a byte-order mark so å, ä and ö survive). The workbook is written by pandas
with openpyxl, one sheet per table and a first sheet saying what was selected and
how it was counted. Charts are rendered offline by vl-convert (Vega-Lite to PNG or
SVG without a browser or network). The Word annex (python-docx) holds each chart
as a picture whose alternative text is the chart's summary, the summary as text
and the figures as a table, so it can be read without seeing the pictures.

The libraries are imported inside the functions: only an export pays for them.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LANGUAGE = "sv-SE"
WORD_TABLE_ROWS = 30
"""Rows of a table printed in the Word annex; a longer table says the rest is in the workbook."""
NUMBER_FORMAT = "#,##0"
"""Excel's thousands grouping; Swedish Excel shows it with a space (1 234 567)."""


def csv_bytes(table: pd.DataFrame) -> bytes:
    """One table as CSV for Swedish Excel: ``;`` between fields, decimal comma, UTF-8 with BOM."""
    return table.to_csv(sep=";", index=False, decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def excel_bytes(tables: Mapping[str, pd.DataFrame], about: Sequence[str]) -> bytes:
    """Every table on its own sheet, after a sheet "Om uttaget" with ``about`` (one line per row)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        pd.DataFrame({"Om uttaget": list(about)}).to_excel(writer, sheet_name="Om uttaget", index=False)
        writer.sheets["Om uttaget"].column_dimensions["A"].width = 110
        for title, table in tables.items():
            name = title[:31]
            table.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for index, column in enumerate(table.columns, start=1):
                letter = get_column_letter(index)
                longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))])
                sheet.column_dimensions[letter].width = min(60, max(10, longest + 2))
                if pd.api.types.is_numeric_dtype(table[column].dtype) and not pd.api.types.is_bool_dtype(
                        table[column].dtype):
                    for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                        cell.number_format = NUMBER_FORMAT
        writer.book.properties.language = LANGUAGE
        writer.book.properties.title = "Översikt över ärendena"
    return out.getvalue()


def chart_png(chart: alt.Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG, rendered offline."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(chart.to_json(), scale=scale))


def chart_svg(chart: alt.Chart) -> str:
    """The chart as SVG, rendered offline."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(chart.to_json()))


@dataclass(frozen=True)
class AnnexChart:
    """One chart in the annex: its title, the chart, its summary in words and its figures."""

    title: str
    chart: alt.Chart
    summary: str
    table: pd.DataFrame


def _swedish(document: Any) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    properties = document.styles["Normal"].element.get_or_add_rPr()
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _table(document: Any, table: pd.DataFrame) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    shown = table.head(WORD_TABLE_ROWS)
    grid = document.add_table(rows=1, cols=len(shown.columns))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, shown.columns, strict=True):
        cell.text = str(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header = grid.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for values in shown.itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = _cell(value)
    if len(table) > WORD_TABLE_ROWS:
        document.add_paragraph(f"Tabellen visar de {WORD_TABLE_ROWS} första av {len(table)} raderna; "
                               "hela tabellen finns i Excel-filen.")


def _cell(value: Any) -> str:
    from iop.words.swedish import swedish_number

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return swedish_number(int(round(value)))
    return str(value)


def word_annex(heading: str, about: Sequence[str], charts: Sequence[AnnexChart]) -> bytes:
    """The annex: heading, what was selected, then per chart its picture (with alt text), summary and table."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    _swedish(document)
    document.core_properties.title = heading
    document.core_properties.subject = "Bilaga: översikt över kommunens ärenden om bidrag, IOP och upphandling"
    document.add_heading(heading, level=1)
    for line in about:
        document.add_paragraph(line)
    for item in charts:
        document.add_heading(item.title, level=2)
        picture = document.add_picture(io.BytesIO(chart_png(item.chart)), width=Cm(16))
        properties = picture._inline.docPr
        properties.set("descr", item.summary)
        properties.set("title", item.title)
        document.add_paragraph(item.summary)
        if len(item.table):
            _table(document, item.table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
