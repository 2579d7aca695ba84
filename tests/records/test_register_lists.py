"""The register's lists in words (iop.records): the history table and the versions compared, the chooser of cases,
the filters' choices, look-alike cases, and the words of an import."""

from __future__ import annotations

import datetime as dt

from iop.model import Case
from iop.records import (
    ARCHIVED_MARK,
    CaseStatus,
    Revision,
    case_choices,
    case_names,
    compared_pair,
    duplicates_of,
    filter_choices,
    history_rows,
    import_note,
    imported_message,
    similar_names,
    version_label,
)
from tests.records.test_case_list import frame

MOMENT = dt.datetime(2026, 3, 2, 9, 30, 15, tzinfo=dt.UTC)


def revision(number: int, role: str = "", change: CaseStatus | None = None, note: str = "") -> Revision:
    return Revision(number=number, author="Anna", created_at=MOMENT, note=note, status=change or CaseStatus.draft,
                    status_change=change, case=Case(title="A"), role=role)


def test_the_history_table_is_newest_first_with_role_and_status_in_swedish():
    copied = "0123456789abcdef"
    history = [revision(1, "handlaggare"), revision(2, "granskare", CaseStatus.assessed, f"Kopia av ärende {copied}"),
               revision(3, "okänd")]
    rows = history_rows(history, {copied: "”Ungdomsbussen” (Dnr SN 2026/1)"})
    assert [r["Version"] for r in rows] == [3, 2, 1]
    assert rows[1] == {"Version": 2, "Tid": "2026-03-02 10:30:15", "Av": "Anna", "Roll": "Granskare",
                       "Anteckning": "Kopia av ärendet ”Ungdomsbussen” (Dnr SN 2026/1)", "Statusändring": "Bedömd"}
    assert rows[0]["Roll"] == ""  # a role from before roles were recorded, or unknown
    assert version_label(history[1]) == "Version 2 · 2026-03-02 10:30 · Anna · Bedömd"


def test_two_picked_rows_are_compared_else_the_last_two_versions():
    history = [revision(n) for n in (1, 2, 3, 4)]
    assert compared_pair(history, []) == (3, 4)
    assert compared_pair(history, [3, 1]) == (1, 3)  # rows count newest first: row 3 is version 1
    assert compared_pair(history, [0]) == (3, 4)
    assert compared_pair(history, [0, 1, 2]) == (3, 4)


def test_the_chooser_names_cases_by_title_and_dnr_and_marks_the_archived():
    cases = frame()
    assert case_names(cases)["a"] == "”Ungdomsbussen” (Dnr SN 2026/1)"
    choices = case_choices(cases)
    assert choices["c"] == "”Språkcafé” (Dnr KS 2024/3) [arkiverat]" and ARCHIVED_MARK == " [arkiverat]" and not choices["a"].endswith(ARCHIVED_MARK)


def test_the_filters_offer_the_years_newest_first_and_the_committees_in_order():
    years, committees = filter_choices(frame())
    assert years == [2026, 2025, 2024]
    assert committees == ["Kommunstyrelsen", "Kultur- och fritidsnämnden", "Socialnämnden"]


def test_look_alikes_are_named_with_their_status():
    same = duplicates_of(frame(), "ungdomsbussen", "STADSMISSIONEN")
    assert similar_names(same) == ["”Ungdomsbussen” (Dnr SN 2026/1), utkast"]


def test_an_import_says_whose_answers_the_file_holds():
    assert import_note("svar.pdf", "organisation") == ("Importerat från svar.pdf; svaren kommer från "
                                                       "organisationen (dess självtest)")
    assert imported_message(3, "workshop") == "3 ärenden importerades, med svar från en workshop."
