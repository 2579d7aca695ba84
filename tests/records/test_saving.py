"""The save rule (iop.records.saving): when the case in progress is saved, what the page promises, what the
sidebar says, all read from one place so the promise never says more than the save does."""

from __future__ import annotations

import dataclasses

import pytest

from iop.records.record import CaseStatus
from iop.records.saving import (
    SAVED_ON_LEAVE,
    SaveSituation,
    SaveStatus,
    SaveStep,
    asks_for_name,
    save_now_refusal,
    save_status,
    save_step,
    saving_promise,
    unsaved_changes,
)

OFFICIAL = SaveSituation(reachable=True, organisation=False, organisation_saves=False, login=False, named=True,
                         may_write=True, saved=True, status=CaseStatus.draft, changed=True)
"""An official working on a saved draft without login, with a name given, who changed something."""


def but(**changes: object) -> SaveSituation:
    return dataclasses.replace(OFFICIAL, **changes)  # type: ignore[arg-type]


def test_a_changed_draft_is_saved_and_an_unchanged_one_is_not():
    assert save_step(OFFICIAL) is SaveStep.save
    assert save_step(but(changed=False)) is SaveStep.nothing


def test_a_new_case_is_created_on_its_first_change_only():
    assert save_step(but(saved=False, status=None)) is SaveStep.create
    assert save_step(but(saved=False, status=None, changed=False)) is SaveStep.nothing


def test_an_organisation_saves_nothing_until_it_chooses_to_and_then_at_once():
    declined = but(organisation=True, saved=False, status=None)
    assert save_step(declined) is SaveStep.nothing
    assert saving_promise(declined) == ("Inget sparas på servern i organisationsläget: ladda ner ert resultat "
                                        "under Exportera.")
    chosen = dataclasses.replace(declined, organisation_saves=True, changed=False)
    assert save_step(chosen) is SaveStep.create_self_check  # saved at once, changed or not
    assert save_step(dataclasses.replace(chosen, saved=True, status=CaseStatus.draft, changed=True)) is SaveStep.save


def test_without_login_an_unnamed_edit_asks_for_the_name_and_is_never_dropped_silently():
    unnamed = but(named=False, may_write=False)
    assert save_step(unnamed) is SaveStep.ask_name
    assert save_step(dataclasses.replace(unnamed, changed=False)) is SaveStep.nothing
    assert saving_promise(unnamed) == ("Ärendet sparas när du har skrivit ditt namn; du får frågan vid första "
                                       "ändringen.")
    assert save_status(unnamed, failed=False, saved_at_known=True) is SaveStatus.not_saved


def test_with_login_nobody_is_asked_for_a_name_and_a_reader_only_reads():
    logged_out = but(login=True, named=False, may_write=False)
    assert save_step(logged_out) is SaveStep.nothing
    assert saving_promise(logged_out) == ("Ärendet sparas när du har loggat in med ett konto som får använda "
                                          "registret.")
    reader = but(login=True, may_write=False)
    assert reader.read_only and save_step(reader) is SaveStep.nothing
    assert saving_promise(reader) == "Din roll får inte ändra ärendet, så det visas utan att kunna ändras."
    assert save_status(reader, failed=False, saved_at_known=True) is SaveStatus.reads_only
    assert save_status(logged_out, failed=False, saved_at_known=True) is SaveStatus.not_saved


def test_without_login_or_in_organisation_mode_nobody_is_read_only():
    assert not but(may_write=False).read_only
    assert not but(login=True, organisation=True, may_write=False).read_only


def test_an_unreachable_register_saves_nothing_and_says_to_download():
    away = but(reachable=False)
    assert save_step(away) is SaveStep.nothing
    assert save_step(but(reachable=False, named=False, may_write=False)) is SaveStep.nothing  # no name question
    assert saving_promise(away).startswith("Ärenderegistret kan inte nås just nu")
    assert save_status(away, failed=False, saved_at_known=True) is SaveStatus.unreachable


def test_a_conflict_waits_for_the_users_choice():
    torn = but(conflict=True)
    assert save_step(torn) is SaveStep.nothing
    assert save_status(torn, failed=False, saved_at_known=True) is SaveStatus.conflict
    assert save_now_refusal(torn, "") == ("Någon annan har sparat ärendet medan du arbetade; välj överst på "
                                          "sidan först.")


@pytest.mark.parametrize("status", [CaseStatus.assessed, CaseStatus.reviewed, CaseStatus.decided,
                                    CaseStatus.archived])
def test_a_locked_case_promises_nothing_and_its_fields_are_not_saved(status: CaseStatus):
    content, saved = {"title": "Ny"}, {"title": "Gammal"}
    assert not unsaved_changes(content, saved, status, pristine={"title": "Nytt ärende"})
    assert saving_promise(but(status=status)).endswith("och låst: inget här kan ändras.")


def test_what_counts_as_a_change():
    pristine = {"title": "Nytt ärende"}
    assert not unsaved_changes(pristine, None, None, pristine)  # a fresh session's blank case
    assert unsaved_changes({"title": "Ungdomsbussen"}, None, None, pristine)
    assert not unsaved_changes({"title": "A"}, {"title": "A"}, CaseStatus.draft, pristine)
    assert unsaved_changes({"title": "B"}, {"title": "A"}, CaseStatus.draft, pristine)


def test_the_sidebar_says_saved_once_there_is_a_saved_version_and_says_a_failure_first():
    assert save_status(but(changed=False), failed=False, saved_at_known=True) is SaveStatus.saved
    assert save_status(but(saved=False, status=None), failed=False, saved_at_known=False) is SaveStatus.quiet
    assert save_status(OFFICIAL, failed=True, saved_at_known=True) is SaveStatus.failed
    assert save_status(but(organisation=True), failed=True, saved_at_known=True) is SaveStatus.self_check


def test_the_promise_is_the_plain_one_when_everything_saves():
    assert saving_promise(OFFICIAL) == SAVED_ON_LEAVE


def test_saving_on_request_needs_a_saved_case_and_the_right_to_edit():
    assert save_now_refusal(OFFICIAL, "") == ""
    assert save_now_refusal(but(saved=False), "") == "Ärendet är inte sparat i ärenderegistret."
    assert save_now_refusal(but(reachable=False), "") == "Ärendet är inte sparat i ärenderegistret."
    assert save_now_refusal(OFFICIAL, "Logga in.") == "Ärendet kan inte sparas: Logga in."


def test_the_name_is_asked_for_after_an_edit_not_after_opening_and_not_twice_for_the_same_content():
    assert not asks_for_name("opened", opened_as="opened", asked_for=None, name_missing=False)
    assert asks_for_name("edited", opened_as="opened", asked_for=None, name_missing=False)
    assert not asks_for_name("edited", opened_as="opened", asked_for="edited", name_missing=False)
    assert asks_for_name("edited", opened_as="opened", asked_for="edited", name_missing=True)  # answered empty
    assert asks_for_name("edited again", opened_as="opened", asked_for="edited", name_missing=False)
