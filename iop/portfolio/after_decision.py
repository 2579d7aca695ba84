"""What Status och historik decides after the decision: the case's line, what is due, the agreement's
form (which terms the decision holds and which are typed here, with what defaults), reading what was
typed into an agreement or a follow-up, and the follow-ups as a table.

The page (``app_pages/parts/agreement_view.py``) only lays these out; every rule is here and
tested in ``tests/portfolio/test_after_decision.py``. Each fact has one place: the decision's
terms (period, decided form, the municipality's money per year) are shown from the decision
when it states them and typed on the agreement only when it does not (``iop.records.agreement``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import ValidationError

from iop.engine.evaluation import Engine
from iop.io import problems_from_validation
from iop.model.case import Case
from iop.model.questions import QuestionCatalog
from iop.portfolio.dates import local_time
from iop.portfolio.figures import FORM_GROUP
from iop.portfolio.reassess import changed_answer_lines, reassess
from iop.portfolio.todo import TODO_LABEL, AgreementState, evaluation_due, next_follow_up, notice_deadline, todo_for
from iop.records.agreement import (
    FOLLOW_UP_LABEL,
    SUBFORMS,
    Agreement,
    FollowUp,
    FollowUpKind,
    Reassessment,
    RecordedFollowUp,
    agreement_problems,
    contacts_from_text,
    contacts_to_text,
    decision_states,
)
from iop.records.record import STATUS_LABEL, AssessmentSnapshot, CaseStatus, Decision
from iop.words import AmountError, format_kronor, parse_kronor, parse_months, parse_swedish_date, swedish_number
from iop.words.clock import DATE_FORMAT, date_problem

NO_FORM = "ingen"
"""The form box's first choice: no sub-form named."""


# ----- the case's line ----------------------------------------------------------------------------

def case_label(row: Mapping[str, Any]) -> str:
    """A case in a line or a choice: title (diarienummer) · decided form, else status · year."""
    number = f" ({row['diarienummer']})" if row.get("diarienummer") else ""
    year = "" if row.get("year") is None or pd.isna(row["year"]) else f" {int(row['year'])}"
    where = (FORM_GROUP.get(str(row["form_group"]), str(row["form_group"])) if row.get("decision")
             else STATUS_LABEL[CaseStatus(row["status"])])
    return f"{row['title']}{number} · {where}{year}"


def case_labels(choices: pd.DataFrame) -> dict[str, str]:
    """Case id -> ``case_label`` for every case (``PortfolioStore.case_choices``), in their order."""
    columns = list(choices.columns)
    return {str(values[0]): case_label(dict(zip(columns, values, strict=True)))
            for values in zip(*(choices[c].tolist() for c in columns), strict=True)}


GONE = "(ärendet finns inte längre i registret)"


def link_choices(labels: Mapping[str, str], case_id: str, predecessors: Sequence[str],
                 successors: Sequence[str]) -> dict[str, str]:
    """The cases this one can be linked to as a successor: all but itself and its line."""
    taken = {case_id, *predecessors, *successors}
    return {i: label for i, label in labels.items() if i not in taken}


# ----- what is due --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    """One line of a case's Att göra: the kind's label, the state (snart, försenad) and the text."""

    label: str
    overdue: bool
    text: str


def due_lines(state: AgreementState | None, today: dt.date) -> list[Due]:
    return [Due(TODO_LABEL[item.kind], item.overdue, item.text) for item in
            (todo_for(state, today) if state is not None else [])]


def upcoming(state: AgreementState | None) -> str:
    """The agreement's next dates in one line (empty without an agreement or dates)."""
    if state is None:
        return ""
    days = [("Nästa avstämning", next_follow_up(state)), ("Sista dag att säga upp", notice_deadline(state.schedule)),
            ("Utvärdering före förnyelse", evaluation_due(state.schedule))]
    return " · ".join(f"{label}: {day.isoformat()}" for label, day in days if day is not None)


def de_minimis_line(table: pd.DataFrame) -> str:
    """The organisation's de minimis room in a sentence (``PortfolioStore.de_minimis_for``), '' without aid."""
    if table.empty:
        return ""
    found = table.iloc[0]
    left = found["headroom_general_eur"]
    if pd.isna(left):
        return ""
    return (f"Stöd av mindre betydelse till {found['organisation']} de senaste tre åren, i alla dess ärenden: "
            f"{swedish_number(int(found['general_eur']))} euro; kvar till taket "
            f"{swedish_number(int(found['ceiling_general_eur']))} euro: {swedish_number(int(left))} euro"
            + (" (över taket)." if left < 0 else "."))


