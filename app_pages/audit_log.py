"""Åtkomstlogg: who opened, downloaded or changed which case, and who was refused, and when; and the settings.

For the administrator (``Action.view_audit_log``). The log names cases by id only,
never by what they say, so an administrator who may not read cases can follow up
access without reading them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.parts import records_session, statement_link
from iop.records import AUDIT_LABEL, ROLE_LABEL, Action, Network, Role
from iop.store import StoreError
from iop.words import swedish_time

NETWORK_TEXT = {
    Network.loopback: "bara den här datorn (utan inloggning)",
    Network.workshop: "workshoppens deltagarsida från nätverket, allt annat bara från den här datorn",
    Network.open: "allt från nätverket, utan inloggning",
}

st.title("Åtkomstlogg")
desk = records_session.desk_or_stop(Action.view_audit_log)
access = desk.settings
st.markdown(f"Loggen sparas i **{access.audit_retention_days} dagar** (inställningen `audit_retention_days`) och "
            "gallras sedan. Den namnger ärenden med deras id, aldrig med vad de innehåller.")

case_filter = st.text_input("Visa bara ärende (id)", key="audit:case", placeholder="T.ex. 3f2a9c0d1e4b5a6c")
only_refused = st.checkbox("Visa bara nekade försök", key="audit:refused")
try:  # "only refused" is asked of the whole log, not of the newest 1 000 events
    events = desk.audit.events(case_id=case_filter.strip() or None, allowed=False if only_refused else None)
except StoreError as exc:
    st.error(str(exc))
    statement_link.stop()
rows = [{
    "Tid": swedish_time(e.at, "second"),
    "Vem": e.actor,
    "Roll": ROLE_LABEL[Role(e.role)] if e.role in {r.value for r in Role} else "",
    "Vad": AUDIT_LABEL[e.kind],
    "Ärende": e.case_id or "",
    "Utfall": "tillåten" if e.allowed else "nekad",
    "Detalj": e.detail,
} for e in events]
st.caption(f"{len(rows)} händelser, nyaste först (högst 1 000 visas).")
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
else:
    st.info("Inga händelser att visa.")

st.subheader("Inställningar för åtkomst")
st.caption("Ändras i .streamlit/secrets.toml på servern (se README, Inloggning och roller); den här sidan visar dem.")
if access.login:
    st.markdown(f"- Inloggning: **ja** (anspråken `{access.roles_claim}` och `{access.groups_claim}`), en "
                f"inloggning gäller i {access.max_session_hours:g} timmar")
    for role in Role:
        names = ", ".join(f"`{n}`" for n in access.role_names.get(role, ())) or "ingen"
        st.markdown(f"- {ROLE_LABEL[role]}: {names}")
else:
    st.markdown(f"- Inloggning: **nej**; nätverk: {NETWORK_TEXT[access.network]}")
st.markdown(f"- Fyra ögon vid beslut: **{'ja' if access.four_eyes else 'nej'}** · administratören läser ärenden: "
            f"**{'ja' if access.administrator_reads_cases else 'nej'}**")
