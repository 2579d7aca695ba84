"""Log lines an operator can use: one JSON object per event, naming the case and the user, never what anyone wrote.

What is logged: a case created or saved (``case_created``, ``case_saved``), a status change
(``status_changed``), a document or file downloaded (``exported``), a login (``login``) and a
refusal (``refused``: a save that lost to someone else's, a user outside the allowed groups, a
file that could not be imported, a wrong workshop code, an answer after a statement closed).
Each line carries the event, the time (ISO 8601 with its zone), the level, and only
identifiers: case id, user (the name or login as the history records it), revision, statuses,
format and kind of document, a refusal's reason code, workshop number. The API takes nothing
else, so answers, reasoning, notes, titles, file contents and error messages (which quote what
the user wrote) cannot reach the log:

    {"time": "2026-05-09T12:03:07.412+00:00", "level": "INFO", "event": "case_saved",
     "case_id": "3f2c…", "user": "Anna Andersson", "revision": 4}

Configuration, read by ``configure_event_log`` (the app calls it on start; the command line does not):
``IOP_LOG_LEVEL`` (DEBUG, INFO (default), WARNING, ERROR or OFF) and ``IOP_LOG_FILE`` (a
file to append to; standard error when unset). Only the ``iop.events`` logger is configured:
Streamlit's own logging (the ``streamlit`` logger and its settings) and the root logger are
left as they are, and events do not propagate into them.

The formatting is python-json-logger's, a maintained library, rather than a hand-written
formatter: it handles escaping, extra fields and timestamps.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Mapping
from typing import Literal

from pythonjsonlogger.json import JsonFormatter

LOGGER_NAME = "iop.events"
LEVEL_ENV = "IOP_LOG_LEVEL"
FILE_ENV = "IOP_LOG_FILE"

Event = Literal["case_created", "case_saved", "status_changed", "exported", "login", "logout", "refused"]
Refusal = Literal[
    "conflict",  # a save based on an older revision than the register's
    "not_allowed",  # logged in, but in none of the allowed groups
    "invalid_file",  # an uploaded case file that could not be read as a case
    "workshop_code",  # a workshop code that names no open workshop
    "workshop_closed",  # an answer sent after its statement closed
]

_USER_MAX = 200
"""A name is typed by its user; a long one is cut (the JSON formatter escapes what it holds)."""

_logger = logging.getLogger(LOGGER_NAME)
_logger.addHandler(logging.NullHandler())  # silent until configured (no "last resort" lines on stderr)
_logger.propagate = False  # never into the root logger, which Streamlit or a host program may own
_installed: tuple[str, str] | None = None  # (level, destination) of the handler ``configure_event_log`` installed


def log_event(event: Event, *, case_id: str | None = None, user: str | None = None, revision: int | None = None,
              status: str | None = None, previous_status: str | None = None, kind: str | None = None,
              format: str | None = None, reason: Refusal | None = None,  # noqa: A002 (the field's name in the log)
              workshop: int | None = None) -> None:
    """Log one event with identifiers only; refusals at WARNING, everything else at INFO."""
    level = logging.WARNING if event == "refused" else logging.INFO
    if not _logger.isEnabledFor(level):
        return
    fields = {"case_id": case_id, "user": user[:_USER_MAX] if user is not None else None, "revision": revision,
              "status": status, "previous_status": previous_status, "kind": kind, "format": format,
              "reason": reason, "workshop": workshop}
    _logger.log(level, event, extra={k: v for k, v in fields.items() if v is not None})


def _level(name: str) -> int:
    if name == "OFF":
        return logging.CRITICAL + 1
    value = logging.getLevelName(name)
    return value if isinstance(value, int) else logging.INFO


def configure_event_log(environ: Mapping[str, str] | None = None) -> None:
    """Send events as JSON lines to ``IOP_LOG_FILE`` (or standard error) from ``IOP_LOG_LEVEL`` up.

    Cheap to call on every page run: the handler is replaced only when the settings changed.
    """
    global _installed
    env = os.environ if environ is None else environ
    level_name = env.get(LEVEL_ENV, "INFO").strip().upper() or "INFO"
    destination = env.get(FILE_ENV, "").strip()
    if _installed == (level_name, destination):
        return
    for handler in list(_logger.handlers):
        if not isinstance(handler, logging.NullHandler):
            _logger.removeHandler(handler)
            handler.close()
    handler = (logging.FileHandler(destination, encoding="utf-8") if destination
               else logging.StreamHandler(sys.stderr))
    handler.setFormatter(_EventFormatter(
        "{asctime}{levelname}{message}", style="{",
        rename_fields={"asctime": "time", "levelname": "level", "message": "event"},
        json_ensure_ascii=False))
    _logger.addHandler(handler)
    _logger.setLevel(_level(level_name))
    _installed = (level_name, destination)


class _EventFormatter(JsonFormatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        """ISO 8601 in UTC with its offset: unambiguous across servers and summer time."""
        return dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds")
