"""Status och historik's history: every version in a table, and two versions compared in words."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from app_pages.parts import session
from iop.records import (
    AUTOSAVE_NOTE,
    Revision,
    StatusRecord,
    compared_pair,
    describe_between,
    describe_changes,
    history_rows,
    name_case_ids,
    version_label,
)
from iop.words import swedish_time


def draw(history: Sequence[Revision], records: Sequence[StatusRecord], names: dict[str, str]) -> None:
    """The table (newest first; pick two rows to compare them) and the comparison of the chosen versions.

    ``names`` names the case ids the notes mention (a copy, a merge) by title and Dnr.
    """
    st.subheader("Historik")
    picked = st.dataframe(pd.DataFrame(history_rows(history, names)), hide_index=True, width="stretch",
                          on_select="rerun", selection_mode="multi-row", key="history:table")
    if len(history) < 2:
        return
    st.caption("Markera två versioner i tabellen för att jämföra dem, eller välj versionerna här.")
    pair = compared_pair(history, picked.selection.rows if picked else [])
    numbers = [r.number for r in history]
    by_number = {r.number: r for r in history}
    labels = {number: version_label(revision) for number, revision in by_number.items()}
    from_col, to_col = st.columns(2)
    first = from_col.selectbox("Jämför från version", numbers, index=numbers.index(pair[0]),
                               format_func=labels.__getitem__, key=f"history:from:{pair[0]}")
    last = to_col.selectbox("till version", numbers, index=numbers.index(pair[1]),
                            format_func=labels.__getitem__, key=f"history:to:{pair[1]}")
    first, last = min(first, last), max(first, last)
    book = session.rulebook()
    changes = describe_changes(by_number[first].case, by_number[last].case, book.questions,
                               {set_id: criteria.title for set_id, criteria in book.sets.items()})
    events = describe_between(history, records, first, last, routine_notes=(AUTOSAVE_NOTE,))
    moments = {number: swedish_time(by_number[number].created_at) for number in (first, last)}
    with st.container(border=True, key="history-comparison"):
        st.markdown(f"**Från version {first} ({moments[first]}) till version {last} ({moments[last]})**")
        if events:
            st.markdown("**Det här hände:**\n\n" + "\n".join(f"- {session.escape(name_case_ids(e, names))}"
                                                                 for e in events))
        st.markdown("**Skillnader i innehållet:**\n\n" + (
            "\n".join(f"- {session.escape(c)}" for c in changes) if changes else "Inga skillnader i innehållet."))
