"""The portfolio's rows and filters: one row per case, the forms it is counted under, the URL's filter.

A typed frame has one row per case with the columns in :data:`COLUMNS` (see
``iop.store.PortfolioStore.frame``): the reference the store's SQL grouping is tested
against (``aggregate.sums_of``, ``view.view_of``), and what the hand-counted fixtures are.
The filter here is the one the page's address carries; the store turns it into SQL.

A case is counted in **one year**: the year of its decision when it is decided,
else the case's own year (its date, else the activity's start). Amounts are
**kronor per year** as the agreement states them, else as the case gives them
(what the decision was based on); a missing amount is left out of the sums and
counted as missing, never read as zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from iop.records.agreement import form_group, org_key
from iop.records.record import STATUS_LABEL, CaseStatus

COLUMNS = [
    "id", "title", "diarienummer", "organisation", "committee", "status", "criteria_set", "from_organisation",
    "year", "area", "target_group", "org_number", "recommendation", "recommended_form", "blocking",
    "decision", "decided_form", "decision_date", "follows", "deviation_reason",
    "municipality_sek", "municipality_in_kind_sek", "organisation_sek", "organisation_in_kind_sek",
    "state_aid", "aid_months", "sek_per_eur", "agreement_start", "agreement_end", "copied_from",
]
"""The columns of the frame the store returns, one row per case (archived cases included)."""

AMOUNTS = ["municipality_sek", "municipality_in_kind_sek", "organisation_sek", "organisation_in_kind_sek"]
AMOUNT_LABEL = {
    "municipality_sek": "Kommunens pengar, kr per år",
    "municipality_in_kind_sek": "Kommunens övriga insatser (värderade), kr per år",
    "organisation_sek": "Organisationens pengar, kr per år",
    "organisation_in_kind_sek": "Organisationens övriga insatser (värderade), kr per år",
}

FORM_GROUP: dict[str, str] = {
    "normerat_foreningsbidrag": "Bidrag: normerat föreningsbidrag",
    "verksamhetsbidrag": "Bidrag: verksamhetsbidrag",
    "projektbidrag": "Bidrag: projektbidrag",
    "bidrag": "Bidrag: form inte angiven",
    "iop": "IOP",
    "lou": "Upphandling: LOU",
    "lov": "Upphandling: LOV",
    "reserved": "Reserverad upphandling",
    "upphandling": "Upphandling: väg inte angiven",
    "avslag": "Avslag",
    "ej_beslutat": "Inte beslutat",
}
"""Every form a case is counted under, in the order the page and the exports show them."""

BROAD: dict[str, str] = {
    "normerat_foreningsbidrag": "bidrag", "verksamhetsbidrag": "bidrag", "projektbidrag": "bidrag",
    "bidrag": "bidrag", "iop": "iop", "lou": "upphandling", "lov": "upphandling", "reserved": "upphandling",
    "upphandling": "upphandling", "avslag": "avslag", "ej_beslutat": "ej_beslutat",
}
"""Each form group's broad form: the seed's three ways (bidrag, IOP, upphandling), avslag, not decided."""

BROAD_LABEL = {"bidrag": "Bidrag", "iop": "IOP", "upphandling": "Upphandling", "avslag": "Avslag",
               "ej_beslutat": "Inte beslutat"}

RECOMMENDATION_BROAD = {"grant": "bidrag", "iop": "iop", "procurement": "upphandling", "undecided": "ej_beslutat"}

STATUS_SLUG = {"utkast": CaseStatus.draft, "bedomd": CaseStatus.assessed, "beslutad": CaseStatus.decided,
               "arkiverad": CaseStatus.archived}
"""Statuses as they are written in the page's address (ASCII, so a shared link survives any mail client)."""

DEFAULT_STATUSES = (CaseStatus.draft.value, CaseStatus.assessed.value, CaseStatus.decided.value)
"""Archived cases are left out unless asked for, as on Ärenden."""

NOT_GIVEN = "(inte angivet)"

