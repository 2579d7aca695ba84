"""One file from the organisation to the official, and organisation mode plain from the first click."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from iop.documents import case_from_upload
from iop.rules import load_rulebook
from iop.store import ENV_VAR
from tests.helpers import REPO

OFFICIAL_WORDS = re.compile(r"Kriterieuppsättning|YAML|Motivering|Underlag|Ärendefil|Importera ärende")


@pytest.fixture(autouse=True)
def _register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path / 'register.sqlite3'}")


def _organisation() -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    at.radio[0].set_value("organisation").run()
    return at


def _labels(at: AppTest) -> list[str]:
    widgets = [*at.text_input, *at.text_area, *at.selectbox, *at.radio, *at.button, *at.get("download_button"),
               *at.get("file_uploader")]
    return [str(getattr(w, "label", "") or getattr(getattr(w, "proto", None), "label", "")) for w in widgets]


def test_the_sidebar_says_organisation_right_after_choosing_it():
    at = _organisation()
    assert "Läge: Organisation" in [c.value for c in at.sidebar.caption]


def test_organisation_mode_uses_no_official_words_on_any_page_it_visits():
    at = _organisation()
    at.button[1].click().run()  # Öppna exemplet: Ungdomsbussen, then Ärendet
    for page in ("app_pages/start.py", "app_pages/case.py", "app_pages/criteria.py", "app_pages/export.py"):
        at.switch_page(page).run()
        assert not at.exception
        found = [label for label in _labels(at) if OFFICIAL_WORDS.search(label)]
        assert found == [], (page, found)


def test_the_organisation_downloads_one_pdf_to_send_with_its_answers_inside():
    at = _organisation()
    at.button[1].click().run()
    at.switch_page("app_pages/export.py").run()
    downloads = at.get("download_button")
    primary = [d for d in downloads if d.proto.type == "primary"]
    assert [d.proto.label for d in primary] == ["Ladda ner filen att skicka till kommunen (PDF)"]
    text = "\n".join(m.value for m in at.markdown)
    assert "enda fil ni behöver skicka" in text
    case = at.session_state["case"]
    from iop.documents import decision_outline, render_pdf_with_case
    from iop.engine import Engine
    from iop.records import RecordMeta
    book = load_rulebook()
    pdf = render_pdf_with_case(decision_outline(Engine(book).assess(case), case, book, RecordMeta(), "organisation"),
                               case)
    assert case_from_upload(pdf, book, "till-kommunen.pdf").answers == case.answers
