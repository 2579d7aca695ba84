"""Streamlit's own interface text in Swedish, the page language Swedish, the phone menu closing.

Streamlit has no i18n: its index.html says ``lang="en"`` and its widgets carry
English text ("Drag and drop a file here", "No results", "Help for …",
"Skip to main content"), which a Swedish user sees and a screen reader reads
with an English voice (WCAG 3.1.1, 3.1.2). ``serve.py`` serves the page as
``lang="sv"`` from the first byte (``served_html``); as a second line, for
``streamlit run app.py`` and AppTest, a small script in the page sets
``lang="sv"`` and replaces those strings in text and in every attribute a
screen reader reads (``ATTRIBUTES``: aria-label, aria-roledescription,
aria-valuetext, title, placeholder ...), and a MutationObserver keeps doing so
as Streamlit redraws the page (after navigation, when a selectbox opens, when a
tooltip appears). What changed is translated in the observer's callback, before
the browser renders it: a live region's announcement ("5 options available.")
reaches a screen reader in Swedish, not first in English.

Besides Streamlit's own widgets this covers the select boxes and the date field
(React Aria, which Streamlit runs as en-US, so dates come formatted in English
and are rewritten as Swedish dates), a chart's toolbar and Vega's role names,
and the dialog shown when the server cannot be reached: its advice to a
developer ("streamlit run yourscript.py") is emptied and hidden.

The same script closes the side menu after navigation on a narrow screen,
where Streamlit leaves it open over the page just chosen, and makes tables
that scroll sideways on a phone reachable with the keyboard.

The script and its tables of English and Swedish text are plain JavaScript in
``static/swedish_chrome.js``, read once when this module is imported.

Served by ``serve.py``, the page carries the scripts in its head (``head``), where they run
once per browser tab for as long as the tab is open, across page changes and reconnects;
``install`` then sends nothing. Sent with every script run instead, the 20 kB element was
the largest message of each first page, hashed and sent again for every new session.
"""

from __future__ import annotations

import functools
from pathlib import Path

import streamlit as st

SOURCE = Path(__file__).parent / "static" / "swedish_chrome.js"
_SCRIPT = "<script>\n" + SOURCE.read_text(encoding="utf-8") + "</script>"


_in_served_head: set[str] = set()
"""The page-wide scripts ``serve.py`` has put in the head of the page it serves, in this process."""


def script() -> str:
    """The translating script as an HTML ``<script>`` element."""
    return _SCRIPT


def head(also: str = "") -> str:
    """The scripts for the head of the page ``serve.py`` serves; ``install(also)`` then sends nothing."""
    scripts = _page_script(also)
    _in_served_head.add(scripts)
    return scripts


def install(also: str = "") -> None:
    """Run on every page: Swedish page language and Streamlit's interface text in Swedish.

    ``also`` is another page-wide script, put in the same element: each element
    drawn above the page's title pushes it down by a gap. Nothing is drawn when
    the served page already carries both in its head (``head``).
    """
    scripts = _page_script(also)
    if scripts not in _in_served_head:
        st.html(scripts, unsafe_allow_javascript=True)


@functools.cache
def _page_script(also: str) -> str:
    """The script with another page-wide script after it: the same on every run, so made once per process."""
    return _SCRIPT + also
