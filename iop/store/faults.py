"""What a database fault means for the user, in words that are true.

A damaged SQLite file does not get better by trying again, a read-only database
refuses every save the same way, a full disk needs someone to free space, and a
server that is down or a file that is busy may well work in a minute. The
register and the workshop store pass every driver error through :func:`translate`
and raise the subclass of ``StoreUnavailable`` that says which it is.

The database's address is never in the message (every user of the app sees it);
it goes into ``detail`` with the driver's own words, for the log and the ``iop``
command.
"""

from __future__ import annotations

import sqlite3
from enum import Enum

from iop.store.errors import StoreDamaged, StoreFull, StoreReadOnly, StoreUnavailable

KEEP = "Dina svar finns kvar i den här fliken"


class Fault(str, Enum):
    damaged = "damaged"
    read_only = "read_only"
    full = "full"
    busy = "busy"
    unreachable = "unreachable"


DAMAGED = ("Ärenderegistret är skadat och går inte att använda; det blir inte bättre av att försöka igen, "
           "och ingenting skrivs till det. Be den som ansvarar för verktyget att återställa registret från "
           f"den senaste säkerhetskopian (iop restore). {KEEP}: ladda ner ärendet under Exportera så att "
           "inget går förlorat.")
READ_ONLY = ("Ärenderegistret går bara att läsa, så ingenting kan sparas i det. "
             f"{KEEP}: ladda ner ärendet under Exportera och be den som ansvarar för verktyget att göra "
             "registret skrivbart igen.")
FULL = ("Disken där ärenderegistret ligger är full, så ingenting sparades. "
        f"{KEEP}: ladda ner ärendet under Exportera och be den som ansvarar för verktyget att frigöra utrymme.")


def busy(what: str) -> str:
    return (f"{what} gick inte just nu eftersom ärenderegistret var upptaget. Ingenting ändrades i registret; "
            f"{KEEP[0].lower()}{KEEP[1:]}. Försök igen om en stund.")


def unreachable(what: str) -> str:
    return (f"{what} gick inte eftersom ärenderegistret inte går att nå just nu. Ingenting ändrades i "
            f"registret; {KEEP[0].lower()}{KEEP[1:]} men sparas inte förrän registret går att nå. "
            "Försök igen om en stund; kvarstår felet, kontakta den som ansvarar för verktyget.")


# SQLite's primary result codes (the low byte of the extended code).
_SQLITE = {11: Fault.damaged, 26: Fault.damaged, 8: Fault.read_only, 13: Fault.full, 5: Fault.busy,
           6: Fault.busy}
# "Could not decode to UTF-8" is pysqlite reading a text column that holds no text: every text the
# register writes is UTF-8, so the bytes under it were damaged.
_SQLITE_WORDS = (("malformed", Fault.damaged), ("not a database", Fault.damaged),
                 ("could not decode to utf-8", Fault.damaged),
                 ("file is encrypted", Fault.damaged), ("readonly database", Fault.read_only),
                 ("database or disk is full", Fault.full), ("database is locked", Fault.busy))
# PostgreSQL's SQLSTATE: class XX internal errors (data_corrupted, index_corrupted), read-only
# transactions and missing write privileges, and class 53 (disk full, out of memory).
_PG_EXACT = {"XX001": Fault.damaged, "XX002": Fault.damaged, "25006": Fault.read_only,
             "42501": Fault.read_only, "53100": Fault.full, "55P03": Fault.busy, "40P01": Fault.busy,
             "40001": Fault.busy}


def classify(exc: BaseException) -> Fault:
    """Which kind of fault ``exc`` (a SQLAlchemy error or the driver's own) is."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE:
            return _SQLITE[code & 0xFF]
        text = str(orig).lower()
        for words, fault in _SQLITE_WORDS:
            if words in text:
                return fault
        return Fault.unreachable
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str):
        if state in _PG_EXACT:
            return _PG_EXACT[state]
        if state.startswith("53"):
            return Fault.full
    text = str(orig).lower()
    if "read-only transaction" in text:
        return Fault.read_only
    return Fault.unreachable


def translate(exc: BaseException, what: str, address: str = "") -> StoreUnavailable:
    """The Swedish error for a driver fault met while doing ``what`` ("Att spara ärendet")."""
    fault = classify(exc)
    detail = f"{address}: {getattr(exc, 'orig', None) or exc}" if address else str(getattr(exc, "orig", None) or exc)
    if fault is Fault.damaged:
        return StoreDamaged(DAMAGED, detail=detail)
    if fault is Fault.read_only:
        return StoreReadOnly(READ_ONLY, detail=detail)
    if fault is Fault.full:
        return StoreFull(FULL, detail=detail)
    if fault is Fault.busy:
        return StoreUnavailable(busy(what), detail=detail)
    return StoreUnavailable(unreachable(what), detail=detail)
