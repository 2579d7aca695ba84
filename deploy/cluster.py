"""PostgreSQL, two app processes and HAProxy on loopback: what ``scripts/serve-cluster`` starts.

The pieces are the production ones: the app processes run the command of
``deploy/systemd/iop-stod@.service`` with the variables of ``deploy/iop-stod.env``,
HAProxy runs ``deploy/haproxy.cfg`` as it stands (addresses and paths from the
environment, see the file's head), and PostgreSQL is :class:`deploy.postgres.PostgresServer`.
The end-to-end test of the set-up (tests/e2e/test_cluster.py) starts the same pieces
through :func:`cluster`, which stops exactly the processes it started.

    python -m deploy.cluster [--folder MAPP] [--port 8443] [--app-ports 8601 8602]
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from deploy.postgres import PostgresServer, postgres_bin
from deploy.processes import signal_own, stop_own

REPO = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG = REPO / "deploy" / "haproxy.cfg"
APP_UNIT = REPO / "deploy" / "systemd" / "iop-stod@.service"
DATABASE_NAME = "iop"
COOKIE = "IOPSTOD"
"""The affinity cookie HAProxy sets (``cookie IOPSTOD insert`` in deploy/haproxy.cfg); its value names the process."""
START_SECONDS = 90.0


class ClusterError(RuntimeError):
    """A piece did not start; the message says which, in Swedish, and where its log is."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_arguments(port: int, script: str = "serve.py") -> list[str]:
    """What follows ``streamlit`` in an app process's command: the same in the systemd unit (``%i`` the port)."""
    return ["run", script, "--server.port", str(port), "--server.address", "127.0.0.1"]


def _tail(path: Path, lines: int = 8) -> str:
    """The last lines of a log, for a message (a temporary folder is gone once the error is shown)."""
    try:
        text = path.read_text(errors="replace").strip().splitlines()[-lines:]
    except OSError:
        return ""
    return ("\n" + "\n".join("    " + line for line in text)) if text else ""


def _log(path: Path) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return open(path, "wb")  # noqa: SIM115 (lives as long as the process writing to it)


@dataclass
class AppProcess:
    """One ``streamlit run serve.py`` on a loopback port, as ``iop-stod@<port>.service`` runs it."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def healthy(self) -> bool:
        try:
            return bool(urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).read() == b"ok")
        except OSError:
            return False

    def kill(self) -> None:
        """SIGKILL, as when the machine or the process dies without warning."""
        signal_own(self.process, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        stop_own(self.process)


APP_VARIABLES = ("IOP_DATABASE_URL",)
"""What deploy/iop-stod.env sets for every app process (tests/test_deploy.py compares the two)."""


def app_environment(database_url: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables of deploy/iop-stod.env, over the caller's environment (test switches removed)."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k != "IOP_PAGE_ERRORS"}
    env.update({"IOP_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"})
    return env


def start_app(name: str, port: int, env: Mapping[str, str], log: Path, script: Path | None = None) -> AppProcess:
    """``streamlit run serve.py`` from the checkout; ``script`` runs another script from its own folder instead
    (bench/bench_load.py puts a bare Streamlit app behind the same proxy)."""
    folder, name_of_script = (script.parent, script.name) if script else (REPO, "serve.py")
    command = [sys.executable, "-m", "streamlit", *app_arguments(port, name_of_script)]
    with _log(log) as out:
        process = subprocess.Popen(command, cwd=folder, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
    return AppProcess(name, port, process, log)


def wait_healthy(apps: list[AppProcess], seconds: float = START_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    waiting = list(apps)
    while waiting and time.monotonic() < deadline:
        for app in list(waiting):
            if app.process.poll() is not None:
                raise ClusterError(f"Appprocessen {app.name} avslutades vid start; se {app.log}{_tail(app.log)}")
            if app.healthy():
                waiting.remove(app)
        time.sleep(0.3)
    if waiting:
        raise ClusterError(f"Appprocessen {waiting[0].name} svarade inte på /_stcore/health inom {seconds:.0f} s; "
                           f"se {waiting[0].log}{_tail(waiting[0].log)}")


def self_signed_pem(path: Path) -> Path:
    """A certificate for 127.0.0.1 and localhost with its key, in the one file HAProxy's ``crt`` reads."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "IOP-stöd lokalt")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    path.chmod(0o600)
    return path


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy")
                                             if Path(p).exists()), None)
    if found is None:
        raise ClusterError("HAProxy saknas: kör scripts/serve-cluster eller scripts/test, som installerar "
                           "Debianpaketet haproxy, eller installera det själv.")
    return found


