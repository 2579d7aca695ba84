"""What changed between two versions of a case, in words, and a three-way merge.

The history view and the "someone else saved first" message both need to tell an
official what changed ("Svaret på 'Vem tog initiativet?' ändrades från A till B"),
not show JSON. The merge keeps both people's work when they changed different
things and names the fields where they collided.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from iop.model.case import Answer, Case
from iop.model.questions import NOT_ANSWERED, QuestionCatalog
from iop.records.record import STATUS_LABEL, Revision, StatusRecord
from iop.records.record_meta import decision_wording
from iop.records.status_steps import status_note_addition
from iop.words.clock import swedish_time
from iop.words.kronor import format_hours, format_kronor, format_months
from iop.words.swedish import LEGAL_FORM, YES_NO_UNKNOWN
from iop.words.voice import OFFICIAL

TEXT_LIMIT = 200
"""A motivering is shown up to this many characters before and after: enough to see what changed."""

_LEGAL_FORM_LABELS = {form.value: label for form, label in LEGAL_FORM.items()}

FIELD_LABELS: dict[str, str] = {
    "title": "Titel",
    "diarienummer": "Diarienummer",
    "date": "Datum",
    "criteria_set": "Kriterieuppsättning",
    "public_party.kind": "Offentlig part, typ",
    "public_party.name": "Offentlig part",
    "public_party.committee": "Nämnd",
    "organisation.name": "Organisation",
    "organisation.org_number": "Organisationsnummer",
    "organisation.legal_form": "Juridisk form",
    "organisation.registered_ideburen": "Registrerad som idéburen",
    "activity.description": "Verksamhetens beskrivning",
    "activity.target_group": "Målgrupp",
    "activity.area": "Område",
    "activity.start": "Startdatum",
    "activity.planned_duration_months": "Planerad längd (månader)",
    "state_aid.sek_per_eur": "Växelkurs SEK per euro",
    "state_aid.other_de_minimis_sek": "Annat de minimis-stöd (kr)",
    "registration.subject": "Ärendemening",
    "registration.officer": "Handläggare",
    "registration.decision_body": "Beslutsinstans",
    "registration.secrecy.marked": "Sekretessmarkering",
    "registration.secrecy.provision": "Sekretess, lagrum",
    "registration.secrecy.reason": "Sekretess, skäl",
    "registration.retention.disposal": "Bevaras eller gallras",
    "registration.retention.after": "Gallringsfrist",
    "registration.retention.basis": "Grund för gallring",
    "memo.proposal": "Förslag till beslut",
    "memo.summary": "Sammanfattning",
    "memo.background": "Ärendet (egen text)",
    "memo.assessment": "Bedömning (egen text)",
    "memo.economy": "Ekonomiska konsekvenser (egen text)",
    "memo.child_rights": "Barnrättsbedömning",
    "memo.attachments": "Bilagor",
    "memo.recipients": "Beslutet skickas till",
    "memo.officer_title": "Handläggarens titel",
    "memo.manager": "Chef",
    "memo.manager_title": "Chefens titel",
}

_CONTRIBUTION_LABELS = {
    "money_sek_per_year": "pengar per år",
    "volunteer_hours_per_year": "ideella timmar per år",
    "premises": "lokaler",
    "staff": "personal",
    "material": "material",
    "other": "annat",
}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and key != "answers":
            flat.update(_flatten(value, path + "."))
        elif key != "answers":
            flat[path] = value
    return flat


def _field_label(path: str) -> str:
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    if ".contribution." in path:
        party, _, item = path.partition(".contribution.")
        who = "Organisationens" if party == "organisation" else "Kommunens/regionens"
        return f"{who} insats, {_CONTRIBUTION_LABELS.get(item, item)}"
    return path


def _shown(value: Any, limit: int = 60) -> str:
    if value is None or value == "" or value == []:
        return "(tomt)"
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return f"”{text if len(text) <= limit else text[:limit - 3] + '…'}”"


def _field_value(path: str, value: Any, names: Mapping[str, str]) -> str:
    """A field's value as the page shows it: kronor, hours, labels and set titles, not raw codes."""
    if value is None or value == "" or value == []:
        return "(tomt)"
    if path.endswith(("money_sek_per_year", "other_de_minimis_sek")) and isinstance(value, int):
        return f"”{format_kronor(value)}”"
    if path.endswith("volunteer_hours_per_year") and isinstance(value, int):
        return f"”{format_hours(value)}”"
    if path == "activity.planned_duration_months" and isinstance(value, int):
        return f"”{format_months(value)}”"
    if path == "organisation.legal_form":
        return f"”{_LEGAL_FORM_LABELS.get(str(value), value)}”"
    if path == "organisation.registered_ideburen":
        return f"”{YES_NO_UNKNOWN.get(str(value), value)}”"
    if path == "criteria_set":
        return f"”{names.get(str(value), value)}”"
    return _shown(value)


