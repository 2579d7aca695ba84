"""What the tjänsteskrivelse says where the official has not written it yet.

The official edits Förslag till beslut, Sammanfattning and the free sections
in the app (``Case.memo``); an empty text means the one made here is used. The
app prefills its editors from these same functions, so what the official sees
before editing is exactly what the document would print.

Also here: the agreement's period and the totals over it for both parties
(Ekonomiska konsekvenser), and whether the target group includes children
(then a barnrättsbedömning is asked for; Barnkonventionen is Swedish law since
2020, lag (2018:1197)).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import textwrap
from dataclasses import dataclass

from iop.model.assessment_record import Assessment
from iop.model.case import Case, Contribution
from iop.words.kronor import format_hours, format_kronor
from iop.words.swedish import FORM, LEGAL_FORM, RECOMMENDATION
from iop.words.voice import OFFICIAL

SUMMARY_MAX_LINES = 5
LINE_WIDTH = 90
"""Characters on one line of the tjänsteskrivelse (A4, 11 pt): what "five lines" is measured in."""

MISSING_ORGANISATION = "[organisationens namn]"
MISSING_PERIOD = "[ange period]"
MISSING_AMOUNT = "[belopp]"
"""Markers for what the official must fill in before the proposal can be filed."""

CHILD_RIGHTS_SOURCE = ("FN:s konvention om barnets rättigheter, artikel 3 och 12, som gäller som svensk lag "
                       "sedan 2020 (lag (2018:1197))")


def enumerate_words(parts: list[str]) -> str:
    """"a", "a och b", "a, b och c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1] if parts else ""


def lines(text: str) -> list[str]:
    """The non-empty lines of a text the official typed, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def printed_lines(text: str, width: int = LINE_WIDTH) -> int:
    """How many lines ``text`` takes in the document, each paragraph wrapped at ``width`` characters."""
    return sum(len(textwrap.wrap(paragraph, width)) or 1 for paragraph in lines(text))


def decision_maker(case: Case) -> str:
    """Who decides, as the decision sentence opens: the beslutsinstans, else "Nämnden"."""
    return case.registration.decision_body.strip() or "Nämnden"


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    months: int | None

    @property
    def end(self) -> dt.date | None:
        """The last day: the day before the start plus ``months`` (2026-08-01 and 48 months: 2030-07-31)."""
        if self.start is None or self.months is None:
            return None
        index = self.start.month - 1 + self.months
        year, month = self.start.year + index // 12, index % 12 + 1
        day = min(self.start.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day) - dt.timedelta(days=1)

    @property
    def years(self) -> float | None:
        return None if self.months is None else self.months / 12

    def text(self) -> str:
        """The period as a decision sentence names it, or the marker that it is missing."""
        if self.start is not None and self.end is not None:
            return f"{self.start.isoformat()}–{self.end.isoformat()}"
        if self.months is not None:
            return f"om {duration_words(self.months)}"
        if self.start is not None:
            return f"från och med {self.start.isoformat()}"
        return MISSING_PERIOD


def period(case: Case) -> Period:
    return Period(case.activity.start, case.activity.planned_duration_months)


def duration_words(months: int) -> str:
    """48 months as "4 år", 18 as "18 månader"."""
    if months % 12 == 0:
        return f"{months // 12} år"
    return f"{months} månader" if months != 1 else "1 månad"


def _quoted(title: str) -> str:
    return f"”{title.strip()}”"


def _per_year(money: int | None) -> str:
    return f"{format_kronor(money)} per år" if money is not None else f"{MISSING_AMOUNT} kr per år"


_GRANT_FORM = {"normerat_foreningsbidrag": "normerat föreningsbidrag", "verksamhetsbidrag": "verksamhetsbidrag",
               "projektbidrag": "projektbidrag"}
_ROUTE = {
    "lou": " enligt lagen (2016:1145) om offentlig upphandling",
    "lov": " i ett valfrihetssystem enligt lagen (2008:962) om valfrihetssystem",
    "reserved": " som en upphandling reserverad för idéburna organisationer (19 kap. 25 a § LOU)",
}


def generated_proposal(a: Assessment, case: Case) -> list[str]:
    """The decision sentences the recommendation gives, one per line, the decision first (Språkrådet).

    What the case does not say (organisation, period, amount) is a marker in
    square brackets for the official to fill in, never a guess.
    """
    who = decision_maker(case)
    org = case.organisation.name.strip() or MISSING_ORGANISATION
    activity = _quoted(case.title)
    when = period(case).text()
    per_year = _per_year(case.public_party.contribution.money_sek_per_year)
    if a.recommendation == "iop":
        return [f"{who} beslutar att ingå ett idéburet offentligt partnerskap med {org} om verksamheten "
                f"{activity} för perioden {when} med {per_year}."]
    if a.recommendation == "grant":
        form = _GRANT_FORM.get(a.form or "", "bidrag")
        return [f"{who} beslutar att bevilja {org} {form} till verksamheten {activity} för perioden {when} "
                f"med {per_year}."]
    if a.recommendation == "procurement":
        return [f"{who} beslutar att inte ingå ett idéburet offentligt partnerskap om verksamheten {activity} "
                "och att inte lämna bidrag till den.",
                f"{who} uppdrar åt förvaltningen att upphandla tjänsten{_ROUTE.get(a.form or '', '')}."]
    decisive = sum(q.decisive for q in a.open_questions)
    open_part = (f"{decisive} obesvarade frågor avgör utfallet" if decisive
                 else "de obesvarade frågorna avgör utfallet tillsammans")
    return [f"[Förslag till beslut kan lämnas när bedömningen är klar: {open_part}. Se Bedömning.]"]


def proposal(a: Assessment, case: Case) -> list[str]:
    """The decision sentences the document prints: the official's, else the generated ones."""
    return lines(case.memo.proposal) or generated_proposal(a, case)


