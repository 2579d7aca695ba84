"""The architecture in one place: the wings of `iop`, the one way their imports run, and the faces.

Every rule is read from the source with `ast`, so a lazy import inside a function counts as much as
one at the top. The order below is the one drawn in README.md ("Domänens flyglar"); a test holds the
two together, so the picture cannot drift from the code.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO

# Lowest first. Wings on one line are peers: neither may import the other.
LAYERS: list[tuple[str, ...]] = [
    ("io",),
    ("model",),
    ("rules", "words"),
    ("engine",),
    ("guide", "records"),
    ("documents",),
    ("workshop", "portfolio"),
    ("store",),
    ("cli",),
]
LEVEL = {wing: level for level, wings in enumerate(LAYERS) for wing in wings}
IOP = REPO / "iop"
STORAGE = ("sqlalchemy", "alembic", "psycopg")
UI = ("streamlit", "app_pages", "app")
HEAVY = ("sqlalchemy", "pandas", "weasyprint", "docxtpl", "streamlit")


def imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def wing_of(path: Path) -> str:
    return path.relative_to(IOP).parts[0]


def domain_modules() -> list[Path]:
    return [p for p in sorted(IOP.rglob("*.py")) if p.parent != IOP]


def test_every_module_lives_in_a_wing_and_every_wing_is_in_the_order():
    flat = sorted(p.name for p in IOP.glob("*.py"))
    assert flat == ["__init__.py"]
    wings = sorted(p.name for p in IOP.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert wings == sorted(LEVEL)


def test_imports_run_one_way_between_wings():
    upward = [
        (str(path.relative_to(REPO)), module)
        for path in domain_modules()
        for module in imported_modules(path)
        if module.startswith("iop.")
        and (target := module.split(".")[1]) != wing_of(path)
        and LEVEL[target] >= LEVEL[wing_of(path)]
    ]
    assert upward == []


def test_the_root_face_is_empty():
    tree = ast.parse((IOP / "__init__.py").read_text(encoding="utf-8"))
    assert [type(node).__name__ for node in tree.body] == ["Expr"]  # the docstring, nothing else


def test_importing_the_engine_loads_no_store_no_pandas_no_renderers():
    probe = f"import sys, iop.engine, iop.guide; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_domain_never_imports_streamlit_or_the_pages():
    offending = [
        (str(path.relative_to(REPO)), module)
        for path in sorted(IOP.rglob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] in UI
    ]
    assert offending == []


def test_only_the_store_reaches_storage():
    offending = [
        (str(path.relative_to(REPO)), module)
        for path in domain_modules()
        if wing_of(path) != "store"
        for module in imported_modules(path)
        if module.split(".")[0] in STORAGE
    ]
    assert offending == []


def test_pages_and_app_import_the_domain_through_the_wings_faces_only():
    pages = [REPO / "app.py", REPO / "serve.py", *sorted((REPO / "app_pages").rglob("*.py"))]
    offending = [
        (str(path.relative_to(REPO)), module)
        for path in pages
        for module in imported_modules(path)
        if module.split(".")[0] == "iop" and (module.count(".") != 1 or module.split(".")[1] not in LEVEL)
    ]
    assert offending == []


def zone_less_clock_calls(path: Path) -> list[int]:
    """Lines calling ``.astimezone()`` without a zone or ``date.today()``: the server's clock, not Sweden's."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args \
                and not node.keywords and (node.func.attr == "astimezone" or (
                    node.func.attr == "today" and isinstance(node.func.value, ast.Attribute | ast.Name)
                    and getattr(node.func.value, "attr", getattr(node.func.value, "id", "")) == "date")):
            lines.append(node.lineno)
    return lines


# The model sits below iop.words.clock, so a case without any date falls back on the server's day there.
SERVER_DAY_ALLOWED = {"iop/model/case.py"}


def test_times_a_person_reads_are_on_swedish_time_not_the_servers():
    """One clock (issue 20): a server on UTC must still show Stockholm time, so pages and the domain
    convert with ``iop.words.clock`` (``swedish_time``, ``in_swedish_time``, ``swedish_today``)."""
    code = [REPO / "app.py", *sorted((REPO / "app_pages").rglob("*.py")), *sorted(IOP.rglob("*.py"))]
    offending = [(str(path.relative_to(REPO)), line) for path in code for line in zone_less_clock_calls(path)
                 if str(path.relative_to(REPO)) not in SERVER_DAY_ALLOWED]
    assert offending == []


