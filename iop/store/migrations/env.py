"""Alembic environment for the case register.

Run from code (``iop.store.schema.upgrade``), never from an alembic.ini: the
connection comes in through ``config.attributes["connection"]`` so the upgrade
happens inside the caller's transaction and uses the URL the app resolved.
"""

from __future__ import annotations

from alembic import context

import iop.store.audit  # noqa: F401  (the read log)
import iop.store.portfolio_tables  # noqa: F401  (the portfolio's figures, agreements, follow-ups, links)
import iop.store.tables  # noqa: F401  (registers the register's tables on Base.metadata)
import iop.store.workshop_tables  # noqa: F401  (the workshop's tables)
from iop.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
)
with context.begin_transaction():
    context.run_migrations()
