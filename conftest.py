"""Collect the reference cases in cases/ as tests: one item per case and criteria set.

Like OpenFisca's YAML tests, a case file with an ``expected`` block is a test
without any Python written for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.rules.rulebook import load_rulebook


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self):  # type: ignore[override]
        case = load_case(self.path, load_rulebook())
        if not case.expected:
            raise CaseFileError(f"{self.path.name} anger inget förväntat utfall (expected)")
        for set_id in case.expected:
            yield CaseItem.from_parent(self, name=set_id, case=case, set_id=set_id)


class CaseFileError(Exception):
    pass


class CaseItem(pytest.Item):
    def __init__(self, *, case, set_id: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.case = case
        self.set_id = set_id

    def runtest(self) -> None:
        expected = self.case.expected[self.set_id]
        result = Engine(load_rulebook()).assess(self.case, self.set_id)
        actual = (result.recommendation, result.form, result.rule.id)
        wanted = (expected.recommendation, expected.form, expected.rule or result.rule.id)
        if actual != wanted:
            raise CaseMismatch(f"förväntat {wanted}, fick {actual}")

    def repr_failure(self, excinfo):  # type: ignore[no-untyped-def]
        if isinstance(excinfo.value, CaseMismatch):
            return f"{self.path.name} under {self.set_id}: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self):  # type: ignore[no-untyped-def]
        return self.path, 0, f"case {self.path.name} [{self.set_id}]"


class CaseMismatch(AssertionError):
    pass
