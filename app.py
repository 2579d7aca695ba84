"""IOP-stöd: the Streamlit entry point. A router only; pages live in app_pages/."""

from __future__ import annotations

import logging
import os

import streamlit as st

from app_pages.parts import records_session, session, statement_link, swedish_chrome, unsent_edits
from iop.io import configure_event_log

st.set_page_config(page_title="IOP-stöd", page_icon=":material/handshake:", layout="wide")
# JSON event lines (saves, status changes, exports, logins, refusals) per IOP_LOG_LEVEL and IOP_LOG_FILE;
# Streamlit's own logging is left as it is. Set up once per process (a no-op on later runs).
configure_event_log()

PAGES = [
    st.Page("app_pages/start.py", title="Start", icon=":material/home:", default=True),
    st.Page("app_pages/case.py", title="Ärendet", icon=":material/description:", url_path="arendet"),
    st.Page("app_pages/criteria.py", title="Kriterierna", icon=":material/checklist:", url_path="kriterierna"),
    st.Page("app_pages/spectrum.py", title="Bidrag, IOP eller upphandling", icon=":material/linear_scale:",
            url_path="bidrag-iop-upphandling"),
    st.Page("app_pages/recommendation.py", title="Rekommendation", icon=":material/gavel:",
            url_path="rekommendation"),
    st.Page("app_pages/export.py", title="Exportera", icon=":material/download:", url_path="exportera"),
    st.Page("app_pages/cases.py", title="Ärenden", icon=":material/folder_open:", url_path="arenden"),
    st.Page("app_pages/portfolio.py", title="Översikt", icon=":material/monitoring:", url_path="oversikt"),
    st.Page("app_pages/case_record.py", title="Status och historik", icon=":material/history:",
            url_path="status-och-historik"),
    st.Page("app_pages/workshop.py", title="Workshop", icon=":material/groups:", url_path="workshop"),
    st.Page("app_pages/workshop_join.py", title="Delta i workshop", icon=":material/how_to_vote:", url_path="delta"),
    # DOS-lagen: the accessibility statement, in the menu and (statement_link.footer) under every page
    st.Page(statement_link.PAGE, title=statement_link.TITLE, icon=statement_link.ICON,
            url_path=statement_link.URL_PATH),
]

# Streamlit draws captions in a light grey at 60 % opacity (under 3:1 on white);
# WCAG 2.1 AA asks for 4.5:1, so captions get a darker grey at full opacity.
st.html("<style>[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] p "
        "{ color: #4b5563 !important; opacity: 1 !important; }</style>")

# lang="sv" and Streamlit's own strings in Swedish (WCAG 3.1.1); "leave the page?" while typed text is unsent
swedish_chrome.install(also=unsent_edits.SCRIPT)
navigation = st.navigation(PAGES)
records = records_session.before_page()
session.sidebar(locked=records_session.locked())
records_session.draw(records)
try:
    navigation.run()
except Exception as exc:  # a page must never show a traceback or lose the case
    # The test suite sets IOP_PAGE_ERRORS=raise, so a broken page fails its AppTest (at.exception)
    # instead of hiding behind the friendly message below; a user never sees a traceback.
    if type(exc).__name__ in session.STREAMLIT_CONTROL_FLOW or os.environ.get("IOP_PAGE_ERRORS") == "raise":
        raise
    logging.getLogger("iop").exception("page failed")
    st.error(
        "Något gick fel när sidan visades. Ditt ärende och dina svar finns kvar. "
        "Prova att gå till en annan sida och tillbaka; kvarstår felet, exportera ärendet "
        "under Exportera och kontakta förvaltningen som ansvarar för verktyget."
    )
statement_link.footer()
records_session.after_page(records)
