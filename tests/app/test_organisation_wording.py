"""Organisation mode asks only what an organisation fills in, in plain words, and shows how to save."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iop.store import ENV_VAR
from tests.helpers import REPO

NAME = "record:name"
ACCESS_NOTE = "Ingen inloggning: IOP-stöd nås bara från den här datorn"
OFFICIAL_LABELS = {"Diarienummer", "Bedömningsdatum", "Nämnd eller förvaltning"}


@pytest.fixture(autouse=True)
def _register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path / 'register.sqlite3'}")


def _case_page(mode: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.radio[0].set_value(mode).run()
    at.button[1].click().run()  # "Öppna exemplet": Ungdomsbussen, then the Ärendet page
    assert not at.exception
    return at


def _labels(at: AppTest) -> set[str]:
    return {w.label for w in [*at.text_input, *at.date_input]}


def test_organisation_mode_hides_diarienummer_and_date_and_names_the_committee_plainly():
    at = _case_page("organisation")
    labels = _labels(at)
    assert not labels & OFFICIAL_LABELS
    assert "Vilken del av kommunen (om ni vet)" in labels
    assert not any(ACCESS_NOTE in c.value for c in at.sidebar.caption)


def test_official_mode_keeps_the_official_fields_and_the_access_note():
    at = _case_page("official")
    assert OFFICIAL_LABELS <= _labels(at)
    assert any(ACCESS_NOTE in c.value for c in at.sidebar.caption)


def test_a_diarienummer_entered_by_an_official_survives_a_visit_in_organisation_mode():
    at = _case_page("official")
    at.text_input(key="w:case:diarienummer").input("KS 2026/17").run()
    at.switch_page("app_pages/start.py").run()
    at.radio[0].set_value("organisation").run()
    at.switch_page("app_pages/case.py").run()
    at.switch_page("app_pages/start.py").run()
    at.radio[0].set_value("official").run()
    at.switch_page("app_pages/case.py").run()
    assert at.session_state["case"].diarienummer == "KS 2026/17"
    assert at.text_input(key="w:case:diarienummer").value == "KS 2026/17"


def test_organisation_mode_says_how_to_reach_the_save_button_until_a_name_is_given():
    at = _case_page("organisation")
    hint = "Skriv ert namn under Ditt namn ovan"
    assert any(hint in c.value for c in at.sidebar.caption)
    assert not any(b.label == "Spara vårt självtest hos kommunen" for b in at.sidebar.button)
    at.sidebar.text_input(key=NAME).input("Stadsmissionen, Eva").run()
    assert any(b.label == "Spara vårt självtest hos kommunen" for b in at.sidebar.button)
    assert not any(hint in c.value for c in at.sidebar.caption)
