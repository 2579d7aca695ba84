"""One sitting's autosaves make one revision, on SQLite and PostgreSQL; every other save stays its own."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case
from iop.records.autosave import SITTING_GAP
from iop.records.record import AssessmentSnapshot, CaseStatus
from iop.store import StaleRevision
from iop.store.records import CaseRegister
from iop.store.tables import RevisionRow


def edited(case: Case, step: int) -> Case:
    return case.model_copy(update={"activity": case.activity.model_copy(update={"description": f"Steg {step}"})})


def test_a_walk_through_a_new_case_leaves_two_revisions(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Ungdomsbussen"), "Anna")
    for step in range(1, 40):
        stored = register.save_case(stored.id, edited(stored.case, step), stored.revision, "Anna", sitting="flik-1")
    history = register.history(stored.id)
    assert [(r.number, r.note) for r in history] == [(1, "Ärendet skapades"), (40, "Utkast sparat automatiskt")]
    assert history[-1].case.activity.description == "Steg 39"
    assert register.load_case(stored.id).revision == stored.revision == 40


def test_another_author_a_status_change_and_a_second_tab_each_start_a_revision(register: CaseRegister,
                                                                                engine: Engine) -> None:
    stored = register.create_case(Case(title="Läxhjälp"), "Anna")
    stored = register.save_case(stored.id, edited(stored.case, 1), stored.revision, "Anna", sitting="a")
    stored = register.save_case(stored.id, edited(stored.case, 2), stored.revision, "Anna", sitting="a")
    stored = register.save_case(stored.id, edited(stored.case, 3), stored.revision, "Bo", sitting="b")
    stored = register.save_case(stored.id, edited(stored.case, 4), stored.revision, "Anna", sitting="a")
    stored = register.save_case(stored.id, edited(stored.case, 5), stored.revision, "Anna", sitting="c")
    stored = register.save_case(stored.id, edited(stored.case, 6), stored.revision, "Anna", note="Beskrivningen klar",
                                sitting="c")
    stored = register.save_case(stored.id, edited(stored.case, 7), stored.revision, "Anna", sitting="c")
    snapshot = AssessmentSnapshot.of(engine.assess(stored.case))
    stored = register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Anna", snapshot=snapshot)
    stored = register.change_status(stored.id, CaseStatus.draft, stored.revision, "Anna")
    stored = register.save_case(stored.id, edited(stored.case, 8), stored.revision, "Anna", sitting="c")
    stored = register.save_case(stored.id, edited(stored.case, 9), stored.revision, "Anna", sitting="c")
    history = register.history(stored.id)
    assert [(r.author, r.note, r.case.activity.description) for r in history] == [
        ("Anna", "Ärendet skapades", ""),
        ("Anna", "Utkast sparat automatiskt", "Steg 2"),
        ("Bo", "Utkast sparat automatiskt", "Steg 3"),
        ("Anna", "Utkast sparat automatiskt", "Steg 4"),
        ("Anna", "Utkast sparat automatiskt", "Steg 5"),
        ("Anna", "Beskrivningen klar", "Steg 6"),
        ("Anna", "Utkast sparat automatiskt", "Steg 7"),
        ("Anna", "Status: Bedömd", "Steg 7"),
        ("Anna", "Status: Utkast", "Steg 7"),
        ("Anna", "Utkast sparat automatiskt", "Steg 9"),
    ]
    numbers = [r.number for r in history]
    assert numbers == sorted(set(numbers)) and numbers[-1] == stored.revision
    assert [r.revision for r in register.status_records(stored.id)] == [history[7].number]


def test_a_pause_longer_than_the_gap_starts_a_new_revision(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Kafé"), "Anna")
    stored = register.save_case(stored.id, edited(stored.case, 1), stored.revision, "Anna", sitting="a")
    with register.engine.begin() as connection:  # the last autosave was made before lunch
        connection.execute(update(RevisionRow).where(RevisionRow.case_id == stored.id, RevisionRow.number == 2)
                           .values(created_at=dt.datetime.now(dt.UTC) - SITTING_GAP - dt.timedelta(minutes=1)))
    stored = register.save_case(stored.id, edited(stored.case, 2), stored.revision, "Anna", sitting="a")
    assert [r.case.activity.description for r in register.history(stored.id)] == ["", "Steg 1", "Steg 2"]


def test_a_folded_autosave_still_refuses_a_save_from_a_tab_that_did_not_see_it(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Bussen"), "Anna")
    first = register.save_case(stored.id, edited(stored.case, 1), stored.revision, "Anna", sitting="a")
    other_tab = register.load_case(stored.id)
    register.save_case(stored.id, edited(first.case, 2), first.revision, "Anna", sitting="a")  # folds into 2
    changed = other_tab.case.model_copy(update={"answers": {"initiative": Answer(value="public")}})
    with pytest.raises(StaleRevision) as refused:
        register.save_case(stored.id, changed, other_tab.revision, "Bo", sitting="b")
    assert "Anna sparade ärendet" in str(refused.value)
    assert refused.value.changes  # described against the newest revision the tab could have seen
    assert register.load_case(stored.id).case.activity.description == "Steg 2"


def test_a_conflict_with_ones_own_other_tab_says_so(register: CaseRegister) -> None:
    stored = register.create_case(Case(title="Två flikar"), "Anna")
    register.save_case(stored.id, edited(stored.case, 1), 1, "Anna", sitting="a")
    with pytest.raises(StaleRevision) as refused:
        register.save_case(stored.id, edited(stored.case, 2), 1, "Anna", sitting="b")
    assert str(refused.value).startswith("Du sparade själv ärendet i en annan flik eller ett annat fönster")
