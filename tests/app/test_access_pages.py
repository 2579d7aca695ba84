"""Who reaches which page and action in the app, with AppTest from app.py: roles from claims, the mode,
the network, the first edit without a name, and the audit log page."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.records.access import EXPIRED, OPEN_BANNER, ORGANISATION_NO_REGISTER
from iop.records.record import AssessmentSnapshot, CaseStatus
from iop.rules.rulebook import load_rulebook
from iop.store import ENV_VAR, CaseRegister, open_register
from iop.store.audit import AuditLog
from tests.helpers import CASES, REPO

SECRET = "Stödboende på Hemliga gatan 7"
LOGIN = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                  "client_id": "iop", "client_secret": "hemligt",
                  "server_metadata_url": "https://idp.kommun.example/.well-known/openid-configuration"},
         "iop": {"roles": {"lasare": ["IOP.Lasare"], "handlaggare": ["IOP.Handlaggare"],
                           "granskare": ["IOP.Granskare"], "beslutsfattare": ["IOP.Beslutsfattare"],
                           "administrator": ["b1f5c0de-0000-4000-8000-00000000ad01"]}}}


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CaseRegister:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    monkeypatch.delenv("IOP_NETWORK", raising=False)
    return CaseRegister(open_register(url))


@pytest.fixture
def saved(register: CaseRegister) -> str:
    case = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    return register.create_case(case.model_copy(update={"title": SECRET}), "Cecilia").id


def claims(name: str, *roles: str, groups: tuple[str, ...] = (), age: float = 60, **extra: object) -> dict[str, object]:
    now = time.time()
    return {"is_logged_in": True, "name": name, "email": f"{name.lower()}@kommun.se", "sub": f"sub-{name}",
            "iat": now - age, "exp": now + 3600, "roles": list(roles), "groups": list(groups), **extra}


def app(login: dict[str, object] | None = None, *, page: str | None = None, case_id: str | None = None,
        configured: bool = True, mode: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    if configured:
        for key, value in LOGIN.items():
            at.secrets[key] = value
    if login is not None:
        at.session_state["record:login_claims"] = login
    if mode:
        at.session_state["mode"] = mode
    if case_id:
        at.query_params["case"] = case_id
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    """What the page says, as a reader sees it (Markdown escapes removed)."""
    shown = " ".join(e.value for kind in ("warning", "info", "error", "caption", "markdown") for e in at.get(kind))
    return re.sub(r"\\(.)", r"\1", shown)


def opened(at: AppTest) -> str | None:
    """The register case the session has open, if any."""
    state = at.session_state["record:state"] if "record:state" in at.session_state else None
    return state.id if state is not None else None


def test_a_reader_sees_the_list_and_opens_a_case_but_changes_nothing(register: CaseRegister, saved: str) -> None:
    lisa = claims("Lisa", "IOP.Lasare")
    at = app(lisa, page="app_pages/cases.py")
    assert at.dataframe and not [b for b in at.button if b.label in ("Kopiera som nytt ärende", "Arkivera …")]
    assert next(b for b in at.button if b.label == "Nytt ärende").disabled
    next(b for b in at.button if b.label == "Öppna").click().run()
    assert opened(at) == saved
    assert all(t.disabled for t in at.text_input if t.key and t.key.startswith("w:case"))
    assert "ärendet visas men kan inte ändras" in texts(at)
    assert [r.number for r in register.history(saved)] == [1]


def test_each_role_sees_only_its_own_status_steps(register: CaseRegister, saved: str, engine: Engine) -> None:
    def buttons(*roles: str) -> set[str]:
        at = app(claims("Vem", *roles), page="app_pages/case_record.py", case_id=saved)
        return {b.label for b in at.button} | {f.label for f in at.get("form_submit_button")}

    assert "Markera som bedömt" in buttons("IOP.Handlaggare")
    assert "Markera som bedömt" not in buttons("IOP.Granskare") | buttons("IOP.Lasare")
    stored = register.load_case(saved)
    register.change_status(saved, CaseStatus.assessed, stored.revision, "Cecilia",
                           snapshot=AssessmentSnapshot.of(engine.assess(stored.case)))
    reviewer = buttons("IOP.Granskare")
    assert {"Markera som granskat", "Återlämna till handläggaren"} <= reviewer and "Registrera beslut" not in reviewer
    decider = buttons("IOP.Beslutsfattare")
    assert {"Registrera beslut", "Öppna som utkast igen"} <= decider and "Markera som granskat" not in decider
    assert not buttons("IOP.Handlaggare") & {"Registrera beslut", "Markera som granskat", "Öppna som utkast igen"}


def test_a_user_outside_every_role_is_denied_and_a_deep_link_is_denied_and_logged(register: CaseRegister,
                                                                                  saved: str) -> None:
    outsider = claims("Olle", groups=("alla-anstallda",))
    at = app(outsider, case_id=saved)
    assert opened(at) is None and "case" not in at.query_params
    assert "Ärendet i adressen kan inte öppnas" in texts(at) and "har ingen roll i IOP-stöd" in texts(at)
    assert SECRET not in texts(at)
    for page in ("app_pages/cases.py", "app_pages/case.py", "app_pages/case_record.py", "app_pages/workshop.py",
                 "app_pages/audit_log.py"):
        shown = app(outsider, page=page, mode="official")
        assert [t.value for t in shown.title] == ["Ingen åtkomst"], page
        assert not shown.dataframe and SECRET not in texts(shown)
    [denied] = [e for e in AuditLog(register.engine).events() if not e.allowed and e.case_id == saved]
    assert denied.actor == "Olle <olle@kommun.se>" and SECRET not in json.dumps(denied.model_dump(mode="json"))


def test_nobody_logged_in_gets_a_login_button_and_no_case(saved: str) -> None:
    at = app(case_id=saved, mode="official", page="app_pages/cases.py")
    assert [t.value for t in at.title] == ["Ingen åtkomst"]
    assert any(b.label == "Logga in" for b in at.button) and not at.dataframe


def test_an_expired_login_asks_to_log_in_again_and_opens_nothing(saved: str) -> None:
    old = claims("Hanna", "IOP.Handlaggare", age=9 * 3600)
    at = app(old, page="app_pages/cases.py", mode="official")
    assert EXPIRED in texts(at) and any(b.label == "Logga in igen" for b in at.button)
    assert not at.dataframe
    # one way back on the page (not a second "Logga in" under it), no hint for organisations meant for strangers,
    # and no promise the page cannot keep: what was not saved before the login ran out is not kept by logging in
    assert [b.label for b in at.main.button] == ["Logga in igen"]
    assert "Organisationer behöver inget konto" not in texts(at)
    assert "finns kvar i fliken" not in EXPIRED and "sparas inte" in EXPIRED


def test_entras_groups_overage_says_what_the_administrator_must_change(saved: str) -> None:
    overage = claims("Gunnar", _claim_names={"groups": "src1"})
    at = app(overage, page="app_pages/cases.py", mode="official")
    assert "över 200 grupper" in texts(at) and "approll" in texts(at) and not at.dataframe


def test_without_an_account_the_self_check_works_and_never_reaches_the_register(saved: str) -> None:
    at = app()
    assert at.session_state["mode"] == "organisation"  # no account: the organisation's self-check
    next(b for b in at.button if b.label == "Öppna exemplet").click().run()
    assert not at.exception and [t.value for t in at.title] != ["Ingen åtkomst"]
    assert "Inget sparas på servern i organisationsläget" in texts(at)
    cases = app(page="app_pages/cases.py", case_id=saved, mode="organisation")
    assert ORGANISATION_NO_REGISTER in texts(cases) and not cases.dataframe
    assert opened(cases) is None
    linked = app(case_id=saved)  # an official's link to a case: official mode, and a login is asked for
    assert "Ärendet i adressen kan inte öppnas. Logga in med kommunens inloggning" in texts(linked)
    assert any(b.label == "Logga in" for b in linked.button) and opened(linked) is None


def test_organisation_mode_never_lists_or_opens_the_register_even_without_login(register: CaseRegister,
                                                                               saved: str) -> None:
    at = app(configured=False, mode="organisation", case_id=saved)
    assert opened(at) is None and "case" not in at.query_params
    at.switch_page("app_pages/cases.py").run()
    assert ORGANISATION_NO_REGISTER in texts(at) and not at.dataframe


def test_the_audit_log_is_for_the_administrator_and_names_cases_by_id_only(register: CaseRegister,
                                                                          saved: str, server_on_utc: None) -> None:
    app(claims("Lisa", "IOP.Lasare"), case_id=saved)
    app(claims("Olle"), case_id=saved)
    admin = claims("Ada", groups=("b1f5c0de-0000-4000-8000-00000000ad01",))
    at = app(admin, page="app_pages/audit_log.py")
    frame = at.dataframe[0].value
    assert set(frame["Vem"]) >= {"Lisa <lisa@kommun.se>", "Olle <olle@kommun.se>"}
    assert set(frame["Utfall"]) == {"tillåten", "nekad"} and saved in set(frame["Ärende"])
    assert SECRET not in frame.to_csv()
    # Swedish time whatever the server's zone (this process runs on UTC here): each row's moment, to the second.
    shown = set(frame["Tid"])
    stored = {e.at.astimezone(ZoneInfo("Europe/Stockholm")).strftime("%Y-%m-%d %H:%M:%S")
              for e in AuditLog(register.engine).events()}
    assert shown and shown <= stored
    at.checkbox(key="audit:refused").check().run()
    assert set(at.dataframe[0].value["Utfall"]) == {"nekad"}
    assert [t.value for t in app(admin, page="app_pages/cases.py", mode="official").title] == ["Ingen åtkomst"]
    handler = app(claims("Hanna", "IOP.Handlaggare"), page="app_pages/audit_log.py")
    assert [t.value for t in handler.title] == ["Ingen åtkomst"]


def test_settings_that_cannot_be_used_close_the_app_with_a_message(register: CaseRegister) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.secrets["auth"] = LOGIN["auth"]
    at.secrets["iop"] = {"allowed_groups": ["iop-handlaggare"]}
    at.run()
    assert any("allowed_groups under [iop] används inte längre" in e.value for e in at.error)
    assert not at.title


def test_an_open_network_shows_a_banner_on_every_page(register: CaseRegister, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOP_NETWORK", "oppen")
    for page in (None, "app_pages/cases.py", "app_pages/workshop.py", "app_pages/export.py"):
        at = app(configured=False, page=page)
        assert any(w.value == OPEN_BANNER for w in at.warning), page


def test_without_a_name_the_first_edit_asks_for_it_and_then_saves(register: CaseRegister) -> None:
    at = app(configured=False)
    next(b for b in at.button if b.label == "Öppna exemplet").click().run()
    assert not any("Skriv ditt namn, så sparas ändringen" in m.value for m in at.markdown)  # opening is no edit
    at.text_input(key="w:case:diarienummer").input("SN 2026/9").run()
    assert register.case_frame().empty
    assert any("Skriv ditt namn, så sparas ändringen" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Spara ärendet").click().run()  # no name yet: said, nothing lost
    assert register.case_frame().empty and at.session_state["case"].title.startswith("Ungdomsbussen")
    at.text_input(key="record:first_edit_name").input("Anna Andersson")
    next(b for b in at.button if b.label == "Spara ärendet").click().run()
    [row] = register.list_cases()
    assert row.title.startswith("Ungdomsbussen") and row.updated_by == "Anna Andersson"
    assert row.diarienummer == "SN 2026/9"  # the edit made before the name is in the saved case
    assert at.sidebar.text_input(key="record:name").value == "Anna Andersson"


def test_a_name_from_the_provider_is_shown_as_written_on_a_refused_page(register: CaseRegister) -> None:
    """The refusal names the person; a display name with Markdown in it (a user may edit their own name in some
    providers) must not become a link or bold text on the page."""
    at = app(claims("Hanna **Fet** [klicka här](https://evil.example)", "IOP.Handlaggare"),
             page="app_pages/audit_log.py")
    [warning] = [w.value for w in at.warning]
    assert "](https://evil.example)" not in warning and "**Fet**" not in warning
    assert "Hanna **Fet** [klicka här](https://evil.example)" in re.sub(r"\\(.)", r"\1", warning).replace("\u2060", "")


def test_four_eyes_the_assessor_is_told_before_the_decision_form_not_after(register: CaseRegister,
                                                                          saved: str) -> None:
    def page(who: dict[str, object]) -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
        at.secrets["auth"] = LOGIN["auth"]
        at.secrets["iop"] = {**LOGIN["iop"], "four_eyes": True}
        at.session_state["record:login_claims"] = who
        at.query_params["case"] = saved
        at.run()
        at.switch_page("app_pages/case_record.py").run()
        assert not at.exception
        return at

    dana = claims("Dana", "IOP.Handlaggare", "IOP.Beslutsfattare")
    at = page(dana)
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    assert register.load_case(saved).status is CaseStatus.assessed
    at = page(dana)
    assert "fyra ögon" in texts(at)
    assert "Registrera beslut" not in {f.label for f in at.get("form_submit_button")}
    assert "Registrera beslut" in {f.label for f in page(claims("Bo", "IOP.Beslutsfattare")).get("form_submit_button")}
