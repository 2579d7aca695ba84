"""Record rules without a database: status transitions, decisions, changes in words, merging."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from iop.model.case import Answer, Case
from iop.records.case_diff import describe_changes, merge_cases
from iop.records.record import CaseStatus, Decision, is_editable, may_change_status, status_change_refusal
from iop.rules.rulebook import Rulebook


@pytest.mark.parametrize(("current", "new", "allowed"), [
    (CaseStatus.draft, CaseStatus.assessed, True),
    (CaseStatus.draft, CaseStatus.decided, False),
    (CaseStatus.assessed, CaseStatus.decided, True),
    (CaseStatus.assessed, CaseStatus.draft, True),
    (CaseStatus.decided, CaseStatus.draft, False),
    (CaseStatus.decided, CaseStatus.archived, True),
    (CaseStatus.archived, CaseStatus.draft, False),
])
def test_status_transitions(current: CaseStatus, new: CaseStatus, allowed: bool) -> None:
    assert may_change_status(current, new) is allowed


def test_a_refused_step_names_both_statuses_as_a_sentence_reads_them() -> None:
    assert status_change_refusal(CaseStatus.draft, CaseStatus.decided) == (
        "Ett ärende som är ett utkast kan inte bli beslutat.")
    assert status_change_refusal(CaseStatus.decided, CaseStatus.draft) == "Ett ärende som är beslutat kan inte bli utkast."
    assert status_change_refusal(CaseStatus.archived, CaseStatus.reviewed) == (
        "Ett ärende som är arkiverat kan inte bli granskat.")


def test_only_drafts_are_editable() -> None:
    assert [s for s in CaseStatus if is_editable(s)] == [CaseStatus.draft]


def test_decision_following_the_recommendation_needs_no_reason() -> None:
    decision = Decision(decision="iop", body="KS", date="2026-02-01", paragraph="§ 3", recommendation="iop")
    assert decision.follows_recommendation


def test_decision_against_the_recommendation_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="motivering"):
        Decision(decision="bidrag", body="KS", date="2026-02-01", paragraph="§ 3", recommendation="iop")
    assert not Decision(decision="bidrag", body="KS", date="2026-02-01", paragraph="§ 3", recommendation="iop",
                        deviation_reason="Nämnden valde ett enklare stöd.").follows_recommendation


def test_changes_are_described_in_words(rulebook: Rulebook) -> None:
    old = Case(title="A", answers={"initiative": Answer(value="organisation", reasoning="Mejl 3 mars")})
    new = Case(title="A", diarienummer="KS 2026/9",
               answers={"initiative": Answer(value="public", reasoning="Mejl 3 mars, rättat")})
    new.organisation.contribution.volunteer_hours_per_year = 400
    assert describe_changes(old, new, rulebook.questions) == [
        "Diarienummer ändrades från (tomt) till ”KS 2026/9”.",
        "Organisationens insats, ideella timmar per år ändrades från (tomt) till ”400\u00a0timmar”.",
        ("Svaret på ”Vem tog först initiativ till verksamheten?” ändrades från Den idéburna "
        "organisationen till Kommunen/regionen."),
        ("Motiveringen till ”Vem tog först initiativ till verksamheten?” ändrades från ”Mejl 3 mars” "
         "till ”Mejl 3 mars, rättat”."),
    ]


def test_a_first_answer_says_what_was_answered_and_underlag_and_motivering_are_named(rulebook: Rulebook) -> None:
    old = Case(title="A", answers={"support_form": Answer(value="vet_ej", evidence=["Ansökan"])})
    new = Case(title="A", answers={
        "initiative": Answer(value="organisation", reasoning="Mejl 3 mars", evidence=["Mejl"]),
        "support_form": Answer(value="vet_ej", evidence=["Protokoll § 4"]),
    })
    new.public_party.contribution.money_sek_per_year = 850_000
    assert describe_changes(old, new, rulebook.questions) == [
        "Kommunens/regionens insats, pengar per år ändrades från (tomt) till ”850\u00a0000\u00a0kr”.",
        "Frågan ”Vem tog först initiativ till verksamheten?” besvarades: Den idéburna organisationen.",
        "Motivering till ”Vem tog först initiativ till verksamheten?” skrevs: ”Mejl 3 mars”.",
        "Underlag till ”Vem tog först initiativ till verksamheten?” lades till: ”Mejl”.",
        f"Underlag till ”{rulebook.questions.questions['support_form'].text}” lades till: ”Protokoll § 4”.",
        f"Underlag till ”{rulebook.questions.questions['support_form'].text}” togs bort: ”Ansökan”.",
    ]
    assert describe_changes(new, old, rulebook.questions)[1] == (
        "Svaret på ”Vem tog först initiativ till verksamheten?” togs bort (var Den idéburna organisationen).")


def test_merge_keeps_both_peoples_changes_to_different_things() -> None:
    base = Case(title="Bas")
    mine = base.model_copy(update={"answers": {"initiative": Answer(value="organisation")}})
    theirs = base.model_copy(update={"diarienummer": "KS 1"})
    merged, conflicts = merge_cases(base, mine, theirs)
    assert (merged.diarienummer, merged.answers["initiative"].value, conflicts) == ("KS 1", "organisation", [])


def test_merge_names_the_answers_both_changed_and_keeps_mine() -> None:
    base = Case(title="Bas")
    mine = base.model_copy(update={"answers": {"initiative": Answer(value="organisation")}})
    theirs = base.model_copy(update={"answers": {"initiative": Answer(value="public")}})
    merged, conflicts = merge_cases(base, mine, theirs)
    assert merged.answers["initiative"].value == "organisation"
    assert conflicts == ["Svaret på ”initiative”: båda ändrade; ditt svar behölls."]
