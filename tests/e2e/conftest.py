"""A real app server and a real headless Chromium for the end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.helpers import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO / "tests" / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(database_url: str, log_name: str, extra_env: dict[str, str] | None = None, *,
                address: str | None = "127.0.0.1", secrets: Path | None = None, env: dict[str, str] | None = None,
                port: int | None = None, launcher: Path = REPO / "serve.py") -> Iterator[str]:
    """A real app server on a free loopback port and its own case register; yields its URL.

    ``extra_env`` or ``env`` add to the server's environment (e.g. ``TZ=UTC``, ``IOP_NETWORK``);
    ``address=None`` starts it as ``scripts/start`` would without its address, so the project's
    config decides where it listens; ``secrets`` points Streamlit at a secrets file of its own
    (login settings) instead of the checkout's; ``launcher`` is what ``streamlit run`` starts.
    """
    port = port or _free_port()
    base = {k: v for k, v in os.environ.items() if k not in ("IOP_PAGE_ERRORS", "IOP_NETWORK")}  # as users get it
    env = {**base, "PYTHONUNBUFFERED": "1", "IOP_DATABASE_URL": database_url, **(extra_env or {}), **(env or {})}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "streamlit", "run", str(launcher), "--server.port", str(port),
            "--server.headless", "true"]
    if address is not None:
        args += ["--server.address", address]
    if secrets is not None:
        args += ["--secrets.files", str(secrets)]
    with open(ARTIFACTS / log_name, "w") as log:
        server = subprocess.Popen(args, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            server.kill()
            pytest.fail(f"Streamlit-servern startade inte inom 60 sekunder; se tests/artifacts/{log_name}")
        try:
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def free_port() -> int:
    return _free_port()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A temporary case register: the browser tests never touch ./data.
    register = tmp_path_factory.mktemp("e2e-register") / "register.sqlite3"
    with running_app(f"sqlite:///{register}", "streamlit.log") as url:
        yield url


def fill(page: Page, label: str, text: str) -> None:
    """Type into a labelled field and leave it, as a user does, so Streamlit reruns."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    wait_idle(page)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debians chromium saknas (/usr/bin/chromium); kör scripts/test som installerar det.")
    with sync_playwright() as playwright:
        # The browser's clock in Stockholm, as the users' is: the app says dates in Stockholm time, and a test that
        # compares them with the browser's own "today" must not fail between 23:00 and 24:00 UTC.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                             env={**os.environ, "TZ": "Europe/Stockholm"})
        yield browser
        browser.close()


KNOWN_NAME = "Testa Testsson"
"""The name a browser already gave the app (its cookie): tests of other things are not asked for one first."""


@pytest.fixture
def nameless_page(browser: Browser) -> Iterator[Page]:
    """A browser that has never been told a name: the first edit asks for one."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def page(nameless_page: Page) -> Page:
    """A browser that has given its name before (without login the app keeps it in a cookie)."""
    nameless_page.context.add_cookies([{"name": "iop_namn", "value": KNOWN_NAME.replace(" ", "%20"),
                                        "domain": "127.0.0.1", "path": "/"}])
    return nameless_page


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished the rerun a click or keystroke started."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && ![...document.querySelectorAll('[data-testid=\"stElementContainer\"]')]"
        "     .some(e => getComputedStyle(e).opacity !== '1')"
        " && document.querySelector('[data-testid=\"stAppViewContainer\"]')",
        timeout=20_000,
    )
    page.wait_for_timeout(150)


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stAppViewContainer'] h1")
    wait_idle(page)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
