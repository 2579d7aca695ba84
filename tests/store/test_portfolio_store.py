"""The portfolio's storage on SQLite and PostgreSQL: figures kept with every write, agreements, follow-ups
and links recorded as revisions, the frame the page reads, the migration that fills the figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.portfolio import AgreementState, PortfolioFilter, aggregate
from iop.records.agreement import Agreement, Contact, FollowUp, Reassessment, Schedule
from iop.records.record import AssessmentSnapshot, CaseStatus, Decision
from iop.store import InvalidTransition, PortfolioStore, open_register
from iop.store.database import make_engine
from iop.store.records import CaseRegister
from iop.store.schema import alembic_config, upgrade
from tests.helpers import make_case


@pytest.fixture
def register(database_url: str, engine: Engine) -> Iterator[CaseRegister]:
    db = open_register(database_url)
    yield CaseRegister(db, lambda case: engine.assess(case, explain_changes=False), engine.rulebook.questions)
    db.dispose()


@pytest.fixture
def store(register: CaseRegister) -> PortfolioStore:
    return PortfolioStore(register)


def decide(register: CaseRegister, engine: Engine, case: Case, decision: str, day: str, reason: str = "") -> str:
    stored = register.create_case(case, "Anna")
    snapshot = AssessmentSnapshot.of(engine.assess(stored.case))
    register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Anna", snapshot=snapshot)
    made = Decision(decision=decision, body="Socialnämnden", date=day, paragraph="§ 1",  # type: ignore[arg-type]
                    recommendation=snapshot.recommendation, deviation_reason=reason)
    register.change_status(stored.id, CaseStatus.decided, stored.revision + 1, "Bo", decision=made)
    return stored.id


def row(store: PortfolioStore, case_id: str) -> dict:
    frame = store.frame()
    return frame.loc[frame["id"] == case_id].iloc[0].to_dict()


def iop_case(title: str = "Läxhjälp", money: int | None = 250_000, **answers: str) -> Case:
    case = make_case(**answers).model_copy(update={"title": title})
    case.public_party.committee = "Socialnämnden"
    case.public_party.contribution.money_sek_per_year = money
    case.organisation.contribution.money_sek_per_year = 40_000
    case.organisation.name = "Läxhjälpen"
    case.organisation.org_number = "802001-1234"
    case.activity.area = "Gottsunda"
    case.activity.target_group = "Elever i årskurs 4–9"
    return case


def test_a_draft_keeps_its_recommendation_form_and_blocking_questions(register, store):
    undecided = register.create_case(make_case(companies_offer="vet_ej", procured_before="vet_ej",
                                               political_programme="vet_ej"), "Anna")
    figures = row(store, undecided.id)
    assert figures["recommendation"] == "undecided" and figures["decision"] == ""
    assert "companies_offer" in figures["blocking"].split(",")
    grant = register.create_case(iop_case(normed_grant_fit="fits"), "Anna")
    assert (row(store, grant.id)["recommendation"], row(store, grant.id)["recommended_form"]) == (
        "grant", "normerat_foreningsbidrag")
    assert (row(store, undecided.id)["year"], row(store, undecided.id)["area"]) == (2026, "")


def test_figures_follow_the_decision_and_the_year_is_the_decisions(register, store, engine):
    case_id = decide(register, engine, iop_case(), "iop", "2025-11-03")
    figures = row(store, case_id)
    assert (figures["decision"], figures["recommendation"], figures["follows"]) == ("iop", "iop", True)
    assert (figures["year"], str(figures["decision_date"])[:10]) == (2025, "2025-11-03")  # the case's date is 2026
    assert (figures["municipality_sek"], figures["organisation_sek"]) == (250_000, 40_000)
    assert (figures["area"], figures["org_number"], figures["state_aid"]) == ("Gottsunda", "802001-1234", "not_aid")
    deviating = decide(register, engine, iop_case("Kafé"), "bidrag", "2025-12-01", reason="Ett vanligt bidrag räcker")
    assert (row(store, deviating)["follows"], row(store, deviating)["deviation_reason"]) == (
        False, "Ett vanligt bidrag räcker")


def test_the_agreement_is_recorded_as_a_revision_and_its_amounts_and_form_count(register, store, engine):
    draft = register.create_case(iop_case(), "Anna")
    agreement = Agreement(start=dt.date(2026, 1, 1), end=dt.date(2028, 12, 31), notice_months=6, follow_up_months=12,
                          evaluation_months_before_end=9, municipality_sek_per_year=300_000,
                          municipality_in_kind_sek_per_year=80_000, organisation_in_kind_sek_per_year=120_000,
                          contacts=(Contact(name="Karin Lind", party="kommun", role="handläggare"),))
    with pytest.raises(InvalidTransition, match="först när ärendet är beslutat"):
        store.save_agreement(draft.id, agreement, "Anna")
    assert register.load_case(draft.id).revision == 1  # nothing written
    case_id = decide(register, engine, iop_case(), "iop", "2025-11-03")
    recorded = store.save_agreement(case_id, agreement, "Cecilia")
    assert store.agreement(case_id).agreement == agreement
    last = register.history(case_id)[-1]
    assert (last.number, last.author) == (recorded.revision, "Cecilia")
    assert last.note == ("Överenskommelsen registrerad: 2026-01-01–2028-12-31; uppsägningstid 6 mån.; avstämning "
                         "var 12 mån.; utvärdering före slut: 9 mån.; kontaktpersoner Karin Lind")
    figures = row(store, case_id)
    assert (figures["municipality_sek"], figures["municipality_in_kind_sek"], figures["organisation_sek"],
            figures["organisation_in_kind_sek"], figures["aid_months"]) == (300_000, 80_000, 40_000, 120_000, 36)
    store.save_agreement(case_id, agreement.model_copy(update={"end": None}), "Cecilia")
    assert register.history(case_id)[-1].note.startswith("Överenskommelsen ändrad: 2026-01-01–tills vidare")


def test_follow_ups_are_revisions_and_feed_the_todo_list(register, store, engine):
    case_id = decide(register, engine, iop_case(), "iop", "2025-11-03")
    follow_up = FollowUp(date=dt.date(2026, 1, 15), found="Verksamheten går enligt plan.")
    with pytest.raises(InvalidTransition, match="Registrera överenskommelsen"):
        store.add_follow_up(case_id, follow_up, "Anna")
    store.save_agreement(case_id, Agreement(start=dt.date(2025, 1, 1), end=dt.date(2027, 12, 31),
                                            follow_up_months=12), "Anna")
    store.add_follow_up(case_id, follow_up, "Anna")
    again = Reassessment(before="iop", after="procurement", after_form="lou", differences=("x",))
    store.add_follow_up(case_id, FollowUp(date=dt.date(2026, 3, 1), kind="utvardering", found="Ett företag erbjuder nu "
                                          "samma tjänst.", changed_answers={"companies_offer": "yes"},
                                          reassessment=again), "Bo")
    assert [f.follow_up.date for f in store.follow_ups(case_id)] == [dt.date(2026, 1, 15), dt.date(2026, 3, 1)]
    assert register.history(case_id)[-1].note == (
        "Utvärdering före förnyelse 2026-03-01: Ett företag erbjuder nu samma tjänst. (1 ändrade uppgifter; "
        "rekommendationen skulle bli en annan)")
    [state] = store.agreement_states()
    assert state == AgreementState(case_id, Schedule(dt.date(2025, 1, 1), dt.date(2027, 12, 31), follow_up_months=12),
                                   last_follow_up=dt.date(2026, 3, 1),
                                   last_evaluation=dt.date(2026, 3, 1), reassessment=again, has_successor=False)


def test_copies_and_successors_are_links_and_a_loop_is_refused(register, store, engine):
    first = decide(register, engine, iop_case("Läxhjälp 2024"), "bidrag", "2024-03-01", reason="Som förut")
    copy = register.copy_case(first, "Anna")
    assert row(store, copy.id)["copied_from"] == first
    assert store.line(copy.id) == ([], [], first)
    store.link(first, copy.id, "Anna")  # the copy is declared to continue the case
    assert store.line(copy.id) == ([first], [], first)
    assert register.history(copy.id)[-1].note == "Kopplat som efterföljare till ”Läxhjälp 2024”"
    with pytest.raises(InvalidTransition, match="redan kopplade"):
        store.link(first, copy.id, "Anna")
    with pytest.raises(InvalidTransition, match="efterföljare till sig självt"):
        store.link(copy.id, first, "Anna")
    third = register.create_case(iop_case("Läxhjälp 2027"), "Anna")
    store.link(copy.id, third.id, "Anna")
    assert store.line(copy.id)[:2] == ([first], [third.id])
    store.unlink(copy.id, third.id, "Bo")
    assert store.line(copy.id)[:2] == ([first], [])
    store.unlink(first, copy.id, "Bo")  # no longer its successor, still its copy
    assert store.line(copy.id) == ([], [], first) and row(store, copy.id)["copied_from"] == first
    with pytest.raises(InvalidTransition, match="inte kopplade"):
        store.unlink(first, copy.id, "Bo")


def test_the_frame_is_kept_until_the_register_changes(register, store, engine):
    case_id = decide(register, engine, iop_case(), "iop", "2025-11-03")
    first = store.frame()
    assert first is not store.frame() and first.equals(store.frame())
    store.save_agreement(case_id, Agreement(start=dt.date(2026, 1, 1), municipality_sek_per_year=1), "Anna")
    assert row(store, case_id)["municipality_sek"] == 1  # another write: the kept frame was not reused


def test_the_portfolio_agrees_with_a_bare_sql_group_by(register, store, engine):
    decide(register, engine, iop_case("A"), "iop", "2024-05-01")
    decide(register, engine, iop_case("B", money=None), "bidrag", "2024-06-01", reason="Bidrag räcker")
    decide(register, engine, iop_case("C", money=100_000), "iop", "2025-01-10")
    register.create_case(iop_case("D"), "Anna")
    portfolio = aggregate(PortfolioFilter().apply(store.frame()))
    with register.engine.connect() as conn:
        grouped = conn.execute(text(
            "SELECT f.year, f.decision, count(*), sum(f.municipality_sek) FROM cases c JOIN case_figures f "
            "ON f.case_id = c.id WHERE c.status <> 'arkiverad' GROUP BY f.year, f.decision")).all()
    by_sql = {(str(y), d or "ej_beslutat"): (n, int(s or 0)) for y, d, n, s in grouped}
    table = portfolio.by_form_year
    by_pandas = {(r.year, r.form_group): (r.count, r.municipality_sek) for r in table.itertuples()}
    assert by_pandas == by_sql == {("2024", "iop"): (1, 250_000), ("2024", "bidrag"): (1, 0),
                                   ("2025", "iop"): (1, 100_000), ("2026", "ej_beslutat"): (1, 250_000)}


def test_the_migration_fills_the_figures_of_cases_stored_before_it(database_url: str, engine: Engine):
    before = ScriptDirectory.from_config(alembic_config()).get_revision("0006_portfolio").down_revision
    db = make_engine(database_url)
    with db.begin() as connection:
        upgrade(connection, str(before))  # the register as the version before the portfolio left it
    db.dispose()
    # A register written by the previous version: its tables as they were, filled through plain SQL.
    old = make_engine(database_url)
    snapshot = AssessmentSnapshot.of(engine.assess(iop_case())).model_dump(mode="json")
    decision = Decision(decision="iop", body="KS", date="2024-02-01", paragraph="§ 2",
                        recommendation="iop").model_dump(mode="json")
    import json

    with old.begin() as conn:
        now = dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
        conn.execute(text(
            "INSERT INTO cases (id, head_revision, status, diarienummer, title, organisation, public_body, committee, "
            "recommendation, criteria_set, year, from_organisation, created_at, created_by, updated_at, updated_by, "
            "content) VALUES ('old1', 3, 'beslutad', '', 'Gammalt', 'Läxhjälpen', '', 'KS', 'iop', 'forum-2015', "
            "2026, false, :now, 'A', :now, 'A', :content)"),
            {"now": now, "content": json.dumps(iop_case().model_dump(mode="json"))})
        conn.execute(text("INSERT INTO status_records (case_id, revision_number, status, author, created_at, payload) "
                          "VALUES ('old1', 2, 'bedömd', 'A', :now, :p1), ('old1', 3, 'beslutad', 'A', :now, :p2)"),
                     {"now": now, "p1": json.dumps({"snapshot": snapshot, "decision": None}),
                      "p2": json.dumps({"snapshot": None, "decision": decision})})
    old.dispose()
    migrated = open_register(database_url)
    figures = PortfolioStore(CaseRegister(migrated)).frame().iloc[0].to_dict()
    assert (figures["id"], figures["decision"], figures["year"], figures["recommendation"]) == ("old1", "iop", 2024, "iop")
    assert (figures["municipality_sek"], figures["state_aid"]) == (250_000, "not_aid")
    migrated.dispose()


def test_one_cases_state_is_the_same_as_in_the_list(register, store, engine):
    case_id = decide(register, engine, iop_case(), "iop", "2025-11-03")
    assert store.agreement_state(case_id) is None
    store.save_agreement(case_id, Agreement(start=dt.date(2025, 1, 1), follow_up_months=6), "Anna")
    store.add_follow_up(case_id, FollowUp(date=dt.date(2025, 7, 1), found="Som planerat."), "Anna")
    assert [store.agreement_state(case_id)] == store.agreement_states()




def decide_with_terms(register: CaseRegister, engine: Engine, case: Case) -> str:
    stored = register.create_case(case, "Anna")
    snapshot = AssessmentSnapshot.of(engine.assess(stored.case))
    register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Anna", snapshot=snapshot)
    made = Decision(decision="bidrag", body="Socialnämnden", date="2025-12-01", paragraph="§ 3",  # type: ignore[arg-type]
                    recommendation=snapshot.recommendation, deviation_reason="Bidrag räcker", form="verksamhetsbidrag",
                    sek_per_year=120_000, period_start=dt.date(2026, 1, 1), period_end=dt.date(2027, 12, 31))
    register.change_status(stored.id, CaseStatus.decided, stored.revision + 1, "Bo", decision=made)
    return stored.id


def test_the_decisions_terms_are_held_once_and_the_agreement_builds_on_them(register, store, engine):
    case_id = decide_with_terms(register, engine, iop_case())
    figures = row(store, case_id)
    assert (figures["decided_form"], figures["form_group"], figures["municipality_sek"], figures["aid_months"]) == (
        "verksamhetsbidrag", "verksamhetsbidrag", 120_000, 24)  # the decision's, not the case's 250 000
    assert str(figures["agreement_start"])[:10] == "2026-01-01"
    before = register.load_case(case_id).revision
    for restated, words in ((Agreement(start=dt.date(2026, 2, 1)), "Perioden står redan i beslutet"),
                            (Agreement(municipality_sek_per_year=99), "Kommunens pengar per år står redan"),
                            (Agreement(form="projektbidrag"), "Formen står redan i beslutet")):
        with pytest.raises(InvalidTransition, match=words):
            store.save_agreement(case_id, restated, "Anna")
    assert register.load_case(case_id).revision == before  # nothing typed twice, nothing written
    store.save_agreement(case_id, Agreement(notice_months=3, follow_up_months=12), "Anna")
    assert register.history(case_id)[-1].note.startswith(
        "Överenskommelsen registrerad: 2026-01-01–2027-12-31 (enligt beslutet); uppsägningstid 3 mån.")
    state = store.agreement_state(case_id)
    assert state is not None and (state.schedule.start, state.schedule.end) == (dt.date(2026, 1, 1),
                                                                             dt.date(2027, 12, 31))
    assert row(store, case_id)["municipality_sek"] == 120_000


def test_a_decision_without_a_period_needs_the_agreements_start(register, store, engine):
    case_id = decide(register, engine, iop_case(), "iop", "2025-11-03")
    with pytest.raises(InvalidTransition, match="Ange startdatum"):
        store.save_agreement(case_id, Agreement(follow_up_months=12), "Anna")


def test_the_migration_clears_terms_the_agreement_typed_again_and_fills_the_new_columns(database_url: str,
                                                                                        engine: Engine):
    import json

    db = make_engine(database_url)
    with db.begin() as connection:
        upgrade(connection, "0008_access")
    now = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    snapshot = AssessmentSnapshot.of(engine.assess(iop_case())).model_dump(mode="json")
    decision = Decision(decision="bidrag", body="KS", date="2025-12-01", paragraph="§ 2", recommendation="iop",
                        deviation_reason="Bidrag", sek_per_year=90_000, period_start=dt.date(2026, 1, 1),
                        period_end=dt.date(2026, 12, 31)).model_dump(mode="json")
    typed_twice = {"start": "2026-01-01", "end": "2026-12-31", "municipality_sek_per_year": 90_000,
                   "follow_up_months": 6, "contacts": []}
    with db.begin() as conn:
        conn.execute(text(
            "INSERT INTO cases (id, head_revision, status, diarienummer, title, organisation, public_body, committee, "
            "recommendation, criteria_set, year, from_organisation, created_at, created_by, updated_at, updated_by, "
            "content) VALUES ('old1', 4, 'beslutad', '', 'Gammalt', 'Läxhjälpen', '', 'KS', 'iop', 'forum-2015', "
            "2026, false, :now, 'A', :now, 'A', :content)"),
            {"now": now, "content": json.dumps(iop_case().model_dump(mode="json"))})
        conn.execute(text("INSERT INTO status_records (case_id, revision_number, status, author, created_at, payload) "
                          "VALUES ('old1', 2, 'bedömd', 'A', :now, :p1), ('old1', 3, 'beslutad', 'A', :now, :p2)"),
                     {"now": now, "p1": json.dumps({"snapshot": snapshot, "decision": None}),
                      "p2": json.dumps({"snapshot": None, "decision": decision})})
        conn.execute(text("INSERT INTO agreements (case_id, revision_number, recorded_at, recorded_by, payload, start, "
                          "\"end\", follow_up_months) VALUES ('old1', 4, :now, 'A', :p, '2026-01-01', '2026-12-31', 6)"),
                     {"now": now, "p": json.dumps(typed_twice)})
        conn.execute(text("INSERT INTO case_figures (case_id, year, area, target_group, org_number, recommendation, "
                          "recommended_form, blocking, decision, decided_form, follows, deviation_reason, state_aid, "
                          "copied_from, municipality_sek) VALUES ('old1', 2025, '', '', '', 'iop', '', '', 'bidrag', "
                          "'', false, 'Bidrag', '', '', 250000)"))
    db.dispose()
    migrated = open_register(database_url)
    store = PortfolioStore(CaseRegister(migrated))
    recorded = store.agreement("old1")
    assert recorded is not None
    assert (recorded.agreement.start, recorded.agreement.municipality_sek_per_year,
            recorded.agreement.follow_up_months) == (None, None, 6)  # the decision holds them; the rest is kept
    state = store.agreement_state("old1")
    assert state is not None and state.schedule.start == dt.date(2026, 1, 1)
    with migrated.connect() as conn:  # the stored columns the portfolio's GROUP BYs read
        stored = conn.execute(text("SELECT municipality_sek, form_group, org_key, status, committee, criteria_set "
                                   "FROM case_figures WHERE case_id = 'old1'")).one()
    assert tuple(stored) == (90_000, "bidrag", "802001-1234", "beslutad", "KS", "forum-2015")
    migrated.dispose()
