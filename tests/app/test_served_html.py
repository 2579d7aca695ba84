"""The HTML page leaves the server in Swedish: the middleware serve.py installs, against the real index.html."""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import streamlit
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from streamlit import file_util
from streamlit.web.server.starlette.starlette_static_routes import create_streamlit_static_handler

from app_pages.parts import swedish_chrome
from app_pages.parts.html_middleware import SwedishHtmlMiddleware
from app_pages.parts.served_html import rewrite_html

STREAMLIT_INDEX = Path(streamlit.__file__).parent / "static" / "index.html"


def test_the_installed_streamlits_index_html_is_rewritten_to_swedish():
    # Fails when a Streamlit upgrade changes the markup the rewrite is anchored on.
    original = STREAMLIT_INDEX.read_text(encoding="utf-8")
    assert '<html lang="en">' in original
    html, missing = rewrite_html(original)
    assert missing == []
    assert '<html lang="sv">' in html and 'lang="en"' not in html
    assert "<title>IOP-stöd</title>" in html
    assert "enable JavaScript" not in html and "behöver JavaScript" in html
    # Everything else is Streamlit's page as it was: its scripts and styles still load.
    assert html.count("<script") == original.count("<script")
    assert html.count("<link") == original.count("<link")


def test_the_translating_script_goes_last_in_the_head_of_the_served_page():
    original = STREAMLIT_INDEX.read_text(encoding="utf-8")
    head = swedish_chrome.script()
    html, missing = rewrite_html(original, head=head)
    assert missing == []
    assert html.count(head) == 1 and html.count("<script") == original.count("<script") + 1
    assert html.index(head) + len(head) == html.index("</head>") < html.rindex("<body")
    # it translates the texts the page shows before the app has run, e.g. the connection-error dialog
    assert "Connection error" in head and "Ingen kontakt med servern" in head


def test_a_page_without_a_head_is_reported_when_a_script_was_asked_for():
    html, missing = rewrite_html('<html lang="en"><body>hej</body></html>', head="<script></script>")
    assert missing == ["head"] and "<script>" not in html


def test_other_attributes_on_the_html_element_are_kept():
    html, missing = rewrite_html('<!DOCTYPE html><html class="x" lang="en" dir="ltr"><head></head></html>')
    assert missing == [] and '<html class="x" lang="sv" dir="ltr">' in html


def test_a_page_without_a_lang_attribute_is_reported_not_broken():
    html, missing = rewrite_html("<html><body>hej</body></html>")
    assert missing == ["lang"] and html == "<html><body>hej</body></html>"


@dataclass
class Served:
    status: int
    headers: dict[str, str]
    body: bytes


def get(app: Starlette, path: str, headers: dict[str, str] | None = None) -> Served:
    """One GET through the ASGI stack, as the server would send it (no HTTP client library needed)."""
    route, _, query = path.partition("?")
    sent_headers = [(b"accept-encoding", b"gzip")] + [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "method": "GET", "path": route, "raw_path": route.encode(), "root_path": "",
             "query_string": query.encode(), "headers": sent_headers, "scheme": "http",
             "server": ("testserver", 80), "client": ("127.0.0.1", 1), "http_version": "1.1", "asgi": {"version": "3.0"}}
    sent: list[dict] = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> dict:
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the browser stays connected until the response is done
        raise AssertionError("unreachable")

    async def send(message: dict) -> None:
        sent.append(message)

    # In its own thread: Playwright's session fixture keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = sent[0]
    return Served(start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]},
                  b"".join(m.get("body", b"") for m in sent[1:]))


def _client() -> Starlette:
    page = STREAMLIT_INDEX.read_bytes()

    async def index(request: Request) -> Response:
        if request.query_params.get("gzip"):
            return Response(gzip.compress(page), media_type="text/html",
                            headers={"content-encoding": "gzip"})
        return Response(page, media_type="text/html")

    async def health(request: Request) -> Response:
        return JSONResponse({"lang": 'lang="en"'})

    app = Starlette(routes=[Route("/", index), Route("/arendet", index), Route("/health", health)],
                    middleware=[Middleware(SwedishHtmlMiddleware, lang="sv", title="IOP-stöd",
                                           head="<script>/* iop */</script>")])
    return app


def test_every_html_page_is_served_with_lang_sv_and_a_matching_length():
    app = _client()
    for path in ["/", "/arendet", "/arendet?gzip=1"]:
        response = get(app, path)
        assert response.status == 200
        assert '<html lang="sv">' in response.body.decode("utf-8"), path
        assert "<script>/* iop */</script></head>" in response.body.decode("utf-8"), path
        assert int(response.headers["content-length"]) == len(response.body)
        assert "content-encoding" not in response.headers


NAVIGATION = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
"""What a browser's Accept says when it loads or reloads a page (Chromium's)."""


