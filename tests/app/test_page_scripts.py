"""Page scripts show only what they draw: Streamlit's "magic" is off and no page holds a bare expression.

With magic on, Streamlit writes every bare expression of a page script on the page:
a docstring under a constant in app_pages/workshop.py appeared, in English, at the
top of the Workshop, facilitator and projector pages.
"""

from __future__ import annotations

import ast
import re
import tomllib

import pytest

from tests.helpers import REPO

PAGE_SCRIPTS = sorted(set(re.findall(r'st\.Page\("(app_pages/[a-z_]+\.py)"', (REPO / "app.py").read_text())))


def test_magic_is_off_in_the_servers_configuration():
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False


def test_app_py_lists_the_page_scripts():
    assert "app_pages/workshop.py" in PAGE_SCRIPTS and "app_pages/workshop_join.py" in PAGE_SCRIPTS


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the docstring nodes: the first string of a module, function or class (magic skips them)."""
    owners = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    return {id(o.body[0]) for o in owners
            if o.body and isinstance(o.body[0], ast.Expr) and isinstance(o.body[0].value, ast.Constant)}


@pytest.mark.parametrize("script", ["app.py", *PAGE_SCRIPTS])
def test_no_page_script_has_a_bare_expression_magic_would_show(script: str):
    # Without the config (``streamlit run`` from another folder) magic is on again: the scripts must not rely on it.
    tree = ast.parse((REPO / script).read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    shown = [f"{script}:{node.lineno}" for node in ast.walk(tree)
             if isinstance(node, ast.Expr) and id(node) not in docstrings
             and not isinstance(node.value, ast.Call | ast.Await | ast.Yield | ast.YieldFrom)]
    assert shown == []