# ----- the agreement's form -------------------------------------------------------------------------

def _months_text(months: int | None) -> str:
    return f"{months} månader" if months else ""


def _kronor_text(value: int | None) -> str:
    return format_kronor(value) if value is not None else ""


def _period_text(start: dt.date | None, end: dt.date | None) -> str:
    return f"{start.isoformat() if start else '?'}–{end.isoformat() if end else 'tills vidare'}"


@dataclass(frozen=True)
class AgreementPlan:
    """The agreement's form for one decided case and one person: what is shown from the decision,
    which terms are typed here, and every field's text to start from."""

    from_decision: list[str]
    """The decision's terms, in words (shown, not typed again)."""
    period_typed: bool
    form_typed: bool
    amount_typed: bool
    forms: list[str]
    form: str
    """The form box's choice to start from (``NO_FORM`` or a sub-form)."""
    texts: dict[str, str]
    """Field name -> the text to start from: start, end, notice, follow_up, evaluation, amount, in_kind,
    organisation, organisation_in_kind, contacts."""
    kept: dict[str, Any] = field(default_factory=dict)
    """Decision terms this person may not set, kept as they are stored (a beslutsfattare set them)."""
    notes: list[str] = field(default_factory=list)
    """What the person should know about a term they cannot type here."""


def agreement_plan(decision: Decision | None, current: Agreement | None, may_decide: bool) -> AgreementPlan:
    """The form: a term the decision states is shown from it; one it does not state is typed here (the form
    and the municipality's money only by a role that may decide; others see what is stored)."""
    stated = decision_states(decision)
    shown: list[str] = []
    notes: list[str] = []
    kept: dict[str, Any] = {}
    if decision is not None and "period" in stated:
        shown.append(f"Perioden enligt beslutet: {_period_text(decision.period_start, decision.period_end)}")
    if decision is not None and decision.form is not None:
        shown.append(f"Formen enligt beslutet: {FORM_GROUP.get(decision.form, decision.form)}")
    if decision is not None and decision.sek_per_year is not None:
        shown.append(f"Kommunens pengar enligt beslutet: {format_kronor(decision.sek_per_year)} per år")
    form_typed = "form" not in stated and may_decide and decision is not None and bool(SUBFORMS[decision.decision])
    amount_typed = "municipality_sek_per_year" not in stated and may_decide
    if "form" not in stated and not form_typed and current is not None and current.form is not None:
        kept["form"] = current.form
        shown.append(f"Formen enligt överenskommelsen: {FORM_GROUP.get(current.form, current.form)}")
    if "municipality_sek_per_year" not in stated and not may_decide:
        if current is not None and current.municipality_sek_per_year is not None:
            kept["municipality_sek_per_year"] = current.municipality_sek_per_year
            shown.append("Kommunens pengar enligt överenskommelsen: "
                         f"{format_kronor(current.municipality_sek_per_year)} per år")
        notes.append("Beslutet anger inte kommunens belopp per år; det registreras av en beslutsfattare. "
                     "Tills dess räknas beloppet i ärendet.")
    forms = [NO_FORM, *SUBFORMS.get(decision.decision, ())] if decision else [NO_FORM]
    texts = {
        "start": current.start.isoformat() if current and current.start else "",
        "end": current.end.isoformat() if current and current.end else "",
        "notice": _months_text(current.notice_months if current else None),
        "follow_up": _months_text(current.follow_up_months if current else 12),
        "evaluation": _months_text(current.evaluation_months_before_end if current else None),
        "amount": _kronor_text(current.municipality_sek_per_year if current else None),
        "in_kind": _kronor_text(current.municipality_in_kind_sek_per_year if current else None),
        "organisation": _kronor_text(current.organisation_sek_per_year if current else None),
        "organisation_in_kind": _kronor_text(current.organisation_in_kind_sek_per_year if current else None),
        "contacts": contacts_to_text(current.contacts) if current else "",
    }
    form = current.form if current and current.form in forms else NO_FORM
    return AgreementPlan(from_decision=shown, period_typed="period" not in stated, form_typed=form_typed,
                         amount_typed=amount_typed, forms=forms, form=form or NO_FORM, texts=texts, kept=kept,
                         notes=notes)


