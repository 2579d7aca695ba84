"""Signalling only the processes we started: each signal goes after a check of the pid's command line."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path


class NotOurProcess(RuntimeError):
    """The pid no longer runs the command that was started; nothing was signalled."""


def command_line(pid: int) -> list[str]:
    """The command line of a running process (empty when there is no such process)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def signal_own(process: subprocess.Popen[bytes], signum: int) -> None:
    """Send ``signum`` to a process started with ``process``, after checking that its pid still runs its command."""
    if process.poll() is not None:
        return
    started = [str(part) for part in process.args] if isinstance(process.args, list) else [str(process.args)]
    running = command_line(process.pid)
    if not running:  # it has just ended (a zombie has no command line), e.g. on a Ctrl-C sent to the whole group
        process.wait()
        return
    if running != started:
        raise NotOurProcess(f"Process {process.pid} kör inte längre {' '.join(started)!r}; ingen signal skickades.")
    os.kill(process.pid, signum)


def stop_own(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """SIGTERM, then SIGKILL if the process has not ended within ``timeout`` seconds."""
    if process.poll() is not None:
        return
    signal_own(process, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        signal_own(process, signal.SIGKILL)
        process.wait()
