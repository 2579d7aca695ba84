"""What a registration needs, as list columns: ärendemening, handläggare, beslutsinstans, sekretess, gallring.

The values themselves live in the case content (``Case.registration``); these
columns are copies for the case list (Ärenden), refreshed on every save like
the other list columns. Existing cases get their title as ärendemening, which
is what the case shows until someone writes one.

Revision ID: 0004_archive_metadata
Revises: 0003_workshops
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_archive_metadata"
down_revision = "0003_workshops"
branch_labels = None
depends_on = None

COLUMNS = (("subject", 500), ("officer", 200), ("decision_body", 300), ("secrecy", 300), ("retention", 300))


def upgrade() -> None:
    # Plain ADD COLUMNs (SQLite supports them): a batch copy of ``cases`` would trip the
    # foreign keys that revisions, status records and workshops hold on it.
    for name, length in COLUMNS:
        op.add_column("cases", sa.Column(name, sa.String(length), nullable=False, server_default=""))
    op.execute("UPDATE cases SET subject = title")


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
