"""The event log: JSON lines with identifiers only, level and destination from the environment, Streamlit's logging untouched."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iop.io import event_log
from iop.io.event_log import LOGGER_NAME, configure_event_log, log_event

IDENTIFIERS = {"case_id", "user", "revision", "status", "previous_status", "kind", "format", "reason", "workshop"}
"""Everything a line may carry besides event, time and level: no answers, notes, titles or messages."""


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "iop-events.log"
    configure_event_log({"IOP_LOG_FILE": str(path)})
    yield path
    configure_event_log({"IOP_LOG_LEVEL": "OFF"})  # leave no handler on a file that is about to go


def test_an_event_is_one_json_line_with_identifiers(log_file: Path) -> None:
    log_event("case_saved", case_id="3f2c01", user="Anna Andersson", revision=4)
    log_event("status_changed", case_id="3f2c01", user="Åsa Öberg <asa@kommun.se>", revision=5,
              status="bedömd", previous_status="utkast")
    saved, changed = lines(log_file)
    assert saved["event"] == "case_saved" and saved["level"] == "INFO"
    assert {k: saved[k] for k in ("case_id", "user", "revision")} == {"case_id": "3f2c01", "user": "Anna Andersson",
                                                                       "revision": 4}
    assert set(saved) == {"time", "level", "event", "case_id", "user", "revision"}  # nothing unset is written
    when = dt.datetime.fromisoformat(saved["time"])
    assert when.utcoffset() == dt.timedelta(0) and abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(minutes=1)
    assert changed["user"] == "Åsa Öberg <asa@kommun.se>" and changed["status"] == "bedömd"
    assert "Åsa" in log_file.read_text(encoding="utf-8")  # UTF-8 as written, not \\u escapes


def test_refusals_are_warnings_and_the_level_filters(tmp_path: Path) -> None:
    path = tmp_path / "warnings.log"
    configure_event_log({"IOP_LOG_FILE": str(path), "IOP_LOG_LEVEL": "warning"})
    try:
        log_event("case_saved", case_id="a1", user="Anna", revision=2)
        log_event("refused", reason="conflict", case_id="a1", user="Bo", revision=1)
        [line] = lines(path)
        assert (line["event"], line["level"], line["reason"]) == ("refused", "WARNING", "conflict")
        configure_event_log({"IOP_LOG_FILE": str(path), "IOP_LOG_LEVEL": "OFF"})
        log_event("refused", reason="conflict", case_id="a1", user="Bo", revision=1)
        assert len(lines(path)) == 1
    finally:
        configure_event_log({"IOP_LOG_LEVEL": "OFF"})


def test_a_control_character_in_a_name_cannot_forge_a_line(log_file: Path) -> None:
    log_event("case_saved", case_id="a1", user='Eve\n{"event": "login", "user": "admin"}', revision=1)
    [line] = lines(log_file)
    assert line["user"].startswith("Eve\n") and line["event"] == "case_saved"


def test_a_very_long_name_is_cut(log_file: Path) -> None:
    log_event("case_saved", case_id="a1", user="x" * 10_000, revision=1)
    assert len(lines(log_file)[0]["user"]) == 200


def test_the_api_takes_identifiers_only() -> None:
    """The contract that keeps answers and free text out: a new parameter must be argued for here."""
    parameters = set(inspect.signature(log_event).parameters) - {"event"}
    assert parameters == IDENTIFIERS


def test_streamlit_and_the_root_logger_are_left_as_they_are(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    streamlit_logger = logging.getLogger("streamlit")
    before = (list(logging.getLogger().handlers), logging.getLogger().level,
              list(streamlit_logger.handlers), streamlit_logger.level, streamlit_logger.propagate)
    configure_event_log({"IOP_LOG_FILE": str(tmp_path / "x.log"), "IOP_LOG_LEVEL": "DEBUG"})
    try:
        after = (list(logging.getLogger().handlers), logging.getLogger().level,
                 list(streamlit_logger.handlers), streamlit_logger.level, streamlit_logger.propagate)
        assert after == before
        with caplog.at_level(logging.DEBUG):  # pytest listens on the root logger
            log_event("login", user="Anna")
        assert not [r for r in caplog.records if r.name == LOGGER_NAME]  # events do not propagate to the root
        assert lines(tmp_path / "x.log")[0]["event"] == "login"
    finally:
        configure_event_log({"IOP_LOG_LEVEL": "OFF"})


def test_configuring_again_with_the_same_settings_keeps_the_handler(tmp_path: Path) -> None:
    settings = {"IOP_LOG_FILE": str(tmp_path / "y.log")}
    configure_event_log(settings)
    try:
        handlers = list(logging.getLogger(LOGGER_NAME).handlers)
        configure_event_log(dict(settings))
        assert logging.getLogger(LOGGER_NAME).handlers == handlers
        assert event_log._installed == ("INFO", str(tmp_path / "y.log"))
    finally:
        configure_event_log({"IOP_LOG_LEVEL": "OFF"})


def test_without_configuration_nothing_is_printed() -> None:
    """The command line does not configure the log: a refusal must not appear on its standard error."""
    probe = "from iop.io import log_event; log_event('refused', reason='conflict', case_id='a', user='b')"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr == "" and done.stdout == ""
