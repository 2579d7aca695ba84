from __future__ import annotations

import pytest

from iop.engine.evaluation import Engine
from iop.rules.rulebook import Rulebook, load_rulebook


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


@pytest.fixture(scope="session", autouse=True)
def _pages_raise_in_tests() -> None:
    """A page that raises fails its AppTest instead of showing app.py's friendly message.

    app.py catches every page exception for the user's sake, so without this an AppTest
    asserting ``not at.exception`` would pass on a broken page. The browser tests run the
    app as users get it (tests/e2e/conftest.py removes the variable).
    """
    import os

    os.environ["IOP_PAGE_ERRORS"] = "raise"
