"""``iop backup FIL`` and ``iop restore FIL``: online backups of the case register that restore.

The register is the one the app uses (``IOP_DATABASE_URL``, else ``[iop] database_url``
in ``.streamlit/secrets.toml``, else ``./data/iop-stod.sqlite3``). A backup can be
taken while the app runs; see ``iop.store.backup`` for how. Neither command ever
overwrites anything: a refusal is exit status 2 with a Swedish message, and the
address of the database is printed for the administrator running the command.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from iop.io.errors import InputError, Problem


def add_backup_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = sub.add_parser("backup", help="säkerhetskopiera ärenderegistret till en ny fil (medan appen körs)")
    backup.add_argument("fil", help="filen att skriva, t.ex. iop-stod-2026-03-02.backup; får inte finnas")
    backup.set_defaults(run=run_backup)
    restore = sub.add_parser("restore", help="läs in en säkerhetskopia i ett nytt, tomt ärenderegister")
    restore.add_argument("fil", help="säkerhetskopian från iop backup")
    restore.set_defaults(run=run_restore)


def _refused(exc: Exception, file: str) -> InputError:
    detail = getattr(exc, "detail", "")
    shown = f" ({detail})" if detail and detail != file else ""
    return InputError([Problem(file, "", f"{exc}{shown}")])


def run_backup(args: argparse.Namespace) -> int:
    from iop.store import StoreError, redact, resolve_database_url
    from iop.store.backup import backup

    target = Path(args.fil)
    try:
        url = resolve_database_url()
        held = backup(url, target)
    except StoreError as exc:
        raise _refused(exc, args.fil) from None
    print(f"Säkerhetskopian av {redact(url)} är skriven till {target} ({held}).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from iop.store import StoreError, redact, resolve_database_url
    from iop.store.backup import restore

    source = Path(args.fil)
    try:
        url = resolve_database_url()
        held = restore(source, url)
    except StoreError as exc:
        raise _refused(exc, args.fil) from None
    print(f"Säkerhetskopian {source} är inläst i {redact(url)} ({held}).")
    return 0
