"""Benchmark: assessing case files against the floor of merely parsing them.

Generates N case files (default 10 000) with varied answers, then in the same
run measures (1) the parse floor: read and YAML-parse every file, and (2) the
full path of `iop assess`: read, parse, validate and assess every file with
the what-if analysis. Prints both times and their ratio (goal: at most 1.3x).

    python bench/bench_assess.py [--cases N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml

from iop.case_import import load_case
from iop.evaluation import Engine
from iop.rulebook import load_rulebook
from iop.yaml_models import parse_yaml, read_text

GOAL = 1.3


def generate(directory: Path, count: int, seed: int) -> list[Path]:
    """Case files with realistic shape: most questions answered, a few unknown."""
    rng = random.Random(seed)
    rulebook = load_rulebook()
    questions = rulebook.questions.questions
    paths = []
    for i in range(count):
        answers = {}
        for qid, q in questions.items():
            if rng.random() < 0.1:
                continue  # left unanswered
            option = rng.choice([*q.options, "vet_ej"] if rng.random() < 0.1 else list(q.options))
            answers[qid] = {"value": option, "reasoning": f"Motivering {i} för {qid}."}
        data = {
            "title": f"Genererat ärende {i}",
            "diarienummer": f"KS 2026/{i:05d}",
            "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "criteria_set": rng.choice(sorted(rulebook.sets)),
            "public_party": {"name": "Exempelkommun", "committee": "Socialnämnden",
                             "contribution": {"money_sek_per_year": rng.randrange(0, 5_000_000, 10_000)}},
            "organisation": {"name": f"Förening {i}", "legal_form": "ideell_forening",
                             "contribution": {"volunteer_hours_per_year": rng.randrange(0, 5000)}},
            "activity": {"description": "Verksamhet för unga.", "planned_duration_months": rng.randint(3, 60)},
            "answers": answers,
        }
        path = directory / f"case-{i:05d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def parse_floor(paths: list[Path]) -> tuple[float, float]:
    """Wall time and this process's CPU time to read and parse every file."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        parse_yaml(read_text(path), str(path))
    return time.perf_counter() - start, time.process_time() - cpu


def assess_all(paths: list[Path]) -> tuple[float, float, dict[str, int]]:
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    counts: dict[str, int] = {}
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        result = engine.assess(load_case(path, rulebook))
        counts[result.recommendation] = counts.get(result.recommendation, 0) + 1
    return time.perf_counter() - start, time.process_time() - cpu, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), args.cases, args.seed)
        parse_floor(paths[:200])  # warm the file cache and imports before timing
        floor, floor_cpu = parse_floor(paths)
        total, total_cpu, counts = assess_all(paths)
    ratio = total / floor
    print(f"cases:            {args.cases}")
    print(f"parse floor:      {floor:.2f} s ({floor / args.cases * 1e3:.3f} ms per file)")
    print(f"assess (full):    {total:.2f} s ({total / args.cases * 1e3:.3f} ms per file)")
    print(f"ratio:            {ratio:.2f}x the parse floor (goal <= {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'})")
    # On a shared machine other processes inflate wall time unevenly; CPU time of this process does not.
    print(f"ratio (CPU time): {total_cpu / floor_cpu:.2f}x ({floor_cpu:.2f} s parse, {total_cpu:.2f} s full)")
    print("recommendations:  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
