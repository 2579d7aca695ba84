"""IOP-stöd: the Streamlit entry point. A router only; pages live in app_pages/.

Before any page runs, ``iop.records.access.gate`` decides whether this person, from where
they are, may reach it: the network first (without login only this computer,
unless the settings open it), then the mode (organisation mode never reaches the
register), then the role. A refused page shows why, and a login button where
logging in could help; the page itself and the register behind it check again.
"""

from __future__ import annotations

import logging
import os
from typing import Literal

import streamlit as st

from app_pages.parts import login_errors, records_session, session, statement_link, swedish_chrome, unsent_edits
from iop.io import configure_event_log
from iop.records import OPEN_BANNER, Area, AuditKind, Network, gate, is_local_client, starts_as_organisation

st.set_page_config(page_title="IOP-stöd", page_icon=":material/handshake:", layout="wide")
# JSON event lines (saves, status changes, exports, logins, refusals) per IOP_LOG_LEVEL and IOP_LOG_FILE;
# Streamlit's own logging is left as it is. Set up once per process (a no-op on later runs).
configure_event_log()

# Streamlit draws captions in a light grey at 60 % opacity (under 3:1 on white);
# WCAG 2.1 AA asks for 4.5:1, so captions get a darker grey at full opacity.
st.html("<style>[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] p "
        "{ color: #4b5563 !important; opacity: 1 !important; }</style>")

# lang="sv" and Streamlit's own strings in Swedish (WCAG 3.1.1); "leave the page?" while typed text is unsent
swedish_chrome.install(also=unsent_edits.SCRIPT)
access = records_session.settings_or_stop()
if st.query_params.get(login_errors.FAILED_PARAM) == login_errors.FAILED_VALUE:  # the provider broke the login off
    del st.query_params[login_errors.FAILED_PARAM]
    st.error(login_errors.LOGIN_FAILED, icon=":material/no_accounts:")
# The web server reports a str (None for loopback); AppTest's stand-in client is no address at all.
address = st.context.ip_address if isinstance(st.context.ip_address, str) else None
local = is_local_client(address, dict(st.context.headers))
login = records_session.login_state(access)
if session.MODE_KEY not in st.session_state and starts_as_organisation(access, login,
                                                                      case_link="case" in st.query_params):
    st.session_state[session.MODE_KEY] = "organisation"  # no account or no role: the self-check is what there is
organisation = session.is_organisation()


def menu(area: Area) -> Literal["visible", "hidden"]:
    """In the menu only what this person may reach from here (a link typed in is still gated below)."""
    return "visible" if gate(area, login.identity, access, local=local, organisation_mode=organisation).allowed \
        else "hidden"


PAGES: list[tuple[st.Page, Area]] = [
    (st.Page("app_pages/start.py", title="Start", icon=":material/home:", default=True,
             visibility=menu(Area.start)), Area.start),
    (st.Page("app_pages/case.py", title="Ärendet", icon=":material/description:", url_path="arendet",
             visibility=menu(Area.official)), Area.official),
    (st.Page("app_pages/criteria.py", title="Kriterierna", icon=":material/checklist:", url_path="kriterierna",
             visibility=menu(Area.official)), Area.official),
    (st.Page("app_pages/spectrum.py", title="Bidrag, IOP eller upphandling", icon=":material/linear_scale:",
             url_path="bidrag-iop-upphandling", visibility=menu(Area.official)), Area.official),
    (st.Page("app_pages/recommendation.py", title="Rekommendation", icon=":material/gavel:",
             url_path="rekommendation", visibility=menu(Area.official)), Area.official),
    (st.Page("app_pages/export.py", title="Exportera", icon=":material/download:", url_path="exportera",
             visibility=menu(Area.official)), Area.official),
    (st.Page("app_pages/cases.py", title="Ärenden", icon=":material/folder_open:", url_path="arenden",
             visibility=menu(Area.register)), Area.register),
    (st.Page("app_pages/portfolio.py", title="Översikt", icon=":material/monitoring:", url_path="oversikt",
             visibility=menu(Area.register)), Area.register),
    (st.Page("app_pages/case_record.py", title="Status och historik", icon=":material/history:",
             url_path="status-och-historik", visibility=menu(Area.register)), Area.register),
    (st.Page("app_pages/workshop.py", title="Workshop", icon=":material/groups:", url_path="workshop",
             visibility=menu(Area.workshop)), Area.workshop),
    (st.Page("app_pages/workshop_join.py", title="Delta i workshop", icon=":material/how_to_vote:", url_path="delta",
             visibility=menu(Area.participant)), Area.participant),
    (st.Page("app_pages/audit_log.py", title="Åtkomstlogg", icon=":material/policy:", url_path="atkomstlogg",
             visibility=menu(Area.administration)), Area.administration),
    # DOS-lagen: the accessibility statement, in the menu and (statement_link.footer) under every page
    (st.Page(statement_link.PAGE, title=statement_link.TITLE, icon=statement_link.ICON,
             url_path=statement_link.URL_PATH, visibility=menu(Area.public)), Area.public),
]
navigation = st.navigation([page for page, _area in PAGES], expanded=True)  # every page in view, no "View more"
area = next(a for page, a in PAGES if page.url_path == navigation.url_path)
shown = gate(area, login.identity, access, local=local, organisation_mode=organisation)


def _run_page() -> None:
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


LOGGED_AREAS = {Area.official: AuditKind.page, Area.register: AuditKind.listed, Area.workshop: AuditKind.workshop,
                Area.administration: AuditKind.page}


def _refused() -> None:
    st.title("Ingen åtkomst")
    st.warning(session.escape(shown.message), icon=":material/lock:")  # it names the person as the provider does
    if shown.by_role and area in LOGGED_AREAS:  # an attempt the roles refused, not the network or the mode
        records_session.log_refused_page(navigation.title, LOGGED_AREAS[area], access)
    if shown.offer_login and not login.expired:  # an expired login has its own "Logga in igen" above the page
        st.button("Logga in", on_click=st.login, icon=":material/login:", type="primary", key="gate:login")
        st.caption("Organisationer behöver inget konto: välj läget Organisation på Start för självtestet.")


if not access.login and access.network is Network.open:
    st.warning(OPEN_BANNER, icon=":material/public:")
if area is Area.participant or not local and not access.login and access.network is not Network.open:
    # The participant page reaches nothing else: no sidebar, no register, no case from the URL.
    if shown.allowed:
        _run_page()
    else:
        _refused()
    statement_link.footer()
else:
    records = records_session.before_page(access)
    session.sidebar(locked=records_session.locked())
    records_session.draw(records)
    if shown.allowed:
        _run_page()
    else:
        _refused()
    statement_link.footer()
    records_session.after_page(records)
