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
