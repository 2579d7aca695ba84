"""The decision document is built and rendered in small parts (issue 10, point 5).

A reader who wants to change one section of the beslutsunderlag should find
one short function for it, not a long builder with every branch in it. This
pins the size so a new section cannot quietly grow back into one function.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import REPO

RENDERING_MODULES = ["documents/outline.py", "documents/decision_document.py", "documents/text_report.py",
                     "documents/docx_report.py", "documents/pdf_report.py", "workshop/export.py"]
MAX_LINES = 40


def long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[str, int]]:
    """Functions (and methods) in ``source`` longer than ``limit`` lines, decorators excluded."""
    return [(node.name, node.end_lineno - node.lineno + 1)
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None
            and node.end_lineno - node.lineno + 1 > limit]


def test_every_function_that_builds_or_renders_the_document_is_at_most_40_lines():
    found = {name: long_functions((REPO / "iop" / name).read_text(encoding="utf-8")) for name in RENDERING_MODULES}
    assert {name: longs for name, longs in found.items() if longs} == {}


def test_the_size_rule_sees_a_long_function():
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    assert long_functions(f"def build():\n{body}\n") == [("build", MAX_LINES + 1)]
    assert all(Path(REPO / "iop" / name).exists() for name in RENDERING_MODULES)
