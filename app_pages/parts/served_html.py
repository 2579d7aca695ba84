"""The HTML page Streamlit serves, made Swedish before it leaves the server.

Streamlit's static ``index.html`` hard-codes ``<html lang="en">``, the title
"Streamlit" and an English ``<noscript>`` text, and Streamlit 1.67 offers no
setting for any of them (streamlit/streamlit#15726; a ``page_lang`` for
``st.set_page_config`` was proposed in #16024 and not merged). A script in the
page (``swedish_chrome``) sets ``lang="sv"`` after load, but the first paint,
a screen reader that starts reading at once, and a crawler all get ``en``
(WCAG 3.1.1). This ASGI middleware rewrites the document as it is served, so
the bytes on the wire already say ``lang="sv"``; and it puts the script that
translates Streamlit's own interface text (``swedish_chrome``) in the page's
``<head>``, so that text is Swedish from the first paint, and so is the
connection-error dialog of a page that never reaches the server's WebSocket
(then no script from the app ever arrives). ``serve.py`` installs it with
``st.App``, Streamlit's documented way to add middleware; the files inside
site-packages are never changed.

The rewrite is anchored on exact markup in Streamlit's ``index.html``;
``tests/app/test_served_html.py`` checks the installed Streamlit's file, so an
upgrade that changes the markup fails the suite instead of silently serving
``en`` again. The in-page script stays as a second line.

Only ``text/html`` responses with status 200 are touched (whatever the path:
Streamlit serves ``index.html`` for every page URL); everything else streams
through unbuffered. A gzip-compressed HTML body is decompressed, rewritten and
sent uncompressed (the document is under 10 kB).
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Message = MutableMapping[str, Any]
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_LOG = logging.getLogger("iop.served_html")

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


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


class SwedishHtmlMiddleware:
    """ASGI middleware: serve every HTML document with ``lang`` (default Swedish) from the first byte."""

    def __init__(self, app: ASGIApp, lang: str = "sv", title: str = "IOP-stöd", head: str = "") -> None:
        self.app = app
        self.lang = lang
        self.title = title
        self.head = head
        self._warned = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        chunks: list[bytes] = []

        async def send_rewritten(message: Message) -> None:
            nonlocal held
            kind = message["type"]
            if kind == "http.response.start":
                headers = list(message.get("headers", []))
                content_type = (_header(headers, b"content-type") or b"").lower()
                if message.get("status") == 200 and content_type.startswith(b"text/html"):
                    held = message  # wait for the whole body before sending headers with its new length
                    return
                await send(message)
                return
            if held is None:
                await send(message)
                return
            if kind == "http.response.pathsend":  # a server that sends files itself: read the file instead
                chunks.append(Path(message["path"]).read_bytes())
            else:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
            await self._send_document(held, b"".join(chunks), scope.get("method") == "HEAD", send)

        await self.app(scope, receive, send_rewritten)

    async def _send_document(self, start: Message, body: bytes, head: bool, send: Send) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        if head:  # no body to rewrite; the length of the rewritten body is unknown here, so say none
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if (_header(headers, b"content-encoding") or b"").lower() == b"gzip":
            body = gzip.decompress(body)
            headers = [(k, v) for k, v in headers if k.lower() != b"content-encoding"]
        html, missing = rewrite_html(body.decode("utf-8"), self.lang, self.title, self.head)
        if missing and not self._warned:
            self._warned = True
            _LOG.warning("Streamlit's index.html changed: could not set %s; the in-page script still sets lang",
                         ", ".join(missing))
        out = html.encode("utf-8")
        headers.append((b"content-length", str(len(out)).encode("ascii")))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": out})
