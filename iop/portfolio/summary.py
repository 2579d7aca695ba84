"""The portfolio in sentences: what each chart shows, for a reader who cannot see it.

Every chart on the page and in the Word annex carries one of these summaries as
its text alternative, and the page prints it under the chart, so the point of
the picture (how much, which form is largest, which way it moves) is there in
words too. Numbers as Swedes write them: 1 234 567 kr, 26 %.
"""

from __future__ import annotations

import pandas as pd

from iop.portfolio.aggregate import NO_YEAR, Portfolio, decision_label, recommendation_label
from iop.portfolio.figures import BROAD, BROAD_LABEL, FORM_GROUP
from iop.words.swedish import swedish_number


def percent(part: int | float, whole: int | float) -> str:
    return f"{swedish_number(round(100 * part / whole))}\u00a0%" if whole else "–"


def kronor(value: int | float) -> str:
    return f"{swedish_number(int(round(value)))}\u00a0kr"


def counted(number: int, one: str, many: str) -> str:
    """``number`` with the noun in the right number: 1 ärende, 2 ärenden."""
    return f"{swedish_number(number)} {one if number == 1 else many}"


def _listing(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]


def _years(table: pd.DataFrame) -> list[str]:
    return sorted(y for y in table["year"].unique() if y != NO_YEAR)


def form_year_summary(portfolio: Portfolio, measure: str = "count") -> str:
    """The form-per-year chart in words: the totals per broad form, and how the shares moved."""
    table = portfolio.by_form_year
    decided = table[table["form_group"] != "ej_beslutat"]
    if not len(decided):
        return ("Inga beslutade ärenden i urvalet ännu." if portfolio.total else "Inga ärenden i urvalet.")
    years = _years(decided)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "utan år")
    broad = decided.assign(broad=decided["form_group"].map(BROAD))
    totals = broad.groupby("broad")[measure].sum()
    whole = float(totals.sum())
    order = [b for b in BROAD_LABEL if b in totals.index and totals[b]]
    show = kronor if measure != "count" else (lambda n: swedish_number(int(n)))
    parts = [f"{_name(b)} {show(totals[b])} ({percent(totals[b], whole)})" for b in order]
    decided_cases = int(decided["count"].sum())
    head = (f"{span}: {counted(decided_cases, 'beslutat ärende', 'beslutade ärenden')}" if measure == "count"
            else f"{span}: {kronor(whole)} per år i beslutade ärenden")
    text = f"{head}; {_listing(parts)}."
    if len(years) > 1:
        first, last = years[0], years[-1]
        per_year = broad.groupby(["year", "broad"])[measure].sum()
        moved = []
        for b in ("bidrag", "iop", "upphandling"):
            start_total = float(per_year.loc[first].sum()) if first in per_year.index.get_level_values(0) else 0.0
            end_total = float(per_year.loc[last].sum()) if last in per_year.index.get_level_values(0) else 0.0
            a = float(per_year.get((first, b), 0.0))
            z = float(per_year.get((last, b), 0.0))
            if start_total and end_total and (a or z):
                moved.append(f"{_name(b)} från {percent(a, start_total)} {first} till {percent(z, end_total)} {last}")
        if moved:
            text += " Andelen " + _listing(moved) + "."
    undecided = int(table.loc[table["form_group"] == "ej_beslutat", "count"].sum())
    if undecided:
        text += f" Därtill {counted(undecided, 'ärende som inte är beslutat', 'ärenden som inte är beslutade')}."
    return text


