"""The last holes of the ``iop`` command: unbounded templates, control characters, full disks, early Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop.cli.main import main
from iop.documents.docx_report import check_template
from iop.io.errors import TemplateError
from tests.helpers import CASES, REPO

IOP = [sys.executable, "-m", "iop.cli"]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "mall.docx"
    os.mkfifo(path)
    yield path


@pytest.mark.parametrize("template", ["/dev/zero", "fifo", "folder"])
def test_a_template_that_is_no_ordinary_file_is_refused_at_once_in_swedish(template: str, fifo: Path, tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]):
    path = {"/dev/zero": "/dev/zero", "fifo": str(fifo), "folder": str(tmp_path)}[template]
    started = time.monotonic()
    status = main(["report", str(CASES / "ungdomsbussen.yaml"), "--template", path, "-o", str(tmp_path / "ut.docx")])
    assert status == 2 and time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert "Word-mall" in err and ("ingen vanlig fil" in err or "är en mapp" in err) and "Traceback" not in err
    assert not (tmp_path / "ut.docx").exists()


def test_a_template_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from iop.documents import docx_report

    big = tmp_path / "stor.docx"
    big.write_bytes(b"\0" * 2048)
    monkeypatch.setattr(docx_report, "MAX_TEMPLATE_BYTES", 1024)
    with pytest.raises(TemplateError, match="för stor för att vara en Word-mall"):
        check_template(big)


def test_the_apps_template_from_the_environment_is_read_bounded_too(fifo: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("IOP_DOCX_TEMPLATE", str(fifo))  # what Exportera and the workshop call, with no argument
    started = time.monotonic()
    with pytest.raises(TemplateError, match="ingen vanlig fil"):
        check_template()
    assert time.monotonic() - started < 5


HOSTILE = 'title: "Kalas \\e[2J\\e]0;fönstertitel\\a \\x9b31m slut"\nactivity:\n  description: "rad\\rny \\e[8m dold"\n'


def strings(data: object) -> list[str]:
    """Every string in parsed JSON."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return []


@pytest.mark.parametrize("command", [["assess", "--format", "text"], ["assess", "--format", "markdown"],
                                     ["assess", "--format", "json"], ["report", "--format", "markdown"],
                                     ["report", "--format", "json"]])
def test_no_control_character_from_a_case_file_reaches_the_terminal(command: list[str], tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]):
    case = tmp_path / "färg.yaml"
    case.write_text(HOSTILE, encoding="utf-8")
    assert main([command[0], str(case), *command[1:]]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out.replace("\n", "").replace("\t", "")), repr(out[:300])
    if command[-1] == "json":  # JSON keeps the data, as escapes
        assert "\\u001b" in out and "\\u009b" in out
        assert "Kalas \x1b[2J\x1b]0;fönstertitel\x07 \x9b31m slut" in strings(json.loads(out))
    else:
        assert "Kalas \ufffd" in out


def test_control_characters_in_a_message_are_not_printed_either(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    name = tmp_path / "fil\x1b[2Jnamn.yaml"
    assert main(["assess", str(name)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "fil\ufffd[2Jnamn.yaml" in err


def run(*args: str, stdout: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([*IOP, *args], capture_output=stdout is None, stdout=stdout, stderr=subprocess.PIPE
                          if stdout is not None else None, text=True, cwd=REPO, env=env, timeout=timeout, check=False)


@pytest.mark.parametrize("command", [["assess", str(CASES / "ungdomsbussen.yaml")],
                                     ["report", str(CASES / "ungdomsbussen.yaml"), "--format", "markdown"],
                                     ["criteria"]])
def test_a_full_disk_ends_with_one_swedish_line_and_status_74(command: list[str]):
    with open("/dev/full", "w") as full:
        result = run(*command, stdout=full.fileno())
    assert result.returncode == 74
    assert result.stderr == "iop: utdata kunde inte skrivas: disken är full.\n"


def test_a_report_file_on_a_full_disk_says_so(capsys: pytest.CaptureFixture[str]):
    assert main(["report", str(CASES / "ungdomsbussen.yaml"), "--format", "markdown", "-o", "/dev/full"]) == 2
    assert "filen kan inte skrivas; disken är full." in capsys.readouterr().err


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as in a terminal, whatever the test runner ignores


def _loading(pid: int) -> bool:
    """True once pydantic-core's library is mapped: the command is in the middle of loading itself."""
    try:
        return "_pydantic_core" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("after", [0.0, 0.05, 0.15, 0.3, 0.6])
def test_ctrl_c_while_the_command_loads_or_runs_ends_with_one_line_and_130(after: float):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([*IOP, "criteria"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=_default_sigint)
    deadline = time.monotonic() + 60
    while not _loading(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(after)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:  # the whole listing was done before the signal came: nothing to interrupt
        assert err == "" and out
        return
    assert (proc.returncode, err) == (130, "\niop: avbrutet.\n")
