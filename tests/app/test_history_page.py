"""Status och historik: the decision's terms, what happened between any two versions, cases named by title."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from iop.engine import load_case
from iop.records import CaseStatus
from iop.rules import load_rulebook
from iop.store import CaseRegister
from tests.app.pages import status_page
from tests.helpers import CASES

RULEBOOK = load_rulebook()
SUBMIT = "FormSubmitter:decision-Registrera beslut"


def _text(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown)).replace("&#32;", " ")


def test_the_decision_is_registered_with_form_amount_and_period_and_the_history_tells_it(register: CaseRegister):
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK)
    stored = register.create_case(case, "Anna Andersson")
    at = status_page(stored.id)
    next(b for b in at.button if b.label == "Markera som bedömt").click().run()
    at.radio[0].set_value("iop")
    at.text_input[0].input("Socialnämnden")
    at.text_input[1].input("§ 45")
    assert at.text_input[2].label == "Belopp (kronor per år)"
    assert at.text_input[2].value.replace("\u00a0", " ") == "850 000 kr"  # the municipality's money, prefilled
    at.text_input[2].input("900 000")
    form = next(s for s in at.selectbox if s.label == "Form")
    form.set_value("lou")  # does not fit an IOP decision
    at.button(key=SUBMIT).click().run()
    assert any("passar inte ett beslut om" in e.value for e in at.error)
    assert register.load_case(stored.id).status is CaseStatus.assessed
    next(s for s in at.selectbox if s.label == "Form").set_value(None)
    at.button(key=SUBMIT).click().run()
    decided = register.status_records(stored.id)[-1]
    assert decided.decision is not None and decided.decision.sek_per_year == 900_000
    assert decided.decision.period_start == case.activity.start
    at = status_page(stored.id)
    first = next(s for s in at.selectbox if s.label == "Jämför från version")
    assert len(first.options) == 3  # every version, not a window of the last ones
    first.select_index(0).run()
    text = _text(at)
    assert "Det här hände:" in text
    assert "Status ändrades till Bedömd (version 2" in text
    assert "Bedömningen frystes: Rekommendationen är idéburet offentligt partnerskap (IOP)." in text
    assert "Beslut: Idéburet offentligt partnerskap (IOP), 900 000 kr per år" in text.replace("\u00a0", " ")


def test_a_copys_history_names_the_original_by_title_and_dnr(register: CaseRegister):
    case = load_case(CASES / "ungdomsbussen.yaml", RULEBOOK).model_copy(update={"diarienummer": "SN 2026/12"})
    original = register.create_case(case, "Anna Andersson")
    copy = register.copy_case(original.id, "Anna Andersson")
    table = status_page(copy.id).dataframe[0].value
    note = table["Anteckning"].iloc[-1]
    assert "SN 2026/12" in note and case.title in note
    assert original.id not in note