_VERDICT = {
    "iop": "Förvaltningen föreslår att nämnden ingår ett idéburet offentligt partnerskap (IOP).",
    "procurement": "Förvaltningen bedömer att verksamheten är ett köp av en tjänst som ska upphandlas.",
}


def _verdict(a: Assessment) -> str:
    if a.recommendation == "grant":
        # Named as the headline, the spectrum picture and the Bedömning name it (iop.words.voice.Voice.verdict_name).
        return (f"Förvaltningen föreslår att verksamheten stöds med {RECOMMENDATION['grant']} "
                f"({OFFICIAL.grant_form_phrase(a.form)}).")
    if a.recommendation == "undecided":
        decisive = sum(q.decisive for q in a.open_questions)
        return ("Bedömningen är inte klar: "
                + (f"{decisive} obesvarade frågor avgör" if decisive else "de obesvarade frågorna avgör")
                + " om det blir bidrag, IOP eller upphandling.")
    return _VERDICT[a.recommendation]


def _money_sentence(case: Case) -> str:
    public, org = case.public_party.contribution, case.organisation.contribution
    if public.money_sek_per_year is None:
        return ""
    span = period(case)
    sentence = f"Kommunen bidrar med {format_kronor(public.money_sek_per_year)} per år"
    if span.months is not None:
        sentence += (f", {format_kronor(total(public.money_sek_per_year, span.months))} under "
                     f"{duration_words(span.months)}")
    if org.money_sek_per_year:
        sentence += f"; organisationen med {format_kronor(org.money_sek_per_year)} per år"
    if org.volunteer_hours_per_year:
        sentence += f" och {format_hours(org.volunteer_hours_per_year)} ideellt arbete"
    return sentence + "."


def generated_summary(a: Assessment, case: Case) -> str:
    """At most five lines: what the case is, what the förvaltning proposes, what it costs.

    Clauses are dropped from the end of the first sentence until it fits, so a
    long title or organisation name never makes the summary overflow.
    """
    org = case.organisation.name.strip()
    whose = f" från {org}" if org else ""
    openings = [
        f"Ärendet gäller verksamheten {_quoted(case.title)}{whose} och om den ska stödjas med bidrag, "
        "upphandlas eller ingås som idéburet offentligt partnerskap (IOP).",
        f"Ärendet gäller verksamheten {_quoted(case.title)}{whose}.",
        f"Ärendet gäller {_quoted(case.title)}.",
    ]
    rest = [s for s in (_verdict(a), _money_sentence(case)) if s]
    for opening in openings:
        text = " ".join([opening, *rest])
        if printed_lines(text) <= SUMMARY_MAX_LINES:
            return text
    return textwrap.shorten(" ".join([openings[-1], *rest]), SUMMARY_MAX_LINES * LINE_WIDTH, placeholder=" …")


