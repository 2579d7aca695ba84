"""Fixtures shared by the page tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest


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