@dataclass
class Proxy:
    """HAProxy running deploy/haproxy.cfg in the foreground, with the addresses given in its environment."""

    port: int
    process: subprocess.Popen[bytes]
    stats_socket: Path
    log: Path

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def runtime(self, command: str) -> str:
        """One command on HAProxy's runtime API (the stats socket), e.g. ``show stat``."""
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(5)
            s.connect(str(self.stats_socket))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def servers(self) -> dict[str, dict[str, str]]:
        """The backend's servers by name (p1, p2, ...): status (UP/DOWN), scur (open connections), ..."""
        lines = [line for line in self.runtime("show stat").splitlines() if line.strip()]
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:]]
        return {row["svname"]: row for row in rows
                if row.get("pxname") == "iop_processes" and row["svname"] not in {"FRONTEND", "BACKEND"}}

    def wait_status(self, wanted: Mapping[str, str], seconds: float = 30) -> None:
        """Wait until each named server has the status HAProxy's health checks give it (UP, DOWN)."""
        deadline = time.monotonic() + seconds
        seen: dict[str, str] = {}
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ClusterError(f"HAProxy avslutades; se {self.log}{_tail(self.log)}")
            try:
                seen = {name: row["status"] for name, row in self.servers().items()}
            except OSError:
                seen = {}
            if all(seen.get(name, "").startswith(status) for name, status in wanted.items()):
                return
            time.sleep(0.2)
        raise ClusterError(f"HAProxy visade inte {dict(wanted)} inom {seconds:.0f} s (senast {seen}); "
                           f"se {self.log}{_tail(self.log)}")

    def stop(self) -> None:
        stop_own(self.process)


def proxy_environment(port: int, apps: list[AppProcess], pem: Path, stats_socket: Path) -> dict[str, str]:
    """The variables deploy/haproxy.cfg reads (see its head); production sets them in /etc/default/haproxy."""
    env = {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
           "IOP_BIND": f"127.0.0.1:{port}", "IOP_TLS_PEM": str(pem), "IOP_STATS_SOCKET": str(stats_socket),
           "IOP_LOG": "stdout"}
    env.update({f"IOP_APP_{i}": f"127.0.0.1:{app.port}" for i, app in enumerate(apps, start=1)})
    if os.geteuid() != 0:  # an ordinary user cannot switch to the haproxy user or chroot
        env["IOP_HAPROXY_UNPRIVILEGED"] = "1"
    return env


def start_proxy(port: int, apps: list[AppProcess], folder: Path, pem: Path | None = None) -> Proxy:
    pem = pem or self_signed_pem(folder / "iop-stod.pem")
    stats_socket = folder / "haproxy.sock"
    log = folder / "haproxy.log"
    command = [haproxy_binary(), "-db", "-f", str(HAPROXY_CONFIG)]
    with _log(log) as out:
        process = subprocess.Popen(command, env=proxy_environment(port, apps, pem, stats_socket),
                                   stdout=out, stderr=subprocess.STDOUT)
    proxy = Proxy(port, process, stats_socket, log)
    deadline = time.monotonic() + 30
    while not stats_socket.exists() and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.1)
    proxy.wait_status({f"p{i}": "UP" for i in range(1, len(apps) + 1)})
    return proxy


