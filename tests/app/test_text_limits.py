"""A text over its limit: a Swedish message before anything is lost, the text kept in its field."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iop.model.case import LIMITS
from iop.store import ENV_VAR, open_register
from iop.store.records import CaseRegister
from tests.helpers import REPO

NAME = "record:name"


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    database = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, database)
    return database


def saved_example(url: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()  # Öppna exemplet: saved, on Ärendet
    return at


def errors(at: AppTest) -> str:
    return " ".join(e.value.replace("\\", "") for e in at.error)


def test_a_description_over_its_limit_is_kept_in_the_field_and_not_saved(url: str) -> None:
    at = saved_example(url)
    before = at.session_state["case"].activity.description
    long = "Vi kör bussen. " * 400  # 6 000 characters
    at.text_area(key="w:activity:description").input(long).run()
    assert not at.exception
    message = errors(at)
    assert "beskrivning: texten är 6 000 tecken lång; högst 4 000 tecken får plats." in message
    assert "Det du skrev finns kvar i fältet" in message
    assert at.text_area(key="w:activity:description").value == long  # nothing typed is lost
    assert at.session_state["case"].activity.description == before
    register = CaseRegister(open_register(url))
    assert register.load_case(at.session_state["record:state"].id).case.activity.description == before
    at.text_area(key="w:activity:description").input(long[:LIMITS["description"]]).run()
    assert "texten är" not in errors(at)
    assert register.load_case(at.session_state["record:state"].id).case.activity.description == long[:4000]
    register.engine.dispose()


def test_a_title_over_its_limit_says_so_and_keeps_the_old_title(url: str) -> None:
    at = saved_example(url)
    before = at.session_state["case"].title
    at.text_input(key="w:case:title").input("Rubrik " * 40).run()
    assert "Rubrik: texten är 279 tecken lång; högst 200 tecken får plats." in errors(at)
    assert at.session_state["case"].title == before
    assert at.text_input(key="w:case:title").value == "Rubrik " * 40


def test_a_reasoning_over_its_limit_on_the_criteria_page_is_kept_and_explained(url: str) -> None:
    at = saved_example(url)
    at.switch_page("app_pages/criteria.py").run()
    key = at.text_area[0].key
    qid = key.removeprefix("w:why:")
    before = at.session_state["case"].answers.get(qid)
    long = "Därför. " * 250  # 2 000 characters
    at.text_area(key=key).input(long).run()
    assert not at.exception
    assert "Motivering: texten är 2 000 tecken lång; högst 1 200 tecken får plats." in errors(at)
    assert at.text_area(key=key).value == long
    assert at.session_state["case"].answers.get(qid) == before