def agreement_lines(agreement: Agreement, decision: Decision | None) -> list[str]:
    """The recorded agreement in words, for everyone who reads the case (the decision's terms are said apart)."""
    stated = decision_states(decision)
    lines = []
    if "period" not in stated and agreement.start is not None:
        lines.append(f"Perioden enligt överenskommelsen: {_period_text(agreement.start, agreement.end)}")
    for label, months in (("Uppsägningstid", agreement.notice_months), ("Avstämning var", agreement.follow_up_months),
                          ("Utvärdering före slutdatum", agreement.evaluation_months_before_end)):
        if months:
            lines.append(f"{label}: {months} månader")
    for label, value in (("Kommunens övriga insatser", agreement.municipality_in_kind_sek_per_year),
                         ("Organisationens pengar", agreement.organisation_sek_per_year),
                         ("Organisationens övriga insatser", agreement.organisation_in_kind_sek_per_year)):
        if value is not None:
            lines.append(f"{label}: {format_kronor(value)} per år")
    if agreement.contacts:
        lines.append("Kontaktpersoner: " + "; ".join(
            ", ".join(part for part in (c.name, c.role, c.reach) if part) for c in agreement.contacts))
    return lines


@dataclass(frozen=True)
class Field:
    """One text field of the agreement's form."""

    name: str
    label: str
    placeholder: str = ""
    help: str | None = None


AGREEMENT_ROWS: tuple[tuple[Field, ...], ...] = (
    (Field("start", "Startdatum", DATE_FORMAT), Field("end", "Slutdatum (tomt: tills vidare)", DATE_FORMAT)),
    (Field("notice", "Uppsägningstid före slutdatum", "t.ex. 3 månader"),
     Field("follow_up", "Avstämning var", "t.ex. 12 månader", "12 månader: en årlig avstämning."),
     Field("evaluation", "Utvärdering före slutdatum", "t.ex. 6 månader",
           "Hur långt före slutdatum verksamheten utvärderas inför ett beslut om förnyelse.")),
    (Field("amount", "Kommunens pengar, kr per år", "tomt: enligt ärendet"),
     Field("organisation", "Organisationens pengar, kr per år", "tomt: enligt ärendet")),
    (Field("in_kind", "Kommunens övriga insatser värderade, kr per år", "t.ex. lokaler"),
     Field("organisation_in_kind", "Organisationens övriga insatser värderade, kr per år", "t.ex. ideella timmar")),
)
"""The agreement's text fields, row by row as the form lays them out (contacts and the form box apart)."""


def field_rows(plan: AgreementPlan) -> list[list[Field | None]]:
    """The rows of fields ``plan`` types, each as wide as the form lays it out: the fields it types first,
    then empty places (None); a row with nothing to type is left out."""
    skipped = set() if plan.period_typed else {"start", "end"}
    if not plan.amount_typed:
        skipped.add("amount")
    rows: list[list[Field | None]] = []
    for row in AGREEMENT_ROWS:
        kept: list[Field | None] = [f for f in row if f.name not in skipped]
        if kept:
            rows.append(kept + [None] * (len(row) - len(kept)))
    return rows


MONTH_FIELDS = {"notice": ("Uppsägningstid", "notice_months"), "follow_up": ("Avstämning", "follow_up_months"),
                "evaluation": ("Utvärdering", "evaluation_months_before_end")}
KRONOR_FIELDS = {"amount": ("Kommunens pengar", "municipality_sek_per_year"),
                 "in_kind": ("Kommunens övriga insatser", "municipality_in_kind_sek_per_year"),
                 "organisation": ("Organisationens pengar", "organisation_sek_per_year"),
                 "organisation_in_kind": ("Organisationens övriga insatser", "organisation_in_kind_sek_per_year")}


