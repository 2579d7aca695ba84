"""The sitting an autosaved revision belongs to, so one sitting's autosaves make one revision.

Revision ID: 0005_revision_sittings
Revises: 0004_archive_metadata
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_revision_sittings"
down_revision = "0004_archive_metadata"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite supports it); revisions written before have no sitting and are
    # never replaced.
    op.add_column("revisions", sa.Column("sitting", sa.String(32), nullable=True))


def downgrade() -> None:
    op.drop_column("revisions", "sitting")
