"""Start IOP-stöd: app.py served by Streamlit with the page in Swedish from the first byte.

``streamlit run serve.py`` (what ``scripts/start`` runs) finds ``app`` below, an
``st.App``, and serves ``app.py`` through it, with every Streamlit flag working as
usual (``--server.port``, ``--server.address``). The only difference from
``streamlit run app.py`` is :class:`app_pages.parts.served_html.SwedishHtmlMiddleware`:
the HTML page leaves the server as ``<html lang="sv">`` with a Swedish title, so the
first paint, screen readers and crawlers get Swedish (WCAG 3.1.1) before any script
runs, and the script that translates Streamlit's own text (``swedish_chrome``) is in the
page's head, so that text is Swedish from the first paint too, even on a page that never
reaches the server. ``streamlit run app.py`` still works; its page says ``lang="en"``
and shows Streamlit's English until the app's first run puts the same script in the page.
"""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from app_pages.parts import swedish_chrome
from app_pages.parts.served_html import SwedishHtmlMiddleware

app = st.App("app.py", middleware=[Middleware(SwedishHtmlMiddleware, lang="sv", title="IOP-stöd",
                                              head=swedish_chrome.script())])

if __name__ == "__main__":  # python serve.py: the same server without the streamlit command
    app.run()
