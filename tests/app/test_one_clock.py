"""One clock: with the server on UTC (TZ=UTC, as in most containers), every time a person reads is Swedish time.

Each place is checked against the moment the register stored (with its zone), converted here
with zoneinfo: the case pages ("Sparat", "Frysta uppgifter", Historik, "Bedömningen frystes",
Ärenden), the conflict message, the beslutsunderlag (Markdown, Word, PDF; from the register and
from the command line), and the workshop ("startad", "avslutades", the conclusion, the case
history note, the summary). Before the fix, the pages and documents showed the server's zone
and the workshop page said "UTC".
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.parts import workshop_state
from iop.documents import decision_outline, render_docx, render_pdf, to_markdown
from iop.engine.case_import import load_case
from iop.records import CaseStatus, record_meta_of
from iop.rules.rulebook import load_rulebook
from iop.store import ENV_VAR, CaseRegister, StaleRevision, open_register
from iop.store.workshop_store import WorkshopStore
from iop.workshop import Phase, statements_from_case, statements_from_text, summary_markdown
from tests.document_reading import docx_body, pdf_text, squash
from tests.helpers import CASES, REPO, make_case

NAME = "record:name"
SWEDEN = ZoneInfo("Europe/Stockholm")


def sthlm(moment: dt.datetime, form: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone(SWEDEN).strftime(form)


def utc(moment: dt.datetime, form: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone(dt.UTC).strftime(form)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server_on_utc: None) -> Iterator[CaseRegister]:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    workshop_state.store.clear()
    engine = open_register(url)
    yield CaseRegister(engine)
    workshop_state.store.clear()
    engine.dispose()


def text_of(at: AppTest) -> str:
    """What a reader sees on the page (Markdown escapes removed)."""
    parts = [e.value for kind in (at.markdown, at.caption, at.info, at.success, at.warning, at.error) for e in kind]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def assessed_case(register: CaseRegister) -> tuple[AppTest, str]:
    """Ungdomsbussen opened by Anna Andersson, one answer changed, then marked bedömd."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()  # "Öppna exemplet"
    at.text_input(key="w:case:diarienummer").input("SN 2026/7").run()
    case_id = str(at.session_state["record:state"].id)
    stored = register.load_case(case_id)
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert f"Sparat {sthlm(stored.updated_at, '%H:%M:%S')}, version {stored.revision}" in sidebar
    assert utc(stored.updated_at, "%H:%M:%S") not in sidebar
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    assert not at.exception
    return at, case_id


def test_the_case_pages_show_swedish_time(register: CaseRegister) -> None:
    at, case_id = assessed_case(register)
    [assessed] = [r for r in register.status_records(case_id) if r.status is CaseStatus.assessed]
    page = text_of(at)
    assert f"i version {assessed.revision}, {sthlm(assessed.created_at)}, av Anna Andersson" in page
    assert utc(assessed.created_at) not in page

    history = register.history(case_id)
    table = at.dataframe[0].value
    assert list(table["Tid"]) == [sthlm(r.created_at, "%Y-%m-%d %H:%M:%S") for r in reversed(history)]

    at.switch_page("app_pages/recommendation.py").run()
    assert f"Bedömningen frystes {sthlm(assessed.created_at)} av Anna Andersson" in text_of(at)

    at.switch_page("app_pages/cases.py").run()
    listed = at.dataframe[0].value
    stored = register.load_case(case_id)
    assert f"{listed['Senast ändrad'].iloc[0]:%Y-%m-%d %H:%M}" == sthlm(stored.updated_at)


def test_the_conflict_message_says_when_in_swedish_time(register: CaseRegister) -> None:
    case = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    first = register.create_case(case, "Anna Andersson")
    theirs = register.save_case(first.id, case.model_copy(update={"diarienummer": "SN 1"}), first.revision,
                                "Bo Berg")
    with pytest.raises(StaleRevision) as info:
        register.save_case(first.id, case.model_copy(update={"diarienummer": "SN 2"}), first.revision,
                           "Anna Andersson")
    assert f"Bo Berg sparade ärendet {sthlm(theirs.updated_at)} medan du arbetade" in str(info.value)


