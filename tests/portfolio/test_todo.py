"""Att göra: follow-ups, notice, evaluation, re-assessment, de minimis room, and Stockholm's calendar day."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from iop.portfolio import AgreementState, add_months, de_minimis, de_minimis_items, today, todo_for, todo_list
from iop.portfolio.dates import local_time
from iop.portfolio.figures import typed
from iop.records.agreement import Reassessment, Schedule
from iop.rules.rulebook import load_rulebook
from tests.portfolio.fixtures import decided

D = dt.date
AGREEMENT = Schedule(start=D(2024, 1, 1), end=D(2026, 12, 31), notice_months=6, follow_up_months=12,
                     evaluation_months_before_end=9)


def kinds(state: AgreementState, day: dt.date) -> list[tuple[str, dt.date | None, bool]]:
    return [(item.kind, item.due, item.overdue) for item in todo_for(state, day)]


def test_stockholm_calendar_day_and_wall_clock_time():
    late_utc = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)  # already new year's day in Stockholm
    assert today(late_utc) == D(2026, 1, 1)
    assert local_time(dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC)) == "2025-07-01 14:00"  # summer time
    assert local_time(dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)) == "2025-01-01 13:00"
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)


def test_a_yearly_avstamning_is_due_a_year_after_the_start_then_after_the_last_follow_up():
    state = AgreementState("A", AGREEMENT)
    assert kinds(state, D(2024, 11, 1)) == []                                       # more than 30 days ahead
    assert kinds(state, D(2024, 12, 15)) == [("follow_up", D(2025, 1, 1), False)]    # due soon
    assert kinds(state, D(2025, 2, 1)) == [("follow_up", D(2025, 1, 1), True)]       # overdue
    followed = AgreementState("A", AGREEMENT, last_follow_up=D(2025, 1, 20))
    assert kinds(followed, D(2025, 2, 1)) == []
    assert todo_for(AgreementState("A", AGREEMENT), D(2025, 2, 1))[0].text == (
        "Avstämning 2025-01-01, 31 dagar sedan (ingen uppföljning registrerad ännu)")


def test_notice_and_evaluation_before_the_end_date():
    state = AgreementState("A", AGREEMENT, last_follow_up=D(2026, 1, 10))
    # notice by 2026-06-30 (6 months before 2026-12-31), evaluation by 2026-03-31 (9 months before)
    assert kinds(state, D(2025, 12, 1)) == []
    assert kinds(state, D(2026, 1, 15)) == [("evaluation", D(2026, 3, 31), False)]
    assert kinds(state, D(2026, 4, 15)) == [("evaluation", D(2026, 3, 31), True), ("notice", D(2026, 6, 30), False)]
    evaluated = AgreementState("A", AGREEMENT, last_follow_up=D(2026, 3, 1), last_evaluation=D(2026, 3, 1))
    assert kinds(evaluated, D(2026, 7, 10)) == [("notice", D(2026, 6, 30), True)]
    assert todo_for(evaluated, D(2026, 7, 10))[0].text == (
        "Sista dag att säga upp överenskommelsen var 2026-06-30, 10 dagar sedan; den löper ut 2026-12-31.")


def test_an_agreement_that_has_ended_or_continues_in_a_successor_asks_for_nothing_about_its_end():
    assert kinds(AgreementState("A", AGREEMENT), D(2027, 2, 1)) == []
    continued = AgreementState("A", AGREEMENT, last_follow_up=D(2026, 3, 1), last_evaluation=D(2026, 3, 1),
                               has_successor=True)
    assert kinds(continued, D(2026, 6, 1)) == []


def test_an_agreement_until_further_notice_only_has_its_follow_ups():
    open_ended = Schedule(start=D(2024, 1, 1), notice_months=3, follow_up_months=6, evaluation_months_before_end=6)
    assert kinds(AgreementState("A", open_ended), D(2030, 1, 1)) == [("follow_up", D(2024, 7, 1), True)]


def test_changed_facts_that_change_the_outcome_ask_for_a_re_assessment():
    again = Reassessment(before="iop", after="procurement", after_form="lou",
                         differences=("Rekommendationen blir Upphandling (var IOP).",))
    state = AgreementState("A", AGREEMENT, last_follow_up=D(2025, 1, 5), reassessment=again)
    [item] = todo_for(state, D(2025, 2, 1))
    assert item.kind == "reassess" and item.overdue
    assert "rekommendationen blir nu Upphandling (upphandling enligt LOU) (var IOP)" in item.text
    same = Reassessment(before="iop", after="iop")
    assert todo_for(AgreementState("A", AGREEMENT, last_follow_up=D(2025, 1, 5), reassessment=same), D(2025, 2, 1)) == []


def test_the_list_over_many_agreements_is_earliest_first():
    states = [AgreementState("late", AGREEMENT, last_follow_up=D(2025, 3, 1)),
              AgreementState("early", AGREEMENT)]
    assert [item.case_id for item in todo_list(states, D(2026, 3, 10))] == ["early", "late", "early", "late"]  # 2025-01-01, 2026-03-01, then both evaluations 2026-03-31


# ----- de minimis ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def parameters():
    return load_rulebook().parameters


def aid_frame() -> pd.DataFrame:
    """Förening X (802001-1234): three grants as de minimis aid, one too old, one not aid; Y under SGEI."""
    x = {"organisation": "Förening X", "org_number": "802001-1234"}
    return typed(pd.DataFrame([
        decided("x1", 2023, "bidrag", "grant", True, state_aid="de_minimis", municipality_sek=1_120_000,
                aid_months=12, sek_per_eur=11.2, **x),                      # 100 000 euro
        decided("x2", 2024, "iop", "iop", True, state_aid="de_minimis", municipality_sek=560_000,
                aid_months=36, sek_per_eur=11.2, **x),                      # 50 000 a year for 3 years: 150 000 euro
        decided("x3", 2025, "bidrag", "grant", True, state_aid="de_minimis", aid_months=12, **x),  # amount missing
        decided("x-old", 2021, "bidrag", "grant", True, state_aid="de_minimis", municipality_sek=5_000_000,
                aid_months=12, sek_per_eur=10.0, **x),                      # outside the three years
        decided("x-not-aid", 2025, "bidrag", "grant", True, state_aid="not_aid", municipality_sek=9_000_000, **x),
        decided("y1", 2025, "iop", "iop", True, state_aid="sgei_de_minimis", municipality_sek=1_120_000,
                sek_per_eur=11.2, organisation="Stiftelsen Y", status="arkiverad"),  # unknown length: 36 months
    ]))


def test_de_minimis_counts_each_organisations_aid_over_a_rolling_three_years(parameters):
    table = de_minimis(aid_frame(), D(2026, 2, 1), parameters).set_index("org_key")
    x = table.loc["802001-1234"]
    assert (x["cases"], x["general_eur"], x["missing"]) == (3, 250_000, 1)
    assert (x["ceiling_general_eur"], x["headroom_general_eur"]) == (300_000, 50_000)
    assert x["frees_next"] == D(2026, 3, 1)  # x1, decided 2023-03-01, leaves the window three years later
    y = table.loc["namn:stiftelsen y"]
    assert (y["sgei_eur"], y["headroom_sgei_eur"]) == (300_000, 450_000)  # 1 120 000 kr × 3 years / 11,2


def test_de_minimis_near_the_ceiling_is_on_the_todo_list(parameters):
    frame = aid_frame()
    tight = frame.assign(municipality_sek=frame["municipality_sek"].where(frame["id"] != "x2", 952_000))
    table = de_minimis(tight, D(2026, 2, 1), parameters)  # x2 now 255 000 euro: 355 000 in all
    [item] = de_minimis_items(table, {"802001-1234": "x3"})
    assert (item.case_id, item.kind, item.overdue) == ("x3", "de_minimis", True)
    assert item.text == ("Förening X har fått 355\u00a0000 euro i stöd av mindre betydelse de senaste tre åren; "
                         "55\u00a0000 euro över taket 300\u00a0000 euro. Det äldsta stödet räknas bort 2026-03-01.")
    assert de_minimis_items(de_minimis(frame, D(2026, 2, 1), parameters), {}) == []


def test_contacts_are_typed_one_per_line_and_read_back():
    from iop.records.agreement import Contact, contacts_from_text, contacts_to_text

    contacts, problems = contacts_from_text("Karin Lind; kommunen; handläggare; karin.lind@kommun.se\n\n"
                                            "Ali Hassan; Organisationen\nBara ett namn\nEva; kommunen; ; 070-123 45 67")
    assert contacts == (Contact(name="Karin Lind", party="kommun", role="handläggare", reach="karin.lind@kommun.se"),
                        Contact(name="Ali Hassan", party="organisation"),
                        Contact(name="Eva", party="kommun", reach="070-123 45 67"))
    assert problems == ["Rad 4 (”Bara ett namn”) går inte att läsa: skriv Namn; kommunen eller organisationen; "
                        "roll; e-post eller telefon."]
    assert contacts_from_text(contacts_to_text(contacts)) == (contacts, [])


def test_local_time_with_seconds():
    assert local_time(dt.datetime(2025, 7, 1, 12, 0, 5, tzinfo=dt.UTC), seconds=True) == "2025-07-01 14:00:05"
