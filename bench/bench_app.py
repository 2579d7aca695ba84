"""Benchmark the app as a user feels it, against bare Streamlit floors measured in the same run.

1. Answering a question on Kriterierna in headless Chromium: click an answer
   and time until the page shows the updated state (the progress line's count
   of answered questions), against a bare Streamlit app with the same widgets
   whose progress line reacts the same way. Median of N answers each
   (goal: at most 1.3x the floor). AppTest is not used: its own polling
   dominated what it measured.
2. Cold start to first paint in headless Chromium: `streamlit run serve.py`
   (what `scripts/start` runs and users get: app.py through st.App with the
   Swedish-HTML middleware) until the page heading is painted, against a one-line app until its text is
   painted (goal: at most 1.3x the floor). Median of several starts each.
3. The guided walk: the median number of questions asked per reference case
   (answered in the walk's order from the case's own answers), against the
   number the fixed walk asked before.

    python bench/bench_app.py [--answers N] [--starts N]
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

from playwright.sync_api import Page, sync_playwright

from iop.engine import Engine, load_case
from iop.guide import play_walk
from iop.rules import load_rulebook

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

# The same widgets the first step of Kriterierna draws on a new case: a set
# selector in the sidebar, a step selector, the contract step's questions
# (radio and two text areas each) and three buttons; the progress line counts
# answered questions, so the same change is visible after an answer.
BARE_WIDGETS = '''
import streamlit as st
st.sidebar.selectbox("Kriterieuppsättning", ["a", "b", "c"])
st.title("Kriterierna")
answers = [st.session_state.get(f"q{i}") for i in range(5)]
answered = sum(1 for a in answers if a not in (None, "Vet ej"))
st.progress(0.3, text=f"Steg 1 av 3 · {answered} {'fråga besvarad' if answered == 1 else 'frågor besvarade'}")
st.selectbox("Gå till steg", list(range(4)))
st.header("Bidrag eller kontrakt")
for i in range(5):
    with st.container(border=True):
        st.radio(f"Fråga {i}", ["Ett", "Två", "Tre", "Vet ej"], index=None, key=f"q{i}")
        st.text_area("Motivering", key=f"m{i}")
        st.text_area("Underlag", key=f"u{i}")
st.button("Föregående")
st.button("Nästa")
st.button("Till rekommendationen")
'''

ONE_LINE_APP = 'import streamlit as st\nst.title("Hej")\n'


def _serve(script: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=script.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}"


def _goto(page: Page, url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            page.goto(url, timeout=2000)
            page.locator("h1").first.wait_for(state="visible", timeout=30_000)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def answer_seconds(page: Page, answers: int) -> list[float]:
    """Click the first question's answers in turn; time each until the progress line has changed."""
    group = page.get_by_role("radiogroup").first
    first = group.locator("label").first
    dont_know = group.locator("label").filter(has_text="Vet ej")
    progress = page.locator("[data-testid='stProgress']").first
    page.wait_for_timeout(1000)
    times = []
    for n in range(answers + 1):
        expected = "1 fråga besvarad" if n % 2 == 0 else "0 frågor besvarade"
        target = first if n % 2 == 0 else dont_know
        page.wait_for_timeout(200)  # let the previous rerun settle completely
        begin = time.perf_counter()
        target.click()
        progress.get_by_text(expected, exact=False).wait_for(state="visible", timeout=30_000)
        elapsed = time.perf_counter() - begin
        if n:  # the first answer warms caches on both sides
            times.append(elapsed)
    return times


def answer_benchmark(answers: int) -> tuple[float, float]:
    """Median seconds per answer on Kriterierna and on the bare app, servers started side by side."""
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_widgets.py"
        bare.write_text(BARE_WIDGETS, encoding="utf-8")
        app_server, app_url = _serve(REPO / "serve.py")  # what scripts/start runs
        bare_server, bare_url = _serve(bare)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
                app_page = browser.new_page(viewport={"width": 1400, "height": 1000})
                _goto(app_page, f"{app_url}/kriterierna")
                # An official who has given a name: otherwise the first answer asks for it in a dialog.
                name = app_page.get_by_role("textbox", name="Ditt namn", exact=True)
                name.fill("Bänk Mätare")
                name.press("Enter")
                app_page.wait_for_timeout(1500)
                bare_page = browser.new_page(viewport={"width": 1400, "height": 1000})
                _goto(bare_page, bare_url)
                app_times: list[float] = []
                bare_times: list[float] = []
                for _ in range(3):  # interleaved, so load on the machine hits both alike
                    app_times += answer_seconds(app_page, answers // 3 or 1)
                    bare_times += answer_seconds(bare_page, answers // 3 or 1)
                browser.close()
        finally:
            for server in (app_server, bare_server):
                server.terminate()
                server.wait(timeout=10)
    return statistics.median(app_times), statistics.median(bare_times)


def walk_lengths() -> tuple[float, float, int]:
    """Median questions the walk asks per reference case and set, before (fixed walk) and now."""
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    now, before = [], []
    for path in sorted((REPO / "cases").glob("*.yaml")):
        case = load_case(path, rulebook)
        for set_id in case.expected:
            now.append(len(play_walk(engine, case, set_id).asked))
            before.append(len(rulebook.relevant_questions(set_id)))
    return statistics.median(before), statistics.median(now), len(now)


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
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--starts", type=int, default=8)
    args = parser.parse_args()

    before, now, count = walk_lengths()
    print(f"walk, questions asked:   median {now:g} per reference case and set ({count} walks); "
          f"the fixed walk asked {before:g}")

    app_answer, bare_answer = answer_benchmark(args.answers)
    print(f"answer, Kriterierna:     {app_answer * 1e3:.0f} ms until the page shows it (median)")
    print(f"answer, bare widgets:    {bare_answer * 1e3:.0f} ms (median)")
    ratio = app_answer / bare_answer
    print(f"answer ratio:            {ratio:.2f}x (goal <= 1.3x: {'met' if ratio <= 1.3 else 'NOT met'})")

    # Starts alternate (one-line, app, one-line, app ...) so that a change in the machine's load
    # falls on both; the ratio is the median of the pairs' ratios.
    floors, colds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        one_line = Path(tmp) / "one_line.py"
        one_line.write_text(ONE_LINE_APP, encoding="utf-8")
        for _ in range(args.starts):
            floors.append(cold_start_seconds(one_line, "Hej", 1))
            colds.append(cold_start_seconds(REPO / "serve.py", "IOP-stöd", 1))
    print(f"cold start, serve.py:    {statistics.median(colds):.2f} s (median of {args.starts})")
    print(f"cold start, one-line:    {statistics.median(floors):.2f} s (median of {args.starts})")
    ratio = statistics.median(c / f for c, f in zip(colds, floors, strict=True))
    print(f"cold start ratio:        {ratio:.2f}x, median of {args.starts} alternating pairs "
          f"(goal <= 1.3x: {'met' if ratio <= 1.3 else 'NOT met'})")


if __name__ == "__main__":
    main()