def breakdown_summary(table: pd.DataFrame, column: str, what: str, measure: str = "count", top: int = 3) -> str:
    """A by-committee or by-area chart in words: the largest few and their commonest form."""
    if not len(table):
        return f"Inga ärenden att visa per {what}."
    totals = table.groupby(column, sort=False)[measure].sum().sort_values(ascending=False, kind="stable")
    whole = float(totals.sum())
    parts = []
    for name, value in totals.head(top).items():
        rows = table[table[column] == name]
        largest = rows.sort_values(measure, ascending=False, kind="stable").iloc[0]
        amount = counted(int(value), "ärende", "ärenden") if measure == "count" else kronor(value)
        commonest = FORM_GROUP[str(largest["form_group"])].lower()
        parts.append(f"{name}: {amount} ({percent(value, whole)}), mest {commonest}")
    rest = len(totals) - min(top, len(totals))
    tail = f" Ytterligare {rest} andra." if rest > 0 else ""
    return f"Störst per {what}: " + "; ".join(parts) + "." + tail


def recommendation_summary(portfolio: Portfolio) -> str:
    if not portfolio.decided:
        return "Inga beslut i urvalet ännu, så inget att jämföra med rekommendationerna."
    text = (f"Av {swedish_number(portfolio.decided)} beslut följde {swedish_number(portfolio.follows)} "
            f"({percent(portfolio.follows, portfolio.decided)}) rekommendationen")
    if not portfolio.deviates:
        return text + "."
    crossed = portfolio.recommended_vs_decided
    off = crossed[[not _follows(r, d) for r, d in zip(crossed["recommendation"], crossed["decision"], strict=True)]]
    common = off.sort_values("count", ascending=False, kind="stable").head(2)
    ways = [f"{recommendation_label(r)} blev {decision_label(d).lower() if d != 'iop' else 'IOP'} "
            f"({swedish_number(int(n))})" for r, d, n in zip(common["recommendation"], common["decision"],
                                                               common["count"], strict=True)]
    return text + f" och {swedish_number(portfolio.deviates)} avvek, oftast {_listing(ways)}."


def _follows(recommendation: str, decision: str) -> bool:
    return {"grant": "bidrag", "iop": "iop", "procurement": "upphandling"}.get(recommendation) == decision


def undecided_summary(portfolio: Portfolio, question_text: dict[str, str]) -> str:
    if not portfolio.total:
        return "Inga ärenden i urvalet."
    text = (f"{swedish_number(portfolio.not_decided)} av {counted(portfolio.total, 'ärende', 'ärenden')} "
            f"({percent(portfolio.not_decided, portfolio.total)}) är inte "
            + ("beslutat" if portfolio.not_decided == 1 else "beslutade"))
    if not portfolio.cannot_decide:
        return text + "; alla har en rekommendation."
    text += (f"; {swedish_number(portfolio.cannot_decide)} av dem går inte att avgöra ännu")
    if len(portfolio.blocking):
        first = portfolio.blocking.iloc[0]
        text += (f". Oftast blockerar frågan ”{question_text.get(str(first['question']), str(first['question']))}” "
                 f"({counted(int(first['cases']), 'ärende', 'ärenden')})")
    return text + "."


def _name(broad: str) -> str:
    return "IOP" if broad == "iop" else BROAD_LABEL[broad].lower()


def _move_words(source: str, target: str) -> str:
    if source == target and source not in ("ej_beslutat", "avslag"):
        return f"{_name(source)} förnyat"
    return f"{_name(source)} → {_name(target)}"


def moves_summary(moves: pd.DataFrame) -> str:
    if not len(moves):
        return ("Inga ärenden i urvalet är kopplade som efterföljare till ett tidigare ärende, så inga "
                "förflyttningar mellan former visas.")
    totals = (moves.groupby(["source", "target"], sort=False)["count"].sum()
              .sort_values(ascending=False, kind="stable").reset_index())
    whole = int(totals["count"].sum())
    parts = [f"{_move_words(str(source), str(target))} {swedish_number(int(n))}"
             for source, target, n in zip(totals["source"], totals["target"], totals["count"], strict=True)]
    years = _years(moves)
    span = f" {years[0]}–{years[-1]}" if len(years) > 1 else (f" {years[0]}" if years else "")
    return f"{counted(whole, 'verksamhet', 'verksamheter')} har fortsatt i ett nytt ärende{span}: {_listing(parts)}."