def test_the_decision_document_says_bedomd_den_in_swedish_time(register: CaseRegister) -> None:
    _, case_id = assessed_case(register)
    [assessed] = [r for r in register.status_records(case_id) if r.status is CaseStatus.assessed]
    stored, statuses = register.load_case(case_id), register.status_records(case_id)
    rulebook = load_rulebook()
    from iop.engine import Engine

    outline = decision_outline(Engine(rulebook).assess(stored.case), stored.case, rulebook,
                               record_meta_of(stored, statuses))
    when, wrong = sthlm(assessed.created_at), utc(assessed.created_at)
    assert f"| Bedömd den | {when} |" in to_markdown(outline)
    word = [text for _, text in docx_body(render_docx(outline))]
    assert when in word and wrong not in word
    pdf = squash(pdf_text(render_pdf(outline)))
    assert squash(f"Bedömd den {when}") in pdf and squash(wrong) not in pdf

    # The command line, in its own process on UTC, from the register and from a file.
    env = {**os.environ, "TZ": "UTC"}
    stored_md = subprocess.run([sys.executable, "-m", "iop.cli", "report", "--stored", case_id, "--format",
                                "markdown"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert stored_md.returncode == 0, stored_md.stderr
    assert f"| Bedömd den | {when} |" in stored_md.stdout
    before = dt.datetime.now(dt.UTC)
    file_md = subprocess.run([sys.executable, "-m", "iop.cli", "report", str(CASES / "ungdomsbussen.yaml"),
                              "--format", "markdown", "--status", "bedomd"],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    after = dt.datetime.now(dt.UTC)
    assert file_md.returncode == 0, file_md.stderr
    assert any(f"| Bedömd den | {sthlm(m)} |" in file_md.stdout for m in (before, after))


def _conclusion_workshop(store: WorkshopStore) -> tuple[str, str, str]:
    """A workshop on a saved case, its first statement revealed: (case id, facilitator key, workshop code)."""
    case = make_case(initiative="vet_ej")
    case_id = CaseRegister(store.engine).create_case(case, "Anna Andersson").id
    statements = statements_from_case(case, load_rulebook())
    workshop, key = store.create("Workshop om klockan", statements, case_id=case_id, criteria_set=case.criteria_set)
    store.set_active(workshop.id, statements[0].id)
    for value in (4, 5, 5):
        store.submit(store.join(workshop.id).token, statements[0].id, value)
    store.move(workshop.id, statements[0].id, Phase.revealed)
    return case_id, key, workshop.code


def _page(page: str, name: str = "", **params: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    if name:
        at.session_state["record:user_name"] = name
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(page).run()


def test_the_workshop_shows_swedish_time_and_never_says_utc(register: CaseRegister) -> None:
    store = WorkshopStore(register.engine)
    case_id, key, _code = _conclusion_workshop(store)
    workshop, _ = store.by_facilitator_key(key) or pytest.fail("no workshop")

    start = _page("app_pages/workshop.py")
    listed = text_of(start)
    assert f"startad {sthlm(workshop.created_at)}" in listed
    assert "UTC" not in listed

    at = _page("app_pages/workshop.py", leda=key)
    at.text_input(key="ws:name").input("Sara Samtalsledare").run()
    next(t for t in at.text_area if t.label == "Gruppens motivering").input("Föreningen tog initiativet.")
    next(b for b in at.button if b.label == "För in slutsatsen i ärendet").click().run()
    assert not at.exception and not at.error
    [conclusion] = store.conclusions(workshop.id)
    page = text_of(at)
    assert f"Slutsatsen är införd i ärendet {sthlm(conclusion.recorded_at)} med" in page
    assert "UTC" not in page
    note = CaseRegister(register.engine).history(case_id)[-1].note
    assert f"den {sthlm(workshop.created_at, '%Y-%m-%d')} med" in note

    summary = summary_markdown(workshop, store.revealed_answers(workshop.id), 3, store.conclusions(workshop.id))
    assert f"| Datum | {sthlm(workshop.created_at, '%Y-%m-%d')} |" in summary

    other, _ = store.create("Kvällsträff", statements_from_text("Ett"))
    ended = store.end(other.id)
    assert ended.ended_at is not None
    join = _page("app_pages/workshop_join.py", kod=other.code)
    shown = re.sub(r"\\(.)", r"\1", " ".join(e.value for e in join.error))  # as read: Markdown escapes removed
    assert f"Workshoppen avslutades {sthlm(ended.ended_at)}." in shown

