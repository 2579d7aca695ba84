"""Checking a municipality's variant of the rulebook: is it valid, and what does it change?

An official who copies a criteria set and edits a criterion or a rule needs
two answers before using the variant: does the rulebook still load (every
problem named with file and rule, in Swedish), and how do the reference cases
in cases/ come out under it compared with what they are expected to be.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.io.errors import InputError, Problem
from iop.rules.rulebook import DEFAULT_CRITERIA_DIR, Rulebook, load_rulebook

REFERENCE_CASES = DEFAULT_CRITERIA_DIR.parent / "cases"


@dataclass(frozen=True, slots=True)
class CaseEffect:
    """One reference case under one set of the variant: what it was expected to be and what it became."""

    case: str
    set_id: str
    expected: str | None
    """``recommendation/form (rule)`` from the case's expected block, or None when it names no such set."""
    actual: str

    @property
    def changed(self) -> bool:
        return self.expected is not None and self.expected != self.actual


def _describe(recommendation: str, form: str | None, rule: str) -> str:
    return f"{recommendation}{'/' + form if form else ''} ({rule})"


def reference_effects(rulebook: Rulebook, cases_dir: Path = REFERENCE_CASES) -> list[CaseEffect]:
    """Every reference case under every set of ``rulebook``, with its expected outcome where it has one.

    A case file the variant cannot read (e.g. it names a set the variant
    dropped) raises the usual Swedish InputError.
    """
    engine = Engine(rulebook)
    effects: list[CaseEffect] = []
    for path in sorted(cases_dir.glob("*.yaml")):
        case = load_case(path, rulebook)
        for set_id in rulebook.sets:
            result = engine.assess(case, set_id, explain_changes=False)
            wanted = case.expected.get(set_id)
            expected = (_describe(wanted.recommendation, wanted.form, wanted.rule or result.rule.id)
                        if wanted else None)
            effects.append(CaseEffect(path.name, set_id, expected,
                                      _describe(result.recommendation, result.form, result.rule.id)))
    return effects


def check_criteria(root: Path | str | None = None, cases_dir: Path = REFERENCE_CASES) -> list[CaseEffect]:
    """Load the rulebook at ``root`` (RulebookError lists every problem) and run the reference cases."""
    rulebook = load_rulebook(root)
    if not cases_dir.is_dir():
        raise InputError([Problem(str(cases_dir), "", "mappen med referensärenden finns inte.")])
    return reference_effects(rulebook, cases_dir)