def _streamlit_files() -> Mount:
    """Streamlit's own static files, index.html and its bundles, as its server mounts them."""
    return Mount("/", create_streamlit_static_handler(file_util.get_static_dir(), None))


def _streamlit_serving(head: str) -> Starlette:
    """Streamlit's static files behind the middleware, with ``head`` in the page."""
    return Starlette(routes=[_streamlit_files()],
                     middleware=[Middleware(SwedishHtmlMiddleware, lang="sv", title="IOP-stöd", head=head)])


def test_a_browser_that_revalidates_its_copy_gets_the_new_head_after_an_upgrade():
    # index.html is "no-cache": a reload asks whether the copy still holds. Streamlit's own answer is about its
    # file, unchanged by a new version of IOP-stöd; the browser then kept a head without the newer scripts,
    # and since app.py no longer sends them with each run, a tab went without them for as long as it was cached.
    before = get(_streamlit_serving("<script>/* v1 */</script>"), "/", NAVIGATION)
    assert before.status == 200 and "/* v1 */" in before.body.decode("utf-8")
    asked = {**NAVIGATION, "if-none-match": before.headers["etag"]}
    if "last-modified" in before.headers:
        asked["if-modified-since"] = before.headers["last-modified"]
    after = get(_streamlit_serving("<script>/* v2 */</script>"), "/", asked)
    assert after.status == 200
    assert "/* v2 */" in after.body.decode("utf-8") and "/* v1 */" not in after.body.decode("utf-8")


def test_a_copy_cached_before_the_page_had_its_own_tag_is_sent_again():
    # A browser that cached the page from an earlier version holds Streamlit's own tag for index.html.
    plain = get(Starlette(routes=[_streamlit_files()]), "/", NAVIGATION)
    again = get(_streamlit_serving("<script>/* v2 */</script>"), "/", {**NAVIGATION, "if-none-match": plain.headers["etag"]})
    assert again.status == 200 and "/* v2 */" in again.body.decode("utf-8")


def test_an_unchanged_page_is_still_answered_not_modified():
    app = _streamlit_serving("<script>/* v1 */</script>")
    first = get(app, "/", NAVIGATION)
    again = get(app, "/", {**NAVIGATION, "if-none-match": first.headers["etag"]})
    assert again.status == 304 and again.body == b""
    assert again.headers["etag"] == first.headers["etag"]
    # the tag is the page's as served, not Streamlit's file's: a page URL gets the same page and the same tag
    assert get(app, "/arendet", NAVIGATION).headers.get("etag") == first.headers["etag"]


def test_streamlits_own_files_are_revalidated_as_before():
    app = _streamlit_serving("<script>/* v1 */</script>")
    manifest = get(app, "/manifest.json")
    assert manifest.status == 200 and "etag" in manifest.headers
    assert get(app, "/manifest.json", {"if-none-match": manifest.headers["etag"]}).status == 304


def test_responses_that_are_not_html_pass_unchanged():
    response = get(_client(), "/health")
    assert response.body == b'{"lang":"lang=\\"en\\""}'


def _page_wide_scripts_drawn(in_head: str | None) -> list[str]:
    """The page-wide script elements app.py's ``install`` draws, with ``in_head`` put in the served head first."""
    from streamlit.testing.v1 import AppTest

    def page(in_head: str | None) -> None:
        from app_pages.parts import swedish_chrome, unsent_edits

        if in_head is not None:
            swedish_chrome.head(also=in_head)
        swedish_chrome.install(also=unsent_edits.SCRIPT)

    at = AppTest.from_function(page, kwargs={"in_head": in_head}).run()
    return [str(element.proto.body) for element in at.get("html")]


def test_install_sends_the_scripts_only_when_the_served_head_lacks_them(monkeypatch):
    from app_pages.parts import unsent_edits

    monkeypatch.setattr(swedish_chrome, "_in_served_head", set())
    # streamlit run app.py (and AppTest): no served head, so every page carries them
    [drawn] = _page_wide_scripts_drawn(None)
    assert "Ingen kontakt med servern" in drawn and "__iopUnsentEdits" in drawn
    # serve.py put exactly these in the head: nothing is sent with each run
    assert _page_wide_scripts_drawn(unsent_edits.SCRIPT) == []
    # a head without the unsent-edits warning is not enough: the page still sends both
    monkeypatch.setattr(swedish_chrome, "_in_served_head", set())
    assert len(_page_wide_scripts_drawn("")) == 1


def test_serve_py_puts_both_page_wide_scripts_in_the_head():
    import subprocess
    import sys

    probe = ("import serve\nfrom app_pages.parts import swedish_chrome, unsent_edits\n"
             "print(swedish_chrome._page_script(unsent_edits.SCRIPT) in swedish_chrome._in_served_head)")
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, check=True,
                          timeout=120)
    assert done.stdout.strip().endswith("True")