def _question_text(qid: str, catalog: QuestionCatalog | None) -> str:
    if catalog and qid in catalog.questions:
        return f"”{catalog.questions[qid].text}”"
    return f"”{qid}”"


def _option_label(qid: str, value: str, catalog: QuestionCatalog | None) -> str:
    if value in NOT_ANSWERED:
        return "Vet ej"
    if catalog and qid in catalog.questions:
        return catalog.questions[qid].options.get(value, value)
    return value


def _answer_changes(qid: str, a: Answer | None, b: Answer | None, catalog: QuestionCatalog | None) -> list[str]:
    """One answer's changes: the answer (first given, changed or removed), the motivering, the underlag."""
    question = _question_text(qid, catalog)
    lines: list[str] = []
    if a is None and b is not None:
        lines.append(f"Frågan {question} besvarades: {_option_label(qid, b.value, catalog)}.")
    elif b is None and a is not None:
        lines.append(f"Svaret på {question} togs bort (var {_option_label(qid, a.value, catalog)}).")
    elif a is not None and b is not None:
        was, now = _option_label(qid, a.value, catalog), _option_label(qid, b.value, catalog)
        if was != now:
            lines.append(f"Svaret på {question} ändrades från {was} till {now}.")
    before, after = (a.reasoning.strip() if a else ""), (b.reasoning.strip() if b else "")
    if before != after:
        if not before:
            lines.append(f"Motivering till {question} skrevs: {_shown(after, TEXT_LIMIT)}.")
        elif not after:
            lines.append(f"Motiveringen till {question} togs bort (var {_shown(before, TEXT_LIMIT)}).")
        else:
            lines.append(f"Motiveringen till {question} ändrades från {_shown(before, TEXT_LIMIT)} "
                         f"till {_shown(after, TEXT_LIMIT)}.")
    old_evidence, new_evidence = (a.evidence if a else []), (b.evidence if b else [])
    added = [e for e in new_evidence if e not in old_evidence]
    removed = [e for e in old_evidence if e not in new_evidence]
    if added:
        lines.append(f"Underlag till {question} lades till: {', '.join(_shown(e) for e in added)}.")
    if removed:
        lines.append(f"Underlag till {question} togs bort: {', '.join(_shown(e) for e in removed)}.")
    return lines


def describe_changes(old: Case, new: Case, catalog: QuestionCatalog | None = None,
                     names: Mapping[str, str] | None = None) -> list[str]:
    """Each difference between ``old`` and ``new`` as one Swedish sentence, fields first, then answers.

    A first answer says what was answered ("besvarades: Ja"), never "ändrades från vet ej"; a motivering
    shows what it said before and after; underlag added and removed are named. ``names`` gives the
    criteria sets' titles, so a changed set is named as the page names it.
    """
    names = names or {}
    changes: list[str] = []
    before, after = _flatten(old.model_dump(mode="json")), _flatten(new.model_dump(mode="json"))
    for path in sorted(set(before) | set(after), key=lambda p: list(FIELD_LABELS).index(p)
                       if p in FIELD_LABELS else len(FIELD_LABELS)):
        if before.get(path) != after.get(path):
            changes.append(f"{_field_label(path)} ändrades från {_field_value(path, before.get(path), names)} "
                           f"till {_field_value(path, after.get(path), names)}.")
    for qid in sorted(set(old.answers) | set(new.answers)):
        changes += _answer_changes(qid, old.answers.get(qid), new.answers.get(qid), catalog)
    return changes


