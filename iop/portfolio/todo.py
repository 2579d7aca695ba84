"""Att göra: what an agreement needs now, and how much de minimis room each organisation has left.

For each decided case with a recorded agreement, on a given Stockholm day:

* **avstämning** is due ``follow_up_months`` after the last follow-up (or the start), and
  shown from ``SOON_DAYS`` before; after the end date nothing more is due;
* **uppsägning**: the last day to give notice is ``notice_months`` before the end date,
  shown from ``NOTICE_LEAD_DAYS`` before it until the end date;
* **utvärdering före förnyelse** is due ``evaluation_months_before_end`` before the end
  date, shown from ``NOTICE_LEAD_DAYS`` before until an evaluation is recorded;
* **omprövning**: the latest follow-up that recorded changed facts gave another
  recommendation than the stored assessment, and no successor case exists yet.

De minimis aid is counted per organisation over a rolling three years across all its
cases in the register (archived ones too: aid once granted stays granted), the same way
gate 3 counts one case (``iop.rules.state_aid``): kronor per year times the months of the
agreement or the planned duration, at most 36, unknown counted as 36.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from iop.portfolio.dates import add_months, days_word, swedish_date, years_before
from iop.portfolio.figures import DE_MINIMIS_GATES, NOT_GIVEN
from iop.portfolio.reassess import verdict_short
from iop.records.agreement import Reassessment, Schedule
from iop.rules.parameters import Parameter
from iop.rules.state_aid import PERIOD_MONTHS
from iop.words.swedish import swedish_number

SOON_DAYS = 30
NOTICE_LEAD_DAYS = 90
NEAR_CEILING = 0.1
"""An organisation is named in Att göra when less than this share of its de minimis ceiling is left."""


TodoKind = Literal["follow_up", "notice", "evaluation", "reassess", "de_minimis"]
TODO_LABEL: dict[TodoKind, str] = {
    "follow_up": "Avstämning",
    "notice": "Uppsägning",
    "evaluation": "Utvärdering före förnyelse",
    "reassess": "Ompröva bedömningen",
    "de_minimis": "De minimis",
}


@dataclass(frozen=True, slots=True)
class AgreementState:
    """One decided case's agreement and what has happened since."""

    case_id: str
    schedule: Schedule
    last_follow_up: dt.date | None = None
    last_evaluation: dt.date | None = None
    reassessment: Reassessment | None = None
    """The latest follow-up's re-assessment, when one recorded changed facts."""
    has_successor: bool = False


@dataclass(frozen=True, slots=True)
class TodoItem:
    case_id: str
    kind: TodoKind
    due: dt.date | None
    overdue: bool
    text: str

    @property
    def state(self) -> str:
        return "Försenad" if self.overdue else "Snart"


def _when(due: dt.date, today: dt.date) -> str:
    if due < today:
        return f"{swedish_date(due)}, {days_word((today - due).days)} sedan"
    if due == today:
        return f"{swedish_date(due)} (i dag)"
    return f"{swedish_date(due)}, om {days_word((due - today).days)}"


def next_follow_up(state: AgreementState) -> dt.date | None:
    """When the next avstämning is due, or None when the agreement has no schedule or it has ended."""
    agreement = state.schedule
    if agreement.follow_up_months is None:
        return None
    due = add_months(state.last_follow_up or agreement.start, agreement.follow_up_months)
    if agreement.end is not None and due > agreement.end:
        return None
    return due


def notice_deadline(agreement: Schedule) -> dt.date | None:
    if agreement.end is None or agreement.notice_months is None:
        return None
    return add_months(agreement.end, -agreement.notice_months)


def evaluation_due(agreement: Schedule) -> dt.date | None:
    if agreement.end is None or agreement.evaluation_months_before_end is None:
        return None
    return add_months(agreement.end, -agreement.evaluation_months_before_end)


