"""Every page of the app, started from app.py with Streamlit's AppTest."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from iop.engine.case_import import load_case
from iop.model.case import Case
from iop.rules.rulebook import load_rulebook
from tests.helpers import CASES, REPO

PAGES = ["app_pages/start.py", "app_pages/case.py", "app_pages/criteria.py", "app_pages/spectrum.py",
         "app_pages/recommendation.py", "app_pages/export.py"]


def _app() -> AppTest:
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()


def _with_case(case: Case, page: str) -> AppTest:
    at = _app()
    at.session_state["case"] = case
    return at.switch_page(page).run()


def _texts(at: AppTest) -> str:
    """The Markdown sources on the page, as Streamlit receives them (escaped)."""
    return "\n".join(m.value for m in at.markdown) + "\n".join(h.value for h in at.subheader)


def _shown(at: AppTest) -> str:
    """Roughly what a reader sees: the sources with Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", _texts(at) + "\n".join(c.value for c in at.caption))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception_on_a_new_case(page: str):
    at = _app().switch_page(page).run()
    assert not at.exception
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_the_ungdomsbussen_case(page: str):
    at = _with_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), page)
    assert not at.exception


def test_opening_an_example_loads_it_and_goes_to_the_case_page():
    at = _app()
    at.button[1].click().run()  # "Öppna exemplet", Ungdomsbussen preselected
    assert at.session_state["case"].title.startswith("Ungdomsbussen")
    assert at.title[0].value == "Ärendet"


def test_new_case_needs_a_title():
    at = _app()
    at.button[0].click().run()
    assert "Skriv en rubrik" in at.error[0].value
    at.text_input[0].input("Fältverksamhet").run()
    at.button[0].click().run()
    assert at.session_state["case"].title == "Fältverksamhet"


def test_recommendation_page_states_iop_for_ungdomsbussen_with_rule_and_set():
    at = _with_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), "app_pages/recommendation.py")
    text = _shown(at)
    assert "Rekommendationen är idéburet offentligt partnerskap (IOP)." in text
    assert "F9" in text and "Forum" in text


def test_organisation_mode_ends_with_what_to_prepare():
    case = load_case(CASES / "motesplats-aldre-oppna-fragor.yaml", load_rulebook())
    at = _app()
    at.session_state["case"] = case
    at.session_state["mode"] = "organisation"
    at.switch_page("app_pages/recommendation.py").run()
    assert any(h.value == "Det här behöver ni förbereda" for h in at.subheader)
    assert "överenskommelse" in _shown(at)


def _first_radio(at: AppTest) -> tuple[str, str]:
    """The question id and an option of the first question the walk shows."""
    qid = at.radio[0].key.removeprefix("w:answer:")
    return qid, list(load_rulebook().questions.questions[qid].options)[0]


def test_answers_survive_leaving_and_returning_to_the_criteria_page():
    at = _app().switch_page("app_pages/criteria.py").run()
    qid, option = _first_radio(at)
    at.radio[0].set_value(option).run()
    at.text_area[0].input("Föreningen kom med idén").run()
    at.switch_page("app_pages/spectrum.py").run()
    at.switch_page("app_pages/criteria.py").run()
    assert at.radio[0].value == option
    assert at.text_area[0].value == "Föreningen kom med idén"
    assert at.session_state["case"].answers[qid].reasoning == "Föreningen kom med idén"


def test_forward_and_back_keep_the_answers():
    at = _app().switch_page("app_pages/criteria.py").run()
    first_header = at.header[0].value
    qid, option = _first_radio(at)
    at.radio[0].set_value(option).run()
    next_button = next(b for b in at.button if b.label == "Nästa →")
    next_button.click().run()
    assert at.header[0].value != first_header
    back = next(b for b in at.button if b.label == "← Föregående")
    back.click().run()
    assert at.header[0].value == first_header
    assert at.radio[0].value == option


def test_walk_starts_with_contract_and_offers_the_rest_under_more_questions():
    at = _app().switch_page("app_pages/criteria.py").run()
    assert at.header[0].value == "Bidrag eller kontrakt"
    assert any(option.startswith("Fler frågor") for option in at.selectbox[0].options)


def test_switching_criteria_set_keeps_shared_answers():
    at = _app().switch_page("app_pages/criteria.py").run()
    qid, option = _first_radio(at)
    at.radio[0].set_value(option).run()
    at.sidebar.selectbox[0].set_value("kristianstad-2016").run()
    assert at.session_state["case"].criteria_set == "kristianstad-2016"
    assert at.session_state["case"].answers[qid].value == option
    assert at.radio[0].value == option


def test_invalid_org_number_is_explained_and_the_typed_text_kept():
    at = _app().switch_page("app_pages/case.py").run()
    field = next(t for t in at.text_input if t.label == "Organisationsnummer")
    field.input("12345").run()
    assert any("NNNNNN-NNNN" in re.sub(r"\\(.)", r"\1", e.value) for e in at.error)
    assert next(t for t in at.text_input if t.label == "Organisationsnummer").value == "12345"
    assert at.session_state["case"].organisation.org_number is None


