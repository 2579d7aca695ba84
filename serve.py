"""Start IOP-stöd: app.py served by Streamlit with the page in Swedish from the first byte.

``streamlit run serve.py`` (what ``scripts/start`` runs) finds ``app`` below, an
``st.App``, and serves ``app.py`` through it, with every Streamlit flag working as
usual (``--server.port``, ``--server.address``). The only difference from
``streamlit run app.py`` is :class:`app_pages.parts.html_middleware.SwedishHtmlMiddleware`:
the HTML page leaves the server as ``<html lang="sv">`` with a Swedish title, so the
first paint, screen readers and crawlers get Swedish (WCAG 3.1.1) before any script
runs, and the script that translates Streamlit's own text (``swedish_chrome``) is in the
page's head, so that text is Swedish from the first paint too, even on a page that never
reaches the server. (The warning before leaving a page with unsent text rides along; app.py
then sends neither with each run.) ``streamlit run app.py`` still works; its page says ``lang="en"``
and shows Streamlit's English until the app's first run puts the same script in the page.

It also keeps the app closed by default (:mod:`app_pages.parts.network_guard`):
``.streamlit/config.toml`` binds to 127.0.0.1, and without login a request from
any other computer (or through a proxy) is refused, unless the ``network``
setting opens it. ``streamlit run app.py`` has the same rule per page in app.py,
but only this entry point refuses such requests before any page is served.

And a login that fails says so in Swedish (:mod:`app_pages.parts.login_errors`): Streamlit's
own login routes answer an unreachable identity provider with an English "Authentication
error" page, and a login the provider broke off with a silent return to the start page.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import threading
from collections.abc import AsyncIterator

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from app_pages.parts import swedish_chrome, unsent_edits
from app_pages.parts.html_middleware import SwedishHtmlMiddleware
from app_pages.parts.login_errors import LoginErrorMiddleware
from app_pages.parts.network_guard import LoopbackOnlyMiddleware, current_settings, startup_note


def _preload() -> None:
    """Import the domain and read the rulebook on a thread, while the server already listens.

    The first run of app.py needs the register, the engine and the workshop's store; imported
    here, on a thread started once the server is about to listen (``_started``), the first page
    finds them loaded instead of spending half a second on imports before it paints. Requests are
    held until this is over (``LOADED``, in the network guard): two threads importing the same
    packages at once can hand one of them a half-initialised module. Only the domain is imported
    (and the rulebook, which the domain caches, read): pages run in Streamlit's script thread,
    never here. A failure here is harmless: the first run imports the same modules itself and
    reports any problem on the page.

    The collector stays off until this is done (``_started``), and what start-up loaded is then
    frozen: modules, classes and the rulebook live as long as the process, so later collections
    need not walk them either.
    """
    try:
        try:
            for wing in PRELOADED:
                importlib.import_module(wing)
            importlib.import_module("iop.rules").load_rulebook()
        except Exception:  # noqa: BLE001, S110  (the page's own import says what went wrong, in Swedish)
            pass
        _say_who_is_refused()
    finally:
        gc.freeze()
        gc.enable()
        LOADED.set()


def _say_who_is_refused() -> None:
    """The start-up note (``startup_note``): logged whatever became of the preload, which it does not depend on."""
    try:
        note = startup_note(config.get_option("server.address"), current_settings())
    except Exception:  # noqa: BLE001  (the access settings' own module did not load: the first request says so)
        logging.getLogger("iop.network").exception("could not work out who the server refuses")
        return
    if note:
        logging.getLogger("iop.network").warning(note)


LOADED = threading.Event()
"""Set when the preload is over, whatever became of it: the network guard holds script runs until then."""
GUARD_LOADED = threading.Event()
"""Set when what the network guard reads was loaded before the server listened (pages and files need not wait)."""
PRELOADED = ("iop.store", "iop.records", "iop.engine", "iop.workshop", "iop.guide", "iop.documents")


@contextlib.asynccontextmanager
async def _started(_app: st.App) -> AsyncIterator[None]:
    """Streamlit's runtime is up and the server is about to listen: load the domain beside it.

    The preload imports some 1 500 modules and classes that live as long as the process; the cyclic
    collector would walk them again and again while they load (a fifth of the import time, measured),
    so it is off until ``_preload`` has frozen them and switched it on again, whatever happened.
    """
    gc.disable()
    try:  # what the network guard reads on every request, loaded before the server listens (a tenth of a second)
        importlib.import_module("iop.records")
        GUARD_LOADED.set()
    except Exception:  # noqa: BLE001  (then every request waits for the preload, which says what went wrong)
        pass
    threading.Thread(target=_preload, name="iop-preload", daemon=True).start()
    yield


app = st.App("app.py", lifespan=_started,
             middleware=[Middleware(LoopbackOnlyMiddleware, loaded=LOADED, guard_loaded=GUARD_LOADED),
                         Middleware(LoginErrorMiddleware),
                         Middleware(SwedishHtmlMiddleware, lang="sv", title="IOP-stöd",
                                    head=swedish_chrome.head(also=unsent_edits.SCRIPT))])

if __name__ == "__main__":  # python serve.py: the same server without the streamlit command
    app.run()
