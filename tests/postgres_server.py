"""A real PostgreSQL server for the storage tests, started by the test run itself.

The server itself is :class:`deploy.postgres.PostgresServer` (``scripts/serve-cluster``
starts the same one), in a temporary folder, on a free loopback port, stopped at the
end of the session. If it cannot start the tests fail (never skip): ``scripts/test``
installs PostgreSQL when missing.

Use the ``postgres_url`` fixture for a fresh, empty database per test
(import ``postgres_server`` and ``postgres_url`` into a conftest).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from deploy.postgres import PostgresServer, postgres_bin


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL saknas (initdb/postgres hittades inte); kör scripts/test som installerar "
                    "paketet postgresql.")
    server = PostgresServer(bin_dir)
    try:
        server.start()
    except (subprocess.CalledProcessError, RuntimeError, OSError) as exc:
        server.stop()
        detail = exc.stderr.decode(errors="replace") if isinstance(exc, subprocess.CalledProcessError) else ""
        pytest.fail(f"PostgreSQL kunde inte startas för testerna: {exc} {detail}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    return postgres_server.new_database()
