"""What the ``iop`` command writes, made safe for a terminal and honest about failing.

A case file can carry terminal control sequences (``"\\e[2J"`` or an OSC title in a
double-quoted YAML string, C1 controls such as ``\\x9b``); printed as they are, they
would clear the screen, retitle the window or worse. :class:`TerminalOutput` wraps
standard output and standard error for the whole command, whatever the format:
every control character except newline and tab is shown as U+FFFD. JSON keeps its
data instead: :func:`json_text` writes those characters as ``\\uXXXX`` escapes,
which are valid JSON and no control characters at all.

A write that fails for any reason but a closed pipe (``> /dev/full``: no space
left, an I/O error) becomes :class:`OutputError`, which the command reports in one
Swedish line with exit status ``EXIT_OUTPUT`` (74, EX_IOERR in sysexits.h).
"""

from __future__ import annotations

import io
import json
import re
from typing import Any, TextIO

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every C0 and C1 control character and DEL, except tab (\\x09) and newline (\\x0a)."""
EXIT_OUTPUT = 74


class OutputError(OSError):
    """Standard output could not be written (the disk is full, an I/O error); not a closed pipe."""


def terminal_safe(text: str) -> str:
    """Text for a terminal: control characters shown as U+FFFD instead of steering the terminal."""
    return CONTROL.sub("\ufffd", text)


def json_text(payload: Any) -> str:
    """JSON for people and programs: UTF-8 text, with every control character written as an escape."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def output_failure(exc: OSError) -> str:
    """The one line saying why the output could not be written."""
    reason = {28: "disken är full", 5: "ett in- eller utmatningsfel", 122: "diskkvoten är slut",
              27: "filen blev för stor"}.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return f"iop: utdata kunde inte skrivas: {reason}."


class TerminalOutput(io.TextIOBase):
    """A text stream that writes ``terminal_safe`` text to ``stream`` and names a failed write."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            self.stream.write(terminal_safe(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc
        return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8") or "utf-8"
