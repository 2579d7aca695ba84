"""After a process dies, the browser's reconnect to another process runs the page at once.

Behind HAProxy a browser whose process dies reconnects to another one (deploy/haproxy.cfg),
where its session does not exist. Streamlit's browser code asks for a script run after a
reconnect only when it cannot assume the server kept the session, and one of the things
that tells it so is a fragment that reruns on a timer. Without a run, the new session's
first run would come with the user's next edit, and the page would seed its fields from
the saved case in that same run, so that edit would be dropped. With it, the new session
runs as soon as the browser is back, with the values the browser shows (among them the
name under "Ditt namn"), and every edit after that is saved as usual.

Its first run carries the values the tab shows, among them the user's last edit: the
``browser_*`` functions below find them, so that the session does not re-seed those
fields from the saved case (``session.seeded``).

The fragment draws nothing; its timer reruns it (nothing else) once every ten minutes.
It costs a little on every run, so only a session with a saved case has it
(records_session draws it last in the sidebar): a session without one has nothing a
reconnect could lose.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.common import is_keyed_element_id, user_key_from_element_id

BROWSER_VALUES_WIN = "session:browser_values_win"
"""Set for the first run of a reconnected tab: values the browser sent are kept, not re-seeded."""


@st.fragment(run_every=dt.timedelta(minutes=10))
def _keep_session_resumable() -> None:
    """Empty on purpose: only its timer matters (see the module docstring)."""


def rerun_after_reconnect() -> None:
    """Call on every run that should have the timer (every page of a session with a saved case)."""
    _keep_session_resumable()


def browser_sent_values() -> bool:
    """Whether this run carries values of keyed widgets that this session has not drawn yet.

    That happens only in the first run of a session whose browser tab already shows a page:
    a tab that reconnected to a restarted server. A fresh page load sends none.
    """
    return bool(_unregistered_browser_keys())


def browser_keys() -> set[str]:
    """In a reconnected tab's first run, the keys of the widgets whose values the browser sent; else none."""
    return _unregistered_browser_keys() if st.session_state.get(BROWSER_VALUES_WIN) else set()


def browser_sent(key: str) -> bool:
    """Whether the browser sent a value for the widget ``key`` that this session has not drawn yet:
    true only in the first run of a session whose tab already showed a page (see the module's docstring)."""
    return key in _unregistered_browser_keys()


def browser_value_wins(key: str) -> bool:
    """Whether the widget ``key`` takes the browser's value instead of being seeded (see the docstring)."""
    return bool(st.session_state.get(BROWSER_VALUES_WIN)) and key in _unregistered_browser_keys()


def _unregistered_browser_keys() -> set[str]:
    """User keys of widgets whose values the browser sent but this session has not registered.

    Streamlit keeps them by element id until the widget is drawn; there is no public API for
    them, so this reads the session's widget state and finds nothing if its layout changes.
    """
    ctx = get_script_run_ctx()
    state = getattr(getattr(ctx, "session_state", None), "_state", None)
    states = getattr(getattr(state, "_new_widget_state", None), "states", None)
    if not isinstance(states, dict):
        return set()
    keys = {user_key_from_element_id(element) for element in list(states) if is_keyed_element_id(element)}
    return {key for key in keys if key is not None and key not in st.session_state}
