"""Building blocks for the workshop's store tests: a fresh register and a saved case in it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from iop.model.case import Case
from iop.store import open_register
from iop.store.records import CaseRegister


def sqlite_register(folder: Path) -> Engine:
    return open_register(f"sqlite:///{folder / 'register.sqlite3'}")


def save_case(engine: Engine, case: Case, author: str = "Anna Handläggare") -> str:
    """A case saved through the register's own API, as an official would have saved it."""
    return CaseRegister(engine).create_case(case, author).id
