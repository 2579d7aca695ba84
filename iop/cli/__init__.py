"""The ``iop`` command line: ``iop`` and ``python -m iop.cli`` both run :func:`run`.

Ctrl-C ends the command at any moment with one Swedish line and exit status 130.
While the command runs, ``main`` catches it as KeyboardInterrupt, so unfinished
files are removed on the way out. Two moments are different and handled here:

* loading (a noticeable part of a second: pydantic, the rulebook's modules). A
  KeyboardInterrupt raised inside an import can surface as anything (PyO3 turns
  one inside pydantic-core's start into a PanicException), so while this package
  loads the command, Ctrl-C writes the line and exits at once: nothing has been
  written yet, so there is nothing to clean up;
* after ``main`` has returned: the work is done and flushed, so the same.

The first few milliseconds, before Python has reached this package (the
interpreter's own start), are Python's own.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from types import FrameType
from typing import NoReturn

INTERRUPTED = "\niop: avbrutet.\n"


def _exit_now(_signum: int, _frame: FrameType | None) -> None:
    os.write(2, INTERRUPTED.encode("utf-8"))
    os._exit(130)


def _catch_ctrl_c_by_exiting() -> bool:
    """Make Ctrl-C exit at once (see the docstring); False when it is not ours to change.

    Like ``main`` (``_ctrl_c_interrupts``), an interrupt inherited as ignored (a background job)
    is taken over: someone who sends iop an interrupt means to stop it.
    """
    current = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() \
            or current not in (signal.default_int_handler, signal.SIG_IGN, signal.SIG_DFL):
        return False  # another thread, or somebody else's handler (a program that imported iop.cli)
    signal.signal(signal.SIGINT, _exit_now)
    return True


_loading = _catch_ctrl_c_by_exiting()
try:
    from iop.cli.main import EXIT_INTERRUPTED, main
finally:
    if _loading:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def run() -> NoReturn:
    """The command's entry point: ``main`` with Ctrl-C handled at every moment, then exit.

    It exits with ``os._exit`` once the output is flushed: the interpreter's own shutdown
    resets the handler to the default, under which a late Ctrl-C would kill the process
    without a word, and the command has nothing left for the shutdown to do.
    """
    status = EXIT_INTERRUPTED
    try:
        status = main()
    except KeyboardInterrupt:  # between main's own handling and its return
        sys.stderr.write(INTERRUPTED)
    _catch_ctrl_c_by_exiting()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # already reported by main (a closed pipe, a full disk)
            pass
    os._exit(status)


__all__ = ["main", "run"]
