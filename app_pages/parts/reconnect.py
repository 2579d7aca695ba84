"""After a process dies, the browser's reconnect to another process runs the page at once.

Behind HAProxy a browser whose process dies reconnects to another one (deploy/haproxy.cfg),
where its session does not exist. Streamlit's browser code asks for a script run after a
reconnect only when it cannot assume the server kept the session, and one of the things
that tells it so is a fragment that reruns on a timer. Without a run, the new session's
first run would come with the user's next edit, and the page would seed its fields from
the saved case in that same run, so that edit would be dropped. With it, the new session
runs as soon as the browser is back, with the values the browser shows (among them the
name under "Ditt namn"), and every edit after that is saved as usual.

The fragment draws nothing; its timer reruns it (nothing else) once every ten minutes.
It costs a little on every run, so only a session with a saved case has it
(records_session draws it last in the sidebar): a session without one has nothing a
reconnect could lose.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st


@st.fragment(run_every=dt.timedelta(minutes=10))
def _keep_session_resumable() -> None:
    """Empty on purpose: only its timer matters (see the module docstring)."""


def rerun_after_reconnect() -> None:
    """Call on every run that should have the timer (every page of a session with a saved case)."""
    _keep_session_resumable()
