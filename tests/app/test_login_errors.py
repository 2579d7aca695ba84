"""A login that fails says so in Swedish: Streamlit's login routes answer in English or not at all."""

from __future__ import annotations

import asyncio

from streamlit.testing.v1 import AppTest

from app_pages.parts.login_errors import LOGIN_FAILED, PROVIDER_UNREACHABLE, LoginErrorMiddleware
from tests.helpers import REPO

Sent = list[dict[str, object]]


def _served(path: str, status: int, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> Sent:
    """What the browser gets when Streamlit's route answers ``status``, ``headers`` and ``body``."""
    sent: Sent = []

    async def route(scope: object, receive: object, send: object) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": body})  # type: ignore[operator]

    async def receive() -> dict[str, object]:
        return {"type": "http.request"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    asyncio.run(LoginErrorMiddleware(route)(scope, receive, send))  # type: ignore[arg-type]
    return sent


def _location(sent: Sent) -> str:
    headers = sent[0]["headers"]
    return next(v for k, v in headers if k == b"location").decode("latin-1")  # type: ignore[attr-defined]


def test_an_identity_provider_out_of_reach_gives_a_swedish_page_with_a_way_back() -> None:
    sent = _served("/auth/login", 400, [(b"content-type", b"text/plain")], b"Authentication error")
    assert sent[0]["status"] == 502 and len(sent) == 2
    page = bytes(sent[1]["body"]).decode("utf-8")  # type: ignore[call-overload]
    assert 'lang="sv"' in page and "Authentication error" not in page
    assert "inloggningstjänst" in page and PROVIDER_UNREACHABLE.split(";")[0] in page and 'href="/"' in page
    moved = _served("/iop/auth/login", 400, [], b"Authentication error")  # under server.baseUrlPath
    assert 'href="/iop/"' in bytes(moved[1]["body"]).decode("utf-8")  # type: ignore[call-overload]
    fine = _served("/auth/login", 302, [(b"location", b"https://idp.kommun.example/authorize?x=1")])
    assert _location(fine) == "https://idp.kommun.example/authorize?x=1"


def test_a_login_the_provider_broke_off_is_marked_and_a_good_one_is_not() -> None:
    cleared = [(b"location", b"/"), (b"set-cookie", b'_streamlit_user=""; expires=Thu, 01 Jan 1970; Max-Age=0; '
                                                     b"Path=/; SameSite=lax")]
    assert _location(_served("/oauth2callback", 302, cleared)) == "/?inloggning=misslyckades"
    assert _location(_served("/oauth2callback", 302, [(b"location", b"/?a=1")])) == "/?a=1&inloggning=misslyckades"
    logged_in = [(b"location", b"/"), (b"set-cookie", b"_streamlit_user=eyJ...|abc; HttpOnly; Max-Age=2592000; "
                                                       b"Path=/; SameSite=lax"),
                 (b"set-cookie", b"_streamlit_user_tokens=eyJ...|def; HttpOnly; Max-Age=2592000; Path=/")]
    assert _location(_served("/oauth2callback", 302, logged_in)) == "/"
    assert _served("/arenden", 302, cleared)[0]["headers"] == cleared  # other routes untouched


def test_the_start_page_says_the_login_did_not_go_through() -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.query_params["inloggning"] = "misslyckades"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [LOGIN_FAILED]
    assert "inloggning" not in at.query_params  # said once; a reload does not say it again
