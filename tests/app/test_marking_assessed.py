"""Marking a case bedömd with something open asks first, and keeps the stated reason in the history."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from iop.engine import load_case
from iop.model.case import Answer
from iop.records import CaseStatus
from iop.rules import load_rulebook
from iop.store import CaseRegister
from tests.app.pages import status_page
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()


def _button(at: AppTest, label: str):  # noqa: ANN202
    return next(b for b in at.button if b.label == label)


def test_a_case_with_a_deciding_dont_know_is_not_frozen_in_one_click(register: CaseRegister) -> None:
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    case = case.model_copy(update={"answers": {**case.answers, "initiative": Answer(value="vet_ej")}})
    stored = register.create_case(case, "Anna Andersson")
    at = status_page(stored.id)
    _button(at, "Markera som bedömt").click().run()
    assert register.load_case(stored.id).status is CaseStatus.draft  # asked, not frozen
    warning = "\n".join(w.value for w in at.warning)
    assert "Bedömningen är inte färdig" in warning
    assert "Vet ej" in warning and "initiativ" in warning
    _button(at, "Ja, markera som bedömt").click().run()  # without a reason
    assert register.load_case(stored.id).status is CaseStatus.draft
    assert any("Skriv varför" in e.value for e in at.error)
    at.text_area(key="record:assess_reason").input("Nämnden beslutar i dag; initiativet utreds före avtalet.").run()
    _button(at, "Ja, markera som bedömt").click().run()
    assert register.load_case(stored.id).status is CaseStatus.assessed
    note = register.history(stored.id)[-1].note
    assert "Bedömd trots öppna punkter" in note
    assert "Nämnden beslutar i dag; initiativet utreds före avtalet" in note
    assert "Vet ej" in note


def test_a_settled_case_is_marked_assessed_at_once(register: CaseRegister) -> None:
    stored = register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna Andersson")
    at = status_page(stored.id)
    _button(at, "Markera som bedömt").click().run()
    assert register.load_case(stored.id).status is CaseStatus.assessed
    assert register.history(stored.id)[-1].note == "Status: Bedömd"


def test_cancel_leaves_the_case_a_draft(register: CaseRegister) -> None:
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    case = case.model_copy(update={"answers": {**case.answers, "initiative": Answer(value="vet_ej")}})
    stored = register.create_case(case, "Anna Andersson")
    at = status_page(stored.id)
    _button(at, "Markera som bedömt").click().run()
    _button(at, "Avbryt").click().run()
    assert register.load_case(stored.id).status is CaseStatus.draft
    assert not [w for w in at.warning if "Bedömningen är inte färdig" in w.value]


def test_a_tab_opened_before_the_case_was_assessed_says_so_on_the_page_and_locks(register: CaseRegister) -> None:
    stored = register.create_case(load_case(CASES / "ungdomsbussen.yaml", RULEBOOK), "Anna Andersson")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.query_params["case"] = stored.id
    at.run()
    at.sidebar.text_input(key="record:name").input("Anna Andersson").run()
    at.switch_page("app_pages/case.py").run()
    # Meanwhile, in another tab, a colleague freezes the assessment.
    from iop.engine import Engine
    from iop.records import AssessmentSnapshot
    head = register.load_case(stored.id)
    register.change_status(stored.id, CaseStatus.assessed, head.revision, "Bo Berg",
                           snapshot=AssessmentSnapshot.of(Engine(RULEBOOK).assess(head.case)))
    at.text_input(key="w:case:diarienummer").input("SN 2026/1").run()
    assert not at.exception
    errors = "\n".join(e.value for e in at.main.error)
    assert "sparades inte" in errors and "låstes medan du arbetade" in errors
    assert register.load_case(stored.id).case.diarienummer != "SN 2026/1"
    assert at.text_input(key="w:case:diarienummer").disabled
