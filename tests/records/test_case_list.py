"""The case list's search and filters, on a hand-made frame shaped like the register's."""

from __future__ import annotations

import pandas as pd

from iop.records.case_list import (
    NO_DECISION,
    SHOWN_COLUMNS,
    display_frame,
    duplicates_of,
    filter_cases,
    with_search_text,
)


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
    shown = display_frame(filter_cases(frame()), {"forum-2015": "Forum 2015"})
    assert list(shown.columns) == ["id", "Diarienummer", "Rubrik", "Organisation", "Status", "Rekommendation",
                                   "Beslut", "Senast ändrad", "Offentlig part", "Nämnd", "Organisationsnummer",
                                   "Kontaktpersoner", "Ärendemening", "Handläggare", "Beslutsinstans", "Sekretess",
                                   "Bevarande", "Kriterieuppsättning", "Svar från", "Ändrad av"]
    assert list(SHOWN_COLUMNS) == list(shown.columns[1:8])  # the first seven: what fits at 1366 px
    assert shown["Sekretess"].tolist() == ["OSL 31 kap. 16 §", ""]
    assert shown["Handläggare"].tolist() == ["Per Holm", "Karin Lind"]
    assert shown["Status"].tolist() == ["Bedömd", "Utkast"]
    assert shown["Rekommendation"].tolist() == ["Upphandling", "IOP"]
    assert shown["Kriterieuppsättning"].tolist() == ["Forum 2015", "Forum 2015"]  # the set's title, not its id
    assert shown["Svar från"].tolist() == ["Tjänsteperson", "Tjänsteperson"]
    assert str(shown["Senast ändrad"].iloc[0]) == "2026-03-02 11:00:00"


def registered() -> pd.DataFrame:
    """The frame as the register gives it: with organisationsnummer, contacts and decisions."""
    data = frame()
    data["org_number"] = ["802000-1111", "", "817000-3333"]
    data["contacts"] = ["Åsa Öberg, asa@stadsmissionen.se", "Jürgen Müller", ""]
    data["decision"] = ["", "bidrag", "iop"]
    data["decision_form"] = ["", "verksamhetsbidrag", ""]
    return with_search_text(data)


def test_search_ignores_diacritics_and_covers_organisation_number_and_contacts() -> None:
    data = registered()
    assert ids(filter_cases(data, search="vasteras")) == ["b", "a"]
    assert ids(filter_cases(data, search="LAXHJALP")) == ["b"]
    assert ids(filter_cases(data, search="asa oberg")) == ["a"]
    assert ids(filter_cases(data, search="muller")) == ["b"]
    assert ids(filter_cases(data, search="Språkcafé", include_archived=True)) == ["c"]
    assert ids(filter_cases(data, search="sprakcafe", include_archived=True)) == ["c"]
    assert ids(filter_cases(data, search="802000-1111")) == ["a"]
    assert ids(filter_cases(data, search="802000")) == ["a"]
    assert ids(filter_cases(data, search="kfn 2025/.")) == []  # still a dot, not "any character"
    assert ids(filter_cases(data, search="stadsmissionenåsa")) == []  # never across two columns


def test_the_decision_is_a_column_and_a_filter_beside_the_recommendation() -> None:
    data = registered()
    assert ids(filter_cases(data, decisions=["bidrag"])) == ["b"]
    assert ids(filter_cases(data, decisions=[NO_DECISION])) == ["a"]
    assert ids(filter_cases(data, decisions=["iop"], include_archived=True)) == ["c"]
    shown = display_frame(filter_cases(data, include_archived=True))
    assert shown["Beslut"].tolist() == ["IOP", "Bidrag (verksamhetsbidrag)", ""]
    assert shown["Rekommendation"].tolist() == ["Bidrag", "Upphandling", "IOP"]  # a grant decided on an IOP case


def test_duplicates_are_the_same_title_and_organisation_by_name_or_number() -> None:
    data = registered()
    assert ids(duplicates_of(data, "ungdomsbussen", "STADSMISSIONEN")) == ["a"]
    assert ids(duplicates_of(data, "Ungdomsbussen", "Annan förening", "802000-1111")) == ["a"]
    assert ids(duplicates_of(data, "Ungdomsbussen", "Annan förening")) == []
    assert ids(duplicates_of(data, "Ungdomsbussen", "Stadsmissionen", exclude="a")) == []
    assert ids(duplicates_of(data, "Språkcafe", "Sprakvanner")) == ["c"]  # archived ones too
    assert ids(duplicates_of(data, "Nytt ärende", "")) == []
