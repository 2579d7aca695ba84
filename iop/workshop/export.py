"""A workshop afterwards: anonymous answers as CSV and a summary in Markdown or Word.

Both follow the projected view's anonymity rule: a statement with fewer than
MIN_SHOWN answers contributes its count only, never its answers, because a file
that travels by e-mail must not reveal what the room was not shown. Rows are
sorted by value and comment, never by when they came in, so the order cannot
be matched to who answered first.

The CSV is opened in Excel or LibreOffice, which run a cell starting with ``=``,
``+``, ``-`` or ``@`` (and, after a tab or a carriage return, the same) as a
formula: ``=HYPERLINK(…)`` typed as a comment would become a link, ``+cmd|…`` a
command. As OWASP recommends for CSV injection, every such text cell is written
with a leading ``'`` (the spreadsheet shows the text as typed) and every text
cell is quoted.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from iop.documents.docx_report import DOCX_MIME, check_template, render_docx
from iop.documents.outline import (
    Block,
    Bullets,
    Outline,
    Paragraph,
    Section,
    Table,
    outline_from_sections,
)
from iop.documents.text_report import to_markdown
from iop.io.errors import TemplateError
from iop.model.questions import NOT_ANSWERED, QuestionCatalog
from iop.words.clock import swedish_time
from iop.words.swedish import DONT_KNOW_LABEL, swedish_number
from iop.workshop.live import PHASE_LABEL, AnonymousAnswer, Conclusion, Phase, Workshop
from iop.workshop.results import (
    CHOICES,
    DISAGREEMENT_RULE,
    MIN_SHOWN,
    describe,
    summarise,
)
from iop.workshop.statements import Statement

if TYPE_CHECKING:
    import pandas as pd

CSV_COLUMNS = ["påstående_nr", "påstående", "svar", "svar_text", "kommentar"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def spreadsheet_safe(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs as a formula: a leading ``'`` when it could start one.

    Leading blanks are looked through too: some spreadsheets strip them before deciding.
    """
    stripped = text.lstrip(" \u00a0")
    if text.startswith(FORMULA_START) or stripped.startswith(FORMULA_START):
        return "'" + text
    return text


def answers_frame(workshop: Workshop, answers: Mapping[str, Sequence[AnonymousAnswer]]) -> pd.DataFrame:
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    rows: list[dict[str, object]] = []
    for number, statement in enumerate(workshop.statements, start=1):
        given = answers.get(statement.id, ())
        if len(given) < MIN_SHOWN:
            continue
        for answer in sorted(given, key=lambda a: (a.value, a.comment)):
            rows.append({"påstående_nr": number, "påstående": spreadsheet_safe(statement.text), "svar": answer.value,
                         "svar_text": spreadsheet_safe(CHOICES[answer.value]),
                         "kommentar": spreadsheet_safe(answer.comment)})
    return pd.DataFrame(rows, columns=CSV_COLUMNS)


def answers_csv(workshop: Workshop, answers: Mapping[str, Sequence[AnonymousAnswer]]) -> str:
    """UTF-8 CSV with a BOM-free header; Excel in Swedish opens it via Data › Från text.

    Text cells are quoted and neutralised (``spreadsheet_safe``); numbers stay numbers.
    """
    return str(answers_frame(workshop, answers).to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC))


def summary_outline(workshop: Workshop, answers: Mapping[str, Sequence[AnonymousAnswer]],
                    participants: int, conclusions: Sequence[Conclusion] = (),
                    case_title: str | None = None, catalog: QuestionCatalog | None = None) -> Outline:
    """The workshop summary as a document outline, so Markdown and Word carry the same content.

    Per statement: how the room answered (the spread in words), the answer the group chose for each of
    the criterion's questions (with ``catalog`` their texts and options, else their ids) and its motivering.
    """
    by_statement = {c.statement_id: c for c in conclusions}
    facts = [["Datum", swedish_time(workshop.created_at, "date")],
             ["Deltagare", str(participants)]]
    if case_title:
        facts.append(["Ärende", case_title])
    sections = [Section("about", "Om workshoppen", [
        Table(["Uppgift", "Värde"], facts),
        Paragraph(f"Svaren är anonyma. Med färre än {MIN_SHOWN} svar visas bara antalet. {DISAGREEMENT_RULE}"),
    ])]
    for number, statement in enumerate(workshop.statements, start=1):
        sections.append(_statement_section(number, statement, workshop.phases[statement.id],
                                           answers.get(statement.id, ()), by_statement.get(statement.id), catalog))
    title = f"Workshop {workshop.number}: {workshop.title}"
    return outline_from_sections(title, sections, {
        "document_kind": "Workshopsammanfattning", "title": title,
        "date": swedish_time(workshop.created_at, "date")})


