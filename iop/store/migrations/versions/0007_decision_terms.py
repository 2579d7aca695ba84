"""The decision and the search fields as list columns: Beslut beside Rekommendation in Ärenden.

``decision`` and ``decision_form`` copy the kind and sub-form of the decision a beslutad
case recorded (its terms, amount and period, stay in the status record's JSON, which
needs no schema change); ``org_number`` and ``contacts`` copy the organisation number and
both parties' contact persons, so the case list searches them; ``answers_from`` says whose
answers an imported case holds (official, organisation or workshop). Existing rows are
filled from their content, their latest decision and the organisation-import flag.

Revision ID: 0007_decision_terms
Revises: 0005_revision_sittings
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007_decision_terms"
down_revision = "0006_portfolio"
branch_labels = None
depends_on = None

COLUMNS = (("decision", 16), ("decision_form", 64), ("org_number", 16), ("contacts", 600), ("answers_from", 16))


def _contacts(content: dict[str, Any]) -> str:
    parts = [str((content.get(party) or {}).get("contact") or "") for party in ("organisation", "public_party")]
    return " · ".join(p for p in parts if p)[:600]


def upgrade() -> None:
    # Plain ADD COLUMNs (SQLite supports them): a batch copy of ``cases`` would trip the
    # foreign keys that revisions, status records and workshops hold on it.
    for name, length in COLUMNS:
        op.add_column("cases", sa.Column(name, sa.String(length), nullable=False, server_default=""))
    op.create_index("ix_cases_decision", "cases", ["decision"])
    connection = op.get_bind()
    cases = sa.table("cases", sa.column("id", sa.String), sa.column("content", sa.JSON),
                     sa.column("org_number", sa.String), sa.column("contacts", sa.String),
                     sa.column("decision", sa.String), sa.column("decision_form", sa.String),
                     sa.column("from_organisation", sa.Boolean), sa.column("answers_from", sa.String))
    records = sa.table("status_records", sa.column("id", sa.Integer), sa.column("case_id", sa.String),
                       sa.column("status", sa.String), sa.column("payload", sa.JSON))
    decided: dict[str, dict[str, Any]] = {}
    for case_id, payload in connection.execute(
            sa.select(records.c.case_id, records.c.payload).where(records.c.status == "beslutad")
            .order_by(records.c.id)):
        if payload and payload.get("decision"):
            decided[case_id] = payload["decision"]
    rows = connection.execute(sa.select(cases.c.id, cases.c.content, cases.c.from_organisation)).all()
    for case_id, content, from_organisation in rows:
        content = content or {}
        decision = decided.get(case_id) or {}
        connection.execute(cases.update().where(cases.c.id == case_id).values(
            org_number=str((content.get("organisation") or {}).get("org_number") or "")[:16],
            contacts=_contacts(content),
            decision=str(decision.get("decision") or ""),
            decision_form=str(decision.get("form") or ""),
            answers_from="organisation" if from_organisation else "official",
        ))


def downgrade() -> None:
    op.drop_index("ix_cases_decision", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
