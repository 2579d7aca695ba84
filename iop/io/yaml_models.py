"""Reading YAML files safely into validated models, with Swedish errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from iop.io.bounded_read import TooLarge, read_bounded
from iop.io.errors import InputError, Problem, os_problem, problems_from_validation, yaml_problem
from iop.io.safe_yaml import MAX_YAML_CHARS, load_yaml

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = MAX_YAML_CHARS
"""A case file is a few kilobytes; refuse anything far larger before parsing it."""

TOO_LARGE = "filen är för stor för att vara ett ärende (högst 1 MB)."


def parse_yaml(text: str, file: str = "") -> Any:
    """Parse YAML text within the limits of iop.io.safe_yaml; every failure becomes a Swedish Problem."""
    try:
        return load_yaml(text)
    except yaml.YAMLError as exc:
        raise InputError([yaml_problem(exc, file)]) from None
    except (RecursionError, MemoryError):  # belt and braces: the limits should make these unreachable
        raise InputError([Problem(
            file, "", "filen är för djupt nästlad eller för stor för att vara ett ärende.")]) from None


def decode_text(data: bytes, file: str = "") -> str:
    """Bytes from a file or an upload as text: at most 1 MB of UTF-8 (a BOM is allowed)."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError([Problem(file, "", TOO_LARGE)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(file, "", "filen är inte en textfil i UTF-8.")]) from None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file of at most 1 MB, or raise an InputError that says why not."""
    name = str(path)
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except TooLarge:
        raise InputError([Problem(name, "", TOO_LARGE)]) from None
    except OSError as exc:
        raise InputError([os_problem(exc, name)]) from None
    return decode_text(data, name)


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
