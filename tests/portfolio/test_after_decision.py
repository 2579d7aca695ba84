"""What Status och historik decides after the decision (iop.portfolio.after_decision): the agreement's form
built on the decision's terms, reading what was typed, the follow-up, the case's line and what is due."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.portfolio import (
    NO_FORM,
    AgreementState,
    agreement_lines,
    agreement_plan,
    answer_index,
    case_labels,
    de_minimis_line,
    due_lines,
    field_rows,
    latest_reassessment,
    link_choices,
    read_agreement,
    read_follow_up,
    upcoming,
)
from iop.records.agreement import (
    Agreement,
    Contact,
    Reassessment,
    RecordedFollowUp,
    Schedule,
    agreed_terms,
    agreement_problems,
    form_group,
    org_key,
    restated_terms,
)
from iop.records.record import AssessmentSnapshot, Decision
from tests.helpers import make_case

D = dt.date
BARE = Decision(decision="bidrag", body="KFN", date=D(2025, 12, 1), paragraph="§ 9", recommendation="grant")
TERMS = BARE.model_copy(update={"form": "projektbidrag", "sek_per_year": 120_000, "period_start": D(2026, 1, 1),
                                "period_end": D(2026, 12, 31)})
TYPED = {"start": "2026-01-01", "end": "2027-12-31", "notice": "3 månader", "follow_up": "12", "evaluation": "",
         "amount": "", "in_kind": "80 000 kr", "organisation": "", "organisation_in_kind": "",
         "contacts": "Karin Lind; kommunen; handläggare"}


# ----- one place for each term ----------------------------------------------------------------------

def test_each_term_comes_from_the_decision_when_it_states_it_else_from_the_agreement():
    agreement = Agreement(start=D(2025, 2, 1), end=D(2025, 12, 31), form="verksamhetsbidrag",
                          municipality_sek_per_year=99_000)
    assert agreed_terms(BARE, agreement).start == D(2025, 2, 1)
    terms = agreed_terms(TERMS, Agreement(notice_months=3))
    assert (terms.start, terms.end, terms.form, terms.municipality_sek_per_year, terms.months) == (
        D(2026, 1, 1), D(2026, 12, 31), "projektbidrag", 120_000, 12)
    assert terms.from_decision == {"period", "form", "municipality_sek_per_year"}
    assert restated_terms(TERMS, agreement) == ["period", "form", "municipality_sek_per_year"]
    assert agreement_problems(TERMS, Agreement(notice_months=3)) == []
    assert agreement_problems(BARE, Agreement(notice_months=3)) == ["Ange startdatum: beslutet anger ingen period."]
    assert agreement_problems(BARE, Agreement(start=D(2026, 1, 1), form="lou")) == [
        "Formen passar inte ett beslut om bidrag."]


def test_the_form_group_and_the_organisation_key_the_store_keeps():
    assert [form_group(d, f) for d, f in (("bidrag", "projektbidrag"), ("bidrag", ""), ("upphandling", "lou"),
                                          ("iop", ""), ("avslag", ""), ("", ""))] == [
        "projektbidrag", "bidrag", "lou", "iop", "avslag", "ej_beslutat"]
    assert (org_key("802001-1234", "X"), org_key("", " Föreningen Y "), org_key("", "")) == (
        "802001-1234", "namn:föreningen y", "")


# ----- the agreement's form -------------------------------------------------------------------------

def test_a_decision_with_terms_shows_them_and_the_form_types_only_the_rest():
    plan = agreement_plan(TERMS, None, may_decide=True)
    assert plan.from_decision == ["Perioden enligt beslutet: 2026-01-01–2026-12-31",
                                  "Formen enligt beslutet: Bidrag: projektbidrag",
                                  "Kommunens pengar enligt beslutet: 120\u00a0000\u00a0kr per år"]
    assert (plan.period_typed, plan.form_typed, plan.amount_typed) == (False, False, False)
    assert [[f.name if f else None for f in row] for row in field_rows(plan)] == [
        ["notice", "follow_up", "evaluation"], ["organisation", None], ["in_kind", "organisation_in_kind"]]
    agreement, problems = read_agreement(plan, {**TYPED, "start": "", "end": ""}, NO_FORM, TERMS)
    assert problems == [] and agreement is not None
    assert (agreement.start, agreement.form, agreement.municipality_sek_per_year, agreement.notice_months) == (
        None, None, None, 3)


def test_a_decision_without_terms_lets_the_form_type_them_and_only_a_decision_maker_the_decisions():
    decider = agreement_plan(BARE, None, may_decide=True)
    assert (decider.period_typed, decider.form_typed, decider.amount_typed) == (True, True, True)
    assert decider.forms == [NO_FORM, "normerat_foreningsbidrag", "verksamhetsbidrag", "projektbidrag"]
    agreement, problems = read_agreement(decider, {**TYPED, "amount": "350 000"}, "verksamhetsbidrag", BARE)
    assert problems == [] and agreement is not None
    assert (agreement.start, agreement.end, agreement.form, agreement.municipality_sek_per_year) == (
        D(2026, 1, 1), D(2027, 12, 31), "verksamhetsbidrag", 350_000)
    assert agreement.contacts == (Contact(name="Karin Lind", party="kommun", role="handläggare"),)
    officer = agreement_plan(BARE, agreement, may_decide=False)
    assert (officer.period_typed, officer.form_typed, officer.amount_typed) == (True, False, False)
    assert officer.kept == {"form": "verksamhetsbidrag", "municipality_sek_per_year": 350_000}
    assert "Kommunens pengar enligt överenskommelsen: 350\u00a0000\u00a0kr per år" in officer.from_decision
    assert officer.texts["start"] == "2026-01-01" and officer.texts["notice"] == "3 månader"
    kept, problems = read_agreement(officer, {**officer.texts, "notice": "6"}, NO_FORM, BARE)
    assert problems == [] and kept is not None
    assert (kept.form, kept.municipality_sek_per_year, kept.notice_months) == ("verksamhetsbidrag", 350_000, 6)


def test_the_recorded_agreement_in_words_for_every_reader():
    agreement = Agreement(start=D(2026, 1, 1), notice_months=3, follow_up_months=12, organisation_sek_per_year=40_000,
                          contacts=(Contact(name="Karin Lind", party="kommun", role="handläggare"),))
    assert agreement_lines(agreement, BARE) == [
        "Perioden enligt överenskommelsen: 2026-01-01–tills vidare", "Uppsägningstid: 3 månader",
        "Avstämning var: 12 månader", "Organisationens pengar: 40\u00a0000\u00a0kr per år",
        "Kontaktpersoner: Karin Lind, handläggare"]
    assert agreement_lines(Agreement(notice_months=3), TERMS) == ["Uppsägningstid: 3 månader"]


def test_what_cannot_be_read_is_named_and_nothing_is_guessed():
    plan = agreement_plan(BARE, None, may_decide=True)
    agreement, problems = read_agreement(plan, {**TYPED, "start": "2025-13-01", "notice": "tre",
                                                "contacts": "Karin Lind; kommunen\nBara namn"}, NO_FORM, BARE)
    assert agreement is None
    assert problems[0] == ("Startdatum: ”2025-13-01” är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, "
                           "till exempel 2026-03-02.")
    assert any(p.startswith("Uppsägningstid:") for p in problems)
    assert any(p.startswith("Rad 2 (”Bara namn”)") for p in problems)
    _, problems = read_agreement(plan, {**TYPED, "start": "2026-01-01", "end": "2025-01-01"}, NO_FORM, BARE)
    assert problems == ["slutdatumet ligger före startdatumet"]
    _, problems = read_agreement(plan, {**TYPED, "start": ""}, NO_FORM, BARE)
    assert problems == ["ett slutdatum behöver ett startdatum"]
    _, problems = read_agreement(plan, {**TYPED, "start": "", "end": ""}, NO_FORM, BARE)
    assert problems == ["Ange startdatum: beslutet anger ingen period."]


# ----- follow-ups, the line, what is due ---------------------------------------------------------------

def test_a_follow_up_counts_only_changed_facts_and_is_reassessed_against_the_frozen_assessment(engine: Engine):
    case = make_case(companies_offer="no")
    snapshot = AssessmentSnapshot.of(engine.assess(case))
    same, problems = read_follow_up("", "avstamning", " Enligt plan. ", "", {"companies_offer": "no"}, case,
                                    snapshot, engine, D(2026, 3, 1))
    assert problems == [] and same is not None
    assert (same.date, same.found, same.changed_answers, same.reassessment) == (D(2026, 3, 1), "Enligt plan.", {},
                                                                               None)
    market, _ = read_follow_up("2026-03-02", "utvardering", "Två företag erbjuder nu tjänsten.", "",
                               {"companies_offer": "yes"}, case, snapshot, engine, D(2026, 3, 5))
    assert market is not None and market.changed_answers == {"companies_offer": "yes"}
    assert market.reassessment is not None and market.reassessment.before == snapshot.recommendation
    nothing, problems = read_follow_up("i går", "annan", " ", "", {}, case, snapshot, engine, D(2026, 3, 5))
    assert nothing is None and problems == [
        "Datum: ”i går” är inget datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-02.",
        "Skriv vad som konstaterades vid uppföljningen."]
    assert answer_index(["yes", "no"], case, "companies_offer") == 1
    assert answer_index(["yes", "no"], Case(title="Utan svar"), "companies_offer") == 0


def test_the_latest_reassessment_in_words():
    def recorded(day: int, again: Reassessment | None) -> RecordedFollowUp:
        from iop.records.agreement import FollowUp

        return RecordedFollowUp(id=day, case_id="A", revision=day, author="Anna",
                                recorded_at=dt.datetime(2026, 1, day, tzinfo=dt.UTC),
                                follow_up=FollowUp(date=D(2026, 1, day), found="x", reassessment=again))

    assert latest_reassessment([recorded(1, None)]) is None
    changed = Reassessment(before="iop", after="procurement", after_form="lou", differences=("Grind 1 ändras.",))
    found = latest_reassessment([recorded(1, changed), recorded(2, None)])
    assert found is not None and found.changed and found.lines == ["Grind 1 ändras."]
    assert found.heading == "Omprövning efter uppföljningen 2026-01-01: bedömningen blir en annan."


def test_the_line_names_cases_and_offers_all_but_the_case_and_its_line():
    choices = pd.DataFrame({"id": ["a", "b", "c"], "title": ["Läxhjälp", "Kafé", "Buss"],
                            "diarienummer": ["SN 1", "", "SN 3"], "status": ["beslutad", "utkast", "beslutad"],
                            "decision": ["bidrag", "", "iop"], "form_group": ["projektbidrag", "ej_beslutat", "iop"],
                            "year": [2024, None, 2025]}, dtype=object)
    labels = case_labels(choices)
    assert labels == {"a": "Läxhjälp (SN 1) · Bidrag: projektbidrag 2024", "b": "Kafé · Utkast",
                      "c": "Buss (SN 3) · IOP 2025"}
    assert list(link_choices(labels, "c", ["a"], [])) == ["b"]


def test_what_is_due_for_one_agreement_and_its_next_dates():
    state = AgreementState("A", Schedule(D(2024, 1, 1), D(2026, 12, 31), 6, 12, 9))
    [due] = due_lines(state, D(2025, 2, 1))
    assert (due.label, due.overdue) == ("Avstämning", True)
    assert upcoming(state) == ("Nästa avstämning: 2025-01-01 · Sista dag att säga upp: 2026-06-30 · "
                               "Utvärdering före förnyelse: 2026-03-31")
    assert due_lines(None, D(2025, 2, 1)) == [] and upcoming(None) == ""


@pytest.mark.parametrize(("left", "ending"), [(-1000.0, " (över taket)."), (50_000.0, ".")])
def test_the_de_minimis_line_for_the_cases_organisation(left: float, ending: str):
    table = pd.DataFrame([{"organisation": "Förening X", "general_eur": 250_000.0, "ceiling_general_eur": 300_000.0,
                           "headroom_general_eur": left}])
    assert de_minimis_line(table).endswith(ending)
    assert de_minimis_line(table.iloc[0:0]) == ""
