"""Översikt's exports: the figures as Excel and CSV, the Word annex with the charts, a chart as a picture.
Layout only: the files and the lines they begin with are ``iop.portfolio``'s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from iop.portfolio import (
    CSV_MIME,
    DOCX_MIME,
    XLSX_MIME,
    PortfolioFilter,
    View,
    annex_bytes,
    chart_png,
    chart_svg,
    csv_bytes,
    excel_bytes,
    export_about,
    pictures,
)

KEY = "portfolio:"


def draw(view: View, tables: Mapping[str, pd.DataFrame], chosen: PortfolioFilter, set_titles: Mapping[str, str],
         who: str, measure: str) -> None:
    st.header("Exportera")
    lines = export_about(chosen, set_titles, who, dt.datetime.now(dt.UTC))
    excel_col, word_col = st.columns(2)
    excel_col.download_button("Ladda ner siffrorna som Excel", lambda: excel_bytes(tables, lines),
                              file_name="oversikt.xlsx", mime=XLSX_MIME, icon=":material/table_view:",
                              help="En flik per tabell, och en första flik om urvalet.")
    word_col.download_button("Ladda ner Word-bilaga med diagrammen", lambda: annex_bytes(view, tables, lines),
                             file_name="oversikt-bilaga.docx", mime=DOCX_MIME, icon=":material/description:",
                             help="Diagrammen som bilder med beskrivande text och tabellerna, för en tjänsteskrivelse.")
    csv_col, csv_button = st.columns([3, 1], vertical_alignment="bottom")
    csv_name = csv_col.selectbox("Tabell som CSV", list(tables), key=KEY + "csv")
    csv_button.download_button("Ladda ner CSV", lambda: csv_bytes(tables[csv_name]), file_name="oversikt.csv",
                               mime=CSV_MIME, icon=":material/download:")
    charts = pictures(view, measure).charts
    picture_col, png_col, svg_col = st.columns([2, 1, 1], vertical_alignment="bottom")
    picture = picture_col.selectbox("Diagram som bild", list(charts), key=KEY + "picture")
    png_col.download_button("Ladda ner PNG", lambda: chart_png(charts[picture]()),
                            file_name="diagram.png", mime="image/png", icon=":material/image:")
    svg_col.download_button("Ladda ner SVG", lambda: chart_svg(charts[picture]()),
                            file_name="diagram.svg", mime="image/svg+xml", icon=":material/image:")