def describe_between(revisions: Sequence[Revision], records: Sequence[StatusRecord], first: int, last: int,
                     routine_notes: Collection[str] = ()) -> list[str]:
    """What happened to the case after version ``first`` up to ``last`` besides its content, in words.

    Status changes with who and when, the assessment frozen, the decision registered with its terms, and
    the notes of other revisions (an import, a workshop's conclusion, a merge); ``routine_notes`` such as
    the autosave's note are left out, as they say nothing the content changes do not.
    """
    low, high = min(first, last), max(first, last)
    lines: list[str] = []
    frozen = {r.revision: r for r in records}
    for revision in revisions:
        if not low < revision.number <= high:
            continue
        when = swedish_time(revision.created_at)
        who = f"version {revision.number}, {when}, {revision.author}"
        if revision.status_change is not None:
            line = f"Status ändrades till {STATUS_LABEL[revision.status_change]} ({who})"
            addition = status_note_addition(revision.status_change, revision.note)
            if addition:
                line += f": {addition}"
            lines.append(line if line.endswith(".") else line + ".")
        elif revision.note.strip() and revision.note not in routine_notes:
            lines.append(f"{revision.note.strip().rstrip('.')} ({who}).")
        record = frozen.get(revision.number)
        if record is not None and record.snapshot is not None:
            snap = record.snapshot
            lines.append(f"Bedömningen frystes: {OFFICIAL.verdict_sentence(snap.recommendation, snap.form)}")
        if record is not None and record.decision is not None:
            lines.append(f"Beslut: {decision_wording(record)}")
    return lines


CASE_ID = re.compile(r"\bärende ([0-9a-f]{16})\b")


def name_case_ids(text: str, names: Mapping[str, str]) -> str:
    """``text`` with "ärende 3f2c…" replaced by the case's title and Dnr, as officials know it."""
    return CASE_ID.sub(lambda m: f"ärendet {names[m.group(1)]}" if m.group(1) in names else m.group(0), text)


def case_name(title: str, diarienummer: str) -> str:
    """A case as officials refer to it: ”Title” (Dnr KS 2026/9)."""
    return f"”{title}”" + (f" (Dnr {diarienummer})" if diarienummer else "")


def _unflatten_into(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def merge_cases(base: Case, mine: Case, theirs: Case,
                catalog: QuestionCatalog | None = None) -> tuple[Case, list[str]]:
    """Three-way merge: start from ``theirs`` (the newest save) and re-apply what I changed since ``base``.

    A field or answer both changed differently is a conflict: mine wins (the user chose to
    merge while looking at the other's changes) and the conflict is named in the result,
    so nothing is overwritten silently.
    """
    b_flat, m_flat = _flatten(base.model_dump(mode="json")), _flatten(mine.model_dump(mode="json"))
    t_data = theirs.model_dump(mode="json")
    t_flat = _flatten(t_data)
    conflicts: list[str] = []
    for path, mine_value in m_flat.items():
        if mine_value == b_flat.get(path):
            continue
        if t_flat.get(path) not in (b_flat.get(path), mine_value):
            conflicts.append(f"{_field_label(path)}: båda ändrade; ditt värde {_shown(mine_value)} behölls, "
                             f"det andra var {_shown(t_flat.get(path))}.")
        _unflatten_into(t_data, path, mine_value)
    answers = dict(t_data.get("answers", {}))
    b_answers = base.model_dump(mode="json")["answers"]
    for qid in set(mine.answers) | set(b_answers):
        m = mine.answers[qid].model_dump(mode="json") if qid in mine.answers else None
        if m == b_answers.get(qid):
            continue
        t = answers.get(qid)
        if t not in (b_answers.get(qid), m):
            conflicts.append(f"Svaret på {_question_text(qid, catalog)}: båda ändrade; ditt svar behölls.")
        if m is None:
            answers.pop(qid, None)
        else:
            answers[qid] = m
    t_data["answers"] = answers
    return Case.model_validate(t_data), conflicts
