"""The import rules that keep `iop` a domain package with one public surface.

Pages and `app.py` are thin layers over `iop`'s documented API (`iop/__init__.py`), so they import
from `iop` at top level only; `iop` itself never reaches up into Streamlit or the pages. The rules are
read from the source with `ast`, so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _top(module: str) -> str:
    return module.split(".")[0]


def test_domain_never_imports_streamlit_or_the_pages():
    offending = [
        (str(path.relative_to(ROOT)), module)
        for path in sorted((ROOT / "iop").rglob("*.py"))
        for module in _imported_modules(path)
        if _top(module) in {"streamlit", "app_pages", "app"}
    ]
    assert offending == []


def test_pages_and_app_import_iop_from_its_top_level_only():
    pages = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]
    offending = [
        (str(path.relative_to(ROOT)), module)
        for path in pages
        for module in _imported_modules(path)
        if _top(module) == "iop" and module != "iop"
    ]
    assert offending == []


def test_the_import_rule_sees_a_private_import(tmp_path: Path):
    page = tmp_path / "page.py"
    page.write_text("def f():\n    from iop.swedish import KIND\n    import iop.text_report\n", encoding="utf-8")
    assert list(_imported_modules(page)) == ["iop.swedish", "iop.text_report"]
