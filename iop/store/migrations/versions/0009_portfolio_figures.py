"""The portfolio grouped in SQL, and the decision's terms held in one place.

``case_figures`` gains ``form_group`` (the form a case is counted under) and ``org_key``
(an organisation across its cases), worked out in Python on every write as the rest of the
figures are, and copies of the case's ``status``, ``committee`` and ``criteria_set`` (what the
page's filter selects on), so the Översikt page's figures are plain ``GROUP BY``s over one table.

The decision's terms (period, decided sub-form, the municipality's money per year) are the
decision's; an agreement recorded before this revision may have typed one of them again.
Where the decision states a term, the agreement's copy is removed (the decision's applies;
the agreement's values stay in the case's history, in the note of the revision that recorded
them), and the agreement's stored schedule columns are set from the period that applies.
Then every case's figures are worked out again, now reading the decision's terms.

Revision ID: 0009_portfolio_figures
Revises: 0008_access
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009_portfolio_figures"
down_revision = "0008_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_figures", sa.Column("form_group", sa.String(64), nullable=False,
                                            server_default="ej_beslutat"))
    op.add_column("case_figures", sa.Column("org_key", sa.String(310), nullable=False, server_default=""))
    op.add_column("case_figures", sa.Column("status", sa.String(16), nullable=False, server_default=""))
    op.add_column("case_figures", sa.Column("committee", sa.String(300), nullable=False, server_default=""))
    op.add_column("case_figures", sa.Column("criteria_set", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_case_figures_org_key", "case_figures", ["org_key"])
    connection = op.get_bind()
    frozen = _frozen(connection)
    agreements = _agreements_without_restated_terms(connection, frozen)
    _refill_figures(connection, frozen, agreements)


def _frozen(connection: sa.Connection) -> dict[str, dict[str, Any]]:
    """Each case's latest snapshot and latest decision, as stored."""
    records = sa.table("status_records", sa.column("id"), sa.column("case_id"), sa.column("payload", sa.JSON))
    frozen: dict[str, dict[str, Any]] = {}
    for case_id, payload in connection.execute(sa.select(records.c.case_id, records.c.payload)
                                               .order_by(records.c.id.desc())):
        kept = frozen.setdefault(case_id, {})
        for part in ("snapshot", "decision"):
            if part not in kept and (payload or {}).get(part):
                kept[part] = payload[part]
    return frozen


def _agreements_without_restated_terms(connection: sa.Connection,
                                       frozen: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    from iop.records.agreement import Agreement, agreed_terms, restated_terms
    from iop.records.record import Decision

    table = sa.table("agreements", sa.column("case_id"), sa.column("payload", sa.JSON), sa.column("start"),
                     sa.column("end"))
    kept: dict[str, dict[str, Any]] = {}
    for case_id, payload in connection.execute(sa.select(table.c.case_id, table.c.payload)).all():
        decision = frozen.get(case_id, {}).get("decision")
        made = Decision.model_validate(decision) if decision else None
        agreement = Agreement.model_validate(payload)
        restated = restated_terms(made, agreement)
        cleared: dict[str, Any] = {}
        if "period" in restated:
            cleared.update(start=None, end=None)
        if "form" in restated:
            cleared["form"] = None
        if "municipality_sek_per_year" in restated:
            cleared["municipality_sek_per_year"] = None
        agreement = agreement.model_copy(update=cleared)
        terms = agreed_terms(made, agreement)
        kept[case_id] = agreement.model_dump(mode="json")
        if cleared:
            connection.execute(table.update().where(table.c.case_id == case_id).values(
                payload=kept[case_id], start=terms.start, end=terms.end))
    return kept


def _refill_figures(connection: sa.Connection, frozen: dict[str, dict[str, Any]],
                    agreements: dict[str, dict[str, Any]]) -> None:
    """Every case's figures again, with the register's own function (as every write does)."""
    from iop.store.portfolio_tables import figures_values

    cases = sa.table("cases", *(sa.column(name) for name in (
        "id", "status", "status_before_archive", "organisation", "committee", "criteria_set", "recommendation",
        "form", "blocking", "year")),
        sa.column("content", sa.JSON))
    links = sa.table("case_links", sa.column("predecessor_id"), sa.column("successor_id"), sa.column("copied"))
    copied = dict(connection.execute(sa.select(links.c.successor_id, links.c.predecessor_id)
                                     .where(links.c.copied == sa.true())).all())
    figures = sa.table("case_figures", sa.column("case_id"), *(sa.column(name) for name in (
        "status", "committee", "criteria_set", "year", "area", "target_group", "org_number", "org_key",
        "recommendation", "recommended_form", "blocking",
        "decision", "decided_form", "form_group", "decision_date", "follows", "deviation_reason",
        "municipality_sek", "municipality_in_kind_sek", "organisation_sek", "organisation_in_kind_sek",
        "state_aid", "aid_months", "sek_per_eur", "agreement_start", "agreement_end", "copied_from")))
    columns = set(figures.columns.keys())
    present = set(connection.execute(sa.select(figures.c.case_id)).scalars())
    for row in connection.execute(sa.select(cases)).all():
        kept = frozen.get(row.id, {})
        values = figures_values(row, kept.get("snapshot"), kept.get("decision"), agreements.get(row.id),
                                copied.get(row.id, ""))
        values = {k: v for k, v in values.items() if k in columns}
        if row.id in present:
            connection.execute(figures.update().where(figures.c.case_id == row.id).values(**values))
        else:
            connection.execute(figures.insert().values(case_id=row.id, **values))


def downgrade() -> None:
    op.drop_index("ix_case_figures_org_key", table_name="case_figures")
    with op.batch_alter_table("case_figures") as batch:
        for name in ("criteria_set", "committee", "status", "org_key"):
            batch.drop_column(name)
        batch.drop_column("form_group")
