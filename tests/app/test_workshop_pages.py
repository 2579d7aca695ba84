"""The workshop pages, started from app.py with AppTest, against a fresh SQLite register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.parts import workshop_state
from iop.io import network_host
from iop.rules import load_rulebook
from iop.store import CaseRegister
from iop.store.workshop_store import WorkshopStore
from iop.workshop import SEED_STATEMENTS, Phase, statements_from_case, statements_from_text
from iop.workshop.codes import CLOSED_TO_PHONES, NO_ADDRESS_FOR_PHONES
from tests.helpers import REPO, make_case
from tests.workshop_fixtures import save_case, sqlite_register


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkshopStore]:
    monkeypatch.setenv("IOP_DATABASE_URL", f"sqlite:///{tmp_path / 'register.sqlite3'}")
    workshop_state.store.clear()
    engine = sqlite_register(tmp_path)
    yield WorkshopStore(engine)
    workshop_state.store.clear()
    engine.dispose()


FACILITATOR = "Sara Samtalsledare"


def _page(page: str, name: str | None = None, **params: str) -> AppTest:
    """The page as the app serves it; the facilitator's page by default with a name (it runs nothing without)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    if name is None and page == "app_pages/workshop.py":
        name = FACILITATOR
    if name:
        at.session_state["record:user_name"] = name  # the name typed in the sidebar
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


def _errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


def test_the_start_page_offers_the_seed_statements_and_starts_a_workshop(store: WorkshopStore):
    at = _page("app_pages/workshop.py")
    assert not at.exception
    area = at.text_area(key="ws:statements")
    assert area.value.splitlines() == list(SEED_STATEMENTS)
    at.button(key="ws:start_list").click().run()
    assert not at.exception and not at.error
    key = at.query_params["leda"]
    workshop, _ = store.by_facilitator_key(key[0] if isinstance(key, list) else key)
    assert [s.text for s in workshop.statements] == list(SEED_STATEMENTS)
    assert any(workshop.code[:3] in h.value for h in at.get("html")) or workshop.code


def test_an_empty_statement_list_is_refused_and_kept(store: WorkshopStore):
    at = _page("app_pages/workshop.py")
    at.text_area(key="ws:statements").set_value("   ").run()
    at.button(key="ws:start_list").click().run()
    assert "minst ett påstående" in _errors(at)
    assert store.ongoing() == []


def test_a_saved_case_becomes_a_workshop_of_its_criteria(store: WorkshopStore):
    case_id = save_case(store.engine, make_case())
    at = _page("app_pages/workshop.py", name="Sara Samtalsledare")
    assert at.selectbox(key="ws:case").value == case_id
    at.button(key="ws:start_case").click().run()
    (workshop, _), = store.ongoing()
    assert workshop.case_id == case_id and all(s.criterion_id for s in workshop.statements)


def test_saved_cases_follow_the_register_rule_on_who_may_open_them(store: WorkshopStore):
    save_case(store.engine, make_case())
    at = _page("app_pages/workshop.py", name="")
    assert any("Skriv ditt namn" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key == "ws:case"]


def test_a_wrong_code_is_explained_in_swedish(store: WorkshopStore):
    at = _page("app_pages/workshop_join.py", kod="ACDXYZ")
    assert "ingen workshop med den koden" in _errors(at)
    at = _page("app_pages/workshop_join.py", kod="0OO111")
    assert "sex tecken" in _errors(at) or "ingen workshop" in _errors(at)


def test_an_ended_workshop_says_its_code_no_longer_works(store: WorkshopStore):
    workshop, _ = store.create("Träff", statements_from_text("Ett"))
    store.end(workshop.id)
    at = _page("app_pages/workshop_join.py", kod=workshop.code)
    assert "avslutades" in _errors(at)


def test_a_participant_joins_answers_and_a_reload_keeps_identity_and_answer(store: WorkshopStore):
    workshop, _ = store.create("Träff", statements_from_text("Ett\nTvå"))
    store.set_active(workshop.id, "p1")
    at = _page("app_pages/workshop_join.py", kod=workshop.code)
    at.text_input[0].set_value("Kim")
    at.button[0].click().run()
    token = at.query_params["deltagare"]
    token = token[0] if isinstance(token, list) else token
    assert store.participant(token).display_name == "Kim"
    at.radio(key="ws:choice:p1").set_value(4)
    at.text_area(key="ws:comment:p1").set_value("Bra idé")
    at.button(key="ws:send:p1").click().run()
    assert not at.exception and not at.error
    assert store.my_answer(token, "p1").value == 4
    reloaded = _page("app_pages/workshop_join.py", kod=workshop.code, deltagare=token)
    assert reloaded.radio(key="ws:choice:p1").value == 4
    assert reloaded.text_area(key="ws:comment:p1").value == "Bra idé"
    assert store.answer_counts(workshop.id) == {"p1": 1}


