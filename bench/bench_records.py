"""Benchmark: the case list over 10,000 stored cases, and saving one answer.

Generates N cases (default 10 000) with one revision each in a fresh register,
then in the same run measures:

* the floor: the bare ``SELECT`` the list runs (``LIST_QUERY``: the list columns and
  the head revision) of every row, fetched with the
  database driver's cursor (no ORM, no DataFrame);
* list / search / filter as the Ärenden page does them: the register's
  ``case_frame`` (SELECT into a pandas DataFrame), ``filter_cases`` and
  ``display_frame``; "kall" with no kept list (the first view after any save),
  "varm" when the register has not changed since the last view (one aggregate
  query checks that, then pandas works on the kept frame);
* saving one changed answer (``save_case``: compare-and-set, revision row, list
  columns, the engine's recommendation for the list) on the same register.

Prints the best and the median of R runs, the ratio of each list operation to the floor (goal: under 200 ms
and at most 2x the floor) and the save time (goal: at most 20 ms on SQLite).

    python bench/bench_records.py [--cases N] [--repeat R] [--url DATABASE_URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from iop.engine.evaluation import Engine
from iop.model.case import Answer, Case
from iop.records.case_list import display_frame, filter_cases
from iop.rules.rulebook import load_rulebook
from iop.store import open_register
from iop.store.records import LIST_QUERY, CaseRegister, case_content
from iop.store.tables import CaseRow, RevisionRow

LIST_GOAL_MS = 200.0
LIST_GOAL_RATIO = 2.0
SAVE_GOAL_MS = 20.0
COMMITTEES = ["Socialnämnden", "Kultur- och fritidsnämnden", "Barn- och utbildningsnämnden",
              "Kommunstyrelsen", "Äldrenämnden", "Arbetsmarknadsnämnden"]
STATUSES = ["utkast", "utkast", "bedömd", "beslutad", "arkiverad"]
RECOMMENDATIONS = ["iop", "grant", "procurement", "undecided"]


def generate(register: CaseRegister, count: int, seed: int) -> list[str]:
    """Bulk-insert ``count`` realistic cases (answers with reasoning) and their first revision."""
    rng = random.Random(seed)
    questions = load_rulebook().questions.questions
    now = dt.datetime.now(dt.UTC)
    cases, revisions, ids = [], [], []
    for i in range(count):
        answers = {qid: Answer(value=rng.choice(list(q.options)), reasoning=f"Motivering {i} för {qid}.")
                   for qid, q in questions.items() if rng.random() < 0.8}
        year = rng.randint(2019, 2026)
        case = Case(title=f"Genererat ärende {i} om {rng.choice(['unga', 'äldre', 'kultur', 'idrott'])}",
                    diarienummer=f"{rng.choice(['SN', 'KFN', 'KS'])} {year}/{i:05d}",
                    date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), answers=answers)
        case.organisation.name = f"Förening {i}"
        case.public_party.name = rng.choice(["Västerås stad", "Kristianstads kommun", "Region Värmland"])
        case.public_party.committee = rng.choice(COMMITTEES)
        content = case_content(case)
        case_id = f"{i:016x}"
        ids.append(case_id)
        when = now - dt.timedelta(minutes=i)
        cases.append({"id": case_id, "head_revision": 1, "status": rng.choice(STATUSES),
                      "status_before_archive": None, "diarienummer": case.diarienummer, "title": case.title,
                      "organisation": case.organisation.name, "public_body": case.public_party.name,
                      "committee": case.public_party.committee, "recommendation": rng.choice(RECOMMENDATIONS),
                      "criteria_set": case.criteria_set, "year": year, "from_organisation": False,
                      "org_number": f"80{i % 10_000:04d}-{i % 9_973:04d}",
                      "contacts": f"Kontakt {i}, kontakt{i}@förening.se", "answers_from": "official",
                      "decision": "bidrag" if i % 7 == 0 else "", "decision_form": "",
                      "created_at": when, "created_by": "Bänk", "updated_at": when, "updated_by": "Bänk",
                      "subject": f"Ansökan om stöd: {case.title}", "officer": f"Handläggare {i % 40}",
                      "decision_body": case.public_party.committee,
                      "secrecy": "OSL 31 kap. 16 §" if i % 10 == 0 else "", "retention": "Bevaras",
                      "content": content})
        revisions.append({"case_id": case_id, "number": 1, "author": "Bänk", "created_at": when,
                          "note": "Genererat", "status": "utkast", "status_change": "utkast", "content": content})
    with register.engine.begin() as conn:
        conn.execute(insert(CaseRow), cases)
        conn.execute(insert(RevisionRow), revisions)
    return ids


def timings_ms(action: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(best, median) of ``repeat`` runs after a warm-up (caches, statement compilation).

    The goals are judged on the best run, for the floor and the operation alike: on a
    shared machine the median mostly measures the neighbours. Both are printed.
    """
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--url", help="database URL (default: a fresh SQLite file in a temporary folder)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="iop-bench-"))
    url = args.url or f"sqlite:///{folder / 'bench.sqlite3'}"
    engine = Engine(load_rulebook())
    register = CaseRegister(open_register(url),
                            recommender=lambda case: engine.assess(case, explain_changes=False).recommendation,
                            catalog=engine.rulebook.questions)
    start = time.perf_counter()
    generate(register, args.cases, args.seed)
    print(f"{args.cases} ärenden genererade på {time.perf_counter() - start:.1f} s i {url.split(':')[0]}")

    def floor() -> None:
        raw = register.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(LIST_QUERY)
            rows = cursor.fetchall()
            assert len(rows) == args.cases
        finally:
            raw.close()

    def cold() -> CaseRegister:
        # A register without a kept list: what the first view after any save costs.
        return CaseRegister(register.engine)

    def listing(source: Callable[[], CaseRegister]) -> Callable[[], Any]:
        return lambda: display_frame(filter_cases(source().case_frame()))

    def search(source: Callable[[], CaseRegister]) -> Callable[[], Any]:
        return lambda: display_frame(filter_cases(source().case_frame(), search="förening 12"))

    def filtering(source: Callable[[], CaseRegister]) -> Callable[[], Any]:
        return lambda: display_frame(filter_cases(source().case_frame(), statuses=["utkast", "bedömd"],
                                                  years=[2025, 2026], committees=["Socialnämnden"],
                                                  recommendations=["iop", "grant"]))

    floor_ms, floor_median = timings_ms(floor, args.repeat)
    print(f"\n(bästa av {args.repeat} körningar; median inom parentes)")
    print(f"{'Golv: SELECT av listkolumnerna för alla rader':46s} {floor_ms:8.1f} ms ({floor_median:6.1f})")
    def warm() -> CaseRegister:
        return register

    for name, action in (
        ("Lista, kall (efter en ändring)", listing(cold)),
        ("Sök, kall", search(cold)),
        ("Filtrera, kall (status, år, nämnd, rek.)", filtering(cold)),
        ("Lista, varm (inget ändrat sedan förra)", listing(warm)),
        ("Sök, varm", search(warm)),
        ("Filtrera, varm", filtering(warm)),
    ):
        ms, median = timings_ms(action, args.repeat)
        ok = "OK" if ms < LIST_GOAL_MS and ms <= LIST_GOAL_RATIO * floor_ms else "MÅL EJ NÅTT"
        print(f"{name:46s} {ms:8.1f} ms ({median:6.1f})   {ms / floor_ms:4.2f}x golvet "
              f"({median / floor_median:4.2f}x)   [{ok}: < {LIST_GOAL_MS:.0f} ms och ≤ {LIST_GOAL_RATIO:.1f}x]")

    frame = register.case_frame()
    target = register.load_case(str(frame.loc[frame["status"] == "utkast", "id"].iloc[0]))
    revision = target.revision
    options = list(engine.rulebook.questions.questions["initiative"].options)

    def save_one_answer() -> None:
        nonlocal revision
        case = target.case.model_copy(deep=True)
        case.answers["initiative"] = Answer(value=options[revision % len(options)], reasoning=f"Ändring {revision}")
        revision = register.save_case(target.id, case, revision, "Bänk").revision

    save_ms, save_median = timings_ms(save_one_answer, max(args.repeat, 50))
    ok = "OK" if save_ms <= SAVE_GOAL_MS else "MÅL EJ NÅTT"
    print(f"\n{'Spara ett svar (ny version, med rekommendation)':46s} {save_ms:8.2f} ms ({save_median:6.2f})"
          f"   [{ok}: ≤ {SAVE_GOAL_MS:.0f} ms]")
    assess_ms, assess_median = timings_ms(lambda: engine.assess(target.case, explain_changes=False),
                                          max(args.repeat, 50))
    print(f"{'  varav motorns rekommendation för listan':46s} {assess_ms:8.2f} ms ({assess_median:6.2f})")
    register.engine.dispose()


if __name__ == "__main__":
    main()
