"""Errors a user can act on, in Swedish.

Exception hierarchy::

    IopError
    └── InputError          a file or form the user supplied is not valid
        ├── RulebookError   the criteria/ data itself is inconsistent
        └── TemplateError   a Word template cannot be used (not .docx, bad placeholders)

Each carries a list of ``Problem``s naming the file, the field in the user's
words and what is wrong, so the CLI and the app can show them without a
traceback. pydantic's English messages are translated here, field by field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

FIELD_LABELS: dict[str, str] = {
    "title": "ärendets rubrik",
    "diarienummer": "diarienummer",
    "date": "bedömningsdatum",
    "criteria_set": "kriterieuppsättning",
    "public_party": "offentlig part",
    "organisation": "organisationen",
    "activity": "verksamheten",
    "state_aid": "statsstöd",
    "answers": "svar",
    "kind": "typ av offentlig part",
    "name": "namn",
    "committee": "nämnd",
    "contact": "kontaktperson",
    "org_number": "organisationsnummer",
    "legal_form": "juridisk form",
    "registered_ideburen": "registrerad som idéburen organisation",
    "contribution": "insatser",
    "money_sek_per_year": "pengar (kronor per år)",
    "volunteer_hours_per_year": "ideella timmar per år",
    "premises": "lokaler",
    "staff": "personal",
    "material": "material",
    "other": "annat",
    "description": "beskrivning",
    "target_group": "målgrupp",
    "area": "område",
    "start": "startdatum",
    "planned_duration_months": "planerad varaktighet (månader)",
    "sek_per_eur": "växelkurs (kronor per euro)",
    "other_de_minimis_sek": "annat de minimis-stöd (kronor)",
    "value": "svar",
    "reasoning": "motivering",
    "evidence": "underlag",
    "expected": "förväntat utfall",
    "recommendation": "rekommendation",
    "form": "form",
    "rule": "regel",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, and what to do about it."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class IopError(Exception):
    """Base of the errors this package raises on purpose."""


class InputError(IopError):
    """Input the user supplied is not valid; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RulebookError(InputError):
    """The criteria/ data is inconsistent (a maintainer's error, reported the same way)."""


class TemplateError(InputError):
    """A Word template for the decision document cannot be used; ``problems`` says why."""


def field_path(loc: Iterable[Any]) -> str:
    """A location tuple in the user's words: ``organisation.org_number`` -> organisationen › organisationsnummer."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"nr {part + 1}")
        else:
            parts.append(FIELD_LABELS.get(str(part), str(part)))
    return " › ".join(parts)


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    shown = repr(given) if not isinstance(given, (dict, list)) else "en lista eller tabell"
    if kind == "missing":
        return "uppgiften saknas; fyll i den."
    if kind == "extra_forbidden":
        return "okänt fält; ta bort det eller kontrollera stavningen."
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"{shown} är inte ett datum; skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-01-15."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{shown} är inte ett heltal; skriv en siffra utan mellanslag eller enhet."
    if kind in ("float_parsing", "float_type"):
        return f"{shown} är inte ett tal; använd punkt som decimaltecken."
    if kind == "greater_than_equal":
        return f"{shown} är för litet; värdet måste vara minst {ctx.get('ge')}."
    if kind == "greater_than":
        return f"{shown} är för litet; värdet måste vara större än {ctx.get('gt')}."
    if kind == "less_than_equal":
        return f"{shown} är för stort; värdet får vara högst {ctx.get('le')}."
    if kind in ("enum", "literal_error"):
        choices = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"{shown} är inget giltigt val; välj ett av: {choices}."
    if kind == "string_pattern_mismatch":
        return f"{shown} har fel format; organisationsnummer skrivs NNNNNN-NNNN."
    if kind == "string_too_short":
        return "får inte vara tomt."
    if kind in ("string_type",):
        return f"{shown} ska vara en text."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{shown} ska vara en tabell med fält (nyckel: värde)."
    if kind in ("list_type",):
        return f"{shown} ska vara en lista."
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"ogiltigt värde {shown}."


def problems_from_validation(error: ValidationError, file: str = "") -> list[Problem]:
    """Translate each pydantic error into a Swedish Problem naming the field."""
    return [Problem(file=file, field=field_path(e["loc"]), message=_message(e)) for e in error.errors()]
