"""What changed between two versions of a case, in words, and a three-way merge.

The history view and the "someone else saved first" message both need to tell an
official what changed ("Svaret på 'Vem tog initiativet?' ändrades från A till B"),
not show JSON. The merge keeps both people's work when they changed different
things and names the fields where they collided.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iop.model.case import Case
from iop.model.questions import QuestionCatalog

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
        who = "Organisationens" if party == "organisation" else "Offentliga partens"
        return f"{who} insats, {_CONTRIBUTION_LABELS.get(item, item)}"
    return path


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(tomt)"
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return f"”{text if len(text) <= 60 else text[:57] + '…'}”"


def _question_text(qid: str, catalog: QuestionCatalog | None) -> str:
    if catalog and qid in catalog.questions:
        return f"”{catalog.questions[qid].text}”"
    return f"”{qid}”"


def _option_label(qid: str, value: str, catalog: QuestionCatalog | None) -> str:
    if value in ("", "vet_ej", "unknown"):
        return "vet ej"
    if catalog and qid in catalog.questions:
        return catalog.questions[qid].options.get(value, value)
    return value


def describe_changes(old: Case, new: Case, catalog: QuestionCatalog | None = None) -> list[str]:
    """Each difference between ``old`` and ``new`` as one Swedish sentence, fields first, then answers."""
    changes: list[str] = []
    before, after = _flatten(old.model_dump(mode="json")), _flatten(new.model_dump(mode="json"))
    for path in sorted(set(before) | set(after), key=lambda p: list(FIELD_LABELS).index(p)
                       if p in FIELD_LABELS else len(FIELD_LABELS)):
        if before.get(path) != after.get(path):
            changes.append(f"{_field_label(path)} ändrades från {_shown(before.get(path))} "
                           f"till {_shown(after.get(path))}.")
    for qid in sorted(set(old.answers) | set(new.answers)):
        a, b = old.answers.get(qid), new.answers.get(qid)
        a_value, b_value = (a.value if a else ""), (b.value if b else "")
        question = _question_text(qid, catalog)
        if _option_label(qid, a_value, catalog) != _option_label(qid, b_value, catalog):
            changes.append(f"Svaret på {question} ändrades från {_option_label(qid, a_value, catalog)} "
                           f"till {_option_label(qid, b_value, catalog)}.")
        if (a.reasoning if a else "") != (b.reasoning if b else ""):
            changes.append(f"Motiveringen till {question} redigerades.")
        if (a.evidence if a else []) != (b.evidence if b else []):
            changes.append(f"Underlagen till {question} ändrades.")
    return changes


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
