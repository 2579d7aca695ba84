"""Closed by default: without login, only this computer gets an answer.

``.streamlit/config.toml`` binds the server to 127.0.0.1, so by default nothing
else can even connect. Someone may still start it on a network address
(``--server.address 0.0.0.0``) or put a proxy in front; then this ASGI middleware
(installed by ``serve.py``) answers every request that does not come from this
computer (``iop.records.access.is_local_client``: a loopback peer, no forwarding
header, and a loopback name such as localhost in ``Host``) with a Swedish refusal,
unless login is configured or the ``network`` setting explicitly opens the app
(``"workshop"``: the participant page, decided per page in app.py; ``"oppen"``:
everything, with a banner on every page).
Settings that cannot be read close it too.

The domain is imported inside the functions, not at the top: ``serve.py`` imports this module
before the server listens, and ``iop.records`` (pydantic models and all) would then delay every
start by a tenth of a second; ``serve.py`` loads it on a thread while the first browser fetches
Streamlit's scripts, so the first request finds it loaded.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st
from starlette.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from iop.records import AccessSettings


_LOG = logging.getLogger("iop.network")
LOAD_WAIT_SECONDS = 60.0
"""At most this long a request waits for the domain to load (a preload that hangs must not hang the server)."""

REFUSAL_PAGE = ("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>IOP-stöd: ingen åtkomst"
                "</title></head><body><h1>Ingen åtkomst</h1><p>{message}</p></body></html>")


def current_settings() -> AccessSettings | None:
    """The access settings as the app reads them; None when they cannot be used (then only loopback)."""
    from iop.records import AccessConfigError, AccessSettings  # late: see the module docstring

    try:
        secrets = {key: st.secrets[key] for key in ("auth", "iop") if key in st.secrets}
    except Exception:  # noqa: BLE001  (no secrets file: nothing configured)
        secrets = {}
    try:
        return AccessSettings.from_settings(secrets, os.environ)
    except AccessConfigError:
        return None


def lets_network_in(settings: AccessSettings | None) -> bool:
    """Whether anyone but this computer may get an answer at all (the pages then decide what)."""
    from iop.records import Network  # late: see the module docstring

    return settings is not None and (settings.login or settings.network is not Network.loopback)


class LoopbackOnlyMiddleware:
    """ASGI middleware: refuse requests from other computers unless login or the network setting allows them."""

    def __init__(self, app: ASGIApp, settings: Callable[[], AccessSettings | None] = current_settings,
                 loaded: threading.Event | None = None, guard_loaded: threading.Event | None = None) -> None:
        self.app = app
        self.settings = settings
        self.loaded = loaded
        """Set when ``serve.py`` has loaded the domain on its own thread; until then no script run starts."""
        self.guard_loaded = guard_loaded
        """Set when what this guard reads (``iop.records``) was loaded before the server listened: page and file
        requests need not wait for the rest of the domain."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.loaded is not None and not self.loaded.is_set() and (
                scope["type"] == "websocket" or self.guard_loaded is None or not self.guard_loaded.is_set()):
            # Two threads importing the same packages at once can each hold a module the other needs; Python then
            # hands one of them a half-initialised module ("cannot import name … partially initialized module").
            # So a websocket (whose script run imports the domain) waits for the preload to finish, and so does
            # any request while what the guard itself reads is not loaded yet.
            await asyncio.to_thread(self.loaded.wait, LOAD_WAIT_SECONDS)
        from iop.records import LOOPBACK_NAME_ONLY, NETWORK_CLOSED, is_local_client  # late: see the module docstring

        client = scope.get("client")
        address = client[0] if client else None
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if is_local_client(address, headers) or lets_network_in(self.settings()):
            await self.app(scope, receive, send)
            return
        # This computer, but not asked for by a loopback name: a machine name typed in, or a page elsewhere whose
        # name was pointed at 127.0.0.1 (DNS rebinding). The person at the machine is told which address works.
        by_name = is_local_client(address, {k: v for k, v in headers.items() if k.lower() != "host"})
        _LOG.warning("refused a connection from %s: no login and network = lokal%s", address or "?",
                     " (not asked for by a loopback name)" if by_name else "")
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        message = LOOPBACK_NAME_ONLY if by_name else NETWORK_CLOSED
        body = REFUSAL_PAGE.format(message=html.escape(message)).encode("utf-8")
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                (b"content-length", str(len(body)).encode("ascii"))]})
        await send({"type": "http.response.body", "body": body})


def startup_note(address: str | None, settings: AccessSettings | None) -> str:
    """What the server log says at start when the address would let others connect but the app refuses them."""
    loopback = address in (None, "", "127.0.0.1", "localhost", "::1")
    if loopback or lets_network_in(settings):
        return ""
    return (f"IOP-stöd lyssnar på {address}, men ingen inloggning är konfigurerad: bara anslutningar från den här "
            "datorn besvaras. Koppla på inloggning ([auth] i .streamlit/secrets.toml) eller öppna med "
            "network = \"workshop\" eller \"oppen\" under [iop] (se README).")


def bind_address(settings: AccessSettings | None) -> str:
    """Where ``scripts/start`` lets the server listen: the network only when login or the setting opens it."""
    return "0.0.0.0" if lets_network_in(settings) else "127.0.0.1"


if __name__ == "__main__":  # scripts/start asks where to listen before it starts the server
    print(bind_address(current_settings()))