def _statement_section(number: int, statement: Statement, phase: Phase, given: Sequence[AnonymousAnswer],
                       conclusion: Conclusion | None, catalog: QuestionCatalog | None) -> Section:
    """One statement in the summary: how the room answered, the spread, the group's answer and motivering."""
    result = summarise(a.value for a in given)
    blocks: list[Block] = [Paragraph(f"{PHASE_LABEL[phase]}. {describe(result)}")]
    comments = sorted(a.comment for a in given if a.comment.strip()) if result.shown else []
    if comments:
        blocks += [Paragraph("Kommentarer:"), Bullets(comments)]
    if result.spread is not None:
        blocks.append(Paragraph(f"Spridning: {swedish_number(result.spread, 1)} steg, från {result.low} till "
                                f"{result.high} på skalan 1–5."))
    if conclusion is not None:
        blocks.append(Table(["Fråga", "Gruppens svar"],
                            [[_question(qid, catalog), _option(qid, option, catalog)]
                             for qid, option in conclusion.answers.items()]))
        blocks.append(Paragraph(f"Gruppens motivering: {conclusion.reasoning}"))
    elif statement.criterion_id is not None:
        blocks.append(Paragraph("Ingen slutsats förd in i ärendet."))
    marker = " – oenighet" if result.disagreement else ""
    return Section(f"statement-{number}", f"{number}. {statement.text}{marker}", blocks)


def summary_markdown(workshop: Workshop, answers: Mapping[str, Sequence[AnonymousAnswer]],
                     participants: int, conclusions: Sequence[Conclusion] = (),
                     case_title: str | None = None, catalog: QuestionCatalog | None = None) -> str:
    return to_markdown(summary_outline(workshop, answers, participants, conclusions, case_title, catalog))


def _question(qid: str, catalog: QuestionCatalog | None) -> str:
    return catalog.questions[qid].text if catalog and qid in catalog.questions else qid


def _option(qid: str, option: str, catalog: QuestionCatalog | None) -> str:
    if option in NOT_ANSWERED:
        return DONT_KNOW_LABEL
    if catalog and qid in catalog.questions:
        return catalog.questions[qid].options.get(option, option)
    return option




@dataclass(frozen=True)
class Download:
    """One file the facilitator can take away; ``make`` builds it only when it is taken."""

    label: str
    file_name: str
    mime: str
    kind: str
    """What the read log calls it."""
    format: str
    make: Callable[[], bytes]
    refusal: str = ""
    """Why it cannot be made (Swedish, the Word template's problems); the page shows it instead of a button."""


def downloads(workshop: Workshop, answers: Mapping[str, Sequence[AnonymousAnswer]], participants: int,
              conclusions: Sequence[Conclusion] = (), case_title: str | None = None,
              catalog: QuestionCatalog | None = None) -> list[Download]:
    """The answers as CSV and the summary as Markdown and Word (the neutral template: no letterhead)."""
    summary = summary_outline(workshop, answers, participants, conclusions, case_title, catalog)
    try:
        check_template(kind=summary.kind)
        refusal = ""
    except TemplateError as exc:
        refusal = "; ".join(str(p) for p in exc.problems)
    stem = f"workshop-{workshop.number}"
    return [
        Download("Svaren som CSV", f"{stem}-svar.csv", "text/csv", "workshop_svar", "csv",
                 lambda: answers_csv(workshop, answers).encode("utf-8")),
        Download("Sammanfattning (Markdown)", f"{stem}.md", "text/markdown", "workshop_sammanfattning", "markdown",
                 lambda: to_markdown(summary).encode("utf-8")),
        Download("Sammanfattning (Word)", f"{stem}.docx", DOCX_MIME, "workshop_sammanfattning", "docx",
                 lambda: render_docx(summary), refusal),
    ]
