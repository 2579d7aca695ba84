"""The Tillgänglighetsredogörelse page with AppTest: Digg's contents from the file, and its link under every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from app_pages.parts import workshop_state
from iop.documents.accessibility_statement import STATEMENT_ENV, STATEMENT_FILE
from tests.helpers import REPO

STATEMENT_PAGE = "app_pages/accessibility.py"
PAGES = re.findall(r'st\.Page\("(app_pages/[a-z_]+\.py)"', (REPO / "app.py").read_text(encoding="utf-8"))


def _page(page: str, **state: object) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    return at.switch_page(page).run()


def _shown(at: AppTest) -> str:
    return "\n".join([*(t.value for t in at.title), *(h.value for h in at.header), *(h.value for h in at.subheader),
                      *(m.value for m in at.markdown), *(w.value for w in at.warning), *(e.value for e in at.error)])


def _footer_links(at: AppTest) -> list[str]:
    return [e.proto.page for e in at.get("page_link") if e.proto.label == "Tillgänglighetsredogörelse"]


def test_the_page_is_in_the_menu():
    assert STATEMENT_PAGE not in PAGES  # named through statement_link, so the menu and the footer agree
    app = (REPO / "app.py").read_text(encoding="utf-8")
    assert "st.Page(statement_link.PAGE, title=statement_link.TITLE" in app


def test_the_page_shows_what_digg_asks_for_from_the_shipped_file():
    at = _page(STATEMENT_PAGE)
    assert not at.exception
    shown = _shown(at)
    assert [h.value for h in at.header] == [
        "Hur tillgänglig är tjänsten?", "Vad kan du göra om du inte kan använda delar av tjänsten?",
        "Rapportera brister i tjänstens tillgänglighet", "Tillsyn", "Teknisk information om tjänstens tillgänglighet",
        "Hur vi testat tjänsten"]
    assert "IOP-stöd är **delvis förenlig** med lagen om tillgänglighet till digital offentlig service" in shown
    assert "Tabellerna med ärenden och versioner kan inte läsas i sin helhet med skärmläsare." in shown
    assert "**Varför:**" in shown and "**Gör så här i stället:**" in shown and "WCAG 1.3.1, 4.1.2" in shown
    assert "[https://www.digg.se/tdosanmalan](https://www.digg.se/tdosanmalan)" in shown
    assert "Myndigheten för digital förvaltning (Digg)" in shown
    assert "Bedömningen gjordes den 5 december 2026." in shown
    assert "axe-core 4.12 i Chromium" in shown
    assert "Redogörelsen uppdaterades senast den 5 december 2026." in shown
    assert "(12 §)" in shown and "(9 §)" in shown
    # the shipped file still has Digg's {…} placeholders: the page says what the municipality must fill in
    assert "Saknas: kommunens namn, tjänstens webbadress, e-postadress" in shown


def test_a_filled_in_statement_shows_the_municipalitys_contact_and_no_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = yaml.safe_load(STATEMENT_FILE.read_text(encoding="utf-8"))
    data.update(public_body="Västerås stad", address="https://iop.vasteras.se",
                feedback={"email": "tillganglighet@vasteras.se", "phone": "021-39 00 00",
                          "response_time": "Vi svarar inom fem arbetsdagar."})
    path = tmp_path / "tillganglighet.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(STATEMENT_ENV, str(path))
    at = _page(STATEMENT_PAGE)
    shown = _shown(at)
    assert not any("Saknas:" in w.value for w in at.warning)
    assert "Västerås stad står bakom IOP-stöd." in shown
    assert "- E-post: tillganglighet@vasteras.se\n- Telefon: 021-39 00 00" in shown
    assert "Vi svarar inom fem arbetsdagar." in shown


def test_a_broken_statement_file_is_told_in_swedish_and_digg_is_still_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "tillganglighet.yaml"
    path.write_text("compliance: helt\n", encoding="utf-8")
    monkeypatch.setenv(STATEMENT_ENV, str(path))
    at = _page(STATEMENT_PAGE)
    assert not at.exception
    assert "Tillgänglighetsredogörelsen kunde inte läsas" in at.error[0].value
    assert "uppgiften saknas" in at.error[0].value
    assert "digg.se/tdosanmalan" in _shown(at)


@pytest.mark.parametrize("mode", ["official", "organisation"])
@pytest.mark.parametrize("page", [*PAGES, STATEMENT_PAGE])
def test_every_page_ends_with_the_link_to_the_statement(page: str, mode: str):
    # with no name and no saved case several pages stop early (statement_link.stop): the link is there too
    at = _page(page, mode=mode)
    assert not at.exception
    assert _footer_links(at) == ["tillganglighet"]


def test_the_workshop_pages_carry_the_link_when_the_database_cannot_be_reached(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("IOP_DATABASE_URL", f"sqlite:///{tmp_path / 'broken.sqlite3'}")
    (tmp_path / "broken.sqlite3").write_bytes(b"this is not a database" * 100)
    workshop_state.store.clear()
    try:
        for page in ["app_pages/workshop.py", "app_pages/workshop_join.py"]:
            at = _page(page)
            assert not at.exception and at.error
            assert _footer_links(at) == ["tillganglighet"]
    finally:
        workshop_state.store.clear()
