"""``iop report``: the beslutsunderlag for one case file, as Word, PDF, Markdown or JSON.

Kept apart from ``iop.cli`` so the command's options and the writing of a
binary file live in one place. Nothing is written unless the whole document
was made: a broken case or template gives exit status 2 and a Swedish message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from iop.case_files import load_case
from iop.decision_document import decision_outline
from iop.docx_report import render_docx
from iop.engine import Engine
from iop.errors import InputError, Problem
from iop.pdf_report import render_pdf
from iop.record_meta import RecordMeta
from iop.report import to_json_dict, to_markdown
from iop.rulebook import load_rulebook

FORMATS = ("docx", "pdf", "markdown", "json")
BINARY = ("docx", "pdf")


def add_report_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = sub.add_parser("report", help="skriv beslutsunderlaget för ett ärende (Word, PDF, Markdown, JSON)")
    report.add_argument("case", help="ärendefil i YAML")
    report.add_argument("--format", choices=FORMATS, default="docx")
    report.add_argument("-o", "--output", help="filen att skriva (krävs för docx och pdf)")
    report.add_argument("--criteria", help="kriterieuppsättning; annars den som ärendet anger")
    report.add_argument("--mode", choices=["official", "organisation"], default="official",
                        help="official: beslutsunderlag; organisation: på vanlig svenska med vad ni behöver förbereda")
    report.add_argument("--template", help="egen Word-mall (.docx); annars $IOP_DOCX_TEMPLATE eller den medföljande")
    report.add_argument("--assessed-by", default="", help="vem som gjorde bedömningen")
    report.add_argument("--status", choices=["utkast", "bedomd", "beslutad"], default="utkast")
    report.set_defaults(run=run_report)


def _render(args: argparse.Namespace) -> bytes:
    rulebook = load_rulebook()
    path = Path(args.case)
    case = load_case(path, rulebook)
    set_id = rulebook.criteria_set(args.criteria).id if args.criteria else case.criteria_set
    assessment = Engine(rulebook).assess(case, set_id)
    # The hook for a stored case: the records store builds this RecordMeta from what it stored.
    record = RecordMeta(status=args.status, assessed_by=args.assessed_by,
                        assessed_at=dt.datetime.now().replace(microsecond=0))
    outline = decision_outline(assessment, case, rulebook, record, args.mode)
    if args.format == "docx":
        return render_docx(outline, args.template)
    if args.format == "pdf":
        return render_pdf(outline)
    if args.format == "markdown":
        return to_markdown(outline).encode("utf-8")
    payload = {**to_json_dict(assessment, str(path)), "record": record.model_dump(mode="json")}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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
    except OSError:
        raise InputError([Problem(str(target), "-o", "filen kan inte skrivas; "
                                                      "kontrollera att mappen finns och är skrivbar.")]) from None
    return 0
