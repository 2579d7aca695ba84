"""Closed by default: where scripts/start listens, what the server log says, and what a clean install needs to log in."""

from __future__ import annotations

import asyncio
import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from app_pages.parts.network_guard import LoopbackOnlyMiddleware, bind_address, startup_note
from iop.records.access import AccessSettings, Network
from tests.helpers import REPO


def test_scripts_start_listens_on_the_network_only_when_login_or_the_setting_opens_it() -> None:
    assert bind_address(AccessSettings()) == "127.0.0.1"
    assert bind_address(None) == "127.0.0.1"  # settings that cannot be used close it
    assert bind_address(AccessSettings(network=Network.workshop)) == "0.0.0.0"
    assert bind_address(AccessSettings(network=Network.open)) == "0.0.0.0"
    assert bind_address(AccessSettings(login=True)) == "0.0.0.0"


def test_scripts_start_asks_the_app_where_to_listen(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "app_pages.parts.network_guard"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    assert subprocess.run(run, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout.strip() \
        == "127.0.0.1"
    opened = subprocess.run(run, cwd=REPO, env={**env, "IOP_NETWORK": "workshop"}, capture_output=True, text=True,
                            check=True)
    assert opened.stdout.strip() == "0.0.0.0"
    assert "network_guard" in (REPO / "scripts" / "start").read_text(encoding="utf-8")


def test_the_server_log_says_when_the_address_is_open_but_the_app_refuses_others() -> None:
    assert startup_note("127.0.0.1", AccessSettings()) == ""
    assert startup_note("0.0.0.0", AccessSettings(login=True)) == ""
    note = startup_note("0.0.0.0", AccessSettings())
    assert "bara anslutningar från den här datorn besvaras" in note and "network" in note


def _serve_py_log_at_start(address: str, env: dict[str, str]) -> str:
    """What serve.py's start-up (its preload, run from the server's lifespan) writes to the log at ``address``."""
    probe = ("import logging, sys\nlogging.basicConfig(stream=sys.stdout, format='%(name)s: %(message)s')\n"
             "import serve\nfrom streamlit import config\nconfig.get_option('server.address')\n"
             f"config.set_option('server.address', {address!r}, 'command-line argument')\nserve._preload()\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True,
                          timeout=120, env={**os.environ, **env})
    return done.stdout


def test_serve_py_says_where_it_listens_even_when_the_domain_cannot_be_preloaded(tmp_path: Path) -> None:
    # An address others could reach (127.0.0.2 only looks like one to the note), no login: the note is logged.
    assert "iop.network: IOP-stöd lyssnar på 127.0.0.2" in _serve_py_log_at_start("127.0.0.2", {})
    # The rulebook cannot be read (a wrong IOP_CRITERIA_DIR): the first page says so in Swedish; the note about
    # who is refused has nothing to do with it and is still the operator's to read.
    broken = {"IOP_CRITERIA_DIR": str(tmp_path)}
    assert "iop.network: IOP-stöd lyssnar på 127.0.0.2" in _serve_py_log_at_start("127.0.0.2", broken)


def test_the_project_config_binds_to_loopback() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


def test_a_clean_install_has_what_st_login_needs() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.replace(" ", "").startswith("streamlit[auth]") for d in project["dependencies"])
    for module in ("authlib.integrations.starlette_client", "httpx"):
        importlib.import_module(module)  # what Streamlit's login routes import; missing, "Logga in" gave an error


def _asked(scope_type: str, client: str, headers: dict[str, str],
           settings: AccessSettings | None = None) -> tuple[bool, list[dict[str, object]]]:
    """What the guard does with one request: (passed on to the app, what it sent back itself)."""
    passed: list[bool] = []
    sent: list[dict[str, object]] = []

    async def inner(scope: dict[str, object], receive: object, send: object) -> None:
        passed.append(True)

    async def receive() -> dict[str, object]:
        return {"type": "http.request"}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    guard = LoopbackOnlyMiddleware(inner, settings=lambda: settings or AccessSettings())  # type: ignore[arg-type]
    scope = {"type": scope_type, "client": (client, 50000), "server": ("127.0.0.1", 8501),
             "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]}
    asyncio.run(guard(scope, receive, send))  # type: ignore[arg-type]
    return bool(passed), sent


def test_a_page_elsewhere_pointing_its_name_at_this_computer_is_refused() -> None:
    """DNS rebinding: a site the person at the machine visits makes its own name resolve to 127.0.0.1 and drives the
    browser at the app; the connection is from loopback, but the browser asked for that site, not for localhost."""
    assert _asked("http", "127.0.0.1", {"Host": "localhost:8501"}) == (True, [])
    assert _asked("http", "127.0.0.1", {"Host": "127.0.0.1:8501"})[0]
    passed, sent = _asked("http", "127.0.0.1", {"Host": "evil.example:8501"})
    assert not passed and sent[0]["status"] == 403
    body = bytes(sent[1]["body"]).decode("utf-8")  # type: ignore[call-overload]
    assert "localhost" in body and 'lang="sv"' in body
    passed, sent = _asked("websocket", "127.0.0.1", {"Host": "evil.example:8501", "Origin": "http://evil.example:8501"})
    assert not passed and sent == [{"type": "websocket.close", "code": 1008}]
    # somewhere else is told the usual: only this computer
    _, sent = _asked("http", "192.0.2.7", {"Host": "localhost:8501"})
    assert "datorn det körs på" in bytes(sent[1]["body"]).decode("utf-8")  # type: ignore[call-overload]
    # opened on purpose, the pages decide (app.py asks the same rule for everything but the participant page)
    assert _asked("http", "127.0.0.1", {"Host": "evil.example:8501"}, AccessSettings(network=Network.workshop))[0]


def test_no_request_goes_further_until_the_domain_is_loaded() -> None:
    """serve.py loads the domain on a thread; a request (or the script run a websocket starts) that imported the same
    packages at the same time could get a half-initialised module, so the guard holds every request until then."""
    import threading

    loaded = threading.Event()
    passed: list[str] = []

    async def app(scope: dict[str, object], receive: object, send: object) -> None:
        passed.append(str(scope["type"]))

    async def scenario() -> None:
        guard = LoopbackOnlyMiddleware(app, settings=lambda: AccessSettings(), loaded=loaded)  # type: ignore[arg-type]
        scope = {"type": "websocket", "client": ("127.0.0.1", 5000), "headers": [(b"host", b"localhost:8501")]}
        request = asyncio.create_task(guard(scope, None, None))  # type: ignore[arg-type]
        await asyncio.sleep(0.3)
        assert passed == []  # still loading: held
        loaded.set()
        await asyncio.wait_for(request, 5)
        assert passed == ["websocket"]

    async def pages_pass_once_the_guard_has_what_it_reads() -> None:
        guard_loaded, still_loading = threading.Event(), threading.Event()
        guard_loaded.set()
        guard = LoopbackOnlyMiddleware(app, settings=lambda: AccessSettings(), loaded=still_loading,  # type: ignore[arg-type]
                                       guard_loaded=guard_loaded)
        headers = [(b"host", b"localhost:8501")]
        await asyncio.wait_for(guard({"type": "http", "client": ("127.0.0.1", 5000), "headers": headers},  # type: ignore[arg-type]
                                     None, None), 5)
        socket = asyncio.create_task(guard({"type": "websocket", "client": ("127.0.0.1", 5000),  # type: ignore[arg-type]
                                            "headers": headers}, None, None))
        await asyncio.sleep(0.3)
        assert passed == ["http"]  # the page was served; the script run still waits
        still_loading.set()
        await asyncio.wait_for(socket, 5)
        assert passed == ["http", "websocket"]

    asyncio.run(scenario())
    passed.clear()
    asyncio.run(pages_pass_once_the_guard_has_what_it_reads())
