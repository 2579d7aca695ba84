"""Benchmark: the Ungdomsbussen tjänsteskrivelse as Word and PDF/A, and its archive package.

In the same run, for each format:

1. the floor: rendering the same final template with the same data, but no
   assessment work: the outline (Word) or the final HTML (PDF) is made once
   beforehand, so the floor is only docxtpl filling the template, or only
   WeasyPrint printing the page as PDF/A-2a with its XMP;
2. the full document from the case: the assessment, the tjänsteskrivelse's
   outline, the HTML, and the same rendering.

Goals: Word within 2x and PDF/A within 1.3x of its floor. The floor and the
full document are timed in turns (floor, full, floor, full, ...) after a warm-up
(fonts, imports), and the ratio is the median of the pairs' ratios, so a machine
whose load changes during the run moves both alike. Then the archive package
(E-ARK SIP) of the same case, stored, bedömd and beslutad in a temporary SQLite
register, read from it and packed with its PDF/A: goal under 2 s (median).

    python bench/bench_document.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iop.documents.archive_package import archive_package
from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.pdf_report import render_html_pdf, to_html
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.model.case import Case
from iop.records import AssessmentSnapshot, CaseStatus, Decision, frozen_assessment
from iop.rules.rulebook import load_rulebook
from iop.store import CaseRegister, open_register

CASE = Path(__file__).resolve().parent.parent / "cases" / "ungdomsbussen.yaml"
GOALS = {"Word (docx)": 2.0, "PDF/A": 1.3}
PACKAGE_GOAL_SECONDS = 2.0


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    work()  # warm-up: imports, font loading, template parsing caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_seconds(floor: Callable[[], object], full: Callable[[], object],
                   repeat: int) -> tuple[list[float], list[float]]:
    """Both timed in turns after one warm-up each: (floor times, full times)."""
    floor(), full()
    floors, fulls = [], []
    for _ in range(repeat):
        for work, times in ((floor, floors), (full, fulls)):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return floors, fulls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    case = load_case(CASE, rulebook)
    case.registration.officer = "Karin Lind"
    case.registration.decision_body = "Individ- och familjenämnden"
    created = dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC)

    def outline():  # type: ignore[no-untyped-def]
        return decision_outline(engine.assess(case), case, rulebook)

    ready = outline()  # the floors' data, made before the clock starts
    ready_html = to_html(ready, created)
    word, pdf = render_docx(ready), render_html_pdf(ready_html)
    print(f"case: {case.title}; sizes: Word {len(word) / 1024:.0f} KiB, PDF/A {len(pdf) / 1024:.0f} KiB")
    runs = {
        "Word (docx)": (lambda: render_docx(ready), lambda: render_docx(outline())),
        "PDF/A": (lambda: render_html_pdf(ready_html), lambda: render_html_pdf(to_html(outline(), created))),
    }
    for name, (floor_work, full_work) in runs.items():
        floors, fulls = paired_seconds(floor_work, full_work, args.repeat)
        floor, full = statistics.median(floors), statistics.median(fulls)
        ratio = statistics.median(b / a for a, b in zip(floors, fulls, strict=True))
        verdict = "met" if ratio <= GOALS[name] else "NOT met"
        print(f"{name:12} floor (same template, same data, no assessment) {floor * 1e3:7.1f} ms   "
              f"tjänsteskrivelse from the case {full * 1e3:7.1f} ms   median ratio {ratio:4.2f}x   "
              f"(goal <= {GOALS[name]:.1f}x: {verdict})")

    with tempfile.TemporaryDirectory() as folder:
        database = open_register(f"sqlite:///{Path(folder) / 'register.sqlite3'}")
        register = CaseRegister(database, lambda c: engine.assess(c).recommendation, rulebook.questions)
        stored = register.create_case(Case.model_validate(case.model_dump(exclude={"expected"})), "Karin Lind")
        assessment = engine.assess(stored.case)
        stored = register.change_status(stored.id, CaseStatus.assessed, stored.revision, "Karin Lind",
                                        snapshot=AssessmentSnapshot.of(assessment))
        stored = register.change_status(stored.id, CaseStatus.decided, stored.revision, "Per Holm", decision=Decision(
            decision="iop", body="Individ- och familjenämnden", date=dt.date(2026, 4, 20), paragraph="§ 45",
            recommendation=assessment.recommendation))

        def package() -> bytes:
            loaded = register.load_case(stored.id)
            history, statuses = register.history(stored.id), register.status_records(stored.id)
            frozen = frozen_assessment(loaded, statuses) or engine.assess(loaded.case)
            return archive_package(loaded, history, statuses, frozen, rulebook).data

        size = len(package())
        seconds = median_seconds(package, args.repeat)
        database.dispose()
    verdict = "met" if seconds < PACKAGE_GOAL_SECONDS else "NOT met"
    print(f"archive package (E-ARK SIP, {size / 1024:.0f} KiB, read from the register, PDF/A included) "
          f"{seconds * 1e3:7.1f} ms   (goal < {PACKAGE_GOAL_SECONDS:.0f} s: {verdict})")


if __name__ == "__main__":
    main()