def test_org_number_with_a_space_is_stored_normalised_and_the_name_beside_a_bad_one_is_kept():
    at = _app().switch_page("app_pages/case.py").run()
    next(t for t in at.text_input if t.label == "Organisationens namn").input("Stadsmissionen").run()
    next(t for t in at.text_input if t.label == "Organisationsnummer").input("802001 1234").run()
    assert at.session_state["case"].organisation.org_number == "802001-1234"
    next(t for t in at.text_input if t.label == "Organisationsnummer").input("80200").run()
    next(t for t in at.text_input if t.label == "Organisationens namn").input("Stadsmissionen i Västerås").run()
    assert at.session_state["case"].organisation.name == "Stadsmissionen i Västerås"
    assert at.session_state["case"].organisation.org_number == "802001-1234"
    assert at.error


def _money_field(at: AppTest, label_start: str):
    return next(t for t in at.text_input if t.label.startswith(label_start))


def test_contributions_entered_on_the_case_page_are_stored():
    at = _app().switch_page("app_pages/case.py").run()
    _money_field(at, "Kommunen/regionen: pengar").input("500000").run()
    assert at.session_state["case"].public_party.contribution.money_sek_per_year == 500000


@pytest.mark.parametrize("typed, stored, shown", [
    ("850000", 850000, "850\u00a0000\u00a0kr"),
    ("850 000", 850000, "850\u00a0000\u00a0kr"),
    ("850.000", 850000, "850\u00a0000\u00a0kr"),
    ("850 000 kr", 850000, "850\u00a0000\u00a0kr"),
    ("850 000,50", 850001, "850\u00a0001\u00a0kr"),
])
def test_an_amount_typed_as_swedes_write_it_is_read_and_shown_formatted(typed, stored, shown):
    at = _app().switch_page("app_pages/case.py").run()
    _money_field(at, "Kommunen/regionen: pengar").input(typed).run()
    assert at.session_state["case"].public_party.contribution.money_sek_per_year == stored
    assert _money_field(at, "Kommunen/regionen: pengar").value == shown
    assert not at.error
    assert ("Avrundat till hela kronor." in [c.value for c in at.caption]) == ("," in typed)


def test_an_unreadable_amount_keeps_what_was_typed_and_the_last_amount_with_a_swedish_message():
    at = _app().switch_page("app_pages/case.py").run()
    _money_field(at, "Organisationen: pengar").input("350000").run()
    _money_field(at, "Organisationen: pengar").input("350,000").run()
    assert _money_field(at, "Organisationen: pengar").value == "350,000"
    assert at.session_state["case"].organisation.contribution.money_sek_per_year == 350000
    assert any("kan betyda både 350,00 kr och 350\u00a0000 kr" in e.value.replace("\\", "") for e in at.error)
    _money_field(at, "Annat de minimis-stöd").input("tio tusen").run()
    assert any("”tio tusen” är inget belopp" in e.value.replace("\\", "") for e in at.error)
    assert _money_field(at, "Annat de minimis-stöd").value == "tio tusen"


def test_script_text_in_free_text_is_shown_escaped_on_the_recommendation():
    case = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    case.answers["initiative"].reasoning = "<script>alert('x')</script> **fet**"
    at = _with_case(case, "app_pages/recommendation.py")
    rendered = _texts(at)
    assert "<script>" not in rendered and "\\<script\\>" in rendered and "\\*\\*fet\\*\\*" in rendered


def test_export_offers_yaml_and_markdown_downloads():
    at = _with_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), "app_pages/export.py")
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[:2] == ["Ladda ner ärendet (YAML)", "Ladda ner som Markdown"]


def test_recommendation_page_compares_the_case_under_every_set():
    at = _with_case(load_case(CASES / "arbetsintegrering-sgei.yaml", load_rulebook()), "app_pages/recommendation.py")
    table = next(t.value for t in at.table if "Rekommendation" in t.value.index)
    by_set = table.loc["Rekommendation"]
    assert by_set["SKL – rapport om IOP (2017)"] == "IOP"
    assert by_set["Forum – kriterier för IOP (Värmland 2015)"].startswith("Upphandling")
    assert table.loc["Initiativet kommer från den idéburna organisationen", "SKL – rapport om IOP (2017)"] == \
        "– ingår inte"


def test_legal_form_starts_unchosen_with_a_swedish_placeholder():
    at = _app().switch_page("app_pages/case.py").run()
    field = next(s for s in at.selectbox if s.label == "Juridisk form")
    assert field.value is None and field.proto.placeholder == "Välj juridisk form"
    field.set_value("stiftelse").run()
    assert at.session_state["case"].organisation.legal_form == "stiftelse"


