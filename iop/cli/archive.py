"""``iop export-archive --stored ID``: the archive package (E-ARK SIP) of a case in the register.

The case, its history and its status records come from the register
(``IOP_DATABASE_URL``, else the default SQLite file); a bedömd or beslutad
case's package holds the assessment frozen then. Nothing is written unless the
whole package was made: an unknown id or an unreachable register gives exit
status 2 and a Swedish message.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from iop.documents.archive_package import ArchivePackage, archive_package
from iop.engine.evaluation import Engine
from iop.io.errors import InputError, Problem
from iop.records.record_meta import frozen_assessment
from iop.rules.rulebook import load_rulebook


def add_archive_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = sub.add_parser("export-archive", help="skriv arkivpaketet (E-ARK SIP) för ett sparat ärende")
    command.add_argument("--stored", metavar="ID", required=True,
                         help="det sparade ärendets id i registret (IOP_DATABASE_URL)")
    command.add_argument("-o", "--output", help="zip-filen att skriva; annars paketets namn i aktuell mapp")
    command.set_defaults(run=run_export_archive)


def stored_package(case_id: str) -> ArchivePackage:
    """The package of the stored case ``case_id``; InputError in Swedish when it cannot be read."""
    from iop.store import CaseRegister, StoreError, open_register, resolve_database_url

    rulebook = load_rulebook()
    engine = Engine(rulebook)
    try:
        database = open_register(resolve_database_url())
        try:
            register = CaseRegister(database)
            stored = register.load_case(case_id)
            history, statuses = register.history(case_id), register.status_records(case_id)
        finally:
            database.dispose()
    except StoreError as exc:
        raise InputError([Problem("registret", "--stored", str(exc))]) from None
    assessment = frozen_assessment(stored, statuses) or engine.assess(stored.case)
    return archive_package(stored, history, statuses, assessment, rulebook)


def run_export_archive(args: argparse.Namespace) -> int:
    package = stored_package(args.stored)
    target = Path(args.output) if args.output else Path(package.filename)
    try:
        target.write_bytes(package.data)
    except OSError:
        raise InputError([Problem(str(target), "-o", "filen kan inte skrivas; "
                                                      "kontrollera att mappen finns och är skrivbar.")]) from None
    print(f"Arkivpaketet {package.name} skrevs till {target}.")
    return 0
