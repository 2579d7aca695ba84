"""Load: time to the first full page with 1, 5, 20, 60 and 120 simultaneous sessions, on one process and behind HAProxy.

Part one starts two servers on free loopback ports, the app as users get it (serve.py, which
serves app.py through st.App with the Swedish-HTML middleware, as scripts/start does) and a bare
Streamlit app whose first page has the same widgets and the same navigation,
and opens N sessions at once on each, speaking Streamlit's own websocket
protocol (/_stcore/stream): connect, ask for a script run as the browser does
on page load (a BackMsg with ``rerun_script``), and read ForwardMsgs until the
run reports ``script_finished``. That is when a browser has the whole first
page. The websocket is used rather than browser contexts because 60 Chromium
tabs on a 2-core machine would measure Chromium, not the server.

Both servers run with the app's .streamlit/config.toml, so the floor differs
from the app only in the script.

During each level one health check (/_stcore/health) is timed as well: a
load balancer's probe must not wait for the sessions.

The CPU time each server process spends per session is printed too: on a
shared machine it is steadier than wall time, and it shows where time goes.

Part two runs the same sessions through HAProxy with two processes each, as in
production (README, "Flera processer bakom en adress"): PostgreSQL, two app processes
behind HAProxy running deploy/haproxy.cfg as it stands, against two bare processes
behind a second HAProxy with the same file, all started by deploy/cluster.py's pieces.
Sessions connect over TLS to the proxy, which spreads them over the two processes
(leastconn); the CPU per session is that of both processes together.

Bounded: each level runs a few rounds per server (21, 5, 3 and 2 for 1, 5, 20
and 60 or more sessions), interleaved app and floor, every session has a 120 s time-out, and
everything started is stopped at the end. Prints median and 95th percentile per level and server,
and the app's ratio to the bare floor (goal: at most 1.5x at every level).

    python bench/bench_load.py [--levels 1 5 20 60 120] [--part direct|proxy|both]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from deploy.cluster import app_environment, free_port, start_app, start_proxy, wait_healthy  # noqa: I001
from deploy.postgres import PostgresServer, postgres_bin
from deploy.processes import stop_own

GOAL = 1.5
SESSION_TIMEOUT = 120.0

# The first page of app.py (Start) with its sidebar and navigation, widget for widget: ten pages,
# the caption style and the Swedish-language script, the register's name field and save status.
BARE_APP = '''
import streamlit as st

st.set_page_config(page_title="Bar", layout="wide")


def start():
    st.title("Start")
    st.markdown("Tre meningar om verktyget, med **fetstil**.")
    st.subheader("Vem använder verktyget?")
    st.radio("Välj läge", ["a", "b"])
    st.subheader("Välj ärende")
    new, example, upload = st.columns(3)
    with new:
        st.markdown("**Nytt ärende**")
        st.text_input("Rubrik", placeholder="T.ex. något")
        st.button("Skapa", type="primary")
    with example:
        st.markdown("**Exempelärende**")
        st.selectbox("Välj ett exempel", [f"Exempel {i}" for i in range(21)])
        st.button("Öppna")
    with upload:
        st.markdown("**Importera ärende**")
        st.file_uploader("Ärendefil", type=["yaml", "yml"])
    st.info("Pågående ärende: **Nytt ärende**.")


def other():
    st.title("Annan sida")


pages = [st.Page(start, title="Start", default=True)] + [
    st.Page(other, title=f"Sida {i}", url_path=f"sida-{i}") for i in range(9)]
st.html("<style>p { margin: 0; }</style>")
st.html("<script>document.documentElement.lang = 'sv';</script>", unsafe_allow_javascript=True)
navigation = st.navigation(pages)
with st.sidebar:
    st.markdown("**Ärende:** Nytt ärende")
    st.caption("Läge: Tjänsteperson")
    st.selectbox("Kriterieuppsättning", ["a", "b", "c"])
    st.caption("Beslutsstöd.")
    # the case register's part of the sidebar (app_pages/parts/records_session/)
    st.divider()
    st.text_input("Ditt namn", placeholder="Förnamn Efternamn", help="Sparas i historiken.")
    st.caption("Registret är inte åtkomststyrt.")
    slot = st.empty()
navigation.run()
with slot.container():
    st.warning("Ärendet sparas inte: skriv ditt namn ovan.")
'''


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(script: Path, **env: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"{script.name} did not start within 60 s")


@dataclass(frozen=True)
class Target:
    """Where sessions connect (one server, or HAProxy in front of several) and the processes that serve them."""

    port: int
    pids: tuple[int, ...]
    tls: bool = False

    def context(self) -> ssl.SSLContext | None:
        if not self.tls:
            return None
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the proxy's self-signed certificate for 127.0.0.1
        return context

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)


async def first_page_seconds(target: Target) -> float:
    """One session: connect, request the first run, wait for script_finished."""
    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_script_hash = ""
    scheme = "wss" if target.tls else "ws"
    begin = time.perf_counter()
    async with websockets.connect(f"{scheme}://127.0.0.1:{target.port}/_stcore/stream", subprotocols=["streamlit"],
                                  max_size=None, open_timeout=SESSION_TIMEOUT, ssl=target.context()) as ws:
        await ws.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await ws.recv())
            if message.WhichOneof("type") == "script_finished":
                return time.perf_counter() - begin


async def health_seconds(target: Target) -> float:
    begin = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", target.port, ssl=target.context())
    writer.write(f"GET /_stcore/health HTTP/1.1\r\nHost: 127.0.0.1:{target.port}\r\n"
                 "Connection: close\r\n\r\n".encode())
    await writer.drain()
    await reader.read()
    writer.close()
    return time.perf_counter() - begin


async def level(target: Target, sessions: int) -> tuple[list[float], float]:
    """N sessions at once, plus one health check started with them."""
    async def bounded() -> float:
        return await asyncio.wait_for(first_page_seconds(target), SESSION_TIMEOUT)

    results = await asyncio.gather(health_seconds(target), *(bounded() for _ in range(sessions)))
    return list(results[1:]), results[0]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc): robust to other load on the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(title: str, app: Target, bare: Target, levels: list[int]) -> None:
    """Every level, rounds interleaved app and floor; prints one line per level and server."""
    print(title)
    print(f"{'sessions':>8} {'server':>6} {'median s':>9} {'p95 s':>7} {'health s':>9} {'CPU ms/session':>15}"
          "  ratio (median, p95)")
    servers = {"bare": bare, "app": app}
    for n in levels:
        rounds = {1: 21, 5: 5, 20: 3}.get(n, 2)
        times: dict[str, list[float]] = {"app": [], "bare": []}
        health: dict[str, float] = {"app": 0.0, "bare": 0.0}
        cpu: dict[str, float] = {"app": 0.0, "bare": 0.0}
        for _ in range(rounds):  # interleaved, so both see the same background load
            for name, target in servers.items():
                before = target.cpu()
                got, probe = asyncio.run(level(target, n))
                cpu[name] += target.cpu() - before
                times[name] += got
                health[name] = max(health[name], probe)
        for name in ("bare", "app"):
            print(f"{n:>8} {name:>6} {statistics.median(times[name]):>9.3f} {p95(times[name]):>7.3f} "
                  f"{health[name]:>9.3f} {cpu[name] / (rounds * n) * 1e3:>15.1f}", end="")
            if name == "app":
                med = statistics.median(times["app"]) / statistics.median(times["bare"])
                tail = p95(times["app"]) / p95(times["bare"])
                verdict = "met" if max(med, tail) <= GOAL else "NOT met"
                print(f"  {med:.2f}x, {tail:.2f}x (goal <= {GOAL}x: {verdict})")
            else:
                print()


def bare_folder(tmp: Path) -> Path:
    """The bare app with the app's .streamlit/config.toml, so the floor differs from the app only in the script."""
    bare_script = tmp / "bare_app.py"
    bare_script.write_text(BARE_APP, encoding="utf-8")
    (tmp / ".streamlit").mkdir()
    shutil.copy(REPO / ".streamlit" / "config.toml", tmp / ".streamlit" / "config.toml")
    return bare_script


