"""Status och historik: move the case along utkast → bedömd → (granskad →) beslutad, each step in its role;
see what was frozen, and compare revisions."""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.parts import agreement_view, case_history, records_session, session, statement_link, status_panel
from iop.documents import to_markdown
from iop.records import STATUS_LABEL, Action, case_names, decision_line
from iop.store import StoreError
from iop.words import OFFICIAL, swedish_time

st.title("Status och historik")
desk = records_session.desk_or_stop(Action.read_case)
register, who = desk.register, desk.identity
case_id = records_session.record_id()
if case_id is None or session.is_organisation():
    st.info("Det pågående ärendet är inte sparat i registret. Det sparas automatiskt när du ändrar något "
            "i läget Tjänsteperson; öppna ett sparat ärende under Ärenden.")
    statement_link.stop()

try:
    stored = desk.read_case(case_id)
    history = desk.history(case_id)
    records = desk.status_records(case_id)
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()

st.markdown(f"**{session.escape(stored.case.title)}** · "
            f"{session.escape(stored.case.diarienummer or 'utan diarienummer')}"
            f" · Status: **{STATUS_LABEL[stored.status]}** · Version {stored.revision}")
if stored.from_organisation:
    st.caption("Svaren i ärendet kommer från organisationens självtest (importerad fil).")

status_panel.draw(desk, stored, records)

if records:
    st.subheader("Frysta uppgifter")
for record in records:
    when = swedish_time(record.created_at)
    with st.container(border=True):
        st.markdown(f"**{STATUS_LABEL[record.status]}** i version {record.revision}, {when}, av "
                    f"{session.escape(record.author)}")
        if record.snapshot:
            snap = record.snapshot
            st.markdown(session.escape(OFFICIAL.verdict_sentence(snap.recommendation, snap.form)))
            st.caption(f"Regel {session.escape(snap.rule)}: {session.escape(snap.rule_annotation)} · "
                       f"Kriterier {session.escape(snap.criteria_set_id)} version "
                       f"{session.escape(snap.criteria_set_version)}, kontrollsumma {snap.criteria_set_hash[:12]}")
            st.download_button("Ladda ner den frysta bedömningen (Markdown)",
                               records_session.logged_export(partial(to_markdown, snap.assessment()),
                                                             kind="fryst_bedomning", format="markdown"),
                               file_name=f"bedomning-version-{record.revision}.md", mime="text/markdown",
                               key=f"snapshot:{record.revision}")
        if record.decision:
            st.markdown(session.escape(decision_line(record.decision)))

agreement_view.draw(desk, stored, records)  # what each role may record there, iop.store.PortfolioDesk decides

try:
    names = case_names(desk.case_frame())
except StoreError:
    names = {}
case_history.draw(history, records, names)
