"""``iop explain CASE.yaml``: the chain that decided a case's recommendation, step by step."""

from __future__ import annotations

import argparse
import re
from typing import Any

from iop.documents.explanation import explanation_markdown, explanation_text
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.engine.explanation import explain
from iop.rules.rulebook import load_rulebook

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _terminal_safe(text: str) -> str:
    # A case file may carry terminal control sequences in its text; they are shown, never obeyed.
    return _CONTROL.sub("\ufffd", text)


def _explain(args: argparse.Namespace) -> int:
    rulebook = load_rulebook()
    case = load_case(args.case, rulebook)
    set_id = rulebook.criteria_set(args.criteria).id if args.criteria else case.criteria_set
    explanation = explain(Engine(rulebook).assess(case, set_id), rulebook)
    if args.format == "markdown":
        print(_terminal_safe(explanation_markdown(explanation)))
    else:
        print(explanation_text(explanation, safe=_terminal_safe))
    return 0


def add_explain_parser(sub: Any) -> None:
    explain_parser = sub.add_parser(
        "explain", help="visa hur rekommendationen kom till: grindar, kriterier och regeln som avgjorde, "
                        "med fil och rad i criteria/")
    explain_parser.add_argument("case", help="ärendefil i YAML")
    explain_parser.add_argument("--criteria", help="kriterieuppsättning (annars ärendets egen)")
    explain_parser.add_argument("--format", choices=["text", "markdown"], default="text")
    explain_parser.set_defaults(run=_explain)
