"""The benchmarks measure the app users get: `streamlit run serve.py`, as scripts/start and the e2e server run."""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO

SERVER_BENCHES = sorted(p for p in (REPO / "bench").glob("bench_*.py") if '"streamlit", "run"' in p.read_text("utf-8"))


def test_the_served_entry_point_is_what_scripts_start_runs():
    assert re.search(r"streamlit run\S* .*serve\.py", (REPO / "scripts" / "start").read_text("utf-8"))


@pytest.mark.parametrize("bench", SERVER_BENCHES, ids=lambda p: p.name)
def test_a_bench_that_starts_the_app_starts_serve_py_not_app_py(bench):
    text = bench.read_text("utf-8")
    assert 'REPO / "serve.py"' in text
    assert 'REPO / "app.py"' not in text


def test_the_benches_that_start_a_server_are_found():
    assert {p.name for p in SERVER_BENCHES} >= {"bench_app.py", "bench_load.py", "bench_workshop.py"}
