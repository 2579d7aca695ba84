"""Live workshops: workshops, participants, their answers and the recorded conclusions.

Revision ID: 0003_workshops
Revises: 0002_status_records
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_workshops"
down_revision = "0002_status_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("facilitator_key", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("case_id", sa.String(32), nullable=True),
        sa.Column("criteria_set", sa.String(64), nullable=True),
        sa.Column("statements", sa.JSON(), nullable=False),
        sa.Column("phases", sa.JSON(), nullable=False),
        sa.Column("active", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_workshops_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_workshops"),
        sa.UniqueConstraint("code", name="uq_workshops_code"),
        sa.UniqueConstraint("facilitator_key", name="uq_workshops_facilitator_key"),
    )
    op.create_index("ix_workshops_case_id", "workshops", ["case_id"])
    op.create_table(
        "workshop_participants",
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(40), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name="fk_workshop_participants_workshop_id_workshops"),
        sa.PrimaryKeyConstraint("token", name="pk_workshop_participants"),
    )
    op.create_index("ix_workshop_participants_workshop_id", "workshop_participants", ["workshop_id"])
    op.create_table(
        "workshop_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.String(64), nullable=False),
        sa.Column("participant", sa.String(64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name="fk_workshop_answers_workshop_id_workshops"),
        sa.ForeignKeyConstraint(["participant"], ["workshop_participants.token"],
                                name="fk_workshop_answers_participant_workshop_participants"),
        sa.PrimaryKeyConstraint("id", name="pk_workshop_answers"),
        sa.UniqueConstraint("workshop_id", "statement_id", "participant", name="uq_workshop_answers_workshop_id"),
    )
    op.create_index("ix_workshop_answers_workshop_id", "workshop_answers", ["workshop_id"])
    op.create_table(
        "workshop_conclusions",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.String(64), nullable=False),
        sa.Column("criterion_id", sa.String(64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_revision", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"],
                                name="fk_workshop_conclusions_workshop_id_workshops"),
        sa.PrimaryKeyConstraint("workshop_id", "statement_id", name="pk_workshop_conclusions"),
    )


def downgrade() -> None:
    op.drop_table("workshop_conclusions")
    op.drop_index("ix_workshop_answers_workshop_id", table_name="workshop_answers")
    op.drop_table("workshop_answers")
    op.drop_index("ix_workshop_participants_workshop_id", table_name="workshop_participants")
    op.drop_table("workshop_participants")
    op.drop_index("ix_workshops_case_id", table_name="workshops")
    op.drop_table("workshops")