def test_a_closed_statement_shows_the_answer_and_no_send_button(store: WorkshopStore):
    workshop, _ = store.create("Träff", statements_from_text("Ett"))
    store.set_active(workshop.id, "p1")
    participant = store.join(workshop.id)
    store.submit(participant.token, "p1", 2)
    store.move(workshop.id, "p1", Phase.closed)
    at = _page("app_pages/workshop_join.py", deltagare=participant.token)
    assert any("Ditt svar: **Håller snarare inte med**" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "ws:send:p1"]


def test_the_projected_view_hides_answers_until_revealed(store: WorkshopStore):
    workshop, key = store.create("Träff", statements_from_text("Ett"))
    store.set_active(workshop.id, "p1")
    for value in (1, 2, 5, 5):
        store.submit(store.join(workshop.id).token, "p1", value)
    at = _page("app_pages/workshop.py", leda=key, vy="projektor")
    assert any("Svaren är dolda" in i.value for i in at.info)
    assert not [w for w in at.warning if "oenig" in w.value]
    store.move(workshop.id, "p1", Phase.revealed)
    at = _page("app_pages/workshop.py", leda=key, vy="projektor")
    assert any("Gruppen är oenig" in w.value for w in at.warning)
    assert [m.value for m in at.metric][2] == "1 – 5"


def test_an_unknown_facilitator_link_is_explained(store: WorkshopStore):
    at = _page("app_pages/workshop.py", leda="x" * 24)
    assert "känns inte igen" in _errors(at)


def test_a_closed_facilitator_tab_is_taken_up_again_where_it_was(store: WorkshopStore):
    workshop, _ = store.create("Träff", statements_from_text("Ett\nTvå"))
    store.set_active(workshop.id, "p2")
    at = _page("app_pages/workshop.py")  # a new tab without the link
    assert any("Pågående workshoppar" in s.value for s in at.subheader)
    at.button(key=f"ws:resume:{workshop.id}").click().run()
    assert at.title[0].value == f"Workshop {workshop.number}: Träff"
    assert at.selectbox(key="ws:chosen:p2").value == "p2"
    assert store.get(workshop.id).active == "p2"


def test_the_facilitator_reveals_and_the_marker_and_export_follow(store: WorkshopStore):
    workshop, key = store.create("Träff", statements_from_text("Ett\nTvå"))
    store.set_active(workshop.id, "p1")
    for value in (1, 1, 5, 5):
        store.submit(store.join(workshop.id).token, "p1", value)
    at = _page("app_pages/workshop.py", leda=key)
    at.button(key="ws:reveal").click().run()
    assert not at.exception and not at.error
    assert store.get(workshop.id).phases["p1"] is Phase.revealed
    assert any("Gruppen är oenig" in w.value for w in at.warning)
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == ["Svaren som CSV", "Sammanfattning (Markdown)",
                                                   "Sammanfattning (Word)"]


def test_an_answer_sent_just_after_the_statement_closed_is_refused_and_said_so(store: WorkshopStore):
    workshop, _ = store.create("Träff", statements_from_text("Ett"))
    store.set_active(workshop.id, "p1")
    participant = store.join(workshop.id)
    at = _page("app_pages/workshop_join.py", deltagare=participant.token)
    at.radio(key="ws:choice:p1").set_value(2).run()  # a tap on the phone reruns the page
    store.move(workshop.id, "p1", Phase.closed)  # the facilitator closes while the phone is open
    at.button(key="ws:send:p1").click().run()
    assert any('ditt val "Håller snarare inte med" skickades, så det kom inte med' in w.value for w in at.warning)
    assert any("Påståendet är stängt för svar" in i.value for i in at.info)
    assert store.my_answer(participant.token, "p1") is None


