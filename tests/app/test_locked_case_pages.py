"""A bedömd case is locked in the app (AppTest from app.py): inputs disabled, the frozen assessment shown.

The banner promises that the case cannot be changed; these tests try to change it
and check that neither the page, the case in the session nor the register moved.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from iop.records import CaseStatus
from iop.store import CaseRegister
from iop.store.tables import StatusRecordRow
from tests.helpers import REPO

NAME = "record:name"


def assessed_example() -> AppTest:
    """Ungdomsbussen opened by Anna Andersson and marked bedömd on Status och historik."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()  # "Öppna exemplet", Ungdomsbussen preselected
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    assert not at.exception
    return at


def case_inputs(at: AppTest) -> list[Any]:
    """Every widget bound to the case on the page (keys ``w:…``), except the step selector."""
    widgets = [*at.text_input, *at.text_area, *at.radio, *at.selectbox, *at.number_input]
    return [w for w in widgets if str(w.key or "").startswith("w:") and not str(w.key).startswith("w:criteria:jump")
            and not str(w.key).startswith("w:sidebar:")]


def shown(at: AppTest) -> str:
    """Roughly what a reader sees on the page (Markdown escapes removed)."""
    parts = [e.value for kind in (at.markdown, at.caption, at.subheader, at.info) for e in kind]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def test_every_input_on_arendet_is_disabled_once_the_case_is_assessed(register: CaseRegister) -> None:
    at = assessed_example()
    at.switch_page("app_pages/case.py").run()
    inputs = case_inputs(at)
    assert len(inputs) > 20  # the page's fields were found: rubrik, parter, insatser, verksamheten, statsstöd
    assert [w.key for w in inputs if not w.disabled] == []
    assert at.sidebar.selectbox[0].label == "Kriterieuppsättning" and at.sidebar.selectbox[0].disabled
    assert not at.sidebar.text_input(key=NAME).disabled  # who is working is not part of the case


def test_every_answer_on_every_step_of_kriterierna_is_disabled_once_assessed(register: CaseRegister) -> None:
    at = assessed_example()
    at.switch_page("app_pages/criteria.py").run()
    jump = at.selectbox[0]
    assert jump.label == "Gå till steg" and not jump.disabled  # a locked case can still be read step by step
    for step in range(len(jump.options)):
        at.selectbox[0].select_index(step).run()
        inputs = case_inputs(at)
        assert inputs, f"steg {step + 1}: inga frågor hittades"
        assert [w.key for w in inputs if not w.disabled] == [], f"steg {step + 1}"


def test_a_draft_case_keeps_its_inputs_enabled(register: CaseRegister) -> None:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.run()
    at.sidebar.text_input(key=NAME).input("Anna Andersson").run()
    at.button[1].click().run()
    for page in ("app_pages/case.py", "app_pages/criteria.py"):
        at.switch_page(page).run()
        assert case_inputs(at) and not any(w.disabled for w in case_inputs(at)), page
    assert not at.sidebar.selectbox[0].disabled


def test_the_banner_says_how_to_change_an_assessed_case(register: CaseRegister) -> None:
    at = assessed_example()
    at.switch_page("app_pages/criteria.py").run()
    [banner] = [i.value for i in at.info if "låst" in i.value]
    assert "bedömt" in banner and "Öppna som utkast igen" in banner and "Status och historik" in banner
    assert "ny version" in banner
    assert "sparas inte" not in banner  # nothing can be typed, so nothing is silently dropped


def test_an_edit_forced_into_a_locked_case_changes_neither_case_nor_register(register: CaseRegister) -> None:
    at = assessed_example()
    case_id = at.session_state["record:state"].id
    stored = register.load_case(case_id)
    at.switch_page("app_pages/criteria.py").run()
    # AppTest, like a browser, refuses to type into a disabled widget; a stale tab could still send a
    # value for one, which is what writing the widget's state directly stands in for.
    with pytest.raises(Exception, match="disabled"):
        next(r for r in at.radio if r.key == "w:answer:need_defined_by").set_value("public")
    at.session_state["w:answer:need_defined_by"] = "public"
    at.run()
    at.switch_page("app_pages/case.py").run()
    at.session_state["w:case:diarienummer"] = "ÄNDRAT"
    at.run()
    assert at.session_state["case"] == stored.case
    assert register.load_case(case_id).revision == stored.revision


def test_rekommendation_of_an_assessed_case_shows_the_frozen_assessment(register: CaseRegister) -> None:
    at = assessed_example()
    case_id = at.session_state["record:state"].id
    [record] = register.status_records(case_id)
    assert record.snapshot is not None
    # Stand-in for criteria files changed since: the frozen trace says something today's engine does not.
    rule = {**record.snapshot.trace["rule"], "annotation": "Motiveringen som den frystes."}
    trace = {**record.snapshot.trace, "rule": rule}
    payload = {"snapshot": {**record.snapshot.model_dump(mode="json"), "trace": trace}, "decision": None}
    with register.engine.begin() as conn:
        conn.execute(update(StatusRecordRow).where(StatusRecordRow.case_id == case_id).values(payload=payload))
    at.switch_page("app_pages/recommendation.py").run()
    assert not at.exception
    text = shown(at)
    assert "Bedömningen frystes" in text and "Anna Andersson" in text
    assert "Motiveringen som den frystes." in text  # the frozen trace is drawn, not today's assessment


def test_rekommendation_matches_the_frozen_snapshot_after_a_forced_edit(register: CaseRegister) -> None:
    at = assessed_example()
    case_id = at.session_state["record:state"].id
    at.switch_page("app_pages/recommendation.py").run()
    before = shown(at)
    at.switch_page("app_pages/criteria.py").run()
    at.session_state["w:answer:initiative"] = "together"  # forced, as above: the radio is disabled
    at.run()
    at.switch_page("app_pages/recommendation.py").run()
    assert shown(at) == before
    [record] = register.status_records(case_id)
    assert record.snapshot is not None and record.snapshot.recommendation == "iop"
    assert "Delvis uppfyllt" not in shown(at)  # the flipped answer would make the initiative only partly met


def test_reopening_as_draft_enables_the_inputs_again(register: CaseRegister) -> None:
    at = assessed_example()
    case_id = at.session_state["record:state"].id
    at.switch_page("app_pages/case_record.py").run()
    next(b for b in at.button if b.label == "Öppna som utkast igen").click().run()
    assert register.load_case(case_id).status is CaseStatus.draft
    at.switch_page("app_pages/case.py").run()
    assert not any(w.disabled for w in case_inputs(at))
    assert not any("låst" in i.value for i in at.info)
    at.text_input(key="w:case:diarienummer").input("SN 2026/9").run()
    assert register.load_case(case_id).case.diarienummer == "SN 2026/9"
