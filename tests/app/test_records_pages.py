"""The case register in the app, with AppTest from app.py: autosave, ?case=, conflicts, Ärenden, roles."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine.case_import import case_to_yaml, load_case
from iop.records import CaseStatus
from iop.rules.rulebook import load_rulebook
from iop.store import ENV_VAR, CaseRegister, open_register
from tests.helpers import CASES, REPO

NAME = "record:name"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    return url


@pytest.fixture
def register(database: str) -> CaseRegister:
    return CaseRegister(open_register(database))


def app(case_id: str | None = None, name: str | None = "Anna Andersson") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    if case_id:
        at.query_params["case"] = case_id
    at.run()
    if name:
        at.sidebar.text_input(key=NAME).input(name).run()
    return at


def open_example(at: AppTest) -> AppTest:
    at.button[1].click().run()  # "Öppna exemplet", Ungdomsbussen preselected
    return at


def shown(elements: object) -> str:
    """The Markdown of ``elements`` as a reader sees it (escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(e.value for e in elements))  # type: ignore[attr-defined]


def set_text(at: AppTest, key: str, value: str) -> AppTest:
    at.text_input(key=key).input(value).run()
    return at


def test_a_fresh_session_saves_nothing_until_the_case_changes(register: CaseRegister) -> None:
    at = app()
    assert not at.exception
    assert register.case_frame().empty
    assert "case" not in at.query_params


def test_opening_a_case_saves_it_and_puts_its_id_in_the_url(register: CaseRegister) -> None:
    at = open_example(app())
    [row] = register.list_cases()
    assert row.title.startswith("Ungdomsbussen") and row.updated_by == "Anna Andersson"
    assert at.query_params["case"] == [row.id] or at.query_params["case"] == row.id


def test_each_change_is_saved_as_a_revision_by_the_user(register: CaseRegister) -> None:
    at = open_example(app())
    set_text(at, "w:case:diarienummer", "SN 2026/88")
    case_id = at.session_state["record:state"].id
    history = register.history(case_id)
    assert [r.number for r in history] == [1, 2]
    assert history[-1].case.diarienummer == "SN 2026/88" and history[-1].author == "Anna Andersson"
    assert "Sparat" in " ".join(c.value for c in at.sidebar.caption)


def test_a_new_session_with_case_in_the_url_opens_that_case(register: CaseRegister) -> None:
    first = open_example(app())
    set_text(first, "w:case:diarienummer", "SN 2026/5")
    case_id = first.session_state["record:state"].id
    reloaded = app(case_id=case_id, name=None)
    assert not reloaded.exception
    assert reloaded.session_state["case"].diarienummer == "SN 2026/5"
    assert reloaded.session_state["record:state"].id == case_id


def test_without_a_name_nothing_is_saved_and_the_app_says_so(register: CaseRegister) -> None:
    at = open_example(app(name=None))
    assert register.case_frame().empty
    assert any("skriv ditt namn" in w.value for w in at.sidebar.warning)
    assert any("Ingen inloggning: IOP-stöd nås bara från den här datorn" in c.value for c in at.sidebar.caption)


def test_two_sessions_editing_the_same_case_cannot_overwrite_each_other(register: CaseRegister) -> None:
    anna = open_example(app())
    case_id = anna.session_state["record:state"].id
    bo = app(case_id=case_id, name="Bo Berg")
    bo.switch_page("app_pages/case.py").run()
    set_text(anna, "w:case:diarienummer", "SN 2026/1")
    set_text(bo, "w:activity:target", "Unga 13–19 år")
    assert any("Bo Berg" not in w.value and "Anna Andersson sparade ärendet" in w.value for w in bo.warning)
    assert "Diarienummer ändrades från (tomt) till ”SN 2026/1”." in shown(bo.markdown)
    assert register.load_case(case_id).case.activity.target_group != "Unga 13–19 år"
    next(b for b in bo.button if b.label.startswith("Slå ihop")).click().run()
    merged = register.load_case(case_id)
    assert (merged.case.diarienummer, merged.case.activity.target_group) == ("SN 2026/1", "Unga 13–19 år")
    assert merged.updated_by == "Bo Berg" and not bo.exception


