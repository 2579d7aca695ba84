"""The example cases offered on Start, read once per process.

Defined in a module rather than in the page script: a ``st.cache_data``
function defined in a page is re-created, and its source hashed, on every
run of every session, which showed up when many sessions start at once.
"""

from __future__ import annotations

import streamlit as st

from app_pages.parts import session
from iop.engine import load_case
from iop.io import InputError
from iop.rules import DEFAULT_CRITERIA_DIR

EXAMPLES_DIR = DEFAULT_CRITERIA_DIR.parent / "cases"


@st.cache_resource
def example_titles() -> dict[str, str]:
    """File name -> title of each example case; the files ship with the app and do not change."""
    titles = {}
    for path in sorted(EXAMPLES_DIR.glob("*.yaml")):
        try:
            titles[path.name] = load_case(path, session.rulebook()).title
        except InputError:
            continue  # a broken example is a maintainer's error; the test suite reports it
    return titles
