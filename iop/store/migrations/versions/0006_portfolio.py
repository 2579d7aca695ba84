"""The portfolio and the life of an agreement: each case's figures, agreements, follow-ups, case links.

``cases`` gains the recommended sub-form and an undecided draft's settling questions beside
the recommendation. ``case_figures`` is filled for every existing case from what is stored
(content, frozen snapshot, decision), the way the register refreshes it on every write; a
draft's sub-form and settling questions, which only the engine can give, appear on its next save.

Revision ID: 0006_portfolio
Revises: 0005_revision_sittings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_portfolio"
down_revision = "0005_revision_sittings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("form", sa.String(64), nullable=False, server_default=""))
    op.add_column("cases", sa.Column("blocking", sa.String(500), nullable=False, server_default=""))
    figures = op.create_table(
        "case_figures",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("area", sa.String(300), nullable=False),
        sa.Column("target_group", sa.String(300), nullable=False),
        sa.Column("org_number", sa.String(16), nullable=False),
        sa.Column("recommendation", sa.String(16), nullable=False),
        sa.Column("recommended_form", sa.String(64), nullable=False),
        sa.Column("blocking", sa.String(500), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_form", sa.String(64), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("follows", sa.Boolean(), nullable=True),
        sa.Column("deviation_reason", sa.Text(), nullable=False),
        sa.Column("municipality_sek", sa.BigInteger(), nullable=True),
        sa.Column("municipality_in_kind_sek", sa.BigInteger(), nullable=True),
        sa.Column("organisation_sek", sa.BigInteger(), nullable=True),
        sa.Column("organisation_in_kind_sek", sa.BigInteger(), nullable=True),
        sa.Column("state_aid", sa.String(32), nullable=False),
        sa.Column("aid_months", sa.Integer(), nullable=True),
        sa.Column("sek_per_eur", sa.Float(), nullable=True),
        sa.Column("agreement_start", sa.Date(), nullable=True),
        sa.Column("agreement_end", sa.Date(), nullable=True),
        sa.Column("copied_from", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_figures_case_id_cases"),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_figures"),
    )
    op.create_index("ix_case_figures_year", "case_figures", ["year"])
    op.create_index("ix_case_figures_decision", "case_figures", ["decision"])
    op.create_table(
        "agreements",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("revision_number", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("notice_months", sa.Integer(), nullable=True),
        sa.Column("follow_up_months", sa.Integer(), nullable=True),
        sa.Column("evaluation_months", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_agreements_case_id_cases"),
        sa.PrimaryKeyConstraint("case_id", name="pk_agreements"),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("revision_number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("changed_facts", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_follow_ups_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_follow_ups"),
    )
    op.create_index("ix_follow_ups_case_id", "follow_ups", ["case_id"])
    op.create_table(
        "case_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("predecessor_id", sa.String(32), nullable=False),
        sa.Column("successor_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("copied", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["predecessor_id"], ["cases.id"], name="fk_case_links_predecessor_id_cases"),
        sa.ForeignKeyConstraint(["successor_id"], ["cases.id"], name="fk_case_links_successor_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_case_links"),
        sa.UniqueConstraint("predecessor_id", "successor_id", name="uq_case_links_pair"),
    )
    op.create_index("ix_case_links_predecessor_id", "case_links", ["predecessor_id"])
    op.create_index("ix_case_links_successor_id", "case_links", ["successor_id"])
    _fill_figures(figures)


def _fill_figures(figures: sa.Table) -> None:
    """Every existing case's figures (the register's own function, limited to this revision's columns)."""
    from iop.store.portfolio_tables import figures_values

    connection = op.get_bind()
    columns = set(figures.columns.keys())
    cases = sa.table("cases", *(sa.column(name) for name in (
        "id", "status", "status_before_archive", "organisation", "committee", "criteria_set", "recommendation",
        "form", "blocking", "year")),
        sa.column("content", sa.JSON))
    records = sa.table("status_records", sa.column("id"), sa.column("case_id"), sa.column("payload", sa.JSON))
    frozen: dict[str, dict[str, dict[str, object]]] = {}
    for case_id, payload in connection.execute(sa.select(records.c.case_id, records.c.payload)
                                               .order_by(records.c.id.desc())):
        kept = frozen.setdefault(case_id, {})
        for part in ("snapshot", "decision"):
            if part not in kept and (payload or {}).get(part):
                kept[part] = payload[part]
    rows = []
    for row in connection.execute(sa.select(cases)):
        kept = frozen.get(row.id, {})
        values = figures_values(row, kept.get("snapshot"), kept.get("decision"), None, "")
        rows.append({"case_id": row.id, **{k: v for k, v in values.items() if k in columns}})
    if rows:
        connection.execute(sa.insert(figures), rows)


def downgrade() -> None:
    op.drop_table("case_links")
    op.drop_table("follow_ups")
    op.drop_table("agreements")
    op.drop_table("case_figures")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("blocking")
        batch.drop_column("form")
