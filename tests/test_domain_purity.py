"""The domain stays free of storage and UI: only iop/store may import SQLAlchemy or Alembic."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import REPO

FORBIDDEN = ("sqlalchemy", "alembic", "psycopg", "streamlit")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_modules_import_neither_storage_nor_streamlit() -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN)
        for path in (REPO / "iop").glob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


# iop/__init__.py re-exports the register for the pages, and the command line (like the pages) is a
# thin layer that may open it (`iop report --stored`); the domain modules themselves must not.
ENTRY_POINTS = {"__init__.py", "cli.py", "report_command.py"}


def test_domain_modules_do_not_import_the_store() -> None:
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "iop").glob("*.py")
                 if p.name not in ENTRY_POINTS and any(m.startswith("iop.store") for m in imported_modules(p))]
    assert offenders == []


def test_store_never_imports_streamlit() -> None:
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "iop" / "store").rglob("*.py")
                 if any(m.split(".")[0] == "streamlit" for m in imported_modules(p))]
    assert offenders == []