def proxy_get(url: str, cookie: str = "") -> tuple[str, str]:
    """GET through the proxy without checking its (self-signed) certificate: (body, Set-Cookie)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        return response.read().decode(errors="replace"), response.headers.get("Set-Cookie", "")


@dataclass
class Cluster:
    postgres: PostgresServer
    database_url: str
    apps: list[AppProcess]
    proxy: Proxy
    folder: Path

    @property
    def url(self) -> str:
        return self.proxy.url

    def app(self, name: str) -> AppProcess:
        return next(app for app in self.apps if app.name == name)


@contextmanager
def cluster(folder: Path | None = None, proxy_port: int | None = None, app_ports: list[int] | None = None,
            postgres_folder: Path | None = None, pem: Path | None = None) -> Iterator[Cluster]:
    """Start PostgreSQL, the app processes (two unless ``app_ports`` says otherwise) and HAProxy; stop them after.

    ``folder`` holds the logs, the certificate and HAProxy's socket (a temporary folder when None);
    ``postgres_folder`` keeps the database between runs (a temporary one when None). Only the
    processes started here are stopped, each after checking its command line.
    """
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise ClusterError("PostgreSQL saknas (initdb hittades inte): kör scripts/serve-cluster eller scripts/test, "
                           "som installerar Debianpaketet postgresql.")
    haproxy_binary()
    with ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="iop-cluster-")))
        folder.mkdir(parents=True, exist_ok=True)
        postgres = PostgresServer(bin_dir, root=postgres_folder)
        stack.callback(postgres.stop)
        try:
            postgres.start()
        except (subprocess.CalledProcessError, RuntimeError, OSError) as exc:
            raise ClusterError(f"PostgreSQL kunde inte startas: {exc}") from exc
        database_url = postgres.ensure_database(DATABASE_NAME)
        env = app_environment(database_url)
        apps: list[AppProcess] = []
        for i, port in enumerate(app_ports or [free_port(), free_port()], start=1):
            app = start_app(f"p{i}", port, env, folder / f"app-p{i}.log")
            stack.callback(app.stop)
            apps.append(app)
        wait_healthy(apps)
        proxy = start_proxy(proxy_port or free_port(), apps, folder, pem)
        stack.callback(proxy.stop)
        yield Cluster(postgres, database_url, apps, proxy, folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="serve-cluster", description=(
        "Starta IOP-stöd som i drift: PostgreSQL, två appprocesser och HAProxy framför, på 127.0.0.1."))
    parser.add_argument("--folder", type=Path, default=None,
                        help="mapp för databasen, loggarna och certifikatet (behålls; utan flaggan: en tillfällig)")
    parser.add_argument("--port", type=int, default=8443, help="HAProxys port (https), standard 8443")
    parser.add_argument("--app-ports", type=int, nargs=2, default=None, metavar="PORT",
                        help="appprocessernas portar (standard: två lediga)")
    parser.add_argument("--tls-pem", type=Path, default=None,
                        help="certifikat och nyckel i en PEM-fil (standard: ett självsignerat för 127.0.0.1)")
    args = parser.parse_args(argv)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    folder = args.folder.resolve() if args.folder else None
    try:
        with cluster(folder=folder, proxy_port=args.port, app_ports=args.app_ports,
                     postgres_folder=folder / "postgres" if folder else None, pem=args.tls_pem) as running:
            print(f"IOP-stöd körs på {running.url}/ ({len(running.apps)} appprocesser bakom HAProxy, "
                  f"PostgreSQL på port {running.postgres.port}).", flush=True)
            for app in running.apps:
                print(f"  {app.name}: {app.url} (pid {app.process.pid}, logg {app.log})", flush=True)
            print(f"  HAProxy: logg {running.proxy.log}, körtids-API {running.proxy.stats_socket}", flush=True)
            if args.tls_pem is None:
                print("Certifikatet är självsignerat: webbläsaren varnar första gången. Ctrl-C stoppar allt.",
                      flush=True)
            ended: set[str] = set()
            while not stopping.wait(1):
                for app in running.apps:
                    if app.process.poll() is not None and app.name not in ended:
                        ended.add(app.name)  # HAProxy sends its users to the others; this script does not restart it
                        print(f"Appprocessen {app.name} har avslutats (se {app.log}); HAProxy skickar dess "
                              "användare till de andra.", file=sys.stderr, flush=True)
    except ClusterError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print("Stoppat.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
