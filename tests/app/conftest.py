"""Fixtures shared by the page tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop.store import ENV_VAR, CaseRegister, open_register


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CaseRegister:
    """A register of its own for this test, the one the app opens (IOP_DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    return CaseRegister(open_register(url))


@pytest.fixture
def server_on_utc() -> Iterator[None]:
    """This process (the AppTest "server") on UTC, as a container usually is."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    assert time.localtime().tm_gmtoff == 0
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
