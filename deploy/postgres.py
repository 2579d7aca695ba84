"""A PostgreSQL server started from the machine's binaries in a folder of its own, on loopback.

The test run starts one for the storage tests (tests/postgres_server.py), and
``scripts/serve-cluster`` one for its app processes. The server runs from the
machine's PostgreSQL binaries (Debian: /usr/lib/postgresql/<version>/bin) in a
temporary folder, on a free loopback port. PostgreSQL refuses to run as root, so
under root it runs as the ``postgres`` system user.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

from deploy.processes import stop_own

BIN_GLOB = "/usr/lib/postgresql/*/bin"


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL bin folder, or the one on PATH."""
    found = sorted(Path("/").glob(BIN_GLOB.lstrip("/")), key=lambda p: int(p.parent.name)
                   if p.parent.name.isdigit() else 0)
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """One server. ``root=None``: a temporary folder, removed by :meth:`stop`; a given ``root`` is kept,
    and a server already initialised there is started again with its databases."""

    def __init__(self, bin_dir: Path, root: Path | None = None, port: int | None = None) -> None:
        self.bin_dir = bin_dir
        self.keep = root is not None
        if root is None:
            root = Path(tempfile.mkdtemp(prefix="iop-pg-"))
        root.mkdir(parents=True, exist_ok=True)
        self.root = root.resolve()
        self.data = self.root / "data"
        self.port = port or _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._names = itertools.count(1)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            subprocess.run(_as_server_user([str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres",
                                            "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"]),
                           check=True, capture_output=True)
        log = open(self.root / "server.log", "wb")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(
            _as_server_user([str(self.bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                             "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.root}",
                             "-c", "fsync=off", "-c", "synchronous_commit=off",
                             "-c", "full_page_writes=off"]),
            stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with psycopg.connect(self.admin_dsn, connect_timeout=2):
                    return
            except psycopg.OperationalError:
                time.sleep(0.2)
        raise RuntimeError("PostgreSQL startade inte: " + (self.root / "server.log").read_text(errors="replace"))

    @property
    def admin_dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"

    def new_database(self, name: str | None = None) -> str:
        """A fresh empty database (``name``, or the next free test name); returns its SQLAlchemy URL."""
        name = name or f"iop_test_{next(self._names)}"
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def ensure_database(self, name: str) -> str:
        """The database ``name``, created when it is not there yet; returns its SQLAlchemy URL."""
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def url(self, name: str) -> str:
        """The SQLAlchemy URL of database ``name`` (what IOP_DATABASE_URL takes)."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def pause(self) -> None:
        """Stop the server as an outage would (a fast shutdown), keeping its data; :meth:`start` resumes it.

        pg_ctl, as the server's user: under root the process started is runuser, not the postmaster,
        and a SIGTERM would ask for a smart shutdown that waits for every open connection.
        """
        if self.process is not None and self.process.poll() is None:
            subprocess.run(_as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                                            "-w", "stop"]), check=True, capture_output=True, timeout=60)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None:
            stop_own(self.process)
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)
