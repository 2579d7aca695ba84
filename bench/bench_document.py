"""Benchmark: the Ungdomsbussen beslutsunderlag as Word and PDF, against empty-template floors.

In the same run, for each format: (1) the floor, rendering the template with no
data (an outline with no sections and no fields), and (2) the full document of
the Ungdomsbussen case, including the assessment and the outline. Each is run
once to warm up (fonts, imports), then timed REPEAT times; the median counts.
Goals: under 1 s per document and at most 3x its floor.

    python bench/bench_document.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from iop.documents.decision_document import decision_outline
from iop.documents.docx_report import render_docx
from iop.documents.outline import Outline
from iop.documents.pdf_report import render_pdf
from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.rules.rulebook import load_rulebook

CASE = Path(__file__).resolve().parent.parent / "cases" / "ungdomsbussen.yaml"
GOAL_SECONDS = 1.0
GOAL_RATIO = 3.0


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    work()  # warm-up: imports, font loading, template parsing caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    case = load_case(CASE, rulebook)
    empty = Outline(title="")

    def document() -> Outline:
        return decision_outline(engine.assess(case), case, rulebook)

    pages = {"docx": len(render_docx(document())), "pdf": len(render_pdf(document()))}
    print(f"case: {case.title}; sizes: Word {pages['docx'] / 1024:.0f} KiB, PDF {pages['pdf'] / 1024:.0f} KiB")
    for name, render in (("Word (docx)", render_docx), ("PDF", render_pdf)):
        floor = median_seconds(lambda: render(empty), args.repeat)  # noqa: B023 (used at once)
        full = median_seconds(lambda: render(document()), args.repeat)  # noqa: B023
        ratio = full / floor
        verdict = "met" if full < GOAL_SECONDS and ratio <= GOAL_RATIO else "NOT met"
        print(f"{name:12} floor (empty template) {floor * 1e3:7.1f} ms   Ungdomsbussen {full * 1e3:7.1f} ms   "
              f"ratio {ratio:4.2f}x   (goal < {GOAL_SECONDS:.0f} s and <= {GOAL_RATIO:.0f}x: {verdict})")


if __name__ == "__main__":
    main()
