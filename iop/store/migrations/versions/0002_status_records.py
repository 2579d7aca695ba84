"""Frozen status records (assessment snapshots, decisions) and the organisation-import flag.

Revision ID: 0002_status_records
Revises: 0001_cases_and_revisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_status_records"
down_revision = "0001_cases_and_revisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite supports it): a batch copy of ``cases`` would trip the
    # foreign keys that revisions hold on it.
    op.add_column("cases", sa.Column("from_organisation", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    op.create_table(
        "status_records",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("revision_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_status_records_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_status_records"),
    )
    op.create_index("ix_status_records_case_id", "status_records", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_status_records_case_id", table_name="status_records")
    op.drop_table("status_records")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("from_organisation")