def summary(a: Assessment, case: Case) -> str:
    return case.memo.summary.strip() or generated_summary(a, case)


def total(per_year: int, months: int) -> int:
    """What ``per_year`` comes to over ``months`` (300 000 kr a year for 36 months: 900 000 kr)."""
    return round(per_year * months / 12)


@dataclass(frozen=True)
class PartyTotals:
    """One party's contribution per year and over the agreement's period."""

    money_per_year: int | None
    money_total: int | None
    hours_per_year: int | None
    hours_total: int | None
    in_kind: list[tuple[str, str]]
    """(kind, what) for premises, staff, material and other, as given."""


def party_totals(contribution: Contribution, months: int | None) -> PartyTotals:
    def over(value: int | None) -> int | None:
        return None if value is None or months is None else total(value, months)

    kinds = (("Lokaler", contribution.premises), ("Personal", contribution.staff),
             ("Material", contribution.material), ("Annat", contribution.other))
    return PartyTotals(contribution.money_sek_per_year, over(contribution.money_sek_per_year),
                       contribution.volunteer_hours_per_year, over(contribution.volunteer_hours_per_year),
                       [(kind, what.strip()) for kind, what in kinds if what.strip()])


_CHILD_WORDS = re.compile(
    r"\b(?:barn\w*|\w*barn\b|ungdom\w*|ungar|unga(?!\s+vuxna)|elev\w*|tonåring\w*|förskol\w*|minderårig\w*|"
    r"flickor|pojkar|tjejer|killar|fritidsgård\w*|lågstadie\w*|mellanstadie\w*|högstadie\w*|skolung\w*)",
    re.IGNORECASE)
_AGE_RANGE = re.compile(r"(\d{1,2})\s*(?:[–-]|till)\s*(\d{1,2})\s*år", re.IGNORECASE)
_UNDER_18 = re.compile(r"under\s+18", re.IGNORECASE)


def involves_children(case: Case) -> bool:
    """Whether the target group or description names children or young people under 18.

    Words (barn, unga, elever, tonåringar, fritidsgård …; "unga vuxna" is not
    children) or an age range starting below 18 ("13–20 år").
    """
    text = f"{case.activity.target_group}\n{case.activity.description}"
    if _CHILD_WORDS.search(text) or _UNDER_18.search(text):
        return True
    return any(int(low) < 18 for low, _ in _AGE_RANGE.findall(text))


def legal_form_words(case: Case) -> str:
    form = case.organisation.legal_form
    return LEGAL_FORM[form].lower() if form else ""


def form_words(form: str | None) -> str:
    return FORM.get(form or "", "")


def kept_text(typed: str, generated: str) -> str:
    """What the case keeps of an editor prefilled with the generated text: nothing while it is unchanged, so
    the document follows the recommendation until the official writes their own."""
    return "" if typed.strip() == generated.strip() else typed.strip()


def has_placeholders(proposal: str) -> bool:
    """Whether the proposal still holds something within [hakparentes] to fill in before it is filed."""
    return "[" in proposal


def memo_fields(typed: dict[str, str], proposal_default: str, summary_default: str) -> dict[str, object]:
    """The memo's fields from what the editors hold: generated texts left as they were are not kept, the
    lists are one item per non-empty line, every text stripped."""
    fields: dict[str, object] = {key: value.strip() for key, value in typed.items()}
    fields["proposal"] = kept_text(typed["proposal"], proposal_default)
    fields["summary"] = kept_text(typed["summary"], summary_default)
    for key in ("attachments", "recipients"):
        fields[key] = lines(typed[key])
    return fields


@dataclass(frozen=True)
class DocumentName:
    """The main document as the Export page names it, and its file names' stem."""

    words: str
    stem: str


def document_name(organisation: bool) -> DocumentName:
    """An organisation downloads its summary, an official the tjänsteskrivelse."""
    return DocumentName("sammanfattningen", "sammanfattning") if organisation \
        else DocumentName("tjänsteskrivelsen", "tjansteskrivelse")
