"""The case list as a table: search and filters over the register's list columns.

Pure pandas over the frame ``CaseRegister.case_frame`` returns, so the page stays
thin and the benchmark measures exactly what the page does.

Search ignores case and diacritics ("malmo" finds "Malmö", "gote" finds
"Göteborg") over title, Dnr, organisation, organisationsnummer, contacts, the
public party and the committee. The lower-cased text of every row is made once
per fetched frame (``with_search_text``); the search itself becomes a pattern
that accepts any accent on each letter (``search_pattern``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from iop.records.case_diff import case_name
from iop.records.record import ANSWERS_FROM_LABEL, DECISION_LABEL, STATUS_LABEL, CaseStatus
from iop.words.clock import SWEDISH_ZONE
from iop.words.swedish import FORM, RECOMMENDATION_SHORT

if TYPE_CHECKING:
    import pandas as pd

SEARCHED = ["diarienummer", "title", "subject", "organisation", "org_number", "contacts", "public_body", "committee",
            "officer"]
SEARCH_TEXT = "search_text"
"""The column with every searched column lower-cased, one per line."""
UNTITLED = "Nytt ärende"
"""The title a new case starts with: not a title to compare."""
NO_DECISION = ""
"""The decision filter's value for cases not (yet) decided."""

DISPLAY_COLUMNS = {
    "diarienummer": "Diarienummer",
    "title": "Rubrik",
    "organisation": "Organisation",
    "status_label": "Status",
    "recommendation_label": "Rekommendation",
    "decision_label": "Beslut",
    "updated_at_local": "Senast ändrad",
    "public_body": "Offentlig part",
    "committee": "Nämnd",
    "org_number": "Organisationsnummer",
    "contacts": "Kontaktpersoner",
    "subject": "Ärendemening",
    "officer": "Handläggare",
    "decision_body": "Beslutsinstans",
    "secrecy": "Sekretess",
    "retention": "Bevarande",
    "criteria_set_title": "Kriterieuppsättning",
    "source_label": "Svar från",
    "updated_by": "Ändrad av",
}
"""Every column the list can show, in the order shown."""

SHOWN_COLUMNS = ("Diarienummer", "Rubrik", "Organisation", "Status", "Rekommendation", "Beslut", "Senast ändrad")
"""What an official needs to find and judge a case, in the width of a 1366 px screen; the rest on demand."""

DECISION_SHORT = {"bidrag": "Bidrag", "iop": "IOP", "upphandling": "Upphandling", "avslag": "Avslag"}
"""A decision's kind as short as the recommendation beside it (DECISION_LABEL has the full names)."""
assert set(DECISION_SHORT) == set(DECISION_LABEL)


def fold(text: str) -> str:
    """``text`` as search compares it: lower case, accents and dots over letters removed (å → a, é → e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter_variants() -> dict[str, str]:
    """Each base letter and the accented letters that fold to it (a: aàáâãäå…), over Latin-1 and Latin Extended-A."""
    groups: dict[str, set[str]] = {}
    for code in range(0xC0, 0x180):
        letter = chr(code).lower()
        base = fold(letter)
        if len(base) == 1 and base.isalpha() and base != letter:
            groups.setdefault(base, {base}).add(letter)
    return {base: "".join(sorted(letters)) for base, letters in groups.items()}


_VARIANTS = _letter_variants()


def search_pattern(search: str) -> str:
    """A regular expression (RE2, as Arrow runs it) that finds ``search`` ignoring case and diacritics.

    Folding 10,000 rows of text costs more than the whole query; folding the few letters searched for
    into classes ("malmo" → "m[aàáâãäå…]lm[oòóôõö…]") lets the lower-cased rows be searched as they are.
    Every other ASCII character is written as its code point, so it is matched as itself.
    """
    parts: list[str] = []
    for char in fold(search.strip()):
        if char in _VARIANTS:
            parts.append(f"[{_VARIANTS[char]}]")
        elif char.isalnum() or not char.isascii():
            parts.append(char)  # no character outside ASCII means anything special in a pattern
        else:
            parts.append(f"\\x{ord(char):02x}")  # "\x2e": a dot as a dot, in RE2 and in Python's re alike
    return "".join(parts)


def with_search_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the lower-cased search text of each row; the register adds it once per fetched frame."""
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    columns = [frame[c].fillna("").astype(str) for c in SEARCHED if c in frame]
    joined = columns[0] if columns else pd.Series("", index=frame.index, dtype=str)
    for column in columns[1:]:
        joined = joined + "\n" + column
    return frame.assign(**{SEARCH_TEXT: joined.str.lower()})


def filter_cases(frame: pd.DataFrame, search: str = "", statuses: Collection[str] = (),
                 recommendations: Collection[str] = (), years: Collection[int] = (),
                 committees: Collection[str] = (), include_archived: bool = False,
                 decisions: Collection[str] = ()) -> pd.DataFrame:
    """Rows matching every given filter; ``search`` matches any searched column, ignoring case and diacritics.

    ``decisions`` holds decision kinds and ``NO_DECISION`` for a case without a decision.
    """
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    mask = pd.Series(True, index=frame.index)
    if not include_archived and CaseStatus.archived.value not in statuses:
        mask &= frame["status"] != CaseStatus.archived.value
    if statuses:
        mask &= frame["status"].isin(list(statuses))
    if recommendations:
        mask &= frame["recommendation"].isin(list(recommendations))
    if decisions:
        decided = frame["decision"] if "decision" in frame else pd.Series(NO_DECISION, index=frame.index)
        mask &= decided.fillna(NO_DECISION).isin(list(decisions))
    if years:
        mask &= frame["year"].isin(list(years))
    if committees:
        mask &= frame["committee"].isin(list(committees))
    pattern = search_pattern(search)
    if pattern:
        # Search only the rows the other filters kept. The columns are joined by a line break, which the
        # pattern never matches (a search from the one-line field has none), so no match spans two columns.
        kept = frame[mask] if SEARCH_TEXT in frame else with_search_text(frame[mask])
        hit = kept[SEARCH_TEXT].str.contains(pattern, regex=True).fillna(False).astype(bool)
        return kept[hit.to_numpy()].sort_values("updated_at", ascending=False)
    return frame[mask].sort_values("updated_at", ascending=False)


