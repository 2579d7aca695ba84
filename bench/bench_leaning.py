"""How honest is the preliminary leaning? Hide answers of decided reference cases and compare.

Every reference case the engine decides has 1, 2 and 3 of its answers hidden,
in every combination. Where the incomplete case is undecided, its leaning is
compared with the full decision: agree, neighbour (IOP and grant, both
legally grants), opposite (procurement against grant or IOP), or none (the
known facts point nowhere yet). The figures go into the README.

    .venv/bin/python bench/bench_leaning.py [--sample N]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from iop.engine.case_import import load_case
from iop.engine.evaluation import Engine
from iop.engine.leaning_measure import COLUMNS, Tally, measure
from iop.rules.rulebook import load_rulebook

KINDS = ("agree", "neighbour", "none", "opposite")


def _row(label: str, tally: Tally, **where: object) -> str:
    counts = (tally.by_hidden[where["hidden"]] if "hidden" in where else tally.by_decision[str(where["decided"])])  # type: ignore[index]
    leanings = sum(v for k, v in counts.items() if k != "still_decided")
    rates = "  ".join(f"{k} {tally.rate(k, **where) * 100:5.1f} %" for k in KINDS)  # type: ignore[arg-type]
    return f"  {label:<14} {leanings:>6} lutningar  {rates}   (fortfarande avgjort: {counts['still_decided']})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=None, help="högst så många kombinationer per ärende och antal")
    args = parser.parse_args()
    rulebook = load_rulebook()
    engine = Engine(rulebook)
    root = Path(__file__).resolve().parent.parent / "cases"
    cases = [load_case(p, rulebook) for p in sorted(root.glob("*.yaml"))]
    started = time.perf_counter()
    tally = measure(engine, cases, hide=(1, 2, 3), sample=args.sample)
    elapsed = time.perf_counter() - started
    print("Preliminär bedömning mot fullt avgjorda referensärenden (dolda svar i alla kombinationer"
          + (f", högst {args.sample} per ärende och antal" if args.sample else "") + ")")
    for hidden in sorted(tally.by_hidden):
        print(_row(f"{hidden} dolda", tally, hidden=hidden))
    for decided in ("procurement", "iop", "grant"):
        if decided in tally.by_decision:
            print(_row(f"beslut {decided}", tally, decided=decided))
    total = sum(v for c in tally.by_hidden.values() for k, v in c.items() if k != "still_decided")
    print(f"  totalt: {total} lutningar, överens {tally.rate('agree') * 100:.1f} %, "
          f"motsatt håll {tally.rate('opposite') * 100:.1f} %, ingen lutning {tally.rate('none') * 100:.1f} %")
    opposite_procurement = tally.by_decision.get("procurement", {}).get("opposite", 0)  # type: ignore[call-overload]
    print(f"  upphandlingsärenden som lutar åt IOP eller bidrag: {opposite_procurement} (krav: 0)")
    blocked = sum(tally.blocked.values(), Counter())
    if blocked:
        held = sum(blocked.values())
        print(f"  varav hållna tillbaka av presumtion P1: {held}; uppgifterna pekade då "
              + ", ".join(f"{k} {v / held * 100:.1f} %" for k, v in sorted(blocked.items())))
    print()
    print("Förväxlingstabell: fullständigt beslut × utfall efter dolda svar (antal varianter)")
    print("  (avgjort: fortfarande avgjort; lutar: preliminär lutning; pekar: uppgifterna pekar dit men")
    print("   presumtion P1 håller tillbaka lutningen, \"pekar mot bidrag\"; ingen: pekar ingenstans)")
    print("  " + f"{'beslut':<12}" + "".join(f"{c:>18}" for c in COLUMNS) + f"{'varianter':>12}")
    for decided in ("grant", "iop", "procurement"):
        row = tally.confusion.get(decided)
        if row is None:
            continue
        print("  " + f"{decided:<12}" + "".join(f"{row[c]:>18}" for c in COLUMNS) + f"{tally.variants(decided):>12}")
    for decided in ("grant", "iop", "procurement"):
        if decided in tally.confusion:
            print(f"  {decided}: lutar eller pekar åt {decided} i {tally.points_to_rate(decided, decided) * 100:.1f} % "
                  f"av varianterna ({tally.points_to_rate(decided, decided, undecided_only=True) * 100:.1f} % av de "
                  f"oavgjorda); åt upphandling i {tally.points_to_rate(decided, 'procurement') * 100:.1f} %"
                  if decided != "procurement" else
                  f"  procurement: lutar eller pekar åt upphandling i "
                  f"{tally.points_to_rate(decided, decided) * 100:.1f} % av varianterna; åt bidrag eller IOP "
                  f"(bara pekar, hållet tillbaka av P1) i "
                  f"{(tally.points_to_rate(decided, 'grant') + tally.points_to_rate(decided, 'iop')) * 100:.1f} %")
    grant_rate = tally.points_to_rate("grant", "grant")
    grant_procurement = tally.points_to_rate("grant", "procurement")
    print(f"  krav: bidragsärenden åt bidrag ≥ 80 % ({grant_rate * 100:.1f} %), åt upphandling 0 "
          f"({grant_procurement * 100:.1f} %)")
    print(f"  tid: {elapsed:.1f} s")
    for example in tally.opposite_examples[:5]:
        print("  motsatt:", example)


if __name__ == "__main__":
    main()
