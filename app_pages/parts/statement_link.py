"""The link to the tillgänglighetsredogörelse at the foot of every page (Digg: reachable from all pages).

The menu has the page too, but the workshop's pages hide the menu (a phone shows only the
workshop, the projector only the result), so the link is also drawn under each page's content:
by app.py after a page has run, and by :func:`stop` when a page ends early (st.stop() ends
the whole run, so app.py draws nothing after it).
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

PAGE = "app_pages/accessibility.py"
TITLE = "Tillgänglighetsredogörelse"
URL_PATH = "tillganglighet"
ICON = ":material/accessibility_new:"

STYLE = ("<style>.st-key-iop-footer { border-top: 1px solid #d1d5db; margin-top: 2.5rem; padding-top: 0.5rem; }"
         "</style>")


def footer() -> None:
    """A quiet line under the page with the link; same-tab navigation, so nothing typed is lost."""
    with st.container(key="iop-footer"):
        st.html(STYLE)
        st.page_link(PAGE, label=TITLE, icon=ICON)


def stop() -> NoReturn:
    """End the page here, as ``st.stop()`` does, with the footer every page carries."""
    footer()
    st.stop()