def _answers_from(frame: pd.DataFrame) -> pd.Series:
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    flagged = frame.get("from_organisation", pd.Series(False, index=frame.index)).fillna(False).astype(bool)
    fallback = flagged.map({True: "organisation", False: "official"})
    if "answers_from" not in frame:
        return fallback
    given = frame["answers_from"].fillna("").astype(str)
    return given.where(given != "", fallback)


def decision_label(decision: str, form: str = "") -> str:
    """The Beslut column: "Bidrag (verksamhetsbidrag)", "IOP"; empty when not decided."""
    if not decision:
        return ""
    short = DECISION_SHORT.get(decision, decision)
    return f"{short} ({FORM.get(form, form)})" if form else short


def _decision_labels(decisions: pd.Series, forms: pd.Series) -> pd.Series:
    """``decision_label`` for a whole column at once (a Python call per row costs more than the query)."""
    short = decisions.map(DECISION_SHORT).fillna(decisions)
    with_form = short + " (" + forms.map(FORM).fillna(forms) + ")"
    return with_form.where(forms != "", short).where(decisions != "", "")


def display_frame(frame: pd.DataFrame, set_titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The filtered rows with Swedish column names and labels, as the page shows them (id kept, for opening)."""
    import pandas as pd  # imported when used: it costs ~0.3 s, and the first page of a session needs none of it
    empty = pd.Series("", index=frame.index)
    decisions = frame.get("decision", empty).fillna("")
    forms = frame.get("decision_form", empty).fillna("")
    shown = frame.assign(
        status_label=frame["status"].map({s.value: STATUS_LABEL[s] for s in CaseStatus}),
        recommendation_label=frame["recommendation"].map(RECOMMENDATION_SHORT).fillna(""),
        decision_label=_decision_labels(decisions.astype(str), forms.astype(str)),
        criteria_set_title=frame["criteria_set"].map({s: (set_titles or {}).get(s, s)
                                                      for s in frame["criteria_set"].unique()}),
        # An imported self-check holds the organisation's answers, a workshop's file the group's: not an
        # official's assessment. Older rows know only the organisation flag.
        source_label=_answers_from(frame).map(ANSWERS_FROM_LABEL),
        # Local time as a datetime column; the page formats it (string formatting 10,000 rows costs more
        # than the whole query).
        updated_at_local=frame["updated_at"].dt.tz_convert(SWEDISH_ZONE).dt.tz_localize(None),
    )
    missing = {column: "" for column in DISPLAY_COLUMNS if column not in shown}  # a register from before a column
    return shown.assign(**missing)[["id", *DISPLAY_COLUMNS]].rename(columns=DISPLAY_COLUMNS).reset_index(drop=True)


def duplicates_of(frame: pd.DataFrame, title: str, organisation: str, org_number: str = "",
                  exclude: str | None = None) -> pd.DataFrame:
    """Cases that look like the same application: the same title and the same organisation, by name or by
    organisationsnummer, ignoring case and diacritics; archived ones included, ``exclude`` (the case itself)
    left out. A case still titled "Nytt ärende" has no title yet and matches nothing."""
    wanted = fold(title.strip())
    if frame.empty or not wanted or wanted == fold(UNTITLED):
        return frame.iloc[0:0]
    same_title = frame["title"].fillna("").astype(str).map(fold) == wanted
    same_org = frame["organisation"].fillna("").astype(str).map(fold) == fold(organisation.strip())
    digits = _digits(org_number)
    if digits and "org_number" in frame:
        same_org |= frame["org_number"].fillna("").astype(str).map(_digits) == digits
    mask = same_title & same_org
    if exclude is not None:
        mask &= frame["id"] != exclude
    return frame[mask]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def filter_choices(frame: pd.DataFrame) -> tuple[list[int], list[str]]:
    """What the year and committee filters offer: the years cases have (newest first) and their committees."""
    years = sorted({int(y) for y in frame["year"].dropna()}, reverse=True)
    return years, sorted({c for c in frame["committee"] if c})


ARCHIVED_MARK = " [arkiverat]"


def case_names(frame: pd.DataFrame) -> dict[str, str]:
    """Every case's name by id (title and Dnr), for notes that mention a case by its id."""
    return {str(row.id): case_name(str(row.title), str(row.diarienummer or "")) for row in frame.itertuples()}


def case_choices(frame: pd.DataFrame) -> dict[str, str]:
    """The cases to copy, archive or restore, by id: title and Dnr, an archived one marked as such."""
    return {str(row.id): case_name(str(row.title), str(row.diarienummer or ""))
            + (ARCHIVED_MARK if row.status == CaseStatus.archived.value else "")
            for row in frame.itertuples()}


def similar_names(same: pd.DataFrame) -> list[str]:
    """Cases ``duplicates_of`` found, as Ärendet warns of them: title and Dnr, and the status."""
    return [f"{case_name(str(r.title), str(r.diarienummer or ''))}, {STATUS_LABEL[CaseStatus(r.status)].lower()}"
            for r in same.itertuples()]
