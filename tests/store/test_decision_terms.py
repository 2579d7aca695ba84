"""The decision's terms and the list's search columns in the store, on SQLite and PostgreSQL, and their migration."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import create_engine, text

from iop.engine import Engine
from iop.model import Case
from iop.records import AssessmentSnapshot, CaseStatus, Decision
from iop.store import CaseRegister, head_revision, open_register
from iop.store.schema import upgrade


def test_a_decision_fills_the_list_columns_and_keeps_its_terms(register: CaseRegister, engine: Engine) -> None:
    case = Case(title="Läxhjälp")
    case.organisation.org_number = "802000-1234"
    case.organisation.contact = "Åsa Öberg"
    case.public_party.contact = "Bo Berg, kommunen"
    stored = register.create_case(case, "Anna", answers_from="workshop")
    assessed = register.change_status(stored.id, CaseStatus.assessed, 1, "Anna",
                                      snapshot=AssessmentSnapshot.of(engine.assess(case)))
    made = Decision(decision="bidrag", body="KFN", date=dt.date(2026, 5, 1), paragraph="§ 9",
                    recommendation="grant", form="projektbidrag", sek_per_year=120_000,
                    period_start=dt.date(2026, 6, 1), period_end=dt.date(2026, 8, 31))
    register.change_status(stored.id, CaseStatus.decided, assessed.revision, "Anna", decision=made)
    [row] = register.list_cases()
    assert (row.decision, row.decision_form, row.org_number, row.answers_from) == (
        "bidrag", "projektbidrag", "802000-1234", "workshop")
    assert row.contacts == "Åsa Öberg · Bo Berg, kommunen"
    assert register.status_records(stored.id)[-1].decision == made


def test_the_migration_fills_decision_number_contacts_and_source_of_existing_cases(database_url: str) -> None:
    engine = create_engine(database_url)
    now = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
    content = json.dumps({"title": "Gammalt ärende", "organisation": {"org_number": "802000-1234",
                                                                        "contact": "Åsa"}})
    with engine.begin() as conn:
        upgrade(conn, "0005_revision_sittings")
        conn.execute(text(
            "INSERT INTO cases (id, head_revision, status, diarienummer, title, organisation, public_body, "
            "committee, recommendation, criteria_set, year, from_organisation, created_at, created_by, updated_at, "
            "updated_by, content) VALUES ('old1', 3, 'beslutad', 'KS 1', 'Gammalt ärende', '', '', '', 'iop', "
            "'forum-2015', 2025, :yes, :now, 'Anna', :now, 'Anna', :content)"),
            {"now": now, "content": content, "yes": True})
        conn.execute(text(
            "INSERT INTO status_records (case_id, revision_number, status, author, created_at, payload) "
            "VALUES ('old1', 3, 'beslutad', 'Anna', :now, :payload)"),
            {"now": now, "payload": json.dumps({"snapshot": None, "decision": {
                "decision": "iop", "body": "KS", "date": "2025-01-02", "paragraph": "§ 1",
                "recommendation": "iop", "deviation_reason": ""}})})
    engine.dispose()
    migrated = open_register(database_url)
    with migrated.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        row = conn.execute(text("SELECT decision, decision_form, org_number, contacts, answers_from FROM cases")).one()
    assert tuple(row) == ("iop", "", "802000-1234", "Åsa", "organisation")
    assert CaseRegister(migrated).load_case("old1").answers_from == "organisation"
    migrated.dispose()
