"""A register of nine hand-made cases whose figures are counted by hand in the tests.

    id  status     committee         year  decision     form               rec          kommun kr  org kr
    A   beslutad   Socialnämnden     2023  bidrag       verksamhetsbidrag  grant        100 000    20 000 (+5 000 in kind)
    B   beslutad   Socialnämnden     2024  iop          –                  iop          300 000    50 000
    C   beslutad   Kulturnämnden     2024  bidrag       –                  iop (avvek)  saknas     saknas
    D   beslutad   Kulturnämnden     2024  upphandling  lou                procurement  500 000    –
    E   arkiverad  Kulturnämnden     2023  bidrag       projektbidrag      grant         70 000    –
    F   utkast     Socialnämnden     2025  –            –                  undecided     40 000    –   blocks on companies_offer, political_programme
    G   bedömd     Kulturnämnden     2025  –            –                  undecided    saknas     –   blocks on companies_offer
    H   utkast     Socialnämnden     2025  –            –                  grant        100 000    –   a copy of A
    I   beslutad   Socialnämnden     2025  avslag       –                  grant (avvek) 60 000    –
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from iop.portfolio.figures import COLUMNS, typed


def row(case_id: str, **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {name: None for name in COLUMNS}
    base.update(id=case_id, title=f"Ärende {case_id}", diarienummer=f"DNR {case_id}", organisation=f"Förening {case_id}",
                committee="Socialnämnden", status="utkast", criteria_set="forum-2015", from_organisation=False,
                area="", target_group="", org_number="", recommendation="", recommended_form="", blocking="",
                decision="", decided_form="", deviation_reason="", state_aid="", copied_from="")
    base.update(values)
    return base


def decided(case_id: str, year: int, decision: str, recommendation: str, follows: bool, **values: Any) -> dict[str, Any]:
    values = {"status": "beslutad", **values}
    return row(case_id, year=year, decision=decision, recommendation=recommendation,
               follows=follows, decision_date=dt.date(year, 3, 1), **values)


def hand_counted() -> pd.DataFrame:
    rows = [
        decided("A", 2023, "bidrag", "grant", True, decided_form="verksamhetsbidrag", municipality_sek=100_000,
                organisation_sek=20_000, municipality_in_kind_sek=5_000, area="Centrum", target_group="Unga"),
        decided("B", 2024, "iop", "iop", True, municipality_sek=300_000, organisation_sek=50_000, area="centrum ",
                target_group="unga"),
        decided("C", 2024, "bidrag", "iop", False, committee="Kulturnämnden", deviation_reason="Politiskt beslut",
                target_group="Äldre"),
        decided("D", 2024, "upphandling", "procurement", True, committee="Kulturnämnden", decided_form="lou",
                municipality_sek=500_000),
        decided("E", 2023, "bidrag", "grant", True, committee="Kulturnämnden", decided_form="projektbidrag",
                municipality_sek=70_000, status="arkiverad"),
        row("F", year=2025, recommendation="undecided", blocking="companies_offer,political_programme",
            municipality_sek=40_000, area="Centrum"),
        row("G", status="bedömd", committee="Kulturnämnden", year=2025, recommendation="undecided",
            blocking="companies_offer", criteria_set="skl-2017"),
        row("H", year=2025, recommendation="grant", municipality_sek=100_000, copied_from="A"),
        decided("I", 2025, "avslag", "grant", False, deviation_reason="Budget saknas", municipality_sek=60_000),
    ]
    return typed(pd.DataFrame(rows))
