"""The app's session: the case in progress, the user's mode, the walk position.

The case is one pydantic object under its own key. Widgets have keys of their
own (prefix ``w:``) that Streamlit drops when a widget is not drawn, so every
page seeds its widgets from the case and writes values back into the case;
nothing is lost when the user moves between pages.

One exception to seeding: a tab that reconnects after a server restart gets a new
session, and its first run carries the values the tab shows, among them the edit
the user just made. ``records_session`` then sets ``reconnect.BROWSER_VALUES_WIN``
for that run, and a widget the browser sent a value for is not seeded: its value is
the user's, and the page writes it into the case as usual.
"""

from __future__ import annotations

import gc
from typing import Any

import streamlit as st

from app_pages.parts import reconnect
from iop.engine import Engine
from iop.model import Case
from iop.rules import Rulebook, load_rulebook
from iop.words import app_markdown

CASE_KEY = "case"
MODE_KEY = "mode"
STEP_KEY = "step"
WIDGET_PREFIX = "w:"
STREAMLIT_CONTROL_FLOW = ("RerunException", "StopException")

MODES = {"official": "Tjänsteperson", "organisation": "Organisation"}


@st.cache_resource
def engine() -> Engine:
    """One engine for all sessions: it is read-only after construction, so sharing is safe.

    Once it is built, everything loaded so far (Streamlit, pandas, the rulebook) lives for
    the whole process, so it is moved out of the garbage collector's sight (gc.freeze):
    a full collection then walks only what sessions allocate, not the whole process.
    """
    built = Engine(load_rulebook())
    gc.freeze()
    return built


def rulebook() -> Rulebook:
    return engine().rulebook


def current_case() -> Case:
    if CASE_KEY not in st.session_state:
        st.session_state[CASE_KEY] = Case(title="Nytt ärende")
    case: Case = st.session_state[CASE_KEY]
    return case


def replace_case(case: Case) -> None:
    """Make ``case`` the case in progress; widgets are re-seeded from it."""
    st.session_state[CASE_KEY] = case
    st.session_state[STEP_KEY] = 0
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


def mode() -> str:
    chosen: str = st.session_state.get(MODE_KEY, "official")
    return chosen


def is_organisation() -> bool:
    return mode() == "organisation"


def seeded(key: str, value: Any) -> str:
    """A widget key whose state starts from ``value`` when the widget was not drawn last run.

    In a reconnected tab's first run, a value the browser sent for the widget is the user's
    and is kept (see the module's docstring).
    """
    full = WIDGET_PREFIX + key
    if full not in st.session_state and not reconnect.browser_value_wins(full):
        st.session_state[full] = value
    return full


def value(key: str) -> Any:
    return st.session_state[WIDGET_PREFIX + key]


def sidebar(locked: bool = False) -> None:
    """Mode, criteria set and the case in progress, on every page; a locked case's set cannot be changed."""
    case = current_case()
    book = rulebook()
    with st.sidebar:
        st.markdown(f"**Ärende:** {escape(case.title)}")
        st.caption(f"Läge: {MODES[mode()]}")
        set_ids = list(book.sets)
        key = seeded("sidebar:set", case.criteria_set if case.criteria_set in set_ids else set_ids[0])
        plain = is_organisation()
        st.selectbox("Kriterier att pröva mot" if plain else "Kriterieuppsättning", set_ids, key=key,
                     format_func=lambda s: book.sets[s].title, disabled=locked,
                     help="Kommuner använder olika kriterier för IOP. Välj dem som er kommun använder, om ni "
                          "vet; era svar finns kvar om ni byter." if plain
                     else "Svar på frågor som uppsättningarna delar behålls när du byter.")
        if not locked:
            case.criteria_set = st.session_state[key]
        st.caption("IOP-stöd är ett beslutsstöd och ersätter inte juridisk rådgivning.")


def escape(text: str) -> str:
    """Free text from a user, safe for any Streamlit element that renders Markdown: shown as typed."""
    return app_markdown(text)
