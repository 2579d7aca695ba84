"""The registration fields on Ärendet and the tjänsteskrivelse's editors on Exportera (AppTest from app.py).

What the official writes is part of the case: every edit becomes a revision in
the register, the document prints it, and once the case is bedömd the fields
are locked and the document keeps what was written then.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from streamlit.testing.v1 import AppTest

from iop.documents import generated_proposal
from iop.engine import Engine
from iop.engine.case_import import load_case
from iop.rules.rulebook import load_rulebook
from iop.store import CaseRegister
from tests.helpers import CASES, REPO

NAME = "record:name"


def _page(page: str, mode: str = "official", name: str = "") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    if name:
        at.sidebar.text_input(key=NAME).input(name).run()
    at.session_state["case"] = load_case(CASES / "ungdomsbussen.yaml", load_rulebook())
    at.session_state["mode"] = mode
    return at.switch_page(page).run()


def _field(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


def test_arendet_takes_the_registration_a_diarium_needs():
    at = _page("app_pages/case.py")
    assert not at.exception and "Registrering" in [s.value for s in at.subheader]
    _field(at.text_input, "Ärendemening").input("Ansökan om IOP för Ungdomsbussen").run()
    _field(at.text_input, "Handläggare").input("Karin Lind, socialförvaltningen").run()
    _field(at.text_input, "Beslutsinstans").input("Individ- och familjenämnden").run()
    _field(at.radio, "Sekretess").set_value(True).run()
    assert "Ange lagrummet i OSL" in " ".join(w.value for w in at.warning)  # marked, but no provision yet
    _field(at.text_input, "Lagrum i OSL").input("OSL 31 kap. 16 §").run()
    _field(at.text_input, "Skäl").input("Uppgifter om affärsförhållanden i budgeten").run()
    _field(at.radio, "Bevaras eller gallras").set_value("gallras").run()
    _field(at.text_input, "Gallras efter").input("10 år efter ärendets avslut").run()
    assert not at.exception
    registration = at.session_state["case"].registration
    assert (registration.subject, registration.officer, registration.decision_body) == (
        "Ansökan om IOP för Ungdomsbussen", "Karin Lind, socialförvaltningen", "Individ- och familjenämnden")
    assert (registration.secrecy.marked, registration.secrecy.provision, registration.secrecy.reason) == (
        True, "OSL 31 kap. 16 §", "Uppgifter om affärsförhållanden i budgeten")
    assert registration.retention.text() == "Gallras 10 år efter ärendets avslut"
    # Unticking keeps what was typed: only the marking goes.
    _field(at.radio, "Sekretess").set_value(False).run()
    secrecy = at.session_state["case"].registration.secrecy
    assert (secrecy.marked, secrecy.provision) == (False, "OSL 31 kap. 16 §") and secrecy.marking() == ""


def test_an_organisation_sees_no_registration_fields():
    at = _page("app_pages/case.py", mode="organisation")
    assert not at.exception
    assert "Registrering" not in [s.value for s in at.subheader]
    assert not [w for w in at.text_input if w.label in ("Ärendemening", "Handläggare")]


def test_the_proposal_is_prefilled_from_the_recommendation_and_stays_generated_until_edited():
    at = _page("app_pages/export.py")
    assert not at.exception
    case = at.session_state["case"]
    proposal = _field(at.text_area, "Förslag till beslut")
    assert proposal.value == "\n".join(generated_proposal(Engine(load_rulebook()).assess(case), case))
    assert proposal.value.startswith("Nämnden beslutar att ingå ett idéburet offentligt partnerskap med "
                                     "Stadsmissionen i Västerås")
    assert case.memo.proposal == ""  # nothing written: the document follows the recommendation
    edited = "Individ- och familjenämnden beslutar att ingå ett partnerskap med Stadsmissionen i Västerås."
    _field(at.text_area, "Förslag till beslut").input(edited).run()
    _field(at.text_area, "Barnrättsbedömning").input("Unga har intervjuats om bussens öppettider.").run()
    _field(at.text_input, "Chef som skriver under").input("Eva Ek").run()
    assert not at.exception
    memo = at.session_state["case"].memo
    assert (memo.proposal, memo.child_rights, memo.manager) == (
        edited, "Unga har intervjuats om bussens öppettider.", "Eva Ek")
    markdown = next(b for b in at.get("download_button") if b.proto.label == "Ladda ner som Markdown")
    assert markdown is not None


def test_the_export_page_shows_no_stray_code_text():
    at = _page("app_pages/export.py")
    assert not [m.value for m in at.markdown if m.value.startswith(("The ", "(case id"))]


def test_the_target_group_of_children_asks_for_a_barnrattsbedomning():
    at = _page("app_pages/export.py")
    assert "barnrättsbedömning" in " ".join(i.value for i in at.info)  # Unga 13–20 år


def test_a_summary_over_five_lines_is_flagged():
    at = _page("app_pages/export.py")
    _field(at.text_area, "Sammanfattning").input("En mening som upprepas. " * 40).run()
    assert "korta den till högst 5" in " ".join(w.value for w in at.warning)


def test_memo_edits_are_revisions_and_a_bedomd_case_keeps_them(register: CaseRegister):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    at.sidebar.text_input(key=NAME).input("Karin Lind").run()
    at.button[1].click().run()  # "Öppna exemplet", Ungdomsbussen preselected: saved as a new case
    at.switch_page("app_pages/export.py").run()
    _field(at.text_area, "Sammanfattning").input("Stadsmissionen föreslår en buss för unga.").run()
    [row] = register.list_cases()
    assert register.load_case(row.id).case.memo.summary == "Stadsmissionen föreslår en buss för unga."
    assert any("Sammanfattning" in change for revision in register.history(row.id)[-1:]
               for change in register.describe(register.history(row.id)[-2].case, revision.case))
    at.switch_page("app_pages/case_record.py").run()
    _field(at.button, "Markera som bedömt").click().run()
    at.switch_page("app_pages/export.py").run()
    summary = _field(at.text_area, "Sammanfattning")
    assert summary.disabled and summary.value == "Stadsmissionen föreslår en buss för unga."
    assert all(w.disabled for w in at.text_area if str(w.key or "").startswith("w:memo:"))


def test_the_archive_package_is_made_from_the_saved_case_with_what_was_just_typed(register: CaseRegister):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    at.sidebar.text_input(key=NAME).input("Karin Lind").run()
    at.button[1].click().run()
    at.switch_page("app_pages/export.py").run()
    assert not [b for b in at.get("download_button") if b.proto.label == "Ladda ner arkivpaketet (zip)"]
    # Typed and clicked in one go: the package must hold the text, so the page saves before it packs.
    _field(at.text_input, "Chef som skriver under").set_value("Eva Ek")
    _field(at.button, "Skapa arkivpaket").click().run()
    assert not at.exception and not at.error
    [button] = [b for b in at.get("download_button") if b.proto.label == "Ladda ner arkivpaketet (zip)"]
    [row] = register.list_cases()
    assert register.load_case(row.id).case.memo.manager == "Eva Ek"
    kept = at.session_state["export:archive"]
    names = zipfile.ZipFile(io.BytesIO(kept[3])).namelist()
    assert any(n.endswith("representations/rep1/data/tjansteskrivelse.pdf") for n in names)
    assert kept[2].startswith("arkivpaket-ungdomsbussen") and button is not None