def test_reload_after_a_conflict_takes_the_other_version(register: CaseRegister) -> None:
    anna = open_example(app())
    case_id = anna.session_state["record:state"].id
    bo = app(case_id=case_id, name="Bo Berg")
    bo.switch_page("app_pages/case.py").run()
    set_text(anna, "w:case:diarienummer", "SN 2026/2")
    set_text(bo, "w:case:diarienummer", "SN 2026/3")
    next(b for b in bo.button if b.label.startswith("Läs in den nya versionen")).click().run()
    assert bo.session_state["case"].diarienummer == "SN 2026/2"
    assert register.load_case(case_id).case.diarienummer == "SN 2026/2"


def test_case_list_searches_filters_and_archives_with_confirmation(register: CaseRegister) -> None:
    book = load_rulebook()
    for name in ("ungdomsbussen.yaml", "laxhjalp-kostnadsersattning.yaml", "sommarkollo-marknad.yaml"):
        register.create_case(load_case(CASES / name, book), "Cecilia")
    at = app().switch_page("app_pages/cases.py").run()
    assert not at.exception
    assert any("IOP-stöd nås bara från den här datorn" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) == 3
    at.text_input(key="cases:search").input("läxhjälp").run()
    assert len(at.dataframe[0].value) == 1
    chosen = at.selectbox(key="cases:chosen").value
    next(b for b in at.button if b.label.startswith("Arkivera")).click().run()
    assert register.load_case(chosen).status is CaseStatus.draft  # only asked, not yet archived
    next(b for b in at.button if b.label == "Ja, arkivera").click().run()
    assert register.load_case(chosen).status is CaseStatus.archived
    assert "0 av 3 ärenden" in " ".join(c.value for c in at.caption)
    at.checkbox(key="cases:archived").check().run()
    assert len(at.dataframe[0].value) == 1
    next(b for b in at.button if b.label.startswith("Återställ")).click().run()
    assert register.load_case(chosen).status is CaseStatus.draft


def test_copy_from_the_list_opens_a_new_draft(register: CaseRegister) -> None:
    original = register.create_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), "Cecilia")
    at = app().switch_page("app_pages/cases.py").run()
    next(b for b in at.button if b.label == "Kopiera som nytt ärende").click().run()
    assert len(register.case_frame()) == 2
    assert at.session_state["record:state"].id != original.id
    assert at.session_state["case"].title.startswith("Kopia av")


def test_organisations_file_becomes_a_case_marked_as_theirs(register: CaseRegister) -> None:
    text = case_to_yaml(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()))
    at = app().switch_page("app_pages/cases.py").run()
    at.file_uploader[0].upload("sjalvtest.yaml", text.encode("utf-8"), "application/x-yaml").run() \
        if hasattr(at, "file_uploader") else pytest.fail("AppTest lacks file_uploader")
    assert at.radio(key="cases:import_source").value == "organisation"  # the default: an organisation's file
    next(b for b in at.button if b.label == "Importera 1 ärende").click().run()
    [row] = register.list_cases()
    assert row.from_organisation
    assert "självtest" in register.history(row.id)[0].note
    listed = at.switch_page("app_pages/cases.py").run().dataframe[0].value
    assert listed["Svar från"].tolist() == ["Organisationen"]


def test_assessed_freezes_the_snapshot_and_further_edits_are_not_saved(register: CaseRegister) -> None:
    at = open_example(app())
    case_id = at.session_state["record:state"].id
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    stored = register.load_case(case_id)
    assert stored.status is CaseStatus.assessed
    [record] = register.status_records(case_id)
    assert record.snapshot is not None and record.snapshot.trace["case_title"].startswith("Ungdomsbussen")
    at.switch_page("app_pages/case.py").run()
    assert any("låst" in i.value for i in at.info)
    assert at.text_input(key="w:case:diarienummer").disabled  # nothing can be typed (tests/app/test_locked_case_pages.py)
    assert register.load_case(case_id).revision == stored.revision