def test_the_clock_rule_sees_a_zone_less_call(tmp_path: Path):
    page = tmp_path / "page.py"
    page.write_text("import datetime as dt\nx = dt.datetime.now(dt.UTC).astimezone()\ny = dt.date.today()\n"
                    "z = dt.datetime.now(dt.UTC).astimezone(dt.UTC)\n", encoding="utf-8")
    assert zone_less_clock_calls(page) == [2, 3]


def test_the_import_rule_sees_a_private_import(tmp_path: Path):
    page = tmp_path / "page.py"
    page.write_text("def f():\n    from iop.words.swedish import KIND\n    import iop.documents.text_report\n",
                    encoding="utf-8")
    assert list(imported_modules(page)) == ["iop.words.swedish", "iop.documents.text_report"]


@pytest.mark.parametrize("wing", sorted(LEVEL))
def test_each_face_lists_what_it_exports(wing: str):
    face = importlib.import_module(f"iop.{wing}")
    assert face.__doc__
    for name in face.__all__:
        assert hasattr(face, name), (wing, name)


# The names the pages, benches and tests use, moved from the old single face into the wings' faces.
PUBLIC = sorted([
    "ABSTAIN", "Activity", "AnonymousAnswer", "Answer", "answers_csv", "app_markdown",
    "Assessment", "AssessmentSnapshot", "Blocker", "build_outline", "Bullets",
    "Case", "case_content", "case_facts", "case_from_bytes", "case_from_text", "case_to_yaml", "CaseEffect",
    "CaseNotFound", "CaseRegister", "CaseStatus", "CaseSummary", "Caution", "check_criteria", "check_template",
    "CHOICES", "compare_sets", "Conclusion", "Contribution", "CriteriaSet", "Criterion", "CriterionRow",
    "Decision", "DECISION_LABEL", "decision_outline", "DecisionTable", "DEFAULT_CRITERIA_DIR", "describe",
    "describe_changes", "DISAGREEMENT_RULE", "DISCLAIMER", "display_frame", "DONT_KNOW", "DONT_KNOW_LABEL",
    "Engine", "Evaluation", "filter_cases", "format_code", "frozen_assessment", "GivenAnswer", "Heading",
    "Identity", "InputError", "InvalidTransition", "IopError", "is_editable", "is_locked", "is_token",
    "lock_notice", "join_qr_png", "join_url", "KIND", "lean", "Leaning", "leaning_section",
    "LEGAL_FORM", "LegalForm", "load_case", "load_model", "load_rulebook", "load_spectrum", "load_yaml",
    "markdown_document", "may_change_status", "merge_cases", "MIN_SHOWN", "MORE_STEP_ID",
    "MORE_TITLE", "normalise_code", "network_host", "open_register", "OpenQuestion", "Organisation", "participants_link",
    "Outcome", "Outline", "Paragraph", "Participant", "Phase", "PHASE_LABEL", "place", "Placement", "PLAIN_INTRO",
    "PLAIN_DISCLAIMER", "PLAIN_KIND", "plain_text",
    "plain_wording", "plan_for", "play_walk", "POSITION", "preparation_list", "preparation_text",
    "Problem", "problems_from_validation", "PublicParty", "Question", "QuestionCatalog", "RECOMMENDATION_SHORT",
    "record_meta_of", "RecordMeta", "ReferenceCase", "refusal", "render_docx", "render_pdf",
    "resolve_database_url", "Revision", "Rule", "Rulebook", "RulebookError", "RuleRef", "SCALE",
    "SEED_STATEMENTS", "SetColumn", "SetComparison", "SpectrumVerdict", "StaleRevision",
    "StateAidInput", "Statement", "StatementResult", "statements_from_case", "statements_from_text",
    "STATUS_LABEL", "STATUS_PREDICATE", "StatusRecord", "Step", "StoredCase", "StoreError", "StoreUnavailable",
    "summarise", "summary_markdown", "summary_outline", "swedish_number", "Table", "TemplateError",
    "to_markdown", "UNKNOWN", "walk_plan", "walk_steps", "WalkPlan", "WalkRun", "Wording",
    "Workshop", "WorkshopError", "WorkshopStore", "YES_NO_UNKNOWN", "YesNoUnknown",
    "PAGE_WORDS", "pages_with_quote", "quote_stands_on", "Source", "split_pages",
    "AmountError", "format_hours", "format_kronor", "WholeNumber", "parse_hours", "parse_kronor",
    "format_months", "parse_months", "parse_sek_per_eur",
    "not_yet_below_box", "plain_leaning_below_box", "settle_below_box", "warnings_below_box_of",
    "OFFICIAL", "PLAIN", "PlainVoice", "Voice", "voice",
])