def todo_for(state: AgreementState, today: dt.date) -> list[TodoItem]:
    """What is due or overdue for one agreement on ``today`` (Stockholm), earliest first."""
    items: list[TodoItem] = []
    agreement = state.schedule
    ended = agreement.end is not None and agreement.end < today
    due = next_follow_up(state)
    if due is not None and not ended and due <= today + dt.timedelta(days=SOON_DAYS):
        items.append(TodoItem(state.case_id, "follow_up", due, due < today,
                              f"Avstämning {_when(due, today)}"
                              + (f" (senaste uppföljning {swedish_date(state.last_follow_up)})"
                                 if state.last_follow_up else " (ingen uppföljning registrerad ännu)")))
    deadline = notice_deadline(agreement)
    if (deadline is not None and agreement.end is not None and not ended
            and today >= deadline - dt.timedelta(days=NOTICE_LEAD_DAYS) and not state.has_successor):
        items.append(TodoItem(
            state.case_id, "notice", deadline, deadline < today,
            (f"Sista dag att säga upp överenskommelsen var {_when(deadline, today)}; den löper ut "
             if deadline < today else f"Sista dag att säga upp överenskommelsen: {_when(deadline, today)}. ")
            + (f"{swedish_date(agreement.end)}." if deadline < today else
               f"Uppsägningstid {agreement.notice_months} mån. före slutdatumet {swedish_date(agreement.end)}.")))
    evaluation = evaluation_due(agreement)
    evaluated = state.last_evaluation is not None
    if (evaluation is not None and not evaluated and not ended
            and today >= evaluation - dt.timedelta(days=NOTICE_LEAD_DAYS)):
        items.append(TodoItem(state.case_id, "evaluation", evaluation, evaluation < today,
                              f"Utvärdera före förnyelse: {_when(evaluation, today)} "
                              f"({agreement.evaluation_months_before_end} mån. före slutdatumet "
                              f"{swedish_date(agreement.end)})."))
    again = state.reassessment
    if again is not None and again.changed and not state.has_successor:
        items.append(TodoItem(
            state.case_id, "reassess", None, True,
            "Uppgifterna har ändrats sedan bedömningen: rekommendationen blir nu "
            f"{verdict_short(again.after, again.after_form)} (var {verdict_short(again.before, again.before_form)}). "
            "Ompröva ärendet: kopiera det som ett nytt ärende "
            "och koppla det som efterföljare."))
    return sorted(items, key=lambda item: (item.due or today, item.kind))


def todo_list(states: Iterable[AgreementState], today: dt.date) -> list[TodoItem]:
    return sorted((item for state in states for item in todo_for(state, today)),
                  key=lambda item: (item.due or today, item.case_id, item.kind))


# ----- de minimis ---------------------------------------------------------------------------

DE_MINIMIS_COLUMNS = ["org_key", "organisation", "org_number", "cases", "general_eur", "sgei_eur",
                      "missing", "ceiling_general_eur", "ceiling_sgei_eur", "headroom_general_eur",
                      "headroom_sgei_eur", "frees_next"]


def _rate(parameters: Mapping[str, Parameter], day: dt.date) -> float:
    param = parameters["sek_per_eur"]
    value = param.at(day)
    if value is not None and value.value:
        return float(value.value)
    return max((v.value for v in param.values.values() if v.value), default=11.0)


def _ceiling(parameters: Mapping[str, Parameter], name: str, day: dt.date) -> float | None:
    value = parameters[name].at(day)
    return float(value.value) if value is not None and value.value is not None else None


AID_COLUMNS = ["org_key", "organisation", "org_number", "state_aid", "municipality_sek", "aid_months",
               "sek_per_eur", "decision_date"]
"""What de minimis reads of each case with aid (the store selects exactly these, in this order)."""


def aid_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The rolling three years: aid decided after the first day and up to ``today`` counts."""
    return years_before(today, 3), today


def de_minimis(frame: pd.DataFrame, today: dt.date, parameters: Mapping[str, Parameter]) -> pd.DataFrame:
    """Per organisation: de minimis aid granted in the three years up to ``today``, the ceilings, what is left.

    ``frame`` is the whole typed register (every committee, archived cases too); the cases with
    de minimis aid in the window are counted by :func:`de_minimis_table`.
    """
    start, end = aid_window(today)
    dates = frame["decision_date"]
    aid = frame[(frame["de_minimis_aid"] & (dates > pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
                 & (frame["org_key"] != "")).to_numpy(dtype=bool)]
    rows = [(*values[:-1], values[-1].date()) for values in aid[AID_COLUMNS].itertuples(index=False, name=None)]
    return de_minimis_table(rows, today, parameters)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


@dataclass
class _Aid:
    """One organisation's de minimis aid in the window, as it is added up."""

    oldest: dt.date
    latest: tuple[dt.date, str]
    name: str = ""
    number: str = ""
    cases: int = 0
    general: float = 0.0
    sgei: float = 0.0
    missing: int = 0


