from __future__ import annotations

import pytest

from iop.engine import Engine
from iop.rulebook import Rulebook, load_rulebook


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()


@pytest.fixture(scope="session")
def engine(rulebook: Rulebook) -> Engine:
    return Engine(rulebook)


@pytest.fixture(scope="session", autouse=True)
def _test_register(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never write the user's register under ./data: the app and store get a temporary one."""
    import os

    from iop.store import ENV_VAR

    os.environ[ENV_VAR] = f"sqlite:///{tmp_path_factory.mktemp('register') / 'test.sqlite3'}"
