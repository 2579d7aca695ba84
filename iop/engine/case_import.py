"""Case files: YAML in, a validated case out, checked against the rulebook.

pydantic checks the shape of a case; only the rulebook knows which question
ids and answer options exist, so both checks run here before anything is
stored or assessed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml

from iop.engine.compiled import compile_rulebook
from iop.io.errors import InputError, Problem
from iop.io.yaml_models import decode_text, parse_yaml, read_text, validate
from iop.model.case import Case, ReferenceCase
from iop.model.questions import NOT_ANSWERED
from iop.rules.rulebook import Rulebook

C = TypeVar("C", bound=Case)


def answer_problems(case: Case, rulebook: Rulebook, file: str = "") -> list[Problem]:
    """Answers to questions that do not exist, or with options the question lacks."""
    allowed = compile_rulebook(rulebook).answer_values
    # The usual case first, one lookup per answer; the messages are only written when something is wrong.
    if case.criteria_set in rulebook.sets:
        for qid, answer in case.answers.items():
            if answer.value not in allowed.get(qid, ()):
                break
        else:
            return []
    problems = []
    questions = rulebook.questions.questions
    for qid, answer in case.answers.items():
        question = questions.get(qid)
        if question is None:
            problems.append(Problem(file, f"svar › {qid}", "okänd fråga; se `iop criteria` för frågornas id."))
        elif (value := answer.value) not in NOT_ANSWERED and value not in question.options:
            choices = ", ".join(question.options)
            problems.append(Problem(file, f"svar › {qid}",
                                    f"{answer.value!r} är inget svarsalternativ; välj ett av: {choices} eller vet_ej."))
    if case.criteria_set not in rulebook.sets:
        problems.append(Problem(file, "kriterieuppsättning",
                                f"{case.criteria_set!r} finns inte; välj en av: {', '.join(sorted(rulebook.sets))}."))
    return problems


def case_from_data(data: Any, rulebook: Rulebook, file: str = "", model: type[C] = ReferenceCase) -> C:  # type: ignore[assignment]
    """Validate parsed data as a case, including its answers; raises InputError."""
    case = validate(model, data, file)
    problems = answer_problems(case, rulebook, file)
    if problems:
        raise InputError(problems)
    return case


def case_from_text(text: str, rulebook: Rulebook, file: str = "") -> ReferenceCase:
    """Parse and validate the text of a case file (e.g. an upload)."""
    return case_from_data(parse_yaml(text, file), rulebook, file)


def case_from_bytes(data: bytes, rulebook: Rulebook, file: str = "") -> ReferenceCase:
    """Decode (at most 1 MB of UTF-8), parse and validate an uploaded case file."""
    return case_from_text(decode_text(data, file), rulebook, file)


def load_case(path: Path, rulebook: Rulebook) -> ReferenceCase:
    """Read, parse and validate a case file."""
    return case_from_text(read_text(path), rulebook, str(path))


# Characters a YAML reader folds, drops or refuses in plain, literal or folded scalars:
# NEL, the Unicode line and paragraph separators, CR, the BOM and anything non-printable.
_NEEDS_QUOTES = re.compile("[\x85\u2028\u2029\r\ufeff]|" + yaml.reader.Reader.NON_PRINTABLE.pattern)


class _CaseDumper(yaml.SafeDumper):
    """Strings that a plain or block scalar would not carry intact are written double-quoted (escaped)."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _NEEDS_QUOTES.search(value) or value != value.strip(" \t") and "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CaseDumper.add_representer(str, _represent_str)


def case_to_yaml(case: Case) -> str:
    """A case as YAML a person can read and edit, loadable again by ``case_from_text`` unchanged."""
    data = case.model_dump(mode="json", exclude_defaults=False)
    data.pop("expected", None)
    return yaml.dump(data, Dumper=_CaseDumper, allow_unicode=True, sort_keys=False, width=100)