def test_a_decision_against_the_recommendation_needs_a_reason(register: CaseRegister) -> None:
    at = open_example(app())
    case_id = at.session_state["record:state"].id
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    snapshot = register.status_records(case_id)[0].snapshot
    assert snapshot is not None
    against = "avslag"
    at.radio[0].set_value(against)
    at.text_input[0].input("Socialnämnden")
    at.text_input[1].input("§ 12")
    at.button(key="FormSubmitter:decision-Registrera beslut").click().run()
    assert any("motivering" in e.value for e in at.error)
    assert register.load_case(case_id).status is CaseStatus.assessed
    at.text_area[0].input("Budgeten för året är redan fördelad.")
    at.button(key="FormSubmitter:decision-Registrera beslut").click().run()
    decided = register.status_records(case_id)[-1]
    assert decided.status is CaseStatus.decided and decided.decision is not None
    assert not decided.decision.follows_recommendation


def test_history_shows_the_difference_between_two_revisions_in_words(register: CaseRegister) -> None:
    at = open_example(app())
    set_text(at, "w:case:diarienummer", "SN 2026/77")
    at.switch_page("app_pages/case_record.py").run()
    text = shown(at.markdown)
    assert "Diarienummer ändrades från (tomt) till ”SN 2026/77”." in text
    assert len(at.dataframe[0].value) == 2


LOGIN = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                  "client_id": "iop", "client_secret": "hemligt",
                  "server_metadata_url": "https://idp.kommun.example/.well-known/openid-configuration"},
         "iop": {"roles": {"handlaggare": ["iop-handlaggare"], "lasare": ["iop-lasare"]}}}


def claims(name: str, email: str, groups: tuple[str, ...] = ()) -> dict[str, object]:
    """ID-token claims as the identity provider sends them (Streamlit keeps them in its auth cookie)."""
    now = time.time()
    return {"is_logged_in": True, "name": name, "email": email, "sub": email, "iat": now - 60, "exp": now + 3600,
            "groups": list(groups)}


def app_with_login(login: dict[str, object] | None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in LOGIN.items():
        at.secrets[key] = value
    if login is not None:
        at.session_state["record:login_claims"] = login
        at.session_state["mode"] = "official"
    return at.run()


@pytest.mark.parametrize(("login", "allowed"), [
    (None, False),
    (claims("Extern", "e@example.se", ("medborgare",)), False),
    (claims("Dana", "dana@kommun.se", ("iop-handlaggare",)), True),
    (claims("Lisa", "lisa@kommun.se", ("iop-lasare",)), True),
])
def test_with_login_only_a_role_opens_the_register(register: CaseRegister, login: dict[str, object] | None,
                                                   allowed: bool) -> None:
    register.create_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), "Cecilia")
    at = app_with_login(login).switch_page("app_pages/cases.py").run()
    assert not at.exception
    assert bool(at.dataframe) is allowed
    assert not any("inte åtkomststyrt" in w.value for w in at.warning)


def test_with_login_every_revision_records_the_providers_identity_and_role(register: CaseRegister) -> None:
    open_example(app_with_login(claims("Dana", "dana@kommun.se", ("iop-handlaggare",))))
    [row] = register.list_cases()
    assert row.updated_by == "Dana <dana@kommun.se>"
    [revision] = register.history(row.id)
    assert revision.role == "handlaggare" and revision.author_id == "id:dana@kommun.se"


