"""Grant or IOP: the facts that tell them apart are asked, read by every set, and carried through to the reader.

Issue 22: initiative and co-financing are true of almost every grant, so they
must never by themselves point to IOP; a decision on the organisation's own
application, for its own activity, with only a report back, is a grant.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.outline import build_outline
from iop.documents.text_report import to_json_dict, to_markdown, to_text
from iop.engine.case_import import load_case
from iop.engine.compiled import compile_rulebook
from iop.engine.evaluation import Engine, case_facts
from iop.engine.leaning import lean, leaning_sides
from iop.guide.walk import plan_for, walk_steps
from iop.model.case import Case
from iop.rules.contract_guard import contract_indicators
from iop.rules.rulebook import Rulebook, load_rulebook
from iop.rules.state_aid import amount_inputs, compute_figures
from iop.words.plain_language import has_legal_reference
from iop.words.voice import (
    GRANT_REASON,
    GRANT_REASON_PLAIN,
    OFFICIAL,
    PLAIN,
)
from tests.document_reading import docx_body
from tests.helpers import CASES, make_case

GRANT_FORM_QUESTIONS = ("support_form", "own_activity", "municipal_role", "time_frame")
SETS = ("forum-2015", "kristianstad-2016", "skl-2017")
_RULEBOOK = load_rulebook()


def _amounts(engine: Engine, case: Case) -> dict[str, str]:
    return amount_inputs(compute_figures(case, engine.rulebook.parameters, case.assessment_date()))


# --- 1. The facts are asked, sourced, in plain words too ------------------------------------------------

def test_the_grant_or_iop_questions_carry_a_source_and_plain_wording(rulebook: Rulebook):
    questions = rulebook.questions.questions
    for qid in (*GRANT_FORM_QUESTIONS, "normed_grant_fit"):
        question = questions[qid]
        assert question.source is not None and question.source.cite(), qid
        assert question.plain and question.plain_help and question.prepare, qid
        for text in (question.plain, question.plain_help, *question.plain_options.values()):
            assert not has_legal_reference(text), (qid, text)
    assert "other_grant" in questions["normed_grant_fit"].options


def test_the_walk_asks_them_on_a_step_of_their_own_and_only_while_they_can_change_the_outcome(engine: Engine):
    for set_id in SETS:
        steps = walk_steps(engine.compiled, set_id)
        form = next(s for s in steps if s.id == "form:grant_form")
        assert set(form.questions) == set(GRANT_FORM_QUESTIONS)
        assert [s.id for s in steps].index(form.id) == 1  # right after gate 1
    # A case the tables have decided as IOP asks none of them again; an open one asks them.
    decided = make_case(support_form="signed_agreement", own_activity="formulated_together",
                        municipal_role="joint_steering", time_frame="developed_together")
    assert not set(GRANT_FORM_QUESTIONS) & plan_for(engine, decided, "forum-2015").pending
    # On an IOP-like case the municipality's role can change the outcome, whose activity it is cannot
    # until the money is to be given by a grant decision: then it is asked.
    # (Joint governance and follow-up left open: answered yes, they settle the municipality's role.)
    open_role = {"joint_governance": "vet_ej", "joint_follow_up": "vet_ej"}
    pending = plan_for(engine, make_case(**open_role), "forum-2015").pending
    assert "municipal_role" in pending and "own_activity" not in pending
    assert "municipal_role" not in plan_for(engine, make_case(), "forum-2015").pending
    by_decision = plan_for(engine, make_case(support_form="decision_on_application", **open_role),
                           "forum-2015").pending
    assert "own_activity" in by_decision


# --- 2. The decision tables read them, in every set -----------------------------------------------------

def test_every_policy_table_reads_the_grant_form_facts_with_annotation_source_and_signals(rulebook: Rulebook):
    for set_id, table in rulebook.policy_tables.items():
        reading = [r for r in table.rules if any(k[2:] in GRANT_FORM_QUESTIONS for k in r.when)]
        assert len(reading) >= 4, set_id
        for rule in reading:
            assert rule.annotation.strip() and rule.plain and rule.source.cite(), (set_id, rule.id)
            assert rule.then["recommendation"] == "grant" and rule.then["form"] in (
                "verksamhetsbidrag", "projektbidrag"), (set_id, rule.id)
        signalled = {(s.question, s.toward) for s in table.signals}
        assert {("support_form", "grant"), ("support_form", "iop"), ("municipal_role", "grant"),
                ("municipal_role", "iop")} <= signalled, set_id
        assert all(s.source.cite() for s in table.signals)


def test_own_activity_by_decision_without_joint_steering_is_a_grant_even_with_initiative_and_co_financing(
        engine: Engine):
    for own, form in (("own_ongoing", "verksamhetsbidrag"), ("own_project", "projektbidrag")):
        case = make_case(support_form="decision_on_application", own_activity=own, municipal_role="report_only",
                         initiative="organisation", co_financing="both")
        for set_id in SETS:
            result = engine.assess(case, set_id, explain_changes=False)
            assert (result.recommendation, result.form) == ("grant", form), (own, set_id, result.rule.id)
            assert result.rule.layer == "policy"


def test_a_set_that_says_iop_without_the_partnership_says_why_a_grant_is_better(engine: Engine):
    # Every criterion of every set is met, but the municipality only receives a report.
    case = make_case(support_form="signed_agreement", municipal_role="report_only", joint_governance="vet_ej",
                     joint_follow_up="vet_ej")
    for set_id in SETS:
        result = engine.assess(case, set_id)
        assert result.recommendation == "grant", set_id
        assert "bidrag" in result.rule.annotation and "partnerskap" in result.rule.annotation, set_id
    # Answered the other way, the same case is an IOP: the partnership elements decide.
    iop = make_case(support_form="signed_agreement", municipal_role="joint_steering")
    assert all(engine.assess(iop, s, explain_changes=False).recommendation == "iop" for s in SETS)


CONTRACT_INDICATORS = sorted((i.question, i.option)
                             for i in contract_indicators(_RULEBOOK.gates["contract"], _RULEBOOK.questions))
"""Every contract indicator of gate 1, whatever its weight (tests/rules/test_contract_guard.py proves the same
over the rules; this tries it on whole cases)."""


@st.composite
def answers_with_a_contract_indicator(draw: st.DrawFn) -> dict[str, str]:
    answers = {qid: draw(st.sampled_from([*q.options, "vet_ej"]))
               for qid, q in _RULEBOOK.questions.questions.items()}
    question, option = draw(st.sampled_from(CONTRACT_INDICATORS))
    answers[question] = option
    return answers


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answers_with_a_contract_indicator(), set_id=st.sampled_from(SETS))
def test_a_contract_indicator_answered_yes_never_yields_grant_or_iop(engine: Engine, answers, set_id):
    result = engine.assess(Case(title="t", date="2026-06-01", answers=answers), set_id, explain_changes=False)
    assert result.recommendation not in ("grant", "iop")


# --- 3. Gate 1 reads a grant decision as what it is -------------------------------------------------------

def test_gate_one_reads_a_grant_decision_as_a_grant_and_marks_the_absent_obligations_as_derived(engine: Engine):
    case = Case(title="t", date="2026-06-01", answers={
        "support_form": "decision_on_application", "own_activity": "own_ongoing", "municipal_role": "report_only"})
    result = engine.assess(case, "forum-2015")
    gate = next(g for g in result.gates if g.gate == "contract")
    assert (gate.value, gate.rule.id) == ("grant", "C10")
    derived = {t.question: t for t in gate.facts if t.derived}
    assert {derived["binding_obligations"].answer, derived["sanctions"].answer} == {"no"}
    assert "härlett" in derived["binding_obligations"].derived_from
    assert any(h.question == "support_form" and h.weight == 3 for h in gate.for_grant)
    # A given answer always wins over the derived one.
    bound = Case(title="t", date="2026-06-01", answers={**{q: a.value for q, a in case.answers.items()},
                                                          "binding_obligations": "yes"})
    assert next(g for g in engine.assess(bound, "forum-2015").gates if g.gate == "contract").value != "grant"


def test_an_agreement_with_defined_deliverables_points_to_contract(engine: Engine):
    result = engine.assess(make_case(support_form="agreement_with_deliverables"), "forum-2015")
    gate = next(g for g in result.gates if g.gate == "contract")
    assert gate.value != "grant"
    assert any(h.question == "support_form" for h in gate.for_contract)


# --- 4. The leaning tells grant from IOP ------------------------------------------------------------------

def test_initiative_and_co_financing_alone_never_point_to_iop(engine: Engine):
    for set_id in SETS:
        for extra in ({}, {"companies_offer": "no", "detail_regulation": "no", "organisation_profit": "no"}):
            facts = {"initiative": "organisation", "co_financing": "both", **extra}
            core = lean(engine.compiled, set_id, facts, _amounts(engine, Case(title="t", date="2026-06-01")))
            assert core.outcome != "iop" and core.blocked != "iop", (set_id, extra)
            assert core.scores["iop"] == core.scores["grant"], (set_id, extra)


def test_grant_facts_point_to_grant_also_while_the_presumption_holds_the_case_back(engine: Engine):
    # The contract question is open (what the money is for is unknown, and the grant decision is not
    # yet taken), but everything known says grant.
    case = Case(title="t", date="2026-06-01", answers={
        "support_form": "not_decided", "own_activity": "own_ongoing", "municipal_role": "report_only",
        "time_frame": "yearly", "initiative": "organisation", "co_financing": "both"})
    result = engine.assess(case, "skl-2017")
    assert result.recommendation == "undecided"
    leaning = result.leaning
    assert leaning is not None and leaning.points_to == "grant"
    assert "pekar mot bidrag" in OFFICIAL.leaning(leaning) or leaning.outcome == "grant"
    assert "bidrag" in PLAIN.leaning(leaning)
    sides = {side for side, _ in leaning_sides(leaning)}
    assert "grant" in sides and "grant iop" in sides
    data = to_json_dict(result)["leaning"]
    assert data["points_to"] == "grant" and data["sides"]["grant"]
    text = to_text(result)
    assert "Talar för bidrag (sammanlagd vikt" in text and "skiljer dem inte åt" in text
    assert "Talar för bidrag" in to_markdown(result)
    assert json.loads(result.model_dump_json())["leaning"]["points_to"] == "grant"


def test_every_leaning_fact_names_its_source(engine: Engine, rulebook: Rulebook):
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, rulebook)
        for set_id in case.expected:
            facts = case_facts(case)
            for fact in lean(compile_rulebook(rulebook), set_id, {q: v for q, v in list(facts.items())[::2]},
                             _amounts(engine, case)).facts:
                assert fact.source.cite(), (path.name, fact.basis)


# --- 5. Reference cases reach every new rule (tests/test_rule_coverage.py checks every rule) ---------------

def test_the_new_reference_cases_cover_each_kind_of_grant_and_an_iop(rulebook: Rulebook, engine: Engine):
    forms: set[tuple[str, str | None]] = set()
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, rulebook)
        if not {"own_activity", "municipal_role", "time_frame"} & set(case.answers):
            continue
        assert "http" in path.read_text(encoding="utf-8"), f"{path.name} cites no public source"
        for set_id in case.expected:
            result = engine.assess(case, set_id, explain_changes=False)
            forms.add((result.recommendation, result.form))
    assert {("grant", "verksamhetsbidrag"), ("grant", "projektbidrag"), ("iop", None)} <= forms


# --- 7. One name for a recommended grant everywhere ---------------------------------------------------------

def test_a_grant_is_named_with_its_form_and_reason_the_same_way_in_headline_picture_and_both_documents(
        rulebook: Rulebook, engine: Engine):
    seen = 0
    for path in sorted(CASES.glob("*.yaml")):
        case = load_case(path, rulebook)
        for set_id in case.expected:
            result = engine.assess(case, set_id, explain_changes=False)
            if result.recommendation != "grant":
                continue
            seen += 1
            for speaker, reason in ((OFFICIAL, GRANT_REASON), (PLAIN, GRANT_REASON_PLAIN)):
                name = speaker.verdict_name("grant", result.form)
                assert reason in name and (result.form is None or name.count("(") == 1)
                assert speaker.headline(result).startswith(name)
                assert speaker.spectrum_verdict(result).label == f"Rekommendation: {name}"
            official = decision_outline(result, case, rulebook)
            organisation = decision_outline(result, case, rulebook, audience="organisation")
            assert name_in(official, OFFICIAL.verdict_name("grant", result.form)) and name_in(
                organisation, PLAIN.verdict_name("grant", result.form).removeprefix("Bidrag ("))
            assert official.fields["recommendation"] == OFFICIAL.verdict_name("grant", result.form)
            assert build_outline(result).blocks  # the app's view is built from the same sections
    assert seen >= 10


def name_in(outline, name: str) -> bool:  # type: ignore[no-untyped-def]
    inner = name.removeprefix("Bidrag (").rstrip(")")
    return any(inner in getattr(b, "text", "") for b in outline.blocks)


def test_the_word_document_names_the_grant_as_the_headline_does(rulebook: Rulebook, engine: Engine):
    case = load_case(CASES / "verksamhetsbidrag-kvinnojour-hassleholm.yaml", rulebook)
    result = engine.assess(case, "forum-2015")
    body = " ".join(text for _style, text in docx_body(render_docx(decision_outline(result, case, rulebook))))
    assert "verksamhetsbidrag, stöd till organisationens egen verksamhet" in body
