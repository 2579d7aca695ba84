"""Renderings of an assessment: plain text, Markdown, and the stable JSON object.

JSON schema ``iop-stod/assessment/1`` (keys are stable; new keys may be added)::

    schema          "iop-stod/assessment/1"
    file            the case file, when assessed from a file, else null
    case            {"title", "diarienummer", "date"}
    recommendation  "iop" | "grant" | "procurement" | "undecided"
    form            sub-form or null: normerat_foreningsbidrag, verksamhetsbidrag,
                    projektbidrag, lou, lov, reserved
    rule            {"id", "table", "layer", "annotation", "source", "qualified_id"}
    criteria_set    {"id", "version", "hash"}
    criteria        {criterion id: "met" | "partly" | "unknown" | "not_met"}
    necessary, should   the aggregate outcomes
    gates           {gate id: {"value", "rule", "rule_qualified"}}
    open_questions  [{"question", "text", "decisive",
                      "what_if": {option: {"recommendation", "form", "rule"}}}]
    changes         same shape, for answered questions whose other answers change the result
    warnings        [{"text", "remedy", "source"}]
    leaning         on an undecided case the preliminary leaning, else null:
                    {"preliminary": true, "outcome": "iop" | "grant" | "procurement" | null,
                     "points_to": where the facts point, also while a presumption holds the
                                  leaning back ("pekar mot bidrag"), or null,
                     "strength": "strong" | "moderate" | "weak" | null, "reachable", "scores",
                     "facts": [{"question", "answer", "toward", "weight", "basis", "source"}],
                     "sides": {"grant" | "iop" | "grant iop" | "procurement": [question ids]},
                     "presumptions": [{"id", "annotation", "source"}], "settle": [question ids],
                     "not_yet": why it is not yet a recommendation}
"""

from __future__ import annotations

from typing import Any

from iop.documents.outline import Bullets, Heading, Outline, Paragraph, Signatures, Table, build_outline
from iop.engine.leaning import leaning_sides
from iop.model.assessment_record import Assessment, Leaning, OpenQuestion
from iop.words.markdown_escape import markdown_document
from iop.words.voice import OFFICIAL

SCHEMA = "iop-stod/assessment/1"
SIGNATURE_BLANK = "______________________"
"""A signer not named yet: a line to sign on."""

md_escape = markdown_document
"""The Markdown export's escaper under its old name (see iop.words.markdown_escape)."""


def to_markdown(outline: Outline | Assessment) -> str:
    if isinstance(outline, Assessment):
        outline = build_outline(outline)
    out: list[str] = []
    for block in outline.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {markdown_document(block.text, single_line=True)}\n")
        elif isinstance(block, Paragraph):
            out.append(markdown_document(block.text) + "\n")
        elif isinstance(block, Bullets):
            # continuation lines are indented so that they stay inside their list item
            out.append("\n".join(f"- {markdown_document(i).replace(chr(10), chr(10) + '  ')}"
                                 for i in block.items) + "\n")
        elif isinstance(block, Table):
            out.append("| " + " | ".join(markdown_document(h, single_line=True) for h in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out.extend("| " + " | ".join(markdown_document(c, single_line=True) for c in row) + " |"
                       for row in block.rows)
            out.append("")
        elif isinstance(block, Signatures):
            out.append("\n\n".join(f"{markdown_document(name or SIGNATURE_BLANK, single_line=True)}  \n"
                                    f"*{markdown_document(role, single_line=True)}*" for name, role in block.signers)
                       + "\n")
    return "\n".join(out)


def to_text(outline: Outline | Assessment) -> str:
    if isinstance(outline, Assessment):
        outline = build_outline(outline)
    out: list[str] = []
    for block in outline.blocks:
        if isinstance(block, Heading):
            underline = "=" if block.level == 1 else "-" if block.level == 2 else ""
            out.append(("\n" if block.level > 1 else "") + block.text)
            if underline:
                out.append(underline * len(block.text))
        elif isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Bullets):
            out.extend(f"  • {i}" for i in block.items)
        elif isinstance(block, Table):
            widths = [max(len(r[i]) for r in [block.header, *block.rows]) for i in range(len(block.header))]
            for row in [block.header, *block.rows]:
                out.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())
        elif isinstance(block, Signatures):
            for name, role in block.signers:
                out += ["", f"  {name or SIGNATURE_BLANK}", f"  {role}"]
    return "\n".join(out) + "\n"


def _questions_json(questions: list[OpenQuestion]) -> list[dict[str, Any]]:
    return [
        {
            "question": q.question,
            "text": q.text,
            "decisive": q.decisive,
            "what_if": {w.option: {"recommendation": w.recommendation, "form": w.form, "rule": w.rule}
                        for w in q.what_if},
        }
        for q in questions
    ]


def leaning_json(leaning: Leaning | None) -> dict[str, Any] | None:
    """The ``leaning`` key of the JSON report (schema above); always marked preliminary."""
    if leaning is None:
        return None
    return {
        "preliminary": True,
        "outcome": leaning.outcome,
        "strength": leaning.strength,
        "blocked": leaning.blocked,
        "points_to": leaning.points_to,
        "reachable": list(leaning.reachable),
        "scores": dict(leaning.scores),
        "facts": [{"question": f.question, "answer": f.answer_label, "toward": list(f.toward), "weight": f.weight,
                   "basis": f.basis, "source": f.source.cite()} for f in leaning.facts],
        "sides": {side: [f.question for f in facts] for side, facts in leaning_sides(leaning)},
        "presumptions": [{"id": p.id, "annotation": p.annotation, "source": p.source.cite()}
                         for p in leaning.presumptions],
        "settle": [q.question for q in leaning.settle],
        "not_yet": OFFICIAL.not_yet(leaning),
    }


def to_json_dict(a: Assessment, file: str | None = None) -> dict[str, Any]:
    """The documented, stable JSON object (see the module docstring)."""
    return {
        "schema": SCHEMA,
        "file": file,
        "case": {"title": a.case_title, "diarienummer": a.diarienummer, "date": a.date.isoformat()},
        "recommendation": a.recommendation,
        "form": a.form,
        "rule": {
            "id": a.rule.id,
            "table": a.rule.table,
            "layer": a.rule.layer,
            "annotation": a.rule.annotation,
            "source": a.rule.source.cite(),
            "qualified_id": a.rule.qualified_id,
        },
        "criteria_set": {"id": a.criteria_set.id, "version": a.criteria_set.version, "hash": a.criteria_set.hash},
        "criteria": {c.id: c.outcome.value for c in a.criteria},
        "necessary": a.necessary.value,
        "should": a.should.value,
        "gates": {g.gate: {"value": g.value, "rule": g.rule.id, "rule_qualified": g.rule.qualified_id}
                  for g in a.gates},
        "open_questions": _questions_json(a.open_questions),
        "changes": _questions_json(a.changes),
        "warnings": [{"text": OFFICIAL.caution_text(w), "remedy": w.remedy, "source": w.source.cite()}
                     for w in a.warnings],
        "leaning": leaning_json(a.leaning),
    }