def read_agreement(plan: AgreementPlan, typed: Mapping[str, str], form: str,
                   decision: Decision | None) -> tuple[Agreement | None, list[str]]:
    """The agreement from what was typed (the plan's fields), or None and every problem in Swedish.

    A field the plan does not type is left to the decision (or kept as stored); nothing typed is
    guessed: a bad date, number or contact line is named, and ``agreement_problems`` says what the
    decision already holds or what is missing.
    """
    problems: list[str] = []
    values: dict[str, Any] = dict(plan.kept)
    if plan.period_typed:
        for name, label in (("start", "Startdatum"), ("end", "Slutdatum")):
            try:
                values[name] = parse_swedish_date(typed.get(name, ""))
            except ValueError:
                problems.append(date_problem(label, typed.get(name, "")))
    for name, (label, key) in MONTH_FIELDS.items():
        try:
            number = parse_months(typed.get(name, ""))
            values[key] = number.value if number else None
        except AmountError as exc:
            problems.append(f"{label}: {exc}")
    for name, (label, key) in KRONOR_FIELDS.items():
        if name == "amount" and not plan.amount_typed:
            continue
        try:
            number = parse_kronor(typed.get(name, ""))
            values[key] = number.value if number else None
        except AmountError as exc:
            problems.append(f"{label}: {exc}")
    if plan.form_typed:
        values["form"] = None if form == NO_FORM else form
    contacts, contact_problems = contacts_from_text(typed.get("contacts", ""))
    problems += contact_problems
    if problems:
        return None, problems
    try:
        agreement = Agreement.model_validate({**values, "contacts": contacts})
    except ValidationError as exc:
        return None, [p.message if p.field in ("", "(överst)") else f"{p.field}: {p.message}"
                      for p in problems_from_validation(exc)]
    problems = agreement_problems(decision, agreement)
    return (None, problems) if problems else (agreement, [])


# ----- follow-ups ------------------------------------------------------------------------------------

def follow_up_table(done: Sequence[RecordedFollowUp], case: Case, catalog: QuestionCatalog) -> pd.DataFrame:
    """The case's follow-ups, oldest first, as the page and its screen readers read them."""
    return pd.DataFrame({
        "Datum": [f.follow_up.date.isoformat() for f in done],
        "Slag": [FOLLOW_UP_LABEL[f.follow_up.kind] for f in done],
        "Vad som konstaterades": [f.follow_up.found for f in done],
        "Anteckningar": [f.follow_up.notes for f in done],
        "Ändrade uppgifter": ["; ".join(changed_answer_lines(case, f.follow_up.changed_answers, catalog))
                              for f in done],
        "Registrerad": [f"{local_time(f.recorded_at)}, {f.author}" for f in done],
    })


@dataclass(frozen=True)
class Reassessed:
    """The latest re-assessment a follow-up made, in words."""

    heading: str
    lines: list[str]
    changed: bool


def latest_reassessment(done: Sequence[RecordedFollowUp]) -> Reassessed | None:
    latest = next((f for f in reversed(done) if f.follow_up.reassessment is not None), None)
    if latest is None or latest.follow_up.reassessment is None:
        return None
    again: Reassessment = latest.follow_up.reassessment
    heading = (f"Omprövning efter uppföljningen {latest.follow_up.date.isoformat()}: "
               + ("bedömningen blir en annan." if again.changed else "rekommendationen står sig."))
    return Reassessed(heading, list(again.differences), again.changed)


def answer_index(options: Sequence[str], case: Case, question: str) -> int:
    """Where a changed fact's answer box starts: the case's answer now, else the first option."""
    now = case.answers.get(question)
    return options.index(now.option) if now and now.option in options else 0


def read_follow_up(day: str, kind: FollowUpKind, found: str, notes: str, answers: Mapping[str, str], case: Case,
                   snapshot: AssessmentSnapshot | None, engine: Engine,
                   today: dt.date) -> tuple[FollowUp | None, list[str]]:
    """The follow-up from what was typed, re-assessed when facts changed, or None and the problems in Swedish.

    A blank date is today (Stockholm). Only answers that differ from the case's are changes; with
    changes and a frozen assessment the case is assessed again and compared with it.
    """
    problems: list[str] = []
    try:
        follow_day = parse_swedish_date(day) or today
    except ValueError:
        problems.append(date_problem("Datum", day))
        follow_day = today
    if not found.strip():
        problems.append("Skriv vad som konstaterades vid uppföljningen.")
    if problems:
        return None, problems
    changed = {qid: option for qid, option in answers.items()
               if option != (case.answers[qid].option if qid in case.answers else None)}
    outcome = reassess(engine, case, snapshot.assessment(), changed) if changed and snapshot is not None else None
    try:
        return FollowUp(date=follow_day, kind=kind, found=found.strip(), notes=notes.strip(), changed_answers=changed,
                        reassessment=outcome), []
    except ValidationError:
        return None, ["Uppföljningen kunde inte sparas: texten är för lång (högst 10 000 tecken i vad som "
                      "konstaterades, 20 000 i anteckningarna)."]