DE_MINIMIS_GATES = {"de_minimis": "general", "sgei_de_minimis": "sgei"}
"""Gate 3's values that mean the aid was granted as de minimis aid, and under which ceiling."""


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's rows with the portfolio's dtypes: nullable integers for years and amounts, dates as dates."""
    out = frame.reindex(columns=COLUMNS).copy()
    for column in ("year", "aid_months", *AMOUNTS):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    out["sek_per_eur"] = pd.to_numeric(out["sek_per_eur"], errors="coerce").astype("Float64")
    for column in ("decision_date", "agreement_start", "agreement_end"):
        out[column] = pd.to_datetime(out[column], errors="coerce")
    out["follows"] = out["follows"].astype("boolean")
    out["from_organisation"] = out["from_organisation"].fillna(False).astype(bool)
    text = ["id", "title", "diarienummer", "organisation", "committee", "status", "criteria_set", "area",
            "target_group", "org_number", "recommendation", "recommended_form", "blocking", "decision",
            "decided_form", "deviation_reason", "state_aid", "copied_from"]
    out[text] = out[text].fillna("")
    out["form_group"] = form_groups(out)
    out["broad"] = out["form_group"].map(BROAD)
    out = relabel(out)
    out["org_key"] = org_keys(out)
    out["missing"] = out["municipality_sek"].isna().astype("int64")
    out["de_minimis_aid"] = (out["decision"].isin(["bidrag", "iop"])
                             & out["state_aid"].isin(list(DE_MINIMIS_GATES))).to_numpy(dtype=bool)
    # Plain Python strings from here on: pandas' Arrow strings cost several times more in every filter, join
    # and group the page makes (a view of 10,000 cases took 270 ms to aggregate with them, 140 ms without).
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column].dtype) and out[column].dtype != object:
            out[column] = out[column].astype(object)
    return out


def form_groups(frame: pd.DataFrame) -> pd.Series:
    """The form each case is counted under (``iop.records.agreement.form_group``, the rule the store keeps)."""
    groups = [form_group(str(d or ""), str(f or "")) for d, f in zip(frame["decision"], frame["decided_form"],
                                                                     strict=True)]
    return pd.Series(groups, index=frame.index, dtype=object)


def relabel(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the labels of its area and target group, worked out over all its rows (``spelling_labels``)."""
    labels: dict[str, pd.Series] = {}
    for column in ("area", "target_group"):
        values = frame[column]
        shown = spelling_labels(Counter(values.tolist()))
        labels[f"{column}_label"] = pd.Series([shown[v] for v in values], index=frame.index, dtype=object)
    return frame.assign(**labels)


