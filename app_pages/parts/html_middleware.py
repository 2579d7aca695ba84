"""The ASGI middleware that serves Streamlit's HTML page already Swedish (``served_html`` says what changes).

Only ``text/html`` responses with status 200 are touched (whatever the path:
Streamlit serves ``index.html`` for every page URL); everything else streams
through unbuffered. A gzip-compressed HTML body is decompressed, rewritten and
sent uncompressed (the document is under 10 kB). ``serve.py`` installs it with
``st.App``, Streamlit's documented way to add middleware.

The rewritten page carries a tag (``ETag``) of its own, made from what is sent: Streamlit's
tag and date describe its ``index.html``, which a new version of IOP-stöd leaves as it was,
so a browser revalidating its cached page (``index.html`` is ``no-cache``) was told to keep a
head from an earlier version, without the scripts this version relies on it for. A page load
(a request that accepts ``text/html``) therefore reaches Streamlit without its conditions,
and the middleware answers ``304 Not Modified`` itself when the page as sent has not changed.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app_pages.parts.served_html import rewrite_html

_LOG = logging.getLogger("iop.served_html")
_CONDITIONS = (b"if-none-match", b"if-modified-since")
"""A revalidation's conditions, answered for the rewritten page here and not by Streamlit's file."""
_ABOUT_THE_FILE = (b"content-length", b"etag", b"last-modified", b"accept-ranges")
"""Streamlit's headers that describe its ``index.html``, not the page as rewritten."""
_NOT_MODIFIED_KEEPS = (b"cache-control", b"content-location", b"date", b"etag", b"expires", b"vary")


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
        asked = list(scope.get("headers", []))
        if_none_match = _header(asked, b"if-none-match")
        if b"text/html" in (_header(asked, b"accept") or b""):  # a page load: the conditions are answered below
            scope = {**scope, "headers": [(k, v) for k, v in asked if k.lower() not in _CONDITIONS]}

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
            await self._send_document(held, b"".join(chunks), scope.get("method") == "HEAD", if_none_match, send)

        await self.app(scope, receive, send_rewritten)

    async def _send_document(self, start: Message, body: bytes, head: bool, if_none_match: bytes | None,
                             send: Send) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _ABOUT_THE_FILE]
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
        tag = b'"sv-' + hashlib.sha256(out).hexdigest()[:32].encode("ascii") + b'"'
        headers.append((b"etag", tag))
        if if_none_match is not None and _matches(if_none_match, tag):
            kept = [(k, v) for k, v in headers if k.lower() in _NOT_MODIFIED_KEEPS]
            await send({**start, "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.append((b"content-length", str(len(out)).encode("ascii")))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": out})


def _matches(if_none_match: bytes, tag: bytes) -> bool:
    """Whether an ``If-None-Match`` header names ``tag`` (weak or strong, as RFC 9110 compares for GET)."""
    named = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in named or tag in named
