"""Form fields bound to the case: seeded from it, validated by pydantic, written back.

A value that fails validation stays in its widget (nothing the user typed is
lost) and a Swedish message says what is wrong; the case keeps its last valid
value until the input is corrected.
"""

from __future__ import annotations

import math
from typing import Any, TypeVar

import streamlit as st
from pydantic import BaseModel, ValidationError

from app_pages import session
from iop.errors import problems_from_validation

M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], current: M, data: dict[str, Any], where: str) -> M:
    """``current`` updated with ``data`` if valid; otherwise ``current``, with the problems shown."""
    try:
        return model.model_validate({**current.model_dump(), **data})
    except ValidationError as exc:
        for problem in problems_from_validation(exc):
            # the message quotes what the user typed: escaped, so it is shown and never rendered
            st.error(session.escape(f"{where} › {problem.field}: {problem.message}"), icon=":material/error:")
        return current


def text(label: str, key: str, current: str, **kwargs: Any) -> str:
    return st.text_input(label, key=session.seeded(key, current), **kwargs)


def long_text(label: str, key: str, current: str, **kwargs: Any) -> str:
    return st.text_area(label, key=session.seeded(key, current), **kwargs)


def whole_number(label: str, key: str, current: int | None, **kwargs: Any) -> int | float | None:
    value = st.number_input(label, key=session.seeded(key, current), step=1, format="%d", **kwargs)
    if value is None or not math.isfinite(value):
        return value  # int(inf) would raise; pydantic says in Swedish that it is not a finite number
    return int(value)
