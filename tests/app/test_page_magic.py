"""Page scripts show no stray text: Streamlit's "magic" writes every bare expression in a page to the page.

A string meant as a note on a constant (``X = 1`` followed by a docstring) or a bare
``f() if c else g()`` is drawn on the page for every user (the projector showed an
English note that way), so page scripts keep such notes as comments.
"""

from __future__ import annotations

import ast
import re

from tests.helpers import REPO


def _page_scripts() -> list[str]:
    return sorted(set(re.findall(r'"(app_pages/[a-z_]+\.py)"', (REPO / "app.py").read_text(encoding="utf-8"))))


def test_every_page_script_is_found() -> None:
    assert "app_pages/workshop.py" in _page_scripts() and len(_page_scripts()) >= 10


def test_no_page_script_has_a_bare_expression_that_magic_would_draw() -> None:
    drawn = []
    for name in ["app.py", *_page_scripts()]:
        tree = ast.parse((REPO / name).read_text(encoding="utf-8"))
        for index, node in enumerate(tree.body):
            if not isinstance(node, ast.Expr) or (index == 0 and isinstance(node.value, ast.Constant)):
                continue  # the module's docstring is not drawn
            if isinstance(node.value, ast.Call):
                continue  # a call is drawn only if it returns something, and pages call Streamlit for that
            drawn.append(f"{name}:{node.lineno}")
    assert drawn == []
