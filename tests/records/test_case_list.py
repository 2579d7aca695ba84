"""The case list's search and filters, on a hand-made frame shaped like the register's."""

from __future__ import annotations

import pandas as pd

from iop.records.case_list import display_frame, filter_cases


def frame() -> pd.DataFrame:
    rows = [
        ("a", "SN 2026/1", "Ungdomsbussen", "Stadsmissionen", "Västerås stad", "Socialnämnden", "utkast", "iop", 2026),
        ("b", "KFN 2025/9", "Läxhjälp", "Föreningen Läxa", "Västerås stad", "Kultur- och fritidsnämnden", "bedömd",
         "procurement", 2025),
        ("c", "KS 2024/3", "Språkcafé", "Språkvänner", "Kristianstads kommun", "Kommunstyrelsen", "arkiverad", "grant",
         2024),
    ]
    data = pd.DataFrame(rows, columns=["id", "diarienummer", "title", "organisation", "public_body", "committee",
                                       "status", "recommendation", "year"])
    data["year"] = data["year"].astype("Int64")
    data["criteria_set"] = "forum-2015"
    data["updated_by"] = "Anna"
    data["from_organisation"] = False
    data["updated_at"] = pd.to_datetime(["2026-03-01T10:00Z", "2026-03-02T10:00Z", "2026-03-03T10:00Z"], utc=True)
    data["subject"] = ["Ansökan om IOP för Ungdomsbussen", "Läxhjälp", "Språkcafé"]
    data["officer"] = ["Karin Lind", "Per Holm", ""]
    data["decision_body"] = ["Socialnämnden", "", ""]
    data["secrecy"] = ["", "OSL 31 kap. 16 §", ""]
    data["retention"] = ["Bevaras", "Gallras 10 år efter avslut", "Bevaras"]
    return data


def ids(result: pd.DataFrame) -> list[str]:
    return result["id"].tolist()


def test_archived_cases_are_hidden_unless_asked_for() -> None:
    assert ids(filter_cases(frame())) == ["b", "a"]
    assert ids(filter_cases(frame(), include_archived=True)) == ["c", "b", "a"]
    assert ids(filter_cases(frame(), statuses=["arkiverad"])) == ["c"]


def test_search_ignores_case_and_covers_every_listed_text_column() -> None:
    assert ids(filter_cases(frame(), search="stadsMISSIONEN")) == ["a"]
    assert ids(filter_cases(frame(), search="kfn 2025")) == ["b"]
    assert ids(filter_cases(frame(), search="västerås")) == ["b", "a"]
    assert ids(filter_cases(frame(), search="kristianstad", include_archived=True)) == ["c"]


def test_search_folds_swedish_capitals_and_treats_the_needle_as_text() -> None:
    assert ids(filter_cases(frame(), search="VÄSTERÅS STAD")) == ["b", "a"]
    assert ids(filter_cases(frame(), search="FÖRENINGEN läxa")) == ["b"]
    assert ids(filter_cases(frame(), search="kfn 2025/.")) == []  # a dot is a dot, not "any character"


def test_search_finds_the_arendemening_and_the_handlaggare() -> None:
    assert ids(filter_cases(frame(), search="ansökan om iop")) == ["a"]
    assert ids(filter_cases(frame(), search="per holm")) == ["b"]


def test_search_never_matches_across_two_columns() -> None:
    assert ids(filter_cases(frame(), search="ungdomsbussenstadsmissionen")) == []


def test_filters_combine() -> None:
    assert ids(filter_cases(frame(), recommendations=["iop", "procurement"], years=[2026])) == ["a"]
    assert ids(filter_cases(frame(), committees=["Kultur- och fritidsnämnden"])) == ["b"]


def test_display_frame_uses_swedish_headings_and_labels() -> None:
    shown = display_frame(filter_cases(frame()))
    assert list(shown.columns) == ["Diarienummer", "Ärendemening", "Organisation", "Offentlig part", "Handläggare",
                                   "Beslutsinstans", "Status", "Rekommendation", "Sekretess", "Bevarande",
                                   "Kriterieuppsättning", "Svar från", "Senast ändrad", "Ändrad av"]
    assert shown["Sekretess"].tolist() == ["OSL 31 kap. 16 §", ""]
    assert shown["Handläggare"].tolist() == ["Per Holm", "Karin Lind"]
    assert shown["Status"].tolist() == ["Bedömd", "Utkast"]
    assert shown["Rekommendation"].tolist() == ["Upphandling", "IOP"]
    assert shown["Svar från"].tolist() == ["Tjänsteperson", "Tjänsteperson"]
    assert str(shown["Senast ändrad"].iloc[0]) == "2026-03-02 11:00:00"
