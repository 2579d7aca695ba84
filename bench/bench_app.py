"""Benchmark the app against bare Streamlit floors measured in the same run.

1. Server-side rerun of the Kriterierna page (AppTest, started from app.py),
   against a bare script with the same widgets, each rerun N times
   (goal: at most 1.5x the floor).
2. Cold start to first paint in headless Chromium: `streamlit run app.py`
   until the page heading is painted, against a one-line app until its text is
   painted (goal: at most 1.3x the floor). Median of several starts each.

    python bench/bench_app.py [--reruns N] [--starts N]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

# The same widgets the first step of Kriterierna draws: a set selector in the
# sidebar, a step selector, one radio, two text areas and three buttons.
BARE_WIDGETS = '''
import streamlit as st
st.sidebar.selectbox("Kriterieuppsättning", ["a", "b", "c"])
st.title("Kriterierna")
st.progress(0.1, text="Steg 1 av 13")
st.selectbox("Gå till steg", list(range(13)))
st.header("Steg")
st.radio("Fråga", ["Ett", "Två", "Tre", "Vet ej"], index=None)
st.text_area("Motivering")
st.text_area("Underlag")
st.button("Föregående")
st.button("Nästa")
st.button("Till rekommendationen")
'''

ONE_LINE_APP = 'import streamlit as st\nst.title("Hej")\n'


def rerun_seconds(at: AppTest, reruns: int) -> float:
    at.run()  # warm
    start = time.perf_counter()
    for _ in range(reruns):
        at.run()
    return (time.perf_counter() - start) / reruns


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cold_start_seconds(script: Path, heading: str, starts: int) -> float:
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        for _ in range(starts):
            port = _port()
            begin = time.perf_counter()
            server = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                 "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                page = browser.new_page()
                deadline = time.monotonic() + 60
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}/", timeout=2000)
                        break
                    except Exception:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.05)
                page.get_by_role("heading", name=heading).first.wait_for(state="visible", timeout=60_000)
                times.append(time.perf_counter() - begin)
                page.close()
            finally:
                server.terminate()
                server.wait(timeout=10)
        browser.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args()

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("app_pages/criteria.py")
    app_rerun = rerun_seconds(app, args.reruns)
    bare_rerun = rerun_seconds(AppTest.from_string(BARE_WIDGETS, default_timeout=60), args.reruns)
    print(f"rerun, Kriterierna:      {app_rerun * 1e3:.1f} ms")
    print(f"rerun, bare widgets:     {bare_rerun * 1e3:.1f} ms")
    ratio = app_rerun / bare_rerun
    print(f"rerun ratio:             {ratio:.2f}x (goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")

    with tempfile.TemporaryDirectory() as tmp:
        one_line = Path(tmp) / "one_line.py"
        one_line.write_text(ONE_LINE_APP, encoding="utf-8")
        floor = cold_start_seconds(one_line, "Hej", args.starts)
    cold = cold_start_seconds(REPO / "app.py", "IOP-stöd", args.starts)
    print(f"cold start, app.py:      {cold:.2f} s (median of {args.starts})")
    print(f"cold start, one-line:    {floor:.2f} s (median of {args.starts})")
    ratio = cold / floor
    print(f"cold start ratio:        {ratio:.2f}x (goal <= 1.3x: {'met' if ratio <= 1.3 else 'NOT met'})")


if __name__ == "__main__":
    main()
