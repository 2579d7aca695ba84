"""A user is never shown a conflict with their own save.

Streamlit stops a script run at its next access to session state when the
browser has sent another change meanwhile (the user left a second field while
the first was being saved). A save that had just been committed then was not
recorded in the session, and the next run saved from the old revision: the
register refused it as a conflict with the user's own earlier save.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner import RerunData, get_script_run_ctx
from streamlit.testing.v1 import AppTest

from iop.store import ENV_VAR, open_register
from iop.store.records import CaseRegister
from tests.helpers import REPO

NAME = "record:name"


def interrupt_after_the_first_commit(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the register's next save behave as if the browser sent another change while it ran."""
    original = CaseRegister.save_case
    interrupted: list[int] = []

    def save(self: CaseRegister, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        stored = original(self, *args, **kwargs)  # type: ignore[arg-type]
        if not interrupted:
            ctx = get_script_run_ctx()
            assert ctx is not None
            ctx.script_requests.request_rerun(RerunData(query_string=ctx.query_string,
                                                        page_script_hash=ctx.page_script_hash))
            interrupted.append(stored.revision)
        return stored

    monkeypatch.setattr(CaseRegister, "save_case", save)
    return interrupted


def test_a_run_stopped_right_after_a_save_does_not_make_the_user_conflict_with_themselves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()  # Öppna exemplet: the case is created and saved
    interrupted = interrupt_after_the_first_commit(monkeypatch)
    at.text_input(key="w:case:diarienummer").input("SN 2026/88").run()
    assert interrupted, "the save was not interrupted: the test no longer reproduces the fault"
    at.text_input(key="w:case:title").input("Ungdomsbussen i Gottsunda").run()
    assert not at.exception
    warnings = " ".join(w.value for w in [*at.warning, *at.sidebar.warning])
    assert "medan du arbetade" not in warnings and "någon annan har sparat" not in warnings
    register = CaseRegister(open_register(url))
    stored = register.load_case(at.session_state["record:state"].id)
    assert (stored.case.diarienummer, stored.case.title) == ("SN 2026/88", "Ungdomsbussen i Gottsunda")
    assert at.session_state["record:state"].revision == stored.revision
    register.engine.dispose()


def test_one_tabs_walk_through_a_case_is_one_draft_revision_and_another_tab_starts_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()  # Öppna exemplet: created, revision 1
    for number in range(1, 6):
        at.text_input(key="w:case:diarienummer").input(f"SN 2026/{number}").run()
    case_id = at.session_state["record:state"].id
    other = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    other.query_params["case"] = case_id
    other.run()
    other.switch_page("app_pages/case.py").run()
    other.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    other.text_input(key="w:case:diarienummer").input("SN 2026/99").run()
    register = CaseRegister(open_register(url))
    history = register.history(case_id)
    assert [(r.note, r.case.diarienummer) for r in history][1:] == [
        ("Utkast sparat automatiskt", "SN 2026/5"), ("Utkast sparat automatiskt", "SN 2026/99")]
    assert history[0].note == "Ärendet skapades"
    assert other.query_params["version"] in (str(history[-1].number), [str(history[-1].number)])
    register.engine.dispose()
