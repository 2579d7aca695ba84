"""Errors the case register raises, each with a Swedish message a page can show as it is.

    StoreError                  anything the register cannot do; ``str(exc)`` is the message
    ├── StoreConfigError        the database URL or secrets file cannot be used
    ├── StoreUnavailable        the database cannot be reached or used right now (server down, busy)
    │   ├── StoreDamaged        the file or database is damaged: retrying will not help, restore a backup
    │   ├── StoreReadOnly       the database can be read but not written
    │   └── StoreFull           the disk (or the database's quota) is full
    ├── StoreSchemaError        the database has a schema this version cannot migrate
    ├── CaseNotFound            no case with that id
    ├── InvalidTransition       a status change the rules do not allow
    ├── AccessDenied            the person's roles do not allow the action (``iop.records.access``); it is logged
    └── StaleRevision           someone else saved first; carries what they changed

A message never names the database's address: it is shown to every user of the
app. ``detail`` carries what an administrator needs (the redacted address, the
driver's own words); the app logs it and the ``iop`` command prints it.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class; the message is Swedish and meant for the user, ``detail`` for the administrator."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class StoreConfigError(StoreError):
    pass


class StoreUnavailable(StoreError):
    pass


class StoreDamaged(StoreUnavailable):
    pass


class StoreReadOnly(StoreUnavailable):
    pass


class StoreFull(StoreUnavailable):
    pass


class StoreSchemaError(StoreError):
    pass


class CaseNotFound(StoreError):
    pass


class InvalidTransition(StoreError):
    pass


class AccessDenied(StoreError):
    """The person may not do this; the message says why and what would help, and names no case content."""


class StaleRevision(StoreError):
    """A save started from revision ``base`` but the case is now at ``head``.

    ``changes`` lists, in Swedish words, what the other person changed between the two,
    so the page can show it and offer merge or reload.
    """

    def __init__(self, message: str, *, base: int, head: int, head_author: str,
                 changes: list[str]) -> None:
        super().__init__(message)
        self.base = base
        self.head = head
        self.head_author = head_author
        self.changes = changes