def de_minimis_table(rows: Iterable[tuple[Any, ...]], today: dt.date,
                     parameters: Mapping[str, Parameter]) -> pd.DataFrame:
    """The de minimis table from the cases with aid in the window (``AID_COLUMNS``, a tuple each).

    Amounts are in euro at the case's own exchange rate, else the dated rate on the decision day:
    kronor per year times the months of the period or the planned duration, at most 36, unknown
    counted as 36; an unknown amount is counted in ``missing``. The organisation's name is the one
    of its latest decision; ``frees_next`` is the day the oldest aid in the window leaves it.
    Organisations closest to (or over) the ceiling come first.
    """
    per_org: dict[str, _Aid] = {}
    rates: dict[dt.date, float] = {}
    for key, organisation, number, state_aid, amount, months, rate, day in rows:
        kept = per_org.setdefault(str(key), _Aid(oldest=day, latest=(day, "")))
        if (day, str(organisation)) >= kept.latest:
            kept.latest = (day, str(organisation))
            kept.name, kept.number = str(organisation) or NOT_GIVEN, str(number)
        kept.cases += 1
        kept.oldest = min(kept.oldest, day)
        if _missing(amount):
            kept.missing += 1
            continue
        span = PERIOD_MONTHS if _missing(months) else min(int(months), PERIOD_MONTHS)
        if _missing(rate):
            if day not in rates:
                rates[day] = _rate(parameters, day)
            per_eur = rates[day]
        else:
            per_eur = float(rate)
        euros = float(amount) * span / 12 / per_eur
        if DE_MINIMIS_GATES[str(state_aid)] == "general":
            kept.general += euros
        else:
            kept.sgei += euros
    if not per_org:
        return pd.DataFrame(columns=DE_MINIMIS_COLUMNS)
    general = _ceiling(parameters, "de_minimis_general", today)
    sgei = _ceiling(parameters, "de_minimis_sgei", today)
    def headroom(key: str) -> tuple[bool, float, str]:
        left = general - per_org[key].general if general is not None else None
        return left is None, round(left) if left is not None else 0.0, key

    keys = sorted(per_org, key=headroom)
    found = [per_org[key] for key in keys]
    nothing = float("nan")
    columns: dict[str, Any] = {
        "org_key": keys, "organisation": [k.name for k in found], "org_number": [k.number for k in found],
        "cases": [k.cases for k in found], "general_eur": [float(round(k.general)) for k in found],
        "sgei_eur": [float(round(k.sgei)) for k in found], "missing": [k.missing for k in found],
        "ceiling_general_eur": [general] * len(found), "ceiling_sgei_eur": [sgei] * len(found),
        "headroom_general_eur": [float(round(general - k.general)) if general is not None else nothing
                                 for k in found],
        "headroom_sgei_eur": [float(round(sgei - k.general - k.sgei)) if sgei is not None else nothing
                              for k in found],
        "frees_next": [add_months(k.oldest, 36) for k in found],
    }
    return pd.DataFrame({name: pd.Series(values, dtype=_DTYPES.get(name, object))
                         for name, values in columns.items()})


_DTYPES = {"cases": "int64", "missing": "int64", "general_eur": "float64", "sgei_eur": "float64",
           "headroom_general_eur": "float64", "headroom_sgei_eur": "float64"}


def _number(value: object) -> float | None:
    """A figure from a table row as a float; None for a missing one (None, NaN, pandas' NA)."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return float(value)  # type: ignore[arg-type]


def euro(value: float) -> str:
    return f"{swedish_number(round(value))} euro"


def _ceiling_checks(row: Mapping[str, Any]) -> list[tuple[float, float, float, str]]:
    """(aid used, ceiling, what is left, what aid) for each ceiling an organisation is near or over."""
    general, sgei = float(row["general_eur"]), float(row["sgei_eur"])
    checks = []
    if general > 0:
        checks.append((general, _number(row["ceiling_general_eur"]), _number(row["headroom_general_eur"]),
                       "stöd av mindre betydelse"))
    if sgei > 0:
        checks.append((general + sgei, _number(row["ceiling_sgei_eur"]), _number(row["headroom_sgei_eur"]),
                       "stöd av mindre betydelse för tjänster av allmänt ekonomiskt intresse (SGEI)"))
    return [(used, ceiling, left, what) for used, ceiling, left, what in checks
            if ceiling is not None and left is not None and left < NEAR_CEILING * ceiling]


def _records(table: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The rows of a small table as dictionaries (cheaper than ``DataFrame.to_dict``, which checks every value)."""
    columns = [str(c) for c in table.columns]
    for values in zip(*(table[c].tolist() for c in columns), strict=True):
        yield dict(zip(columns, values, strict=True))


def near_ceiling(table: pd.DataFrame) -> set[str]:
    """The organisations (keys) that ``de_minimis_items`` names: near or over a ceiling."""
    return {str(row["org_key"]) for row in _records(table) if _ceiling_checks(row)}


def de_minimis_items(table: pd.DataFrame, cases_by_org: Mapping[str, str]) -> list[TodoItem]:
    """An Att göra line for each organisation near or over a ceiling; ``cases_by_org`` names a case to open.

    General de minimis aid is held against its own ceiling; SGEI de minimis aid, together with
    any general de minimis aid, against the SGEI ceiling.
    """
    items = []
    for row in _records(table):
        frees: dt.date = row["frees_next"]
        for used, ceiling, left, what in _ceiling_checks(row):
            where = "över taket" if left < 0 else "kvar till taket"
            items.append(TodoItem(
                cases_by_org.get(str(row["org_key"]), ""), "de_minimis", frees, left < 0,
                f"{row['organisation']} har fått {euro(used)} i {what} de senaste tre åren; "
                f"{euro(abs(left))} {where} {euro(ceiling)}. Det äldsta stödet räknas bort "
                f"{swedish_date(frees)}."))
    return items