def direct(levels: list[int], tmp: Path) -> None:
    """Part one: one process each, sessions straight to its port."""
    # what scripts/start runs, on a register of its own (the checkout's data/ is the user's)
    app, app_port = start_server(REPO / "serve.py", IOP_DATABASE_URL=f"sqlite:///{tmp / 'register.sqlite3'}")
    bare, bare_port = start_server(bare_folder(tmp))
    try:
        targets = Target(app_port, (app.pid,)), Target(bare_port, (bare.pid,))
        # One warm-up session each: imports and per-process caches belong to the process, not to a session.
        for target in targets:
            asyncio.run(level(target, 1))
        measure("One process each, sessions straight to it:", *targets, levels)
    finally:
        for server in (app, bare):
            server.terminate()
            server.wait(timeout=10)


def through_proxy(levels: list[int], tmp: Path) -> None:
    """Part two: PostgreSQL, two app processes and two bare ones, each pair behind HAProxy (deploy/haproxy.cfg)."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is missing (scripts/cluster-system-packages installs it)")
    with ExitStack() as stack:
        postgres = PostgresServer(bin_dir)
        stack.callback(postgres.stop)
        postgres.start()
        env = app_environment(postgres.ensure_database("iop"))
        bare_script = bare_folder(tmp)
        apps = [start_app(f"p{i}", free_port(), env, tmp / f"app-p{i}.log") for i in (1, 2)]
        bares = [start_app(f"p{i}", free_port(), env, tmp / f"bare-p{i}.log", script=bare_script) for i in (1, 2)]
        for process in apps + bares:
            stack.callback(stop_own, process.process)
        wait_healthy(apps + bares)
        proxies = []
        for name, group in (("app", apps), ("bare", bares)):
            (tmp / name).mkdir()
            proxy = start_proxy(free_port(), group, tmp / name)
            stack.callback(proxy.stop)
            proxies.append(Target(proxy.port, tuple(p.process.pid for p in group), tls=True))
        for process in apps + bares:  # warm each process up directly, as in part one
            asyncio.run(level(Target(process.port, (process.process.pid,)), 1))
        measure("Two processes each behind HAProxy (deploy/haproxy.cfg, TLS, leastconn):", *proxies, levels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 5, 20, 60, 120])
    parser.add_argument("--part", choices=["direct", "proxy", "both"], default="both")
    args = parser.parse_args()
    if args.part in ("direct", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            direct(args.levels, Path(tmp))
    if args.part in ("proxy", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            through_proxy(args.levels, Path(tmp))


if __name__ == "__main__":
    main()
