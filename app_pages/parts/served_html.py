"""The HTML page Streamlit serves, made Swedish before it leaves the server.

Streamlit's static ``index.html`` hard-codes ``<html lang="en">``, the title
"Streamlit" and an English ``<noscript>`` text, and Streamlit 1.67 offers no
setting for any of them (streamlit/streamlit#15726; a ``page_lang`` for
``st.set_page_config`` was proposed in #16024 and not merged). A script in the
page (``swedish_chrome``) sets ``lang="sv"`` after load, but the first paint,
a screen reader that starts reading at once, and a crawler all get ``en``
(WCAG 3.1.1). An ASGI middleware (``html_middleware``) rewrites the document
as it is served, so the bytes on the wire already say ``lang="sv"``; and it puts the script that
translates Streamlit's own interface text (``swedish_chrome``) in the page's
``<head>``, so that text is Swedish from the first paint, and so is the
connection-error dialog of a page that never reaches the server's WebSocket
(then no script from the app ever arrives). ``serve.py`` installs it with
``st.App``, Streamlit's documented way to add middleware; the files inside
site-packages are never changed.

The rewrite is anchored on exact markup in Streamlit's ``index.html``;
``tests/app/test_served_html.py`` checks the installed Streamlit's file, so an
upgrade that changes the markup fails the suite instead of silently serving
``en`` again. Under ``streamlit run app.py`` each run sends the same script
(``swedish_chrome.install``); under ``serve.py`` the head is its only copy.

This module holds the changes (``rewrite_html``); ``html_middleware`` applies
them to what the server sends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

NOSCRIPT_SV = (
    "<p>IOP-stöd behöver JavaScript. Slå på JavaScript i webbläsaren och ladda om sidan.</p>"
)
"""What a browser without JavaScript shows (and a crawler reads) instead of Streamlit's English text."""


@dataclass(frozen=True)
class Rewrite:
    """One change to the served document: a pattern, its replacement, and whether it must be found."""

    name: str
    pattern: re.Pattern[str]
    replacement: Callable[[re.Match[str]], str]
    required: bool


def rewrites(lang: str, title: str, head: str = "") -> tuple[Rewrite, ...]:
    """The changes that make Streamlit's ``index.html`` say ``lang``, ``title`` and a Swedish noscript.

    ``head`` (a script) goes last in ``<head>``, before any of Streamlit's own scripts has run.
    """
    changes: tuple[Rewrite, ...] = (
        Rewrite("lang", re.compile(r'<html(\s[^>]*?)?\slang="[^"]*"'),
                lambda m: f'<html{m.group(1) or ""} lang="{lang}"', True),
        Rewrite("title", re.compile(r"<title>[^<]*</title>"), lambda m: f"<title>{title}</title>", False),
        Rewrite("noscript", re.compile(r"<noscript>.*?</noscript>", re.DOTALL),
                lambda m: f"<noscript>{NOSCRIPT_SV}</noscript>", False),
    )
    if head:
        changes += (Rewrite("head", re.compile(r"</head>"), lambda m: f"{head}</head>", True),)
    return changes


def rewrite_html(html: str, lang: str = "sv", title: str = "IOP-stöd", head: str = "") -> tuple[str, list[str]]:
    """The document with Swedish language, title and noscript text, and the names of changes not made.

    A required change that finds nothing is reported rather than raised: the
    page must still be served (the in-page script then sets ``lang``).
    """
    missing: list[str] = []
    for change in rewrites(lang, title, head):
        html, count = change.pattern.subn(change.replacement, html, count=1)
        if count == 0 and change.required:
            missing.append(change.name)
    return html, missing
