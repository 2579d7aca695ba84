"""After "Nästa" the new step starts at the top of the page, not where the last one was left."""

from __future__ import annotations

import streamlit as st

SCROLL_KEY = "walk:scroll_top"


def ask() -> None:
    """The next run starts at the top (set before ``st.rerun`` or a page change)."""
    st.session_state[SCROLL_KEY] = True


def if_asked(nonce: str) -> None:
    """Scroll to the top if the last run asked for it.

    Streamlit keeps the scroll position across reruns and draws the new step in pieces, so
    the script scrolls now and again once it has been drawn. ``nonce`` (the step) makes each
    script new, so Streamlit runs it again.
    """
    if not st.session_state.pop(SCROLL_KEY, False):
        return
    st.html(f"""<script data-step="{nonce}">
(() => {{
  const doc = window.parent ? window.parent.document : document;
  const top = () => {{
    const main = doc.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo(0, 0);
    doc.defaultView.scrollTo(0, 0);
  }};
  top();
  for (const ms of [50, 150, 400, 800, 1500]) setTimeout(top, ms);
}})();
</script>""", unsafe_allow_javascript=True)
