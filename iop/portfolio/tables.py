"""The portfolio's figures as tables with Swedish headings: what the page shows and the exports write.

One function per table, over the codes ``aggregate`` returns; the page's table
alternative to each chart, the CSV and the Excel workbook all come from here,
so they cannot differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from iop.portfolio.aggregate import Portfolio, decision_label, recommendation_label
from iop.portfolio.figures import AMOUNT_LABEL, AMOUNTS, FORM_GROUP
from iop.portfolio.todo import TODO_LABEL, TodoItem

MISSING_LABEL = "Ärenden utan kommunens belopp"


def _figures(table: pd.DataFrame, first: str, first_label: str) -> pd.DataFrame:
    out = pd.DataFrame({
        first_label: table[first].astype(str),
        "Form": table["form_group"].map(FORM_GROUP),
        "Antal ärenden": table["count"].astype(int),
    })
    for amount in AMOUNTS:
        out[AMOUNT_LABEL[amount]] = table[amount].astype("int64")
    out[MISSING_LABEL] = table["missing"].astype(int)
    return out.reset_index(drop=True)


def form_year_table(portfolio: Portfolio) -> pd.DataFrame:
    return _figures(portfolio.by_form_year, "year", "År")


def committee_table(portfolio: Portfolio) -> pd.DataFrame:
    return _figures(portfolio.by_committee, "committee", "Nämnd")


def area_table(portfolio: Portfolio) -> pd.DataFrame:
    return _figures(portfolio.by_area, "area", "Område")


def target_group_table(portfolio: Portfolio) -> pd.DataFrame:
    return _figures(portfolio.by_target_group, "target_group", "Målgrupp")


def recommendation_table(portfolio: Portfolio) -> pd.DataFrame:
    """Recommendation down, decision across: how many decisions of each kind per recommendation."""
    crossed = portfolio.recommended_vs_decided
    if not len(crossed):
        return pd.DataFrame({"Rekommendation": pd.Series(dtype=str)})
    wide = crossed.pivot_table(index="recommendation", columns="decision", values="count", aggfunc="sum",
                               fill_value=0)
    rec_order = [r for r in ("grant", "iop", "procurement", "undecided") if r in wide.index]
    dec_order = [d for d in ("bidrag", "iop", "upphandling", "avslag") if d in wide.columns]
    wide = wide.loc[rec_order, dec_order]
    out = wide.rename(index=recommendation_label, columns=lambda d: f"Beslut: {decision_label(d)}")
    out.insert(0, "Antal beslut", wide.sum(axis=1).astype(int).to_numpy())
    return out.rename_axis("Rekommendation").reset_index().rename_axis(None, axis=1)


def deviations_table(portfolio: Portfolio) -> pd.DataFrame:
    table = portfolio.deviations
    return pd.DataFrame({
        "Ärende": table["title"], "Diarienummer": table["diarienummer"],
        "År": table["year"].astype("string").fillna(""), "Nämnd": table["committee"],
        "Rekommendation": table["recommendation"].map(recommendation_label),
        "Beslut": table["decision"].map(decision_label), "Motivering": table["deviation_reason"],
    })


def blocking_table(portfolio: Portfolio, question_text: Mapping[str, str]) -> pd.DataFrame:
    table = portfolio.blocking
    return pd.DataFrame({"Fråga": [question_text.get(str(q), str(q)) for q in table["question"]],
                         "Ärenden som frågan håller oavgjorda": table["cases"].astype(int)})


def moves_table(moves: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"År": moves["year"].astype(str), "Förflyttning": moves["move"],
                         "Antal verksamheter": moves["count"].astype(int)})


def de_minimis_table(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Organisation": table["organisation"],
        "Organisationsnummer": table["org_number"],
        "Beslut senaste tre åren": table["cases"].astype(int),
        "Stöd av mindre betydelse, euro": table["general_eur"].round(0).astype("int64"),
        "SGEI-stöd av mindre betydelse, euro": table["sgei_eur"].round(0).astype("int64"),
        "Kvar till taket, euro": table["headroom_general_eur"].round(0).astype("Int64"),
        "Kvar till SGEI-taket, euro": table["headroom_sgei_eur"].round(0).astype("Int64"),
        "Beslut utan belopp": table["missing"].astype(int),
        "Äldsta stödet räknas bort": [d.isoformat() for d in table["frees_next"]],
    })


def todo_table(items: Sequence[TodoItem], titles: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "Datum": [item.due.isoformat() if item.due else "" for item in items],
        "Läge": [item.state for item in items],
        "Vad": [TODO_LABEL[item.kind] for item in items],
        "Ärende": [titles.get(item.case_id, "") for item in items],
        "Att göra": [item.text for item in items],
    })


def all_tables(portfolio: Portfolio, moves: pd.DataFrame, de_minimis: pd.DataFrame,
               todo: Sequence[TodoItem], question_text: Mapping[str, str],
               titles: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """Every table, by a title short enough for an Excel sheet name (at most 31 characters)."""
    return {
        "Form per år": form_year_table(portfolio),
        "Per nämnd": committee_table(portfolio),
        "Per område": area_table(portfolio),
        "Per målgrupp": target_group_table(portfolio),
        "Beslut mot rekommendation": recommendation_table(portfolio),
        "Avvikelser": deviations_table(portfolio),
        "Blockerande frågor": blocking_table(portfolio, question_text),
        "Förflyttningar": moves_table(moves),
        "De minimis per organisation": de_minimis_table(de_minimis),
        "Att göra": todo_table(todo, titles),
    }
