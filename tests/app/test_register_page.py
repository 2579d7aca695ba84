"""Ärenden to work from: Beslut beside the recommendation, search, titles, feedback, duplicates, imports."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iop.documents import decision_outline, render_pdf_with_case
from iop.engine import Engine, case_to_yaml, load_case
from iop.records import AssessmentSnapshot, CaseStatus, Decision, RecordMeta
from iop.rules import load_rulebook
from iop.store import ENV_VAR, CaseRegister, open_register
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CaseRegister:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    return CaseRegister(open_register(url),
                        recommender=lambda case: ENGINE.assess(case, explain_changes=False).recommendation)


def _cases_page() -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.text_input(key="record:name").input("Anna Andersson").run()
    at.switch_page("app_pages/cases.py").run()
    assert not at.exception
    return at


def _decide_as_grant(register: CaseRegister, case_id: str) -> None:
    stored = register.load_case(case_id)
    assessed = register.change_status(case_id, CaseStatus.assessed, stored.revision, "Anna",
                                      snapshot=AssessmentSnapshot.of(ENGINE.assess(stored.case)))
    register.change_status(case_id, CaseStatus.decided, assessed.revision, "Anna", decision=Decision(
        decision="bidrag", body="Socialnämnden", date=dt.date(2026, 3, 2), paragraph="§ 4", recommendation="iop",
        deviation_reason="Nämnden valde ett verksamhetsbidrag.", form="verksamhetsbidrag", sek_per_year=500_000))


def _text(elements: object) -> str:
    return re.sub(r"\\(.)", r"\1", "\n".join(e.value for e in elements))  # type: ignore[attr-defined]


def test_a_case_decided_as_grant_is_listed_and_filtered_as_grant_not_iop(register: CaseRegister) -> None:
    iop_case = register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna")
    register.create_case(load_case(CASES / "laxhjalp-kostnadsersattning.yaml", RULEBOOK), "Anna")
    _decide_as_grant(register, iop_case.id)
    at = _cases_page()
    table = at.dataframe[0].value
    row = table[table["id"] == iop_case.id].iloc[0]
    assert (row["Rekommendation"], row["Beslut"]) == ("IOP", "Bidrag (verksamhetsbidrag)")
    at.multiselect(key="cases:decision").select("bidrag").run()
    assert at.dataframe[0].value["id"].tolist() == [iop_case.id]
    at.multiselect(key="cases:decision").unselect("bidrag").select("").run()  # "Inget beslut"
    assert iop_case.id not in at.dataframe[0].value["id"].tolist()


def test_the_list_shows_what_fits_and_set_titles_and_searches_number_and_contact(register: CaseRegister) -> None:
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    case.organisation.org_number = "802000-1234"
    case.organisation.contact = "Åsa Öberg, asa@stadsmissionen.se"
    stored = register.create_case(case, "Anna")
    register.create_case(load_case(CASES / "laxhjalp-kostnadsersattning.yaml", RULEBOOK), "Anna")
    at = _cases_page()
    frame = at.dataframe[0]
    assert list(frame.proto.column_order) == ["Diarienummer", "Rubrik", "Organisation", "Status", "Rekommendation",
                                              "Beslut", "Senast ändrad"]
    at.multiselect(key="cases:columns").select("Kriterieuppsättning").run()
    assert "Kriterieuppsättning" in list(at.dataframe[0].proto.column_order)
    assert set(at.dataframe[0].value["Kriterieuppsättning"]) <= {s.title for s in RULEBOOK.sets.values()}
    for needle in ("802000-1234", "asa oberg", "ASA ÖBERG", "stadsmissionen.se"):
        at.text_input(key="cases:search").input(needle).run()
        assert at.dataframe[0].value["id"].tolist() == [stored.id], needle


def test_archive_and_restore_say_what_happened(register: CaseRegister) -> None:
    stored = register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna")
    at = _cases_page()
    next(b for b in at.button if b.label.startswith("Arkivera")).click().run()
    next(b for b in at.button if b.label == "Ja, arkivera").click().run()
    assert register.load_case(stored.id).status is CaseStatus.archived
    assert "är arkiverat" in _text(at.success)
    at.checkbox(key="cases:archived").check().run()
    next(b for b in at.button if b.label.startswith("Återställ")).click().run()
    assert register.load_case(stored.id).status is CaseStatus.draft
    # The case is named as the list names it, without the archive's mark.
    assert "”Ungdomsbussen – fältverksamhet för unga” är återställt som utkast." in _text(at.success)


def test_several_files_import_at_once_with_their_source_and_a_duplicate_is_warned(register: CaseRegister) -> None:
    register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna")
    first = case_to_yaml(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)).encode()
    second = case_to_yaml(load_case(CASES / "laxhjalp-kostnadsersattning.yaml", RULEBOOK)).encode()
    at = _cases_page()
    at.file_uploader[0].set_value([("a.yaml", first, "application/x-yaml"),
                                   ("b.yaml", second, "application/x-yaml")]).run()
    assert "Liknar ett ärende som redan finns" in _text(at.warning)
    button = next(b for b in at.button if b.label == "Importera 2 ärenden")
    assert button.disabled  # not until the user says so
    at.radio(key="cases:import_source").set_value("workshop").run()
    at.checkbox(key="cases:import_anyway").check().run()
    next(b for b in at.button if b.label == "Importera 2 ärenden").click().run()
    frame = register.case_frame()
    assert len(frame) == 3
    assert sorted(frame["answers_from"]) == ["official", "workshop", "workshop"]
    assert "2 ärenden importerades" in _text(at.success)
    assert sorted(at.dataframe[0].value["Svar från"]) == ["Tjänsteperson", "Workshop", "Workshop"]


def test_the_organisations_pdf_is_imported_in_one_step_as_theirs(register: CaseRegister) -> None:
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    outline = decision_outline(ENGINE.assess(case), case, RULEBOOK, RecordMeta(), "organisation")
    pdf = render_pdf_with_case(outline, case)
    at = _cases_page()
    at.file_uploader[0].upload("sjalvtest.pdf", pdf, "application/pdf").run()
    next(b for b in at.button if b.label == "Importera 1 ärende").click().run()
    [row] = register.list_cases()
    assert row.from_organisation and row.answers_from == "organisation"
    assert register.load_case(row.id).case.answers == case.answers
    assert at.session_state["record:state"].id == row.id  # one file: the case opens


def test_a_pdf_without_a_case_inside_is_refused_in_swedish(register: CaseRegister) -> None:
    at = _cases_page()
    at.file_uploader[0].upload("brev.pdf", b"%PDF-1.7\nnot really a pdf", "application/pdf").run()
    assert "kan inte importeras" in _text(at.error)
    assert register.case_frame().empty


def test_a_new_case_while_a_decided_case_is_open_is_not_locked(register: CaseRegister) -> None:
    decided = register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna")
    _decide_as_grant(register, decided.id)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.query_params["case"] = decided.id
    at.run()
    at.sidebar.text_input(key="record:name").input("Anna Andersson").run()
    assert at.session_state["record:state"].status is CaseStatus.decided
    at.switch_page("app_pages/cases.py").run()
    next(b for b in at.button if b.label == "Nytt ärende").click().run()
    assert not at.exception
    assert not [i for i in at.info if "låst" in i.value]
    assert not at.text_input(key="w:case:title").disabled
    assert at.session_state["case"].title == "Nytt ärende"
    assert at.query_params.get("case") in (None, [], "")


def test_the_case_page_warns_when_the_same_application_is_already_registered(register: CaseRegister) -> None:
    register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.text_input(key="record:name").input("Anna Andersson").run()
    at.switch_page("app_pages/case.py").run()
    at.text_input(key="w:case:title").input("UNGDOMSBUSSEN – fältverksamhet för unga").run()
    assert not _text(at.warning).count("samma rubrik och organisation")
    at.text_input(key="w:org:name").input("Stadsmissionen i Västerås").run()
    assert "Det finns redan ett ärende med samma rubrik och organisation" in _text(at.warning)
