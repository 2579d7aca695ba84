"""What the room sees, without a page: the join box's size, the lines on the screens, the figures, the phone's notes."""

from __future__ import annotations

import datetime as dt

import pytest

from iop.workshop.live import AnonymousAnswer, GivenAnswer, Phase, Workshop
from iop.workshop.results import summarise
from iop.workshop.room import (
    ANSWER_ORDER,
    chart_description,
    closed_note,
    comments,
    figures,
    join_box,
    late_note,
    position_line,
    progress_line,
    saved_note,
    send_label,
    shown_phase,
    spoken_code,
    waiting_line,
)
from iop.workshop.statements import Statement

CREATED = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


def _workshop(phase: Phase | None = None, ended: bool = False) -> Workshop:
    statements = tuple(Statement(id=f"p{i}", text=f"Påstående {i}") for i in (1, 2, 3))
    phases = {s.id: Phase.waiting for s in statements}
    if phase is not None:
        phases["p2"] = phase
    return Workshop(id=1, number=1, code="ACDEFG", title="Träff", created_at=CREATED,
                    expires_at=CREATED + dt.timedelta(days=1), statements=statements, phases=phases,
                    active="p2" if phase is not None else None,
                    ended_at=CREATED + dt.timedelta(hours=2) if ended else None)


@pytest.mark.parametrize(("phase", "participants", "size"), [
    (None, 0, "large"),  # nobody yet, nothing shown: the code as large as it gets
    (None, 4, "small"),
    (Phase.open, 0, "small"),
    (Phase.open, 12, "small"),
    (Phase.closed, 12, "small"),
    (Phase.revealed, 12, "line"),  # the result needs the room: code and link on one line
])
def test_the_projectors_join_box_shrinks_as_the_workshop_goes_on(phase: Phase | None, participants: int, size: str):
    assert join_box(_workshop(phase), participants, projector=True) == size


def test_the_facilitators_join_box_is_large_until_someone_has_joined():
    assert join_box(_workshop(), 0, projector=False) == "large"
    assert join_box(_workshop(Phase.revealed), 1, projector=False) == "small"


def test_an_ended_workshop_shows_no_join_box_anywhere():
    for projector in (True, False):
        assert join_box(_workshop(Phase.revealed, ended=True), 5, projector=projector) is None


def test_the_lines_on_the_screens_say_where_the_room_is():
    assert shown_phase(_workshop()) is None and shown_phase(_workshop(Phase.closed)) is Phase.closed
    assert waiting_line(_workshop(), 3) == ("Gå med på **ACD EFG**. 3 deltagare har gått med. "
                                            "Det första påståendet visas snart.")
    workshop = _workshop(Phase.revealed)
    assert position_line(workshop, "p2") == "Påstående 2 av 3"
    assert progress_line(workshop, "p2", 4, 5) == "Påstående 2 av 3 · Resultatet visat · 4 svar av 5 deltagare"
    assert spoken_code("ACDEFG") == "Kod A C D E F G"


def test_the_figures_are_written_with_a_decimal_comma():
    mean, spread, range_ = figures(summarise([1, 2, 4, 5]))
    assert (mean.label, mean.value) == ("Medelvärde (1–5)", "3,0")
    assert (spread.label, spread.value) == ("Spridning (steg)", "1,6")
    assert spread.help == "Standardavvikelse: 0 när alla står på samma steg."
    assert (range_.label, range_.value) == ("Från – till", "1 – 5")
    assert [f.value for f in figures(summarise([4, 5, 5]))][:2] == ["4,7", "0,5"]


def test_no_figures_without_positions_or_below_three_answers():
    assert figures(summarise([0, 0, 0])) == []
    assert figures(summarise([5, 1])) == []


def test_the_chart_is_one_swedish_sentence_for_a_screen_reader_in_the_bars_order():
    result = summarise([1, 1, 5, 0])
    assert ANSWER_ORDER == (1, 2, 3, 4, 5, 0)
    assert chart_description(result.counts) == (
        "Stapeldiagram, antal svar per alternativ: Håller inte med 2, Håller snarare inte med 0, Både och 0, "
        "Håller snarare med 0, Håller med 1, Vet ej / avstår 1.")


def test_only_given_comments_are_listed():
    answers = [AnonymousAnswer(value=1, comment="För lite tid"), AnonymousAnswer(value=2),
               AnonymousAnswer(value=5, comment="Bra")]
    assert comments(answers) == ["För lite tid", "Bra"]


def _mine(value: int) -> GivenAnswer:
    return GivenAnswer(statement_id="p2", value=value, changed_at=CREATED)


def test_a_choice_that_never_reached_the_store_is_told_and_a_sent_one_is_not():
    assert late_note(None, None) is None  # nothing chosen
    assert late_note(4, _mine(4)) is None  # chosen and sent
    said = 'Påståendet stängdes innan ditt val "Håller snarare inte med" skickades, så det kom inte med.'
    assert late_note(2, None) == said  # chosen, not sent
    assert late_note(2, _mine(5)) == said  # changed, the change not sent


def test_the_phone_says_where_its_answer_stands():
    assert send_label(None) == "Skicka svar" and send_label(_mine(3)) == "Ändra mitt svar"
    assert closed_note(None) == "Påståendet är stängt för svar. Vänta på nästa påstående."
    assert closed_note(_mine(2)) == ("Påståendet är stängt. Ditt svar: **Håller snarare inte med**. "
                                     "Vänta på nästa påstående.")
    assert saved_note(_mine(5)) == ("Ditt svar är sparat: **Håller med**. Du kan ändra det tills "
                                    "samtalsledaren stänger påståendet.")
