"""Access: who made each revision in which role, the read log, and one workshop participant per browser.

Revision ID: 0008_access
Revises: 0007_decision_terms
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_access"
down_revision = "0007_decision_terms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN with a server default (SQLite supports it): a batch copy of a table others
    # reference would trip their foreign keys. Revisions from before roles keep empty values.
    op.add_column("revisions", sa.Column("author_id", sa.String(200), nullable=False, server_default=""))
    op.add_column("revisions", sa.Column("author_role", sa.String(32), nullable=False, server_default=""))
    op.add_column("status_records", sa.Column("author_id", sa.String(200), nullable=False, server_default=""))
    op.add_column("workshop_participants", sa.Column("browser", sa.String(64), nullable=True))
    op.create_index("ix_workshop_participants_joined_at", "workshop_participants", ["joined_at"])
    # A unique index rather than a constraint: SQLite cannot add a constraint to an existing table.
    op.create_index("uq_workshop_participants_workshop_id", "workshop_participants", ["workshop_id", "browser"],
                    unique=True)
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])
    op.create_index("ix_audit_events_case_id", "audit_events", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_case_id", table_name="audit_events")
    op.drop_index("ix_audit_events_at", table_name="audit_events")
    op.drop_table("audit_events")
    op.drop_index("uq_workshop_participants_workshop_id", table_name="workshop_participants")
    op.drop_index("ix_workshop_participants_joined_at", table_name="workshop_participants")
    with op.batch_alter_table("workshop_participants") as batch:
        batch.drop_column("browser")
    with op.batch_alter_table("status_records") as batch:
        batch.drop_column("author_id")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("author_role")
        batch.drop_column("author_id")