def test_the_public_names_are_all_on_some_face():
    exported = {name for wing in LEVEL for name in importlib.import_module(f"iop.{wing}").__all__}
    assert sorted(set(PUBLIC) - exported) == []


def test_the_readme_draws_the_same_order():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    drawn = readme.split("<!-- wings -->")[1].split("<!-- /wings -->")[0]
    rows = [line.split("│")[0].strip() for line in drawn.splitlines() if line.strip().startswith("iop/")]
    as_layers = [tuple(sorted(w.strip().removeprefix("iop/").rstrip("/") for w in row.split(","))) for row in rows]
    assert as_layers == [tuple(sorted(wings)) for wings in reversed(LAYERS)]


def test_the_register_and_the_workshop_load_pandas_only_when_a_table_is_made():
    # pandas costs about 0.3 s of every cold start; the first page of a session makes no table.
    probe = "import sys, iop.records, iop.store, iop.workshop; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_server_preloads_only_domain_wings():
    """serve.py imports the domain on a thread while the first browser loads; pages never run there."""
    tree = ast.parse((REPO / "serve.py").read_text(encoding="utf-8"))
    [preloaded] = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                   and any(isinstance(t, ast.Name) and t.id == "PRELOADED" for t in node.targets)]
    names = ast.literal_eval(preloaded)
    assert names and all(n.split(".")[0] == "iop" and n.split(".")[1] in LEVEL for n in names)
    for name in names:
        importlib.import_module(name)


def test_the_server_turns_the_collector_back_on_after_preloading():
    # serve.py keeps the cyclic collector off while start-up imports load; a server left without it would grow.
    # Importing serve.py leaves it alone (an app mounted elsewhere, or run without a lifespan, keeps it on);
    # the lifespan switches it off and the preload on again.
    probe = ("import asyncio, gc, sys, threading\nimport serve\n"
             "assert gc.isenabled() and 'iop.store' not in sys.modules\n"
             "async def start():\n"
             "    async with serve._started(serve.app):\n"
             "        assert not gc.isenabled()\n"
             "asyncio.run(start())\n"
             "[t.join(60) for t in threading.enumerate() if t.name == 'iop-preload']\n"
             "print(gc.isenabled(), gc.get_freeze_count() > 0, 'iop.store' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True,
                          timeout=120)
    assert done.stdout.strip() == "True True True"


# --- thin pages -----------------------------------------------------------------------------------------------

PAGE_LINE_LIMIT = 150
"""A page or a page part is mostly layout: the decisions live in iop, tested there (issue 18, point 4)."""

# Files in app_pages/ allowed over the limit, each with why (none now). An entry is removed when its file is
# brought down; the second test below fails when an entry is no longer needed, so the list cannot outlive its reason.
LONG_PAGE_FILES: dict[str, str] = {}


def long_page_files(root: Path) -> dict[str, int]:
    """Every .py file under ``root`` longer than the limit, by path relative to the repository, with its lines."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > PAGE_LINE_LIMIT:
            found[path.relative_to(root.parent).as_posix()] = lines
    return found


def test_no_page_or_page_part_is_over_150_lines():
    over = {path: lines for path, lines in long_page_files(REPO / "app_pages").items() if path not in LONG_PAGE_FILES}
    assert over == {}, "move the decisions into iop (tested there) and split what is left into named parts"


def test_every_long_file_allowed_is_still_long():
    assert sorted(set(LONG_PAGE_FILES) - set(long_page_files(REPO / "app_pages"))) == []


def test_the_line_count_sees_a_long_part(tmp_path: Path):
    parts = tmp_path / "app_pages" / "parts"
    parts.mkdir(parents=True)
    (parts / "short.py").write_text("x = 1\n" * PAGE_LINE_LIMIT, encoding="utf-8")
    (parts / "long.py").write_text("x = 1\n" * (PAGE_LINE_LIMIT + 1), encoding="utf-8")
    assert long_page_files(tmp_path / "app_pages") == {"app_pages/parts/long.py": PAGE_LINE_LIMIT + 1}
