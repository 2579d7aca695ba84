"""A login that fails says so in Swedish.

``st.login`` runs through Streamlit's own routes, which answer a failure either in
English or not at all: when the identity provider cannot be reached, "Logga in"
ends on a bare page saying "Authentication error"; when the provider refuses or
breaks off the login (the person cancels, the token exchange fails, a stale
callback), the callback quietly sends the browser back to the start page, where
nothing says why nobody is logged in. This ASGI middleware (installed by
``serve.py``) turns the first into a Swedish page with a way back, and marks the
second in the address (``?inloggning=misslyckades``), which app.py turns into a
Swedish message. Successful logins pass through untouched.
"""

from __future__ import annotations

import html
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_LOG = logging.getLogger("iop.login")

FAILED_PARAM, FAILED_VALUE = "inloggning", "misslyckades"
"""What the address says after a login the provider broke off (app.py shows LOGIN_FAILED)."""
LOGIN_ROUTE, CALLBACK_ROUTE = "/auth/login", "/oauth2callback"
USER_COOKIE = "_streamlit_user"
"""The cookie Streamlit sets (possibly in chunks, ``_streamlit_user__1`` …) when a login succeeded."""

PROVIDER_UNREACHABLE = (
    "IOP-stöd får inte kontakt med kommunens inloggningstjänst just nu. Försök igen om en stund; kvarstår felet, "
    "kontakta den som ansvarar för verktyget. Organisationer behöver inget konto för självtestet.")
LOGIN_FAILED = (
    "Inloggningen gick inte igenom: inloggningstjänsten avbröt den eller svarade inte som väntat, så du är inte "
    "inloggad. Försök igen med Logga in; kvarstår felet, kontakta den som ansvarar för verktyget.")

ERROR_PAGE = ("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>IOP-stöd: inloggningen "
              "kunde inte starta</title></head><body><h1>Inloggningen kunde inte starta</h1><p>{message}</p>"
              "<p><a href=\"{home}\">Tillbaka till IOP-stöd</a></p></body></html>")


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def logged_in_by(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a response sets Streamlit's login cookie (rather than clearing it or leaving it alone)."""
    for key, value in headers:
        if key.lower() != b"set-cookie":
            continue
        cookie = value.decode("latin-1")
        name, _, rest = cookie.partition("=")
        if name.strip().startswith(USER_COOKIE) and not name.strip().startswith(USER_COOKIE + "_tokens") \
                and not rest.startswith('""') and "max-age=0" not in rest.lower().replace(" ", ""):
            return True
    return False


def marked_failed(location: str) -> str:
    """The address the browser is sent to after a failed login, with the mark app.py reads."""
    return f"{location}{'&' if '?' in location else '?'}{FAILED_PARAM}={FAILED_VALUE}"


class LoginErrorMiddleware:
    """ASGI middleware: Swedish answers where Streamlit's login routes fail in English or in silence."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.endswith((LOGIN_ROUTE, CALLBACK_ROUTE)):
            await self.app(scope, receive, send)
            return
        starting = path.endswith(LOGIN_ROUTE)
        home = path[: -len(LOGIN_ROUTE)] + "/" if starting else "/"
        replaced = False

        async def send_checked(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                status = int(message.get("status", 200))
                if starting and status >= 400:
                    replaced = True
                    _LOG.warning("login could not start (the identity provider answered %s or not at all)", status)
                    body = ERROR_PAGE.format(message=html.escape(PROVIDER_UNREACHABLE),
                                             home=html.escape(home)).encode("utf-8")
                    await send({"type": "http.response.start", "status": 502,
                                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                                            (b"content-length", str(len(body)).encode("ascii"))]})
                    await send({"type": "http.response.body", "body": body})
                    return
                location = _header(headers, b"location")
                if not starting and 300 <= status < 400 and location is not None and not logged_in_by(headers):
                    _LOG.warning("a login came back without a user (refused, broken off or stale)")
                    failed = marked_failed(location.decode("latin-1")).encode("latin-1")
                    message = {**message, "headers": [(k, failed if k.lower() == b"location" else v)
                                                      for k, v in headers]}
                await send(message)
                return
            if not replaced:
                await send(message)

        await self.app(scope, receive, send_checked)
