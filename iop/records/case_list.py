"""The case list as a table: search and filters over the register's list columns.

Pure pandas over the frame ``CaseRegister.case_frame`` returns, so the page stays
thin and the benchmark measures exactly what the page does.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from iop.records.record import STATUS_LABEL, CaseStatus
from iop.words.clock import SWEDISH_ZONE
from iop.words.swedish import RECOMMENDATION_SHORT

if TYPE_CHECKING:
    import pandas as pd

SEARCHED = ["diarienummer", "title", "subject", "organisation", "public_body", "committee", "officer"]

DISPLAY_COLUMNS = {
    "diarienummer": "Diarienummer",
    "subject": "Ärendemening",
    "organisation": "Organisation",
    "public_body": "Offentlig part",
    "officer": "Handläggare",
    "decision_body": "Beslutsinstans",
    "status_label": "Status",
    "recommendation_label": "Rekommendation",
    "secrecy": "Sekretess",
    "retention": "Bevarande",
    "criteria_set": "Kriterieuppsättning",
    "source_label": "Svar från",
    "updated_at_local": "Senast ändrad",
    "updated_by": "Ändrad av",
}


def filter_cases(frame: pd.DataFrame, search: str = "", statuses: Collection[str] = (),
                 recommendations: Collection[str] = (), years: Collection[int] = (),
                 committees: Collection[str] = (), include_archived: bool = False) -> pd.DataFrame:
    """Rows matching every given filter; ``search`` matches any searched column, case-insensitively."""
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    mask = pd.Series(True, index=frame.index)
    if not include_archived and CaseStatus.archived.value not in statuses:
        mask &= frame["status"] != CaseStatus.archived.value
    if statuses:
        mask &= frame["status"].isin(list(statuses))
    if recommendations:
        mask &= frame["recommendation"].isin(list(recommendations))
    if years:
        mask &= frame["year"].isin(list(years))
    if committees:
        mask &= frame["committee"].isin(list(committees))
    needle = search.strip().lower()
    if needle:
        # Search only the rows the other filters kept, column by column, so no match spans two
        # columns. lower() runs in Arrow's kernel; casefold() falls back to Python per row and cost
        # more than the whole scan. The two differ only for letters like ß, not in Swedish text.
        kept = frame[mask]
        hit = pd.Series(False, index=kept.index)
        for column in SEARCHED:
            hit |= kept[column].str.lower().str.contains(needle, regex=False).fillna(False).astype(bool)
        return kept[hit.to_numpy()].sort_values("updated_at", ascending=False)
    return frame[mask].sort_values("updated_at", ascending=False)


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The filtered rows with Swedish column names and labels, as the page shows them."""
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    shown = frame.assign(
        status_label=frame["status"].map({s.value: STATUS_LABEL[s] for s in CaseStatus}),
        recommendation_label=frame["recommendation"].map(RECOMMENDATION_SHORT).fillna(""),
        # An imported self-check: its answers are the organisation's, not an official's assessment.
        source_label=frame.get("from_organisation", pd.Series(False, index=frame.index))
        .map({True: "Organisationen", False: "Tjänsteperson"}),
        # Local time as a datetime column; the page formats it (string formatting 10,000 rows costs more
        # than the whole query).
        updated_at_local=frame["updated_at"].dt.tz_convert(SWEDISH_ZONE).dt.tz_localize(None),
    )
    return shown[list(DISPLAY_COLUMNS)].rename(columns=DISPLAY_COLUMNS).reset_index(drop=True)
