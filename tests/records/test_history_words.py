"""History in words: what happened between two versions, decisions with their terms, cases named by title."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from iop.model import Case
from iop.records import (
    CaseStatus,
    Decision,
    Revision,
    StatusRecord,
    case_name,
    decision_terms,
    describe_between,
    name_case_ids,
)
from iop.words import swedish_time

MOMENT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def _revision(number: int, note: str, change: CaseStatus | None = None) -> Revision:
    return Revision(number=number, author="Anna", created_at=MOMENT, note=note, status=change or CaseStatus.draft,
                    status_change=change, case=Case(title="A"))


def _decision(**terms: object) -> Decision:
    return Decision(decision="bidrag", body="Socialnämnden", date=dt.date(2026, 3, 2), paragraph="§ 45",
                    recommendation="grant", **terms)  # type: ignore[arg-type]


def test_the_decision_records_form_amount_and_period():
    made = _decision(form="verksamhetsbidrag", sek_per_year=350_000, period_start=dt.date(2026, 1, 1),
                     period_end=dt.date(2026, 12, 31))
    assert decision_terms(made) == "verksamhetsbidrag, 350\u00a0000\u00a0kr per år, 2026-01-01–2026-12-31"
    assert decision_terms(_decision(period_start=dt.date(2026, 1, 1))) == "2026-01-01–tills vidare"
    assert decision_terms(_decision()) == ""


@pytest.mark.parametrize("terms", [{"form": "lou"}, {"sek_per_year": -1},
                                   {"period_start": dt.date(2026, 2, 1), "period_end": dt.date(2026, 1, 1)}])
def test_terms_that_do_not_fit_the_decision_are_refused(terms: dict[str, object]):
    with pytest.raises(ValidationError):
        _decision(**terms)


def test_between_two_versions_the_status_changes_the_freeze_and_the_decision_are_told():
    revisions = [_revision(1, "Ärendet skapades", CaseStatus.draft), _revision(2, "Utkast sparat automatiskt"),
                 _revision(3, "Status: Bedömd trots öppna punkter. Skäl: Nämnden beslutar nu.", CaseStatus.assessed),
                 _revision(4, "Status: Beslutad", CaseStatus.decided), _revision(5, "Från workshop 2 den 2026-03-02")]
    decided = StatusRecord(status=CaseStatus.decided, revision=4, author="Anna", created_at=MOMENT,
                           decision=_decision(form="verksamhetsbidrag", sek_per_year=350_000))
    lines = describe_between(revisions, [decided], 1, 5, routine_notes=("Utkast sparat automatiskt",))
    when = swedish_time(MOMENT)
    assert lines == [
        f"Status ändrades till Bedömd (version 3, {when}, Anna): trots öppna punkter. Skäl: Nämnden beslutar nu.",
        f"Status ändrades till Beslutad (version 4, {when}, Anna).",
        "Beslut: Bidrag, verksamhetsbidrag, 350\u00a0000\u00a0kr per år (Socialnämnden, § 45); följer rekommendationen.",
        f"Från workshop 2 den 2026-03-02 (version 5, {when}, Anna).",
    ]
    assert describe_between(revisions, [decided], 3, 3) == []  # a version compared with itself
    assert describe_between(revisions, [decided], 4, 1)[0].startswith("Utkast sparat")  # order does not matter


def test_a_case_is_named_by_title_and_dnr_not_its_internal_id():
    assert case_name("Läxhjälp", "KS 2026/9") == "”Läxhjälp” (Dnr KS 2026/9)"
    assert case_name("Läxhjälp", "") == "”Läxhjälp”"
    names = {"0123456789abcdef": case_name("Läxhjälp", "KS 2026/9")}
    assert name_case_ids("Kopierat från ärende 0123456789abcdef version 3", names) == \
        "Kopierat från ärendet ”Läxhjälp” (Dnr KS 2026/9) version 3"
    assert name_case_ids("Kopierat från ärende fedcba9876543210 version 3", names).endswith("fedcba9876543210 version 3")
