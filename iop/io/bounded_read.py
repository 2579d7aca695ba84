"""Reading a file the user names, with a hard byte limit and without hanging.

``st_size`` cannot be trusted: /dev/zero and /dev/urandom report 0 and never
end, a pipe reports 0 and may be large, and opening a FIFO that nobody writes
to blocks forever. So the file is opened without blocking, then read in
chunks until the limit plus one byte; whatever the path is, at most
``limit + 1`` bytes are ever held.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path

_CHUNK = 64 * 1024


class TooLarge(Exception):
    """The file holds more than the limit allows."""


class NotRegularFile(Exception):
    """The path is a device, a FIFO, a socket or a folder, where only an ordinary file will do."""


def read_bounded(path: Path, limit: int, regular_only: bool = False) -> bytes:
    """The file's bytes, or TooLarge past ``limit``; OSError subclasses pass through.

    ``regular_only`` refuses anything but an ordinary file (NotRegularFile) before a byte is
    read: a Word template is never a pipe or a device, whereas a case may come through one
    (``iop assess <(...)``).
    """
    # O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if regular_only and not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)  # then read normally
        parts: list[bytes] = []
        held = 0
        while held <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - held))
            if not chunk:
                break
            parts.append(chunk)
            held += len(chunk)
        if held > limit:
            raise TooLarge(path)
        return b"".join(parts)
    finally:
        os.close(fd)
