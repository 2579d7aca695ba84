"""Building blocks for the workshop's store tests: a fresh register and a saved case in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine

from iop.case import Case
from iop.store import open_register, session_factory, transaction
from iop.store.tables import CaseRow, RevisionRow


def sqlite_register(folder: Path) -> Engine:
    return open_register(f"sqlite:///{folder / 'register.sqlite3'}")


def save_case(engine: Engine, case: Case, case_id: str = "c1", author: str = "Anna Handläggare") -> str:
    """A case as the register stores it: the row and its first revision.

    Written through the register's tables (as its docstring allows) so the
    workshop's tests do not depend on the register's save API.
    """
    now = dt.datetime.now(dt.UTC)
    content = case.model_dump(mode="json")
    with transaction(session_factory(engine)) as session:
        session.add(CaseRow(id=case_id, head_revision=1, status="utkast", diarienummer=case.diarienummer,
                            title=case.title, organisation=case.organisation.name,
                            public_body=case.public_party.name, committee=case.public_party.committee,
                            recommendation="", criteria_set=case.criteria_set, year=None,
                            created_at=now, created_by=author, updated_at=now, updated_by=author,
                            content=content))
        session.flush()
        session.add(RevisionRow(case_id=case_id, number=1, author=author, created_at=now, note="Skapat",
                                status="utkast", content=content))
    return case_id