def _cleaned(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def spelling_labels(counts: Mapping[str, int]) -> dict[str, str]:
    """Free text (area, target group) as one label per text regardless of case and spacing.

    ``counts`` is how many cases give each text as typed. Each text gets the spelling most cases
    with the same text use ("Centrum" for "centrum " too; a tie goes to the spelling first in
    alphabetical order); an empty text becomes "(inte angivet)".
    """
    per_key: dict[str, dict[str, int]] = {}
    for typed_text, count in counts.items():
        text = _cleaned(typed_text)
        spellings = per_key.setdefault(text.casefold(), {})
        spellings[text] = spellings.get(text, 0) + int(count)
    shown = {key: min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
             for key, spellings in per_key.items()}
    shown[""] = NOT_GIVEN
    return {typed_text: shown[_cleaned(typed_text).casefold()] for typed_text in counts}


def org_keys(frame: pd.DataFrame) -> pd.Series:
    """An organisation across its cases (``iop.records.agreement.org_key``, the rule the store keeps)."""
    keys = [org_key(str(number or ""), str(name or "")) for number, name in
            zip(frame["org_number"].fillna(""), frame["organisation"].fillna(""), strict=True)]
    return pd.Series(keys, index=frame.index, dtype=object)


@dataclass(frozen=True)
class PortfolioFilter:
    """What the official chose to look at; every field empty means everything (archived left out)."""

    year_from: int | None = None
    year_to: int | None = None
    committees: tuple[str, ...] = ()
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    criteria_sets: tuple[str, ...] = ()

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        mask = pd.Series(True, index=frame.index)
        years = frame["year"]
        if self.year_from is not None:
            mask &= (years >= self.year_from).fillna(False)
        if self.year_to is not None:
            mask &= (years <= self.year_to).fillna(False)
        if self.committees:
            mask &= frame["committee"].isin(list(self.committees))
        if self.statuses:
            mask &= frame["status"].isin(list(self.statuses))
        if self.criteria_sets:
            mask &= frame["criteria_set"].isin(list(self.criteria_sets))
        return frame[mask.to_numpy()]

    def to_query(self) -> dict[str, str | list[str]]:
        """The filter as the page's address parameters; what is left at its default is left out."""
        query: dict[str, str | list[str]] = {}
        if self.year_from is not None:
            query["fran"] = str(self.year_from)
        if self.year_to is not None:
            query["till"] = str(self.year_to)
        if self.committees:
            query["namnd"] = list(self.committees)
        if tuple(self.statuses) != DEFAULT_STATUSES:
            slugs = {status.value: slug for slug, status in STATUS_SLUG.items()}
            query["status"] = [slugs[s] for s in self.statuses] or ["alla"]
        if self.criteria_sets:
            query["kriterier"] = list(self.criteria_sets)
        return query

    def describe(self, set_titles: Mapping[str, str] | None = None) -> str:
        """The filter in one Swedish sentence, for the exports and the page."""
        titles = set_titles or {}
        if self.year_from is not None and self.year_to is not None:
            years = (f"åren {self.year_from}–{self.year_to}" if self.year_from != self.year_to
                     else f"år {self.year_from}")
        elif self.year_from is not None:
            years = f"år {self.year_from} och senare"
        elif self.year_to is not None:
            years = f"till och med år {self.year_to}"
        else:
            years = "alla år"
        parts = [years]
        parts.append("nämnd: " + ", ".join(self.committees) if self.committees else "alla nämnder")
        statuses = [STATUS_LABEL[CaseStatus(s)].lower() for s in self.statuses]
        parts.append("status: " + ", ".join(statuses) if statuses else "alla statusar")
        if self.criteria_sets:
            parts.append("kriterier: " + ", ".join(titles.get(s, s) for s in self.criteria_sets))
        return "Urval: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Known:
    """What the register holds, so a filter read from an address can be checked against it."""

    years: tuple[int, ...] = ()
    committees: tuple[str, ...] = ()
    criteria_sets: tuple[str, ...] = ()


def _year(value: str, name: str, problems: list[str]) -> int | None:
    text = value.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    problems.append(f"”{text}” i adressen ({name}) är inget årtal; alla år visas i stället.")
    return None


def from_query(params: Mapping[str, Sequence[str]], known: Known) -> tuple[PortfolioFilter, list[str]]:
    """The filter a shared address asks for, and a Swedish line for each part that could not be used.

    A bad part is dropped (the rest of the filter still applies); nothing is ever raised.
    """
    problems: list[str] = []

    def first(name: str) -> str:
        values = list(params.get(name, ()))
        return str(values[-1]) if values else ""

    year_from = _year(first("fran"), "fran", problems)
    year_to = _year(first("till"), "till", problems)
    if year_from is not None and year_to is not None and year_from > year_to:
        problems.append(f"Åren i adressen står i fel ordning ({year_from} till {year_to}); de har bytt plats.")
        year_from, year_to = year_to, year_from
    committees = tuple(dict.fromkeys(str(c) for c in params.get("namnd", ()) if str(c).strip()))
    unknown = [c for c in committees if c not in known.committees]
    if unknown:
        problems.append("Nämnden " + ", ".join(f"”{c}”" for c in unknown) + " finns inte i registret; "
                        "den är borttagen ur urvalet.")
        committees = tuple(c for c in committees if c in known.committees)
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    slugs = [str(s).strip() for s in params.get("status", ()) if str(s).strip()]
    if slugs == ["alla"]:
        statuses = ()
    elif slugs:
        bad = [s for s in slugs if s not in STATUS_SLUG]
        if bad:
            problems.append("Statusen " + ", ".join(f"”{s}”" for s in bad) + " finns inte; använd utkast, bedomd, "
                            "beslutad eller arkiverad.")
        chosen = [STATUS_SLUG[s].value for s in slugs if s in STATUS_SLUG]
        statuses = tuple(dict.fromkeys(chosen)) if chosen else DEFAULT_STATUSES
    sets = tuple(dict.fromkeys(str(s) for s in params.get("kriterier", ()) if str(s).strip()))
    unknown_sets = [s for s in sets if s not in known.criteria_sets]
    if unknown_sets:
        problems.append("Kriterieuppsättningen " + ", ".join(f"”{s}”" for s in unknown_sets) + " finns inte; "
                        "den är borttagen ur urvalet.")
        sets = tuple(s for s in sets if s in known.criteria_sets)
    return PortfolioFilter(year_from, year_to, committees, statuses, sets), problems
