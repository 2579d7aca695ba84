"""Cases and their revisions.

Revision ID: 0001_cases_and_revisions
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_cases_and_revisions"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("head_revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_before_archive", sa.String(16), nullable=True),
        sa.Column("diarienummer", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("organisation", sa.String(300), nullable=False),
        sa.Column("public_body", sa.String(300), nullable=False),
        sa.Column("committee", sa.String(300), nullable=False),
        sa.Column("recommendation", sa.String(16), nullable=False),
        sa.Column("criteria_set", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_committee", "cases", ["committee"])
    op.create_index("ix_cases_recommendation", "cases", ["recommendation"])
    op.create_index("ix_cases_year", "cases", ["year"])
    op.create_index("ix_cases_updated_at", "cases", ["updated_at"])
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_change", sa.String(16), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_revisions_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_revisions"),
        sa.UniqueConstraint("case_id", "number", name="uq_revisions_case_number"),
    )
    op.create_index("ix_revisions_case_id", "revisions", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_revisions_case_id", table_name="revisions")
    op.drop_table("revisions")
    for column in ("updated_at", "year", "recommendation", "committee", "status"):
        op.drop_index(f"ix_cases_{column}", table_name="cases")
    op.drop_table("cases")