def test_dates_are_typed_in_swedish_form_and_a_bad_date_is_explained_and_kept():
    at = _app().switch_page("app_pages/case.py").run()
    next(t for t in at.text_input if t.label == "Startdatum").input("2026 3 2").run()
    assert str(at.session_state["case"].activity.start) == "2026-03-02"
    next(t for t in at.text_input if t.label == "Startdatum").input("2/3 2026").run()
    # the message quotes the typed text, so it is escaped; the reader sees it without the escapes
    assert any("”2/3 2026” är inget datum" in shown and "ÅÅÅÅ-MM-DD" in shown
               for shown in (re.sub(r"\\(.)", r"\1", e.value).replace("\u2060", "") for e in at.error))
    assert next(t for t in at.text_input if t.label == "Startdatum").value == "2/3 2026"
    assert str(at.session_state["case"].activity.start) == "2026-03-02"


def test_exchange_rate_accepts_a_decimal_comma():
    at = _app().switch_page("app_pages/case.py").run()
    next(t for t in at.text_input if t.label.startswith("Växelkurs")).input("11,25").run()
    assert at.session_state["case"].state_aid.sek_per_eur == 11.25


def test_answering_a_sets_open_questions_from_the_comparison_switches_set_and_opens_the_walk():
    at = _app().switch_page("app_pages/recommendation.py").run()
    button = next(b for b in at.button if b.key == "compare:answer:skl-2017")
    button.click().run()
    assert at.session_state["case"].criteria_set == "skl-2017"
    assert at.title[0].value == "Kriterierna"
    assert at.sidebar.selectbox[0].value == "skl-2017"


def test_undecided_headline_names_the_blocking_question_on_the_page_in_organisation_mode():
    at = _app()
    at.session_state["mode"] = "organisation"
    at.switch_page("app_pages/recommendation.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert "Oavgjort" in text
    assert "ta reda på" in text
    assert not at.expander or all("ta reda på" not in e.label for e in at.expander)
    assert any(b.label == "Ladda ner listan (text)" for b in at.get("download_button"))


def test_the_spectrum_page_shows_the_recommendation_not_a_tendency_of_its_own():
    at = _with_case(load_case(CASES / "fritidsgard-detaljstyrd.yaml", load_rulebook()), "app_pages/spectrum.py")
    assert not at.exception
    shown = _shown(at) + "\n".join(i.value for i in at.success) + "\n".join(i.value for i in at.info)
    assert "Rekommendation: Upphandling" in shown.replace("\\", "")
    assert "drar svaren mot" not in shown


def test_an_undecided_case_shows_a_labelled_preliminary_leaning_in_both_modes():
    case = load_case(CASES / "nattvandring-oklart-avtal.yaml", load_rulebook())
    at = _with_case(case, "app_pages/recommendation.py")
    assert not at.exception
    assert "Preliminär bedömning – inte en rekommendation" in _shown(at)
    at.session_state["mode"] = "organisation"
    at.run()
    assert "Som det ser ut nu" in _shown(at)


def test_a_page_that_raises_fails_its_app_test(monkeypatch: pytest.MonkeyPatch):
    # A deliberate fault: every page test asserting ``not at.exception`` must catch it.
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("avsiktligt fel")

    monkeypatch.setattr("iop.engine.evaluation.Engine.assess", broken)
    at = _app().switch_page("app_pages/recommendation.py").run()
    assert at.exception  # (its text is redacted: config.toml sets showErrorDetails = "none")


def test_a_user_sees_a_swedish_message_and_keeps_the_case_when_a_page_fails(monkeypatch: pytest.MonkeyPatch):
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("avsiktligt fel")

    monkeypatch.delenv("IOP_PAGE_ERRORS")
    case = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    at = _app()
    at.session_state["case"] = case
    monkeypatch.setattr("iop.engine.evaluation.Engine.assess", broken)
    at.switch_page("app_pages/recommendation.py").run()
    assert not at.exception
    assert any("Något gick fel när sidan visades" in e.value and "finns kvar" in e.value for e in at.error)
    assert "avsiktligt fel" not in " ".join(e.value for e in at.error)
    assert at.session_state["case"] is case


def test_the_criteria_page_cites_a_criterions_source_by_title_and_slide():
    at = _with_case(load_case(CASES / "ungdomsbussen.yaml", load_rulebook()), "app_pages/criteria.py")
    jump = next(s for s in at.selectbox if s.label == "Gå till steg")
    jump.select_index(next(i for i, o in enumerate(jump.options) if "initiativ" in o.lower())).run()
    assert "initiativ" in at.header[0].value.lower()
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]
    assert any(c.startswith("Citat ur Forum, Värmland 2015, bild 33") for c in captions), captions
    assert not any(".txt" in c for c in captions)


def test_recommendation_explains_the_chain_with_files_and_lines_for_officials_only():
    case = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    at = _with_case(case, "app_pages/recommendation.py")
    panel = [e for e in at.expander if e.label.startswith("Så kom vi fram till det")]
    assert len(panel) == 1
    shown = re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in panel[0].markdown))
    assert "regel forum-2015/F9 (criteria/decision/forum-2015.yaml:" in shown
    assert "3. Regeln som avgjorde" in shown
    at = _app()
    at.session_state["case"] = case
    at.session_state["mode"] = "organisation"
    at.switch_page("app_pages/recommendation.py").run()
    assert not [e for e in at.expander if e.label.startswith("Så kom vi fram till det")]
