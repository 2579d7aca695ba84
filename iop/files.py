"""Reading YAML files safely into validated models, with Swedish errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from iop.errors import InputError, Problem, problems_from_validation

# The C loader is several times faster and just as safe; fall back where libyaml is missing.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 1_000_000
"""A case file is a few kilobytes; refuse anything far larger before parsing it."""


def parse_yaml(text: str, file: str = "") -> Any:
    """Parse YAML text with the safe loader; a syntax error becomes a Swedish Problem."""
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"rad {mark.line + 1}, kolumn {mark.column + 1}" if mark else ""
        raise InputError(
            [Problem(file, where, "filen är inte giltig YAML; kontrollera indrag, kolon och citattecken.")]
        ) from None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, or raise an InputError that says why not."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError([Problem(name, "", "filen är för stor för att vara ett ärende (högst 1 MB).")])
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(name, "", "filen finns inte.")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "", "är en mapp, inte en fil.")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(name, "", "filen är inte en textfil i UTF-8.")]) from None
    except OSError as exc:
        raise InputError([Problem(name, "", f"filen kan inte läsas ({exc.strerror}).")]) from None


def validate(model: type[M], data: Any, file: str = "", what: str = "ett ärende") -> M:
    """Validate parsed data as ``model``, translating every problem into Swedish."""
    if not isinstance(data, dict):
        raise InputError([Problem(file, "", f"filen innehåller inte {what} (en tabell med fält väntades).")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from_validation(exc, file)) from None


def load_model(path: Path, model: type[M], what: str = "ett ärende") -> M:
    """Read, parse and validate one YAML file."""
    name = str(path)
    return validate(model, parse_yaml(read_text(path), name), name, what)
