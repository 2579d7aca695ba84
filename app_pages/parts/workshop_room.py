"""What the room sees, drawn: the statement, the hidden or shown result, and the box with the code to join.

The projector (``&vy=projektor``) shows only this; the facilitator's page shows it
under the controls. What is shown when (``iop.workshop.room``) is decided in the domain.
"""

from __future__ import annotations

from html import escape

import altair as alt
import pandas as pd
import streamlit as st

from app_pages.parts import records_session, session, workshop_state
from iop.io import network_host
from iop.store import WorkshopDesk
from iop.workshop import (
    ABSTAIN,
    ANSWER_ORDER,
    CHOICES,
    DISAGREEMENT_RULE,
    JoinBox,
    Phase,
    Workshop,
    chart_description,
    comments,
    describe,
    figures,
    format_code,
    join_box,
    join_qr_png,
    participants_link,
    progress_line,
    shown_phase,
    spoken_code,
    summarise,
    waiting_line,
)

QR_ALT = "QR-kod med länken för att gå med i workshoppen"
REFRESH_SECONDS = 1.0  # the projected view reads the database every second: a new answer shows within two


def chart(counts: dict[int, int], height: int | str = 320) -> alt.Chart:
    labels = [CHOICES[v] for v in ANSWER_ORDER]
    frame = pd.DataFrame({"svar": labels, "antal": [counts[v] for v in ANSWER_ORDER],
                          "ställning": ["Vet ej / avstår" if v == ABSTAIN else "Ställning" for v in ANSWER_ORDER]})
    base = alt.Chart(frame).encode(
        x=alt.X("svar:N", sort=labels, title=None,
                # Every answer named under its bar, in lines of a word or two, however narrow the chart.
                axis=alt.Axis(labelAngle=0, labelFontSize=15, labelColor="#1f2937", labelOverlap=False,
                              labelExpr="split(replace(datum.label, 'snarare ', 'snarare\\n'), '\\n')")),
        y=alt.Y("antal:Q", title="Antal svar", axis=alt.Axis(tickMinStep=1, titleFontSize=14, labelFontSize=14,
                                                                  titleColor="#1f2937", labelColor="#1f2937")),
    )
    bars = base.mark_bar(aria=False).encode(color=alt.Color("ställning:N", legend=None,
                                                  scale=alt.Scale(range=["#1f4e79", "#9ca3af"])))
    numbers = base.mark_text(dy=-10, fontSize=18, fontWeight="bold", aria=False).encode(text="antal:Q")
    # A screen reader gets the whole chart as one Swedish sentence; Vega's own descriptions of each
    # bar and axis are English ("Y-axis titled ...") and are switched off (aria=False).
    layered = (bars + numbers).properties(height=height, description=chart_description(counts))
    drawn: alt.Chart = layered.configure(aria=False)
    return drawn


@st.fragment(run_every=REFRESH_SECONDS)
def projected(desk: WorkshopDesk, workshop_id: int, projector: bool = False) -> None:
    with workshop_state.guarded():
        _projected_body(desk, workshop_id, projector)


def _projected_body(desk: WorkshopDesk, workshop_id: int, projector: bool) -> None:
    """What the room sees; on the projector the join box too, sized by ``room.join_box``."""
    workshop = desk.get(workshop_id)
    participants = desk.participant_count(workshop_id)
    if projector:
        draw_join_box(workshop, join_box(workshop, participants, projector=True), projector=True)
    if workshop.active is None:
        st.markdown(waiting_line(workshop, participants))
        return
    statement = workshop.statement(workshop.active)
    phase = shown_phase(workshop)
    st.caption(progress_line(workshop, statement.id, desk.answer_counts(workshop_id).get(statement.id, 0),
                             participants))
    small = " ws-statement-small" if projector and phase is Phase.revealed else ""
    st.html(f"<p class='ws-statement{small}'>{escape(statement.text)}</p>")
    if phase is not Phase.revealed:
        st.info("Svaren är dolda tills samtalsledaren visar resultatet, så att ingen påverkas av de andras svar.")
        return
    answers = desk.revealed_answers(workshop_id).get(statement.id, [])
    result = summarise(a.value for a in answers)
    if not result.shown:
        st.info(describe(result))
        return
    chart_col, facts_col = st.columns([3, 2]) if projector else (st.container(), st.container())
    with chart_col:
        # On the projector the chart takes the height the screen has left (PROJECTOR_VIEW_CSS sizes it).
        st.altair_chart(chart(result.counts, height="container" if projector else 320), use_container_width=True)
        st.caption(describe(result))
    with facts_col:
        if result.disagreement:
            st.warning(f"**Gruppen är oenig.** {DISAGREEMENT_RULE}", icon=":material/call_split:")
        shown = figures(result)
        for col, figure in zip(st.columns(3) if shown else [], shown, strict=True):
            col.metric(figure.label, figure.value, help=figure.help)
        said = comments(answers)
        if said:
            st.markdown(f"**Kommentarer ({len(said)})**")
            # A long list scrolls inside its box on the projector instead of pushing the chart off the screen.
            with st.container(height=140 if projector else "content", border=projector):
                for comment in said:
                    st.markdown(f"- {session.escape(comment)}")


def draw_join_box(workshop: Workshop, size: JoinBox | None, *, projector: bool = False) -> None:
    """How to join: code, link and QR code, large (nobody yet), small (joined), on one line (result shown) or,
    once the workshop has ended, not at all."""
    if size is None:
        return
    access = records_session.settings()
    url, problem = participants_link(getattr(st.context, "url", None) or "http://localhost:8501/workshop",
                                     workshop.code, network=access.network, login=access.login,
                                     network_host=network_host())
    if problem and not projector:  # for the facilitator; the room needs only the code
        st.warning(problem, icon=":material/wifi_off:")
    spoken, link = escape(spoken_code(workshop.code)), escape(url)
    if size == "line":
        text_col, qr_col = st.columns([6, 1], vertical_alignment="center")
        text_col.html(f"<p class='ws-join-line'>Gå med: <span class='ws-code-small' aria-label='{spoken}'>"
                      f"{format_code(workshop.code)}</span> · <a href='{link}'>{link}</a></p>")
        qr_col.image(join_qr_png(url), width=90, alt=QR_ALT)
        return
    text_col, qr_col = st.columns([3, 1] if size == "small" else [2, 1], vertical_alignment="center")
    with text_col:
        st.markdown("Gå med på din telefon med koden")
        css = "ws-code" if size == "large" else "ws-code ws-code-medium"
        st.html(f"<p class='{css}' aria-label='{spoken}'>{format_code(workshop.code)}</p>")
        st.markdown(f"eller öppna länken: [{url}]({url})")
    with qr_col:
        st.image(join_qr_png(url), caption="Skanna för att gå med", width=240 if size == "large" else 140,
                 alt=QR_ALT)
