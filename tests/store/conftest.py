"""Storage tests run twice: on an SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from iop.engine.evaluation import Engine
from iop.store import open_register
from iop.store.records import CaseRegister
from tests.postgres_server import postgres_server, postgres_url  # noqa: F401  (fixtures)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def register(database_url: str, engine: Engine) -> Iterator[CaseRegister]:
    db = open_register(database_url)
    yield CaseRegister(db, lambda case: engine.assess(case, explain_changes=False).recommendation,
                       engine.rulebook.questions)
    db.dispose()
