"""The engine: the legal layer's guarantees, the what-if, derived answers."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop.engine.answers import answers_with, case_facts, derived_answers
from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case, Contribution
from iop.rules.contract_guard import contract_indicators
from iop.rules.rulebook import Rulebook, load_rulebook
from tests.helpers import IOP_LIKE_ANSWERS, make_case

SETS = ["forum-2015", "kristianstad-2016", "skl-2017"]
_RULEBOOK = load_rulebook()


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, str]:
    """Any combination of answers, each question answered or left unknown."""
    answers = {}
    for qid, question in _RULEBOOK.questions.questions.items():
        option = draw(st.sampled_from([*question.options, "vet_ej"]))
        answers[qid] = option
    return answers


def test_an_iop_like_case_is_iop_under_every_set(engine: Engine):
    for set_id in SETS:
        assert engine.assess(make_case(), set_id).recommendation == "iop"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), set_id=st.sampled_from(SETS),
       payment=st.sampled_from(["cost_reimbursement", "price_per_performance", "fixed_sum_defined_activity"]))
def test_a_defined_service_bought_against_payment_is_always_procurement(engine: Engine, answers, set_id, payment):
    answers.update(need_defined_by="public", payment_basis=payment)
    result = engine.assess(Case(title="t", answers=answers), set_id, explain_changes=False)
    assert result.recommendation == "procurement"
    assert result.rule.id == "L1"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), set_id=st.sampled_from(SETS))
def test_iop_never_comes_out_of_an_unclear_contract_gate_or_an_unlawful_grant(engine: Engine, answers, set_id):
    result = engine.assess(Case(title="t", answers=answers), set_id, explain_changes=False)
    gates = {g.gate: g.value for g in result.gates}
    if gates["contract"] != "grant" or gates["lawful_grant"] == "unlawful":
        assert result.recommendation in ("procurement", "undecided")


def test_sanctions_make_it_a_contract_whatever_it_is_called(engine: Engine):
    result = engine.assess(make_case(sanctions="yes"), "forum-2015")
    assert (result.recommendation, result.rule.id) == ("procurement", "L1")
    assert next(g for g in result.gates if g.gate == "contract").rule.id == "C2"


def test_contract_gate_names_the_indicators_on_each_side(engine: Engine):
    result = engine.assess(make_case(need_defined_by="public", payment_basis="price_per_performance"), "forum-2015")
    gate = next(g for g in result.gates if g.gate == "contract")
    assert {h.question for h in gate.for_contract} >= {"need_defined_by", "payment_basis"}
    assert all(h.reference for h in gate.for_contract + gate.for_grant)


def test_every_what_if_outcome_is_what_the_engine_gives_for_that_answer(engine: Engine):
    # Binding obligations open: answering "no" also implies "no sanctions", so the what-if must apply that too.
    case = make_case(binding_obligations="vet_ej", sanctions="vet_ej")
    result = engine.assess(case, "forum-2015")
    assert result.recommendation == "undecided"
    decisive = [q for q in result.open_questions if q.decisive]
    # A grant decision on the organisation's application implies both (criteria/rulebook.yaml), so it decides too.
    assert {q.question for q in decisive} == {"binding_obligations", "sanctions", "support_form"}
    binding = next(q for q in decisive if q.question == "binding_obligations")
    assert {w.option: w.recommendation for w in binding.what_if} == {"yes": "procurement", "no": "iop"}
    form = next(q for q in decisive if q.question == "support_form")
    assert {w.option: w.recommendation for w in form.what_if}["decision_on_application"] != "undecided"
    for question in decisive:
        for what_if in question.what_if:
            answered = case.model_copy(deep=True)
            answered.answers[question.question] = Answer(value=what_if.option)
            again = engine.assess(answered, "forum-2015", explain_changes=False)
            assert (again.recommendation, again.form, again.rule.id) == (what_if.recommendation, what_if.form, what_if.rule)


def test_when_no_single_answer_decides_the_pairs_that_do_are_named(engine: Engine):
    case = make_case(political_programme="vet_ej", payment_basis="vet_ej")
    result = engine.assess(case, "forum-2015")
    assert result.recommendation == "undecided"
    assert not any(q.decisive for q in result.open_questions)
    by_id = {q.question: q for q in result.open_questions}
    assert "political_programme" in by_id["payment_basis"].decides_with
    assert "payment_basis" in by_id["political_programme"].decides_with


def test_open_questions_list_decisive_ones_first(engine: Engine):
    result = engine.assess(Case(title="Tomt ärende"), "forum-2015")
    flags = [q.decisive for q in result.open_questions]
    assert flags == sorted(flags, reverse=True)
    assert len(result.open_questions) == len(engine.rulebook.relevant_questions("forum-2015"))


def test_changes_name_answered_questions_that_would_flip_the_result(engine: Engine):
    result = engine.assess(make_case(), "forum-2015")
    assert "initiative" in {q.question for q in result.changes}
    flipped = next(q for q in result.changes if q.question == "initiative")
    assert any(w.option == "public" and w.recommendation == "procurement" for w in flipped.what_if)


def test_co_financing_is_derived_from_contributions_when_unanswered():
    case = Case(title="t")
    case.public_party.contribution = Contribution(money_sek_per_year=100_000)
    case.organisation.contribution = Contribution(volunteer_hours_per_year=500)
    assert derived_answers(case)["co_financing"][0] == "both"
    case.organisation.contribution = Contribution(money_sek_per_year=0)
    assert derived_answers(case)["co_financing"][0] == "public_only"


def test_an_explicit_answer_wins_over_the_derived_one(engine: Engine):
    case = make_case(co_financing="public_only")
    case.public_party.contribution = Contribution(money_sek_per_year=100_000)
    case.organisation.contribution = Contribution(volunteer_hours_per_year=500)
    result = engine.assess(case, "forum-2015")
    trace = next(c for c in result.criteria if c.id == "co_financing").answers[0]
    assert (trace.answer, trace.derived) == ("public_only", False)


def test_answers_to_shared_questions_carry_over_between_sets(engine: Engine):
    case = make_case(initiative="public")
    forum = engine.assess(case, "forum-2015")
    kristianstad = engine.assess(case, "kristianstad-2016")
    assert next(c for c in forum.criteria if c.id == "initiative").outcome.value == "not_met"
    assert next(c for c in kristianstad.criteria if c.id == "initiative").outcome.value == "not_met"


def test_the_record_names_set_version_and_hash(engine: Engine, rulebook: Rulebook):
    result = engine.assess(make_case(), "kristianstad-2016")
    assert result.criteria_set.id == "kristianstad-2016"
    assert result.criteria_set.version == rulebook.sets["kristianstad-2016"].version
    assert len(result.criteria_set.hash) == 64


def test_unlawful_grant_warning_names_the_paragraph_and_the_remedy(engine: Engine):
    result = engine.assess(make_case(business_support="yes", exceptional_reasons="no"), "forum-2015")
    assert result.rule.id == "L3"
    warning = next(w for w in result.warnings if "8 §" in w.text)
    assert warning.remedy and "synnerliga skäl" in warning.remedy.lower()


def test_the_procurement_route_is_not_applied_to_an_iop(engine: Engine):
    result = engine.assess(make_case(), "forum-2015")
    route = next(g for g in result.gates if g.gate == "procurement_route")
    assert route.applies is False


def test_iop_like_answers_cover_every_question_the_iop_path_needs(rulebook: Rulebook):
    assert set(IOP_LIKE_ANSWERS) <= set(rulebook.questions.questions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), set_id=st.sampled_from(SETS))
def test_pruned_what_if_equals_evaluating_every_answer_afresh(engine: Engine, answers, set_id):
    from iop.rules.state_aid import amount_inputs, compute_figures

    case = Case(title="t", date="2026-06-01", answers=answers)
    result = engine.assess(case, set_id)
    facts = case_facts(case)
    amounts = amount_inputs(compute_figures(case, engine.rulebook.parameters, case.assessment_date()))
    base = engine.evaluate(set_id, facts, amounts)
    assert (result.recommendation, result.form, result.rule.id) == (base.recommendation, base.form, base.rule.id)
    answered = case.facts()
    for question in result.open_questions + result.changes:
        for what_if in question.what_if:
            # The oracle: the case as it would be with that answer given, implied answers re-derived.
            fresh = engine.evaluate(set_id, answers_with(facts, answered, {question.question: what_if.option}), amounts)
            assert (what_if.recommendation, what_if.form, what_if.rule) == (fresh.recommendation, fresh.form, fresh.rule.id)
    # And no answered question left out of `changes` could in fact change the verdict.
    listed = {q.question for q in result.changes}
    for qid in engine.rulebook.relevant_questions(set_id):
        if qid in facts and qid not in listed:
            for option in engine.rulebook.questions.questions[qid].options:
                changed = answers_with(facts, answered, {qid: option})
                assert engine.evaluate(set_id, changed, amounts).verdict == base.verdict


def test_registration_is_evidence_for_the_reserved_procurement_conditions(engine: Engine):
    case = make_case(need_defined_by="public", payment_basis="price_per_performance", welfare_service="yes",
                     public_benefit_purpose="yes", choice_system="no")
    assert engine.assess(case, "forum-2015").form == "lou"
    case.organisation.registered_ideburen = "ja"  # type: ignore[assignment]
    result = engine.assess(case, "forum-2015")
    assert (result.recommendation, result.form) == ("procurement", "reserved")
    route = next(g for g in result.gates if g.gate == "procurement_route")
    derived = {t.question: t.derived_from for t in route.facts if t.derived}
    assert "Kammarkollegiet" in derived["value_transfers_restricted"]


def test_an_explicit_no_overrides_registration(engine: Engine):
    case = make_case(need_defined_by="public", payment_basis="price_per_performance", welfare_service="yes",
                     public_benefit_purpose="yes", choice_system="no", no_public_control="no")
    case.organisation.registered_ideburen = "ja"  # type: ignore[assignment]
    assert engine.assess(case, "forum-2015").form == "lou"


_BOOK = load_rulebook()
CONTRACT_INDICATORS_ANSWERED = st.sampled_from(sorted(
    ({i.question: i.option} for i in contract_indicators(_BOOK.gates["contract"], _BOOK.questions)),
    key=lambda answer: sorted(answer.items())))
"""Every contract indicator of gate 1, read from the rulebook (iop/rules/contract_guard.py), not a hand list."""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), set_id=st.sampled_from(SETS), indicator=CONTRACT_INDICATORS_ANSWERED)
def test_a_contract_indicator_answered_yes_never_yields_grant_or_iop(engine: Engine, answers, set_id, indicator):
    answers.update(indicator)
    result = engine.assess(Case(title="t", answers=answers), set_id, explain_changes=False)
    assert next(g for g in result.gates if g.gate == "contract").value != "grant"
    assert result.recommendation in ("procurement", "undecided")


def test_a_binding_obligation_against_a_grant_is_a_contract_whatever_it_is_called(engine: Engine):
    result = engine.assess(make_case(binding_obligations="yes"), "forum-2015")
    assert (result.recommendation, result.rule.id) == ("procurement", "L1")
    assert next(g for g in result.gates if g.gate == "contract").rule.id == "C9"


def test_binding_obligations_with_direct_economic_interest_are_a_contract(engine: Engine):
    for interest in ("yes", "receives_result"):
        result = engine.assess(make_case(binding_obligations="yes", direct_economic_interest=interest,
                                         payment_basis="vet_ej"), "forum-2015")
        assert next(g for g in result.gates if g.gate == "contract").rule.id == "C8"
        assert result.recommendation == "procurement"


def test_no_binding_obligation_implies_no_sanctions_and_says_so(engine: Engine):
    result = engine.assess(make_case(sanctions="vet_ej"), "forum-2015")
    assert result.recommendation == "iop"
    gate = next(g for g in result.gates if g.gate == "contract")
    trace = next(t for t in gate.facts if t.question == "sanctions")
    assert (trace.answer, trace.derived) == ("no", True)
    assert "bindande åtagande" in trace.derived_from


def test_an_explicit_sanctions_answer_wins_over_the_implied_one(engine: Engine):
    result = engine.assess(make_case(sanctions="yes"), "forum-2015")
    gate = next(g for g in result.gates if g.gate == "contract")
    assert next(t for t in gate.facts if t.question == "sanctions").derived is False
    assert gate.rule.id == "C2"
