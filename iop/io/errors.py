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
    "registration": "registrering",
    "subject": "ärendemening",
    "officer": "handläggare",
    "decision_body": "beslutsinstans",
    "secrecy": "sekretess",
    "marked": "sekretessmarkering",
    "provision": "lagrum",
    "reason": "skäl",
    "retention": "bevarande och gallring",
    "disposal": "bevaras eller gallras",
    "after": "gallringsfrist",
    "basis": "grund för gallring",
    "memo": "tjänsteskrivelsen",
    "proposal": "förslag till beslut",
    "summary": "sammanfattning",
    "background": "ärendet (egen text)",
    "assessment": "bedömning (egen text)",
    "economy": "ekonomiska konsekvenser (egen text)",
    "child_rights": "barnrättsbedömning",
    "attachments": "bilagor",
    "recipients": "beslutet skickas till",
    "officer_title": "handläggarens titel",
    "manager": "chef",
    "manager_title": "chefens titel",
    "[key]": "nyckeln",
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


def shown_value(given: Any) -> str:
    """A value the user gave, quoted for a message: short, and safe for any size of number."""
    if isinstance(given, (dict, list)):
        return "en lista eller tabell"
    if isinstance(given, int) and not isinstance(given, bool) and abs(given) >= 10**30:
        return "ett tal med över 30 siffror"  # repr() of a huge int is slow, or refused past 4,300 digits
    try:
        text = repr(given)
    except ValueError:
        return "ett mycket stort tal"
    return text if len(text) <= 60 else text[:57] + "…"


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    shown = shown_value(given)
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
        return f"{shown} är för litet; värdet måste vara minst {_number(ctx.get('ge'))}."
    if kind == "greater_than":
        return f"{shown} är för litet; värdet måste vara större än {_number(ctx.get('gt'))}."
    if kind == "less_than_equal":
        return f"{shown} är för stort; värdet får vara högst {_number(ctx.get('le'))}."
    if kind == "less_than":
        return f"{shown} är för stort; värdet måste vara mindre än {_number(ctx.get('lt'))}."
    if kind == "finite_number":
        return f"{shown} är inte ett ändligt tal; skriv ett vanligt tal, t.ex. 11.2."
    if kind == "string_too_long":
        length = len(given) if isinstance(given, str) else None
        told = f"{_number(length)} tecken lång" if length is not None else "för lång"
        return f"texten är {told}; högst {_number(ctx.get('max_length'))} tecken får plats."
    if kind == "too_long":
        actual = ctx.get("actual_length")
        told = f"{_number(actual)} delar" if isinstance(actual, int) else "för många delar"
        return f"har {told}; högst {_number(ctx.get('max_length'))} får plats."
    if kind in ("string_unicode", "bytes_type"):
        return "ska vara vanlig text."
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


def _number(value: Any) -> str:
    """A bound as a Swede writes it: 1 000 000 000 000, 100.0 -> 100."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def yaml_problem(exc: Exception, file: str = "") -> Problem:
    """A YAML error (syntax, limits, duplicate key, bad scalar) as a Swedish Problem with its line."""
    from iop.io.safe_yaml import BadScalar, DuplicateKey, LimitExceeded

    if isinstance(exc, LimitExceeded):
        what = {
            "size": "filen är för stor för att vara ett ärende (högst 1 MB).",
            "depth": "filen är för djupt nästlad för att vara ett ärende (högst 50 nivåer).",
            "nodes": "filen har för många värden för att vara ett ärende (högst 100 000, alias inräknade).",
            "aliases": "filen har för många alias (*namn) för att vara ett ärende.",
        }[exc.what]
        return Problem(file, f"rad {exc.line}" if exc.line else "", what)
    if isinstance(exc, DuplicateKey):
        return Problem(file, f"rad {exc.line}",
                       f"nyckeln {shown_value(exc.key)} står två gånger i samma tabell (första gången på "
                       f"rad {exc.first_line}); ta bort den ena.")
    if isinstance(exc, BadScalar):
        return Problem(file, f"rad {exc.line}, kolumn {exc.column}",
                       f"värdet {shown_value(exc.value)} kan inte läsas (fel tal, datum eller YAML-tagg som !!float); "
                       "skriv värdet utan tagg, eller inom citattecken om det är text.")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"rad {mark.line + 1}, kolumn {mark.column + 1}" if mark else ""
    if mark is None and getattr(exc, "position", None) is not None:  # yaml.reader.ReaderError
        where = f"tecken nr {exc.position + 1}"  # type: ignore[attr-defined]
        return Problem(file, where, "filen innehåller ett tecken som inte får stå i en textfil.")
    return Problem(file, where, "filen är inte giltig YAML; kontrollera indrag, kolon och citattecken.")


def os_problem(exc: OSError, file: str = "") -> Problem:
    """Why a file or folder could not be read, in Swedish (never a traceback)."""
    if isinstance(exc, FileNotFoundError):
        return Problem(file, "", "filen finns inte.")
    if isinstance(exc, IsADirectoryError):
        return Problem(file, "", "är en mapp, inte en fil.")
    if isinstance(exc, PermissionError):
        return Problem(file, "", "du saknar behörighet att läsa den; kontrollera filens eller mappens rättigheter.")
    if isinstance(exc, NotADirectoryError):
        return Problem(file, "", "en del av sökvägen är inte en mapp.")
    return Problem(file, "", f"kan inte läsas ({exc.strerror or type(exc).__name__}).")


def problems_from_validation(error: ValidationError, file: str = "") -> list[Problem]:
    """Translate each pydantic error into a Swedish Problem naming the field."""
    return [Problem(file=file, field=field_path(e["loc"]), message=_message(e)) for e in error.errors()]
