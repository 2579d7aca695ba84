"""The exports reopened: CSV with pandas, the workbook with openpyxl and pandas, the Word annex with
python-docx, the charts as PNG and SVG; and the chart specifications themselves."""

from __future__ import annotations

import io
import json
import zipfile
from xml.etree import ElementTree

import docx
import openpyxl
import pandas as pd
import pytest

from iop.portfolio import (
    AnnexChart,
    PortfolioFilter,
    aggregate,
    all_tables,
    breakdown_chart,
    chart_png,
    chart_svg,
    csv_bytes,
    excel_bytes,
    form_year_chart,
    form_year_summary,
    moves_chart,
    recommendation_chart,
    word_annex,
)
from iop.portfolio.todo import TodoItem
from iop.portfolio.trend import links_frame, moves
from tests.portfolio.fixtures import hand_counted
from tests.portfolio.test_filters_and_trend import LINKS, chain


@pytest.fixture(scope="module")
def portfolio():
    return aggregate(PortfolioFilter().apply(hand_counted()))


@pytest.fixture(scope="module")
def tables(portfolio):
    frame = chain()
    todo = [TodoItem("A", "follow_up", None, True, "Avstämning 2025-01-01, 31 dagar sedan")]
    return all_tables(portfolio, moves(frame, frame["id"], links_frame(LINKS)),
                      pd.DataFrame(columns=["org_key", "organisation", "org_number", "cases", "general_eur", "sgei_eur",
                                            "missing", "headroom_general_eur", "headroom_sgei_eur", "frees_next"]),
                      todo, {"companies_offer": "Finns det företag som erbjuder tjänsten?"}, {"A": "Ärende A"})


def test_csv_reopens_with_pandas_as_swedish_excel_reads_it(tables):
    data = csv_bytes(tables["Form per år"])
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, so Excel shows å, ä and ö
    back = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype={"År": str})
    assert list(back.columns) == list(tables["Form per år"].columns)
    assert back.loc[back["Form"] == "IOP", "Kommunens pengar, kr per år"].tolist() == [300_000]
    assert back["Antal ärenden"].sum() == 8


def test_the_workbook_reopens_with_every_table_and_what_was_selected(tables):
    about = ["Översikt över ärendena", PortfolioFilter(2023, 2025).describe()]
    data = excel_bytes(tables, about)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Om uttaget", *tables]
    assert [c.value for c in book["Om uttaget"]["A"]] == ["Om uttaget", *about]
    sheet = book["Form per år"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    amount_column = list(tables["Form per år"].columns).index("Kommunens pengar, kr per år") + 1
    assert sheet.cell(row=2, column=amount_column).number_format == "#,##0"
    for title, table in tables.items():
        back = pd.read_excel(io.BytesIO(data), sheet_name=title[:31], dtype={"År": str})
        assert list(back.columns) == list(table.columns), title
        assert len(back) == len(table), title
    blocking = pd.read_excel(io.BytesIO(data), sheet_name="Blockerande frågor")
    assert blocking.iloc[0].tolist() == ["Finns det företag som erbjuder tjänsten?", 2]


def test_the_charts_have_swedish_titles_no_action_menu_and_swedish_numbers(portfolio):
    frame = chain()
    charts = [form_year_chart(portfolio), form_year_chart(portfolio, "municipality_sek", share=True),
              breakdown_chart(portfolio.by_committee, "committee", "Nämnd"),
              recommendation_chart(portfolio), moves_chart(moves(frame, frame["id"], links_frame(LINKS)))]
    for chart in charts:
        spec = json.loads(chart.to_json())
        assert spec["usermeta"] == {"embedOptions": {"actions": False}}
        assert spec["config"]["aria"] is False  # Vega's English mark and axis descriptions off
        text = json.dumps(spec, ensure_ascii=False)
        assert "Antal" in text or "Andel" in text or "Kommunens" in text
        assert "labelExpr" in text
    spec = json.loads(form_year_chart(portfolio).to_json())
    assert spec["encoding"]["x"]["title"] == "År" and spec["encoding"]["color"]["title"] == "Form"


def test_png_and_svg_render_offline(portfolio):
    chart = form_year_chart(portfolio, title="Beslut per form och år")
    assert chart_png(chart, scale=1).startswith(b"\x89PNG\r\n\x1a\n")
    svg = ElementTree.fromstring(chart_svg(chart))
    text = " ".join(t for t in svg.itertext())
    assert "Beslut per form och år" in text and "År" in text and "2024" in text


def test_the_word_annex_reopens_with_pictures_alt_texts_summaries_and_tables(portfolio, tables):
    summary = form_year_summary(portfolio)
    annex = word_annex("Översikt över ärendena", ["Urval: alla år."], [
        AnnexChart("Beslut per form och år", form_year_chart(portfolio, title="Beslut per form och år"), summary,
                   tables["Form per år"]),
        AnnexChart("Per nämnd", breakdown_chart(portfolio.by_committee, "committee", "Nämnd", title="Per nämnd"),
                   "Två nämnder.", tables["Per nämnd"]),
    ])
    document = docx.Document(io.BytesIO(annex))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Översikt över ärendena" and "Urval: alla år." in texts and summary in texts
    assert len(document.inline_shapes) == 2
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert described == [summary, "Två nämnder."]
    assert len(document.tables) == 2
    assert [c.text for c in document.tables[0].rows[0].cells][:3] == ["År", "Form", "Antal ärenden"]
    assert document.tables[0].rows[1].cells[0].text == "2023"
    assert document.core_properties.language == "sv-SE"
    with zipfile.ZipFile(io.BytesIO(annex)) as package:
        assert sum(name.endswith(".png") for name in package.namelist()) == 2
        assert 'w:val="sv-SE"' in package.read("word/styles.xml").decode()
