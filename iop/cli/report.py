"""``iop report``: the beslutsunderlag for one case file, as Word, PDF, Markdown or JSON.

Kept apart from ``iop.cli.main`` so the command's options and the writing of a
binary file live in one place. Nothing is written unless the whole document
was made: a broken case or template gives exit status 2 and a Swedish message.

``--stored ID`` writes the document of a case in the register
(``IOP_DATABASE_URL``, else the default SQLite file): its status, who assessed
it and the decision come from the register, and once bedömd the assessment is
the one frozen then.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
from pathlib import Path

from iop.cli.terminal import json_text
from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.pdf_report import render_pdf
from iop.documents.text_report import to_json_dict, to_markdown
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.io.errors import InputError, Problem
from iop.model.assessment_record import Assessment
from iop.model.case import Case
from iop.records.record_meta import RecordMeta, frozen_assessment, record_meta_of
from iop.rules.rulebook import load_rulebook

FORMATS = ("docx", "pdf", "markdown", "json")
BINARY = ("docx", "pdf")


def add_report_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = sub.add_parser("report", help="skriv beslutsunderlaget för ett ärende (Word, PDF, Markdown, JSON)")
    report.add_argument("case", nargs="?", help="ärendefil i YAML")
    report.add_argument("--stored", metavar="ID",
                        help="ett sparat ärendes id i registret (IOP_DATABASE_URL), i stället för en fil")
    report.add_argument("--format", choices=FORMATS, default="docx")
    report.add_argument("-o", "--output", help="filen att skriva (krävs för docx och pdf)")
    report.add_argument("--criteria", help="kriterieuppsättning; annars den som ärendet anger")
    report.add_argument("--mode", choices=["official", "organisation"], default="official",
                        help="official: beslutsunderlag; organisation: på vanlig svenska med vad ni behöver förbereda")
    report.add_argument("--template", help="egen Word-mall för tjänsteskrivelsen (.docx); annars $IOP_DOCX_TEMPLATE "
                                           "eller den medföljande")
    report.add_argument("--assessed-by", default="", help="vem som gjorde bedömningen")
    report.add_argument("--status", choices=["utkast", "bedomd", "beslutad"], default="utkast")
    report.set_defaults(run=run_report)


def _stored(case_id: str, engine: Engine, set_id: str | None) -> tuple[Case, Assessment, RecordMeta]:
    """A case from the register, with its record and (once bedömd) its frozen assessment."""
    from iop.store import CaseRegister, StoreError, open_register, resolve_database_url

    try:
        database = open_register(resolve_database_url())
        try:
            register = CaseRegister(database)
            stored, statuses = register.load_case(case_id), register.status_records(case_id)
        finally:
            database.dispose()
    except StoreError as exc:
        raise InputError([Problem("registret", "--stored", str(exc))]) from None
    frozen = None if set_id else frozen_assessment(stored, statuses)
    return stored.case, frozen or engine.assess(stored.case, set_id), record_meta_of(stored, statuses)


def _render(args: argparse.Namespace) -> bytes:
    if (args.case is None) == (args.stored is None):
        raise InputError([Problem("", "ärende", "ange antingen en ärendefil eller --stored ID, inte båda.")])
    if args.template and args.mode == "organisation":
        raise InputError([Problem(args.template, "--template", "en egen mall gäller kommunens tjänsteskrivelse; "
                                  "organisationens sammanfattning görs alltid med den neutrala mallen, med "
                                  "organisationen som avsändare.")])
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    set_id = rulebook.criteria_set(args.criteria).id if args.criteria else None
    if args.stored is not None:
        case, assessment, record = _stored(args.stored, engine, set_id)
        source = f"registret:{args.stored}"
    else:
        path = Path(args.case)
        case = load_case(path, rulebook)
        assessment = engine.assess(case, set_id or case.criteria_set)
        record = RecordMeta(status=args.status, assessed_by=args.assessed_by,
                            assessed_at=dt.datetime.now(dt.UTC).replace(microsecond=0))
        source = str(path)
    outline = decision_outline(assessment, case, rulebook, record, args.mode)
    if args.format == "docx":
        return render_docx(outline, args.template)
    if args.format == "pdf":
        return render_pdf(outline)
    if args.format == "markdown":
        return to_markdown(outline).encode("utf-8")
    payload = {**to_json_dict(assessment, source), "record": record.model_dump(mode="json")}
    return (json_text(payload) + "\n").encode("utf-8")


def run_report(args: argparse.Namespace) -> int:
    if args.format in BINARY and not args.output:
        raise InputError([Problem("", "-o", f"ange filen att skriva med -o, t.ex. -o beslutsunderlag.{args.format}.")])
    data = _render(args)
    if not args.output:
        print(data.decode("utf-8"), end="")
        return 0
    target = Path(args.output)
    try:
        target.write_bytes(data)
    except OSError as exc:
        why = ("disken är full" if exc.errno == errno.ENOSPC
               else "kontrollera att mappen finns och är skrivbar")
        raise InputError([Problem(str(target), "-o", f"filen kan inte skrivas; {why}.")]) from None
    return 0