def test_an_unreachable_database_is_told_in_swedish_without_a_traceback(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("IOP_DATABASE_URL", f"sqlite:///{tmp_path / 'broken.sqlite3'}")
    (tmp_path / "broken.sqlite3").write_bytes(b"this is not a database" * 100)
    workshop_state.store.clear()
    for page in ("app_pages/workshop.py", "app_pages/workshop_join.py"):
        at = _page(page, kod="ACDEFG")
        assert not at.exception
        assert "inte en databas" in _errors(at) or "skadad" in _errors(at)
    workshop_state.store.clear()


def _revealed_case_workshop(store: WorkshopStore) -> tuple[str, str, str]:
    """A workshop on a saved case whose first criterion's result has been shown: (case id, workshop key, id)."""
    case = make_case(initiative="vet_ej")
    case_id = save_case(store.engine, case)
    statements = statements_from_case(case, load_rulebook())
    workshop, key = store.create("Workshop om testärendet", statements, case_id=case_id,
                                 criteria_set=case.criteria_set)
    store.set_active(workshop.id, statements[0].id)
    for value in (4, 5, 5):
        store.submit(store.join(workshop.id).token, statements[0].id, value)
    store.move(workshop.id, statements[0].id, Phase.revealed)
    return case_id, key, statements[0].id


def test_a_reopened_facilitator_page_asks_for_the_name_on_the_page_and_records_the_conclusion(
        store: WorkshopStore):
    case_id, key, statement_id = _revealed_case_workshop(store)
    at = _page("app_pages/workshop.py", name="", leda=key)  # a new browser session: no name typed anywhere
    assert not at.exception and not at.error
    said = " ".join(i.value for i in at.main.info)
    assert "sidofältet" not in said  # the facilitator's page hides the sidebar: it must not send the user there
    assert "Skriv ditt namn här" in said
    assert not at.get("form")
    at.text_input(key="ws:name").input("Sara Samtalsledare").run()
    assert not at.exception and not at.error
    assert at.sidebar.text_input(key="record:name").value == "Sara Samtalsledare"  # one name, wherever typed
    assert any("Sara Samtalsledare" in c.value for c in at.main.caption)
    reasoning = next(t for t in at.text_area if t.label == "Gruppens motivering")
    reasoning.input("Föreningen tog initiativet 2024.")
    next(b for b in at.button if b.label == "För in slutsatsen i ärendet").click().run()
    assert not at.exception and not at.error
    [conclusion] = store.conclusions(store.by_facilitator_key(key)[0].id)
    assert conclusion.statement_id == statement_id
    history = CaseRegister(store.engine).history(case_id)
    assert history[-1].author.startswith("Sara Samtalsledare")
    assert "Föreningen tog initiativet 2024." in history[-1].case.answers["initiative"].reasoning


IMAGE = "![spårning](https://angripare.example/bild.png)"


def _rendered(at: AppTest) -> list[str]:
    """The Markdown source of every element Streamlit renders as Markdown."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success")
    return [str(e.value) for kind in kinds for e in at.get(kind)]


def test_the_workshop_heading_and_statement_are_shown_as_typed_never_rendered(store: WorkshopStore):
    workshop, key = store.create(f"Barometer {IMAGE} **fet**", statements_from_text(f"Påstående {IMAGE} _kursiv_"))
    store.set_active(workshop.id, "p1")
    facilitator = _page("app_pages/workshop.py", **{"leda": key})
    participant = _page("app_pages/workshop_join.py", kod=workshop.code)
    participant.text_input[0].set_value("Kim")
    participant.button[0].click().run()
    for at in (facilitator, participant):
        assert not at.exception
        typed = [t for t in _rendered(at) if "spårning" in t]
        assert typed  # the typed text is shown ...
        for text in typed:  # ... and inert: no image, no bold, no italics
            assert "![spårning]" not in text and "\\!\\[spårning\\]" in text, text
            assert "**fet**" not in text and " _kursiv_" not in text, text
    heading = facilitator.title[0].value
    assert heading.startswith("Workshop") and "\\!\\[spårning\\]" in heading
    assert any("\\!\\[spårning\\]" in s.value and "\\_kursiv\\_" in s.value for s in participant.subheader)


def _join_texts(at: AppTest) -> tuple[str, str]:
    links = " ".join(m.value for m in at.markdown if "delta?kod=" in m.value)
    return links, " ".join(w.value for w in at.warning)


def test_with_the_workshop_setting_phones_get_the_machines_network_address(store: WorkshopStore,
                                                                          monkeypatch: pytest.MonkeyPatch):
    """The facilitator is on localhost (the only address the setting lets them use); phones are not."""
    monkeypatch.setenv("IOP_NETWORK", "workshop")
    host = network_host()
    workshop, key = store.create("Träff", statements_from_text("Ett\nTvå"))
    links, warnings = _join_texts(_page("app_pages/workshop.py", leda=key))
    if host is None:  # a machine without a network: the page says what to do instead of a dead link
        assert NO_ADDRESS_FOR_PHONES in warnings
    else:
        assert f"http://{host}:8501/delta?kod={workshop.code}" in links and "localhost" not in links
        assert not warnings


def test_closed_to_the_network_the_facilitator_is_told_phones_cannot_join(store: WorkshopStore):
    workshop, key = store.create("Träff", statements_from_text("Ett\nTvå"))
    _links, warnings = _join_texts(_page("app_pages/workshop.py", leda=key))
    assert CLOSED_TO_PHONES in warnings
    projector = _page("app_pages/workshop.py", leda=key, vy="projektor")
    assert not projector.warning  # the room needs only the code