def test_an_unreadable_register_gives_a_message_and_the_case_still_works(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "trasig.sqlite3"
    broken.write_bytes(b"inte en databas" * 500)
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{broken}")
    at = open_example(app())
    assert not at.exception
    assert any("skadad eller inte en databas" in e.value for e in at.sidebar.error)
    at.switch_page("app_pages/cases.py").run()
    assert any("skadad" in e.value for e in at.error) and not at.exception
    assert at.session_state["case"].title.startswith("Ungdomsbussen")


def test_an_assessed_case_shows_what_was_concluded_then_not_what_the_criteria_say_now(
        register: CaseRegister) -> None:
    from sqlalchemy import update

    from iop.store.tables import StatusRecordRow

    at = open_example(app())
    case_id = at.session_state["record:state"].id
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    # Stand-in for criteria files that changed since: the frozen record says something today's engine would not.
    [record] = register.status_records(case_id)
    assert record.snapshot is not None and record.snapshot.recommendation == "iop"
    payload = {"snapshot": {**record.snapshot.model_dump(mode="json"), "recommendation": "procurement",
                            "form": "lou", "rule": "GAMMAL-7", "criteria_set_version": "2019-01"},
               "decision": None}
    with register.engine.begin() as conn:
        conn.execute(update(StatusRecordRow).where(StatusRecordRow.case_id == case_id).values(payload=payload))
    at.run()
    text = shown(at.markdown) + shown(at.caption)
    assert "Rekommendationen är upphandling: upphandling enligt LOU." in text
    assert "Regel GAMMAL-7" in text and "version 2019-01" in text


def test_organisation_mode_saves_nothing_unless_the_organisation_chooses_to(register: CaseRegister) -> None:
    at = app(name="Stadsmissionen, Eva")
    at.radio[0].set_value("organisation").run()
    open_example(at)
    set_text(at, "w:activity:area", "Västerås")
    assert register.case_frame().empty
    assert any("ingenting sparas på servern" in c.value for c in at.sidebar.caption)
    next(b for b in at.sidebar.button if b.label == "Spara vårt självtest hos kommunen").click().run()
    [row] = register.list_cases()
    assert row.from_organisation and row.updated_by == "Stadsmissionen, Eva"
    set_text(at, "w:activity:target", "Unga i Västerås")
    assert register.load_case(row.id).case.activity.target_group == "Unga i Västerås"


def test_export_of_an_assessed_case_shows_the_frozen_assessment_and_its_status(register: CaseRegister) -> None:
    from iop.engine import Engine
    from iop.records import AssessmentSnapshot

    engine = Engine(load_rulebook())
    stored = register.create_case(load_case(CASES / "ungdomsbussen.yaml", engine.rulebook), "Anna Andersson")
    register.change_status(stored.id, CaseStatus.assessed, 1, "Anna Andersson",
                           snapshot=AssessmentSnapshot.of(engine.assess(stored.case)))
    at = app(stored.id)
    at.switch_page("app_pages/export.py").run()
    assert not at.exception and not at.error
    assert any("Ärendet är bedömt" in i.value and "frystes" in i.value for i in at.info)


def test_export_of_a_draft_says_nothing_about_a_frozen_assessment(register: CaseRegister) -> None:
    stored = register.create_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), "Anna Andersson")
    at = app(stored.id)
    at.switch_page("app_pages/export.py").run()
    assert not at.exception and not at.error
    assert not any("frystes" in i.value for i in at.info)


def test_the_case_page_promises_saving_only_when_it_saves(register: CaseRegister) -> None:
    def promise(at: AppTest) -> str:
        return " ".join(c.value for c in at.caption)

    at = app(name=None)
    at.switch_page("app_pages/case.py").run()
    assert "sparas när du har skrivit ditt namn; du får frågan vid första ändringen" in promise(at)
    assert "Allt sparas" not in promise(at)
    set_text(at, "w:case:diarienummer", "SN 2026/1")
    assert register.case_frame().empty  # and indeed nothing was saved

    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    # Streamlit sends a text field's value only when it is left (or on Ctrl+Enter): say that, no more.
    assert "Allt sparas när du lämnar ett fält (eller trycker Ctrl+Enter i ett textfält)." in promise(at)
    assert "medan du skriver" not in promise(at)
    set_text(at, "w:case:diarienummer", "SN 2026/2")
    [row] = register.list_cases()
    assert row.diarienummer == "SN 2026/2"


def test_organisation_mode_says_nothing_is_saved_on_the_server(register: CaseRegister) -> None:
    at = app(name=None)
    at.session_state["mode"] = "organisation"
    at.switch_page("app_pages/case.py").run()
    assert any("Inget sparas på servern" in c.value for c in at.caption)
