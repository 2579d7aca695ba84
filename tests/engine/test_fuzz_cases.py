"""Fuzzers with a fixed budget: generated cases and mutated reference cases.

Each fails on any exception that is not the project's InputError, on any
difference after export and re-import, and on a crash of a subprocess fed the
nastiest inputs. The budgets are fixed (Hypothesis example counts, a seeded
mutation count), so a CI run takes the same time every time.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop.documents.text_report import to_json_dict, to_markdown, to_text
from iop.engine.case_import import case_from_text, case_to_yaml
from iop.engine.evaluation import Engine
from iop.io.errors import InputError
from iop.model.case import MAX_HOURS_PER_YEAR, MAX_SEK, SEK_PER_EUR_RANGE, Case, LegalForm, YesNoUnknown
from iop.rules.rulebook import Rulebook, load_rulebook
from tests.helpers import CASES, REPO

RULEBOOK = load_rulebook()
ENGINE = Engine(RULEBOOK)
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# What a browser can send and a YAML file can carry: every character but surrogates and
# the C0/C1 controls other than tab, line feed, carriage return and NEL (U+0085).
TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters=[
    *map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0e, 0x20)), "\x7f",
    *map(chr, range(0x80, 0x85)), *map(chr, range(0x86, 0xa0)), "\ufffe", "\uffff"]), max_size=60)
NASTY = st.sampled_from(["\x85", "\u2028", "\r", "\r\n", "\r===", "$x^2$", ":smile:", ":red[x]", "- ", "# ",
                         "|", "\t", "  ", "'", '"', "\\", "&amp;", "<b>", "![i](http://x)", "\ufeff", "…", "é"])
FREE_TEXT = st.lists(st.one_of(TEXT, NASTY), max_size=5).map("".join)


def _answers(rulebook: Rulebook) -> st.SearchStrategy[dict[str, dict[str, Any]]]:
    questions = rulebook.questions.questions
    answer = {qid: st.fixed_dictionaries({
        "value": st.sampled_from([*q.options, "vet_ej"]),
        "reasoning": FREE_TEXT,
        "evidence": st.lists(FREE_TEXT.filter(lambda s: s.strip() == s and s), max_size=2),
    }) for qid, q in questions.items()}
    return st.fixed_dictionaries({}, optional=answer)


def _contribution() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={
        "money_sek_per_year": st.integers(0, MAX_SEK),
        "volunteer_hours_per_year": st.integers(0, MAX_HOURS_PER_YEAR),
        "premises": FREE_TEXT, "staff": FREE_TEXT, "material": FREE_TEXT, "other": FREE_TEXT,
    })


DATES = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))

CASE_DATA = st.fixed_dictionaries({"title": FREE_TEXT.filter(str.strip)}, optional={
    "diarienummer": FREE_TEXT,
    "date": DATES,
    "criteria_set": st.sampled_from(sorted(RULEBOOK.sets)),
    "public_party": st.fixed_dictionaries({}, optional={
        "kind": st.sampled_from(["kommun", "region"]), "name": FREE_TEXT, "committee": FREE_TEXT,
        "contribution": _contribution()}),
    "organisation": st.fixed_dictionaries({}, optional={
        "name": FREE_TEXT,
        "org_number": st.from_regex(r"\A\d{6}-\d{4}\Z"),
        "legal_form": st.sampled_from(list(LegalForm)),
        "registered_ideburen": st.sampled_from(list(YesNoUnknown)),
        "contribution": _contribution()}),
    "activity": st.fixed_dictionaries({}, optional={
        "description": FREE_TEXT, "target_group": FREE_TEXT, "area": FREE_TEXT, "start": DATES,
        "planned_duration_months": st.integers(1, 600)}),
    "state_aid": st.fixed_dictionaries({}, optional={
        "sek_per_eur": st.floats(*SEK_PER_EUR_RANGE, allow_nan=False, allow_infinity=False),
        "other_de_minimis_sek": st.integers(0, MAX_SEK)}),
    "answers": _answers(RULEBOOK),
})


def _assess_everywhere(case: Case) -> None:
    """Every renderer of every set: the arithmetic and the documents must take any valid case."""
    for set_id in RULEBOOK.sets:
        result = ENGINE.assess(case, set_id)
        to_text(result)
        to_markdown(result)
        to_json_dict(result)


@FUZZ
@given(CASE_DATA)
def test_generated_cases_survive_export_and_reimport_unchanged(data: dict[str, Any]):
    case = Case.model_validate(data)
    again = case_from_text(case_to_yaml(case), RULEBOOK, "export.yaml")
    assert Case.model_validate(again.model_dump(exclude={"expected"})) == case
    _assess_everywhere(again)


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text_is_a_case_or_an_input_error(text: str):
    try:
        case = case_from_text(text, RULEBOOK, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)
    else:
        _assess_everywhere(case)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8)


@FUZZ
@given(st.data())
def test_any_value_in_any_field_is_a_case_or_an_input_error(data: st.DataObject):
    base = yaml.safe_load((CASES / "ungdomsbussen.yaml").read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(base)))
    _set(base, path, data.draw(YAML_VALUES))
    _case_or_input_error(yaml.safe_dump(base, allow_unicode=True))


# ---- the mutation fuzzer over cases/ -----------------------------------------------------

MUTATIONS_PER_FILE = 40
SEED = 9


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(node, path[:-1])[path[-1]] = value


def _drop(node: Any, path: tuple[Any, ...]) -> None:
    del _get(node, path[:-1])[path[-1]]


def _random_unicode(rng: random.Random) -> str:
    return "".join(chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0xa0, 0xd800),
                                   rng.randrange(0xe000, 0xfffe), rng.randrange(0x10000, 0x110000),
                                   0x85, 0x2028, 0x0d, 0x0a, 0x09])) for _ in range(rng.randrange(1, 40)))


def _mutate_data(data: Any, rng: random.Random) -> str:
    """A structural mutation, dumped back to YAML."""
    paths = _paths(data)
    path = rng.choice(paths)
    kind = rng.randrange(7)
    if kind == 0:
        _drop(data, path)
    elif kind == 1:  # swap the type
        value = _get(data, path)
        _set(data, path, rng.choice([[value], {"x": value}, str(value), 1, 1.5, True, None]))
    elif kind == 2:
        _set(data, path, _random_unicode(rng))
    elif kind == 3:  # huge, tiny and special numbers
        _set(data, path, rng.choice([10**rng.randrange(10, 400), -(10**20), float("inf"), float("nan"),
                                     5e-324, 1e308, -0.0]))
    elif kind == 4:  # deep nesting
        value: Any = "x"
        for _ in range(rng.randrange(40, 200)):
            value = [value] if rng.random() < 0.5 else {"k": value}
        _set(data, path, value)
    elif kind == 5:  # an invented key
        parent = _get(data, path[:-1])
        if isinstance(parent, dict):
            parent[_random_unicode(rng)] = "x"
    else:  # a date out of the calendar
        _set(data, path, rng.choice(["0000-00-00", "2026-02-30", "9999-12-31", "2026-1-1", "1.1.2026"]))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _mutate_text(text: str, rng: random.Random) -> str:
    """A textual mutation: YAML tags, duplicated lines, flipped characters, nesting, cuts."""
    lines = text.splitlines(keepends=True)
    i = rng.randrange(len(lines))
    kind = rng.randrange(6)
    if kind == 0 and ": " in lines[i]:
        key, _, value = lines[i].partition(": ")
        tag = rng.choice(["!!float", "!!int", "!!bool", "!!timestamp", "!!binary", "!!set", "!!omap",
                          "!!python/object:os.system", "!!str", "!!null", "!custom"])
        lines[i] = f"{key}: {tag} {value}"
    elif kind == 1:
        lines.insert(i, lines[i])  # a duplicate key, most of the time
    elif kind == 2:
        chars = list(lines[i])
        if chars:
            chars[rng.randrange(len(chars))] = _random_unicode(rng)[0]
        lines[i] = "".join(chars)
    elif kind == 3:
        lines.insert(i, rng.choice(["[" * 5000, "- " * 3000 + "x\n", "{a: " * 2000, "&a x\n", "*b\n"]))
    elif kind == 4:
        lines = lines[: rng.randrange(len(lines) + 1)]
    else:
        lines.insert(i, f"big: {'9' * rng.randrange(20, 6000)}\n")
    return "".join(lines)


def _case_or_input_error(text: str) -> None:
    try:
        case = case_from_text(text, RULEBOOK, "mutant.yaml")
    except InputError as exc:
        assert exc.problems, "an InputError must say what is wrong"
        return
    again = case_from_text(case_to_yaml(case), RULEBOOK, "export.yaml")
    assert again.model_dump(exclude={"expected"}) == case.model_dump(exclude={"expected"})
    _assess_everywhere(case)


def test_mutated_reference_cases_are_cases_or_input_errors():
    rng = random.Random(SEED)
    tried = 0
    for path in sorted(CASES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for _ in range(MUTATIONS_PER_FILE):
            mutant = (_mutate_data(yaml.safe_load(text), rng) if rng.random() < 0.5
                      else _mutate_text(text, rng))
            try:
                _case_or_input_error(mutant)
            except Exception as exc:  # noqa: BLE001 - report the input that broke it
                raise AssertionError(f"{path.name}: mutant gave {type(exc).__name__}: {exc}\n{mutant[:2000]}") from exc
            tried += 1
    assert tried == MUTATIONS_PER_FILE * len(list(CASES.glob("*.yaml")))


NASTIEST = {
    "djup-lista.yaml": "[" * 30000,
    "djup-tabell.yaml": "{a: " * 30000,
    "djup-block.yaml": "- " * 30000 + "x",
    "alias-bomb.yaml": "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"b{i}: &b{i} [{', '.join([f'*{p}'] * 10)}]\n" for i, p in enumerate(["a", *[f"b{j}" for j in range(20)]])),
    "stort-tal.yaml": "title: x\npublic_party:\n  contribution:\n    money_sek_per_year: " + "9" * 100_000 + "\n",
    "taggar.yaml": "title: !!python/object/apply:os.system ['echo hej']\n",
    "nul.yaml": "title: \"\\0\\x1b[2J\"\n",
}


def test_the_nastiest_files_end_in_exit_2_in_a_fresh_process(tmp_path: Path):
    """One subprocess per file: a segfault or hang fails the test instead of taking pytest down."""
    for name, text in NASTIEST.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-m", "iop.cli", "assess", str(path)],
                                capture_output=True, text=True, cwd=REPO, timeout=120)
        assert result.returncode in (0, 2), f"{name}: status {result.returncode}\n{result.stderr[-800:]}"
        assert "Traceback" not in result.stderr, f"{name}: {result.stderr[-800:]}"
        assert result.returncode == 2 or name == "nul.yaml", name
