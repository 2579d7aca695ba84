"""The iop command behaves like a Unix tool: pipes, Ctrl-C, bad arguments, unreadable paths."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iop.cli.main import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, main
from tests.helpers import CASES, REPO

IOP = [sys.executable, "-m", "iop.cli"]


def test_a_closed_pipe_ends_quietly_with_the_sigpipe_status():
    pipeline = subprocess.run(
        ["bash", "-c", f"{' '.join(IOP)} assess {CASES} --format json | head -c 1; echo \" ${{PIPESTATUS[0]}}\""],
        capture_output=True, text=True, cwd=REPO, timeout=120)
    assert pipeline.stdout == f"[ {EXIT_BROKEN_PIPE}\n"
    assert pipeline.stderr == ""


def _opened(pid: int, path: Path) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


# Starts a program with SIGINT at a given disposition: ignored dispositions survive exec, so this is
# what a child of `cmd &` in a non-interactive shell (SIGINT ignored) or of a terminal (default) gets.
_WITH_SIGINT = ("import os, signal, sys; signal.signal(signal.SIGINT, getattr(signal, sys.argv[1])); "
                "os.execv(sys.argv[2], sys.argv[2:])")


def _signal_mask(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1], 16)
    raise AssertionError(f"{field} missing from /proc/{pid}/status")


@pytest.mark.parametrize("inherited", ["SIG_DFL", "SIG_IGN"])
def test_ctrl_c_ends_with_one_line_and_status_130(tmp_path: Path, inherited: str):
    """Whatever SIGINT disposition the command inherits, and so however the test run was started.

    A test run started in the background by a non-interactive shell (``pytest &``, as CI scripts and
    tools do) runs with SIGINT ignored, and subprocess passes that on; the command used to rely on
    the inherited default and then never ended (issue 20). It now sets its own handler.
    """
    fifo = tmp_path / "väntar.yaml"
    os.mkfifo(fifo)
    keep_open = os.open(fifo, os.O_RDWR)  # a writer that never writes: the command blocks reading
    try:
        proc = subprocess.Popen([sys.executable, "-c", _WITH_SIGINT, inherited, *IOP, "assess", str(fifo)],
                                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not _opened(proc.pid, fifo) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _opened(proc.pid, fifo), "the command never opened the case file"
            sigint = 1 << (signal.SIGINT - 1)
            assert _signal_mask(proc.pid, "SigCgt") & sigint, "the command does not catch SIGINT"
            assert not _signal_mask(proc.pid, "SigIgn") & sigint
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    finally:
        os.close(keep_open)
    assert proc.returncode == EXIT_INTERRUPTED == 130
    assert out == ""
    assert err.strip() == "iop: avbrutet."


def test_main_puts_the_callers_sigint_handler_back():
    """main() run inside another program (as here, in pytest) leaves that program's Ctrl-C as it was."""
    def mine(signum: int, frame: object) -> None:
        pass

    before = signal.signal(signal.SIGINT, mine)
    try:
        assert main(["criteria", "nope"]) == 2
        assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, before)


def test_an_unknown_criteria_set_is_exit_2_in_swedish(capsys):
    assert main(["criteria", "nope"]) == 2
    err = capsys.readouterr().err
    assert "'nope' finns inte; välj en av: forum-2015" in err


def test_an_unreadable_folder_gets_a_swedish_message(tmp_path: Path, capsys, monkeypatch):
    folder = tmp_path / "låst"
    folder.mkdir()

    def refuse(self: Path):  # tests run as root here, where chmod 000 would not refuse anything
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert main(["assess", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "låst: du saknar behörighet att läsa den" in err and "Traceback" not in err


def test_an_unreadable_file_gets_a_swedish_message(tmp_path: Path, capsys, monkeypatch):
    import iop.io.yaml_models

    def refuse(path: Path, limit: int) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(iop.io.yaml_models, "read_bounded", refuse)
    assert main(["assess", str(CASES / "ungdomsbussen.yaml")]) == 2
    assert "ungdomsbussen.yaml: du saknar behörighet att läsa den" in capsys.readouterr().err


def test_dev_zero_on_the_command_line_is_refused_in_swedish(capsys):
    assert main(["assess", "/dev/zero"]) == 2
    assert "/dev/zero: filen är för stor för att vara ett ärende" in capsys.readouterr().err


def test_terminal_control_sequences_from_a_case_file_are_not_printed(tmp_path: Path, capsys):
    case = tmp_path / "färg.yaml"
    case.write_text('title: "Kalas \\e[2J\\e]0;fönstertitel\\a slut"\n', encoding="utf-8")
    assert main(["assess", str(case)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith("Kalas \ufffd[2J\ufffd]0;fönstertitel\ufffd slut")
