"""The app's event log (AppTest from app.py, IOP_LOG_FILE set): saves, status changes, logins and refusals
are logged with case id and user, and nothing anyone wrote reaches the log.

Distinctive words are typed into every kind of free text (title, description, a reasoning, the
diarienummer, a decision's paragraph and reason, a file that is refused), then the whole log is
searched for them. Exports are logged when a file is downloaded, which AppTest cannot do: the
browser test tests/e2e/test_event_log_export.py downloads one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from iop.io import configure_event_log
from iop.store import ENV_VAR, CaseRegister, open_register
from tests.helpers import REPO

NAME = "record:name"
SECRETS = ["HEMLIGRUBRIK", "HEMLIGBESKRIVNING", "HEMLIGMOTIVERING", "HEMLIGDNR", "HEMLIGPARAGRAF",
           "HEMLIGTFILINNEHALL", "hemligfil"]
ALLOWED_KEYS = {"time", "level", "event", "case_id", "user", "revision", "status", "previous_status", "kind",
                "format", "reason", "workshop"}


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "events.log"
    monkeypatch.setenv("IOP_LOG_FILE", str(path))
    monkeypatch.setenv("IOP_LOG_LEVEL", "INFO")
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path / 'register.sqlite3'}")
    yield path
    configure_event_log({"IOP_LOG_LEVEL": "OFF"})


def events(path: Path) -> list[dict[str, Any]]:
    found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in found:
        assert set(line) <= ALLOWED_KEYS, line
    return found


def assert_no_free_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    leaked = [word for word in SECRETS if word.lower() in text.lower()]
    assert leaked == [], text


def test_saves_status_changes_and_refusals_are_logged_without_what_was_written(log_file: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()  # "Öppna exemplet": the case is created
    case_id = str(at.session_state["record:state"].id)
    at.text_input(key="w:case:title").input("Ungdomsbussen HEMLIGRUBRIK").run()
    at.text_input(key="w:case:diarienummer").input("HEMLIGDNR 2026/1").run()
    description = next(t for t in at.text_area if t.key == "w:activity:description")
    description.input("HEMLIGBESKRIVNING av verksamheten").run()
    at.switch_page("app_pages/criteria.py").run()
    reasoning = next(t for t in at.text_area if t.label == "Motivering")
    reasoning.input("HEMLIGMOTIVERING för svaret").run()
    revision = int(at.session_state["record:state"].revision)

    # Someone else saves first: Bo's next save from the old revision is refused.
    register = CaseRegister(open_register(f"sqlite:///{log_file.parent / 'register.sqlite3'}"))
    stored = register.load_case(case_id)
    register.save_case(case_id, stored.case.model_copy(update={"diarienummer": "SN 1"}), revision, "Cecilia")
    at.switch_page("app_pages/case.py").run()
    at.text_input(key="w:case:diarienummer").input("HEMLIGDNR 2026/2").run()
    assert at.session_state.get("record:conflict") is not None
    next(b for b in at.button if b.label.startswith("Läs in den nya versionen")).click().run()

    # A file that is not a case is refused; its name and contents stay out of the log.
    at.switch_page("app_pages/start.py").run()
    at.file_uploader[0].upload("hemligfil.yaml", b"title: [HEMLIGTFILINNEHALL\n", "application/x-yaml").run()
    assert not at.exception

    lines = events(log_file)
    kinds = [(e["event"], e.get("reason")) for e in lines]
    assert ("case_created", None) in kinds and ("case_saved", None) in kinds
    assert ("refused", "conflict") in kinds and ("refused", "invalid_file") in kinds
    saved = [e for e in lines if e["event"] == "case_saved" and e["user"] == "Anna Andersson"]
    assert saved and all(e["case_id"] == case_id and isinstance(e["revision"], int) for e in saved)
    conflict = next(e for e in lines if e.get("reason") == "conflict")
    assert (conflict["case_id"], conflict["user"], conflict["level"]) == (case_id, "Anna Andersson", "WARNING")
    assert next(e for e in lines if e.get("reason") == "invalid_file")["user"] == "Anna Andersson"
    assert_no_free_text(log_file)


def test_a_status_change_and_a_decision_are_logged_without_their_wording(log_file: Path) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()
    case_id = str(at.session_state["record:state"].id)
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    decision = next(r for r in at.radio if r.label == "Beslut")
    decision.set_value("upphandling")  # against the recommendation: a reason is needed
    next(t for t in at.text_input if t.label == "Beslutsorgan").input("Socialnämnden")
    next(t for t in at.text_input if t.label == "Paragraf").input("§ 45 HEMLIGPARAGRAF")
    next(t for t in at.text_area if t.label.startswith("Motivering om beslutet")).input("HEMLIGMOTIVERING nu")
    at.button(key="FormSubmitter:decision-Registrera beslut").click().run()
    assert not at.exception

    changes = [e for e in events(log_file) if e["event"] == "status_changed"]
    assert [(e["previous_status"], e["status"]) for e in changes] == [("utkast", "bedömd"), ("bedömd", "beslutad")]
    assert all(e["case_id"] == case_id and e["user"] == "Anna Andersson" for e in changes)
    assert_no_free_text(log_file)


LOGIN = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                  "client_id": "iop", "client_secret": "hemligt",
                  "server_metadata_url": "https://idp.kommun.example/.well-known/openid-configuration"},
         "iop": {"roles": {"handlaggare": ["iop-handlaggare"]}}}


def _logged_in(name: str, email: str, *groups: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in LOGIN.items():
        at.secrets[key] = value
    now = time.time()
    at.session_state["record:login_claims"] = {  # the ID token's claims, as the identity provider gives them
        "is_logged_in": True, "name": name, "email": email, "sub": email, "iat": now - 60, "exp": now + 3600,
        "groups": list(groups)}
    at.session_state["mode"] = "official"
    return at.run()


def test_a_login_is_logged_once_and_a_user_outside_the_groups_is_refused(log_file: Path) -> None:
    dana = _logged_in("Dana", "dana@kommun.se", "iop-handlaggare")
    dana.switch_page("app_pages/cases.py").run()
    dana.switch_page("app_pages/case.py").run()
    outsider = _logged_in("Extern", "e@example.se", "medborgare")
    outsider.switch_page("app_pages/cases.py").run()
    outsider.run()

    lines = events(log_file)
    logins = [e["user"] for e in lines if e["event"] == "login"]
    assert logins == ["Dana <dana@kommun.se>", "Extern <e@example.se>"]  # once per session, not per rerun
    refused = [e for e in lines if e["event"] == "refused"]
    assert [(e["reason"], e["user"]) for e in refused] == [("not_allowed", "Extern <e@example.se>")]


def _join_page(**params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("app_pages/workshop_join.py").run()


def test_workshop_refusals_are_logged_without_codes_or_answers(log_file: Path) -> None:
    from app_pages.parts import workshop_state
    from iop.store.workshop_store import WorkshopStore
    from iop.workshop import Phase, statements_from_text

    workshop_state.store.clear()
    engine = open_register(f"sqlite:///{log_file.parent / 'register.sqlite3'}")
    try:
        store = WorkshopStore(engine)
        wrong = _join_page(kod="ACDXYZ")
        wrong.run()  # a rerun of the same page does not log the same code again
        workshop, _ = store.create("Träff", statements_from_text("HEMLIGRUBRIK påstående"))
        store.set_active(workshop.id, "p1")
        participant = store.join(workshop.id, "hemligfil")
        phone = _join_page(deltagare=participant.token)
        phone.radio(key="ws:choice:p1").set_value(2).run()
        phone.text_area(key="ws:comment:p1").input("HEMLIGMOTIVERING i kommentaren").run()
        store.move(workshop.id, "p1", Phase.closed)  # closed while the phone still shows the question
        phone.button(key="ws:send:p1").click().run()
        assert not phone.exception
    finally:
        workshop_state.store.clear()
        engine.dispose()

    refused = [(e["reason"], e.get("workshop")) for e in events(log_file) if e["event"] == "refused"]
    assert refused == [("workshop_code", None), ("workshop_closed", workshop.number)]
    assert "ACDXYZ" not in log_file.read_text(encoding="utf-8") and workshop.code not in log_file.read_text("utf-8")
    assert_no_free_text(log_file)
